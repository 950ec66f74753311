#include "app/domain/gltf_clip_index.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "core/paths.h"

namespace formviz::domain {
using nlohmann::json;

std::optional<std::vector<ClipInfo>> GltfClipIndex::parse(std::string_view text, std::string* problem) {
  auto fail = [&](std::string why) -> std::optional<std::vector<ClipInfo>> {
    if (problem) *problem = std::move(why);
    return std::nullopt;
  };
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return fail(fmt::format("not valid JSON: {}", e.what()));
  }
  if (!root.is_object() || !root.contains("animations") || !root["animations"].is_array())
    return fail("has no animations");
  const json& accessors = root.contains("accessors") && root["accessors"].is_array() ? root["accessors"] : json::array();
  std::vector<ClipInfo> clips;
  for (std::size_t a = 0; a < root["animations"].size(); ++a) {
    const json& anim = root["animations"][a];
    if (!anim.is_object()) continue;
    ClipInfo clip;
    clip.name = anim.value("name", fmt::format("animation_{}", a));
    if (anim.contains("samplers") && anim["samplers"].is_array()) {
      for (const json& sampler : anim["samplers"]) {
        if (!sampler.is_object() || !sampler.contains("input") || !sampler["input"].is_number_unsigned()) continue;
        const std::size_t input = sampler["input"].get<std::size_t>();
        if (input >= accessors.size()) continue;
        const json& accessor = accessors[input];
        if (accessor.is_object() && accessor.contains("max") && accessor["max"].is_array() && !accessor["max"].empty() &&
            accessor["max"][0].is_number())
          clip.duration = std::max(clip.duration, accessor["max"][0].get<float>());
      }
    }
    if (anim.contains("extras") && anim["extras"].is_object()) {
      const json& extras = anim["extras"];
      if (extras.contains("markers") && extras["markers"].is_array())
        for (const json& m : extras["markers"])
          if (m.is_object() && m.contains("name") && m["name"].is_string() && m.contains("time") && m["time"].is_number())
            clip.markers.push_back({m["name"].get<std::string>(), m["time"].get<float>()});
    }
    std::sort(clip.markers.begin(), clip.markers.end(), [](const ClipMarker& x, const ClipMarker& y) { return x.time < y.time; });
    if (clip.duration > 0.0f) clips.push_back(std::move(clip));
  }
  if (clips.empty()) return fail("has no animation with a duration");
  return clips;
}

std::optional<std::vector<ClipInfo>> GltfClipIndex::clips(std::string_view exerciseId) const {
  const std::filesystem::path path = dir_ / fmt::format("{}.gltf", exerciseId);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  auto text = readFile(path);
  if (!text) {
    log::warn("{}", text.error().message);
    return std::nullopt;
  }
  std::string problem;
  auto clips = parse(*text, &problem);
  if (!clips) log::warn("{}: {}", path.string(), problem);
  return clips;
}

}  // namespace formviz::domain
