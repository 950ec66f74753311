#include "app/exercise_overlay.h"

#include <fmt/format.h>

namespace formviz::app {
namespace {

std::vector<std::string_view> splitList(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    out.push_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

render::OverlayRequest kneeAngles() {
  return {render::OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, render::OverlayRequestSide::Left};
}
render::OverlayRequest kneeLines() {
  return {render::OverlayRequestKind::Line, {"hip", "knee", "ankle"}, render::OverlayRequestSide::Both};
}
render::OverlayRequest contacts() { return {render::OverlayRequestKind::Contacts, {}, render::OverlayRequestSide::Both}; }

}  // namespace

Status checkOverlayList(std::string_view list) {
  const std::vector<std::string_view> items = splitList(list);
  if (items.empty()) return makeError(fmt::format("--overlay: name one or more of: {}", kOverlayNames));
  for (std::string_view item : items)
    if (item != "angle" && item != "line" && item != "contacts" && item != "cue")
      return makeError(fmt::format("--overlay: unknown overlay '{}' (expected a comma-separated list of: {})", item,
                                   kOverlayNames));
  return Ok{};
}

render::OverlayRequest overlayRequest(const domain::Overlay& overlay) {
  render::OverlayRequest request;
  request.kind = overlay.kind == domain::OverlayKind::AngleArc ? render::OverlayRequestKind::Angle
                                                               : render::OverlayRequestKind::Line;
  request.joints = overlay.joints;
  request.side = overlay.side == domain::OverlaySide::Left    ? render::OverlayRequestSide::Left
                 : overlay.side == domain::OverlaySide::Right ? render::OverlayRequestSide::Right
                                                              : render::OverlayRequestSide::Both;
  return request;
}

Result<std::vector<render::OverlayRequest>> overlayRequests(std::string_view list, const domain::Cue* cue) {
  if (Status ok = checkOverlayList(list); !ok) return ok.error();
  std::vector<render::OverlayRequest> out;
  for (std::string_view item : splitList(list)) {
    if (item == "angle") out.push_back(kneeAngles());
    if (item == "line") out.push_back(kneeLines());
    if (item == "contacts") out.push_back(contacts());
    if (item == "cue") {
      if (!cue) return makeError("--overlay cue: no form cue of the exercise covers this moment (pick another --phase)");
      if (!cue->overlay)
        return makeError(fmt::format("--overlay cue: the cue at this moment (\"{}\") has no overlay", cue->text));
      out.push_back(overlayRequest(*cue->overlay));
    }
  }
  return out;
}

std::vector<render::OverlayRequest> windowOverlay(const domain::Exercise* exercise, const domain::Cue* cue) {
  std::vector<render::OverlayRequest> out;
  if (cue && cue->overlay) {
    out.push_back(overlayRequest(*cue->overlay));
  } else if (exercise) {
    for (const domain::Cue& c : exercise->cues)
      if (c.overlay && out.empty()) out.push_back(overlayRequest(*c.overlay));
  }
  if (out.empty()) out.push_back(kneeAngles());
  out.push_back(contacts());
  return out;
}

render::OverlayPrimitives buildOverlay(const form::BodyRig& rig, std::span<const glm::mat4> model,
                                       std::span<const render::OverlayRequest> requests) {
  render::OverlayPrimitives out;
  for (const render::OverlayRequest& request : requests) {
    render::OverlayBuildJob job;
    job.rig = &rig;
    job.model = model;
    job.request = &request;
    job.output = &out;
    (void)job.Run();  // a request the catalog validated cannot fail; a failing one adds nothing
  }
  return out;
}

std::vector<domain::ClipMarker> clipMarkers(const anim::Clip& clip) {
  std::vector<domain::ClipMarker> out;
  for (const anim::Marker& m : clip.markers()) out.push_back({m.name, m.time});
  return out;
}

std::vector<glm::vec4> activeColors(std::span<const render::MuscleRole> roles, const domain::Exercise& exercise,
                                    std::span<const domain::ClipMarker> markers, float duration, float time, bool mirrored,
                                    std::span<const body::MuscleGroup> pulse, float seconds) {
  const domain::RegionLevels levels = domain::activationAt(exercise.activation, markers, duration, time, mirrored);
  std::vector<glm::vec4> colors = render::highlightColors(roles, levels);
  std::vector<int> regions;
  for (body::MuscleGroup g : pulse)
    for (body::RegionSide s : {body::RegionSide::Left, body::RegionSide::Right}) regions.push_back(body::regionId(g, s));
  render::applyCuePulse(colors, regions, seconds);
  return colors;
}

}  // namespace formviz::app
