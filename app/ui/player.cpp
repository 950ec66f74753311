#include "app/ui/player.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

namespace formviz::app::ui {
namespace {

// The timeline: a rounded bar, the active loop range shaded, marker ticks with their
// names, the form cues' ranges as thin bars under it (the current cue's in the accent colour),
// and the playhead. Clicking or dragging anywhere on it seeks.
std::optional<float> timeline(const anim::Playback& playback, std::span<const anim::Marker> markers,
                              std::span<const CueSpan> cues) {
  const float length = std::max(playback.clipEnd - playback.clipStart, 1e-6f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetFrameHeight() * 1.6f;
  ImGui::InvisibleButton("##timeline", ImVec2(std::max(width, 10.0f), height));
  std::optional<float> seek;
  if (ImGui::IsItemActive()) {
    const float t = std::clamp((ImGui::GetIO().MousePos.x - origin.x) / width, 0.0f, 1.0f);
    seek = playback.clipStart + t * length;
  }
  auto xOf = [&](float time) { return origin.x + (time - playback.clipStart) / length * width; };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float barTop = origin.y + height * 0.45f, barBottom = origin.y + height * 0.85f;
  draw->AddRectFilled(ImVec2(origin.x, barTop), ImVec2(origin.x + width, barBottom),
                      ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);
  if (playback.loopStart > playback.clipStart || playback.loopEnd < playback.clipEnd)
    draw->AddRectFilled(ImVec2(xOf(playback.loopStart), barTop), ImVec2(xOf(playback.loopEnd), barBottom),
                        ImGui::GetColorU32(ImGuiCol_Header), 4.0f);
  draw->AddRectFilled(ImVec2(origin.x, barTop), ImVec2(xOf(playback.time), barBottom),
                      ImGui::GetColorU32(ImGuiCol_SliderGrab, 0.55f), 4.0f);
  for (const anim::Marker& marker : markers) {
    const float x = xOf(marker.time);
    draw->AddLine(ImVec2(x, barTop - 3.0f), ImVec2(x, barBottom), ImGui::GetColorU32(ImGuiCol_Text, 0.6f), 1.5f);
    draw->AddText(ImVec2(x + 3.0f, origin.y), ImGui::GetColorU32(ImGuiCol_Text, 0.7f), marker.name.c_str());
  }
  for (const CueSpan& cue : cues) {
    const ImU32 color = cue.current ? ImGui::GetColorU32(ImVec4(0.85f, 0.33f, 0.10f, 1.0f))
                                    : ImGui::GetColorU32(ImGuiCol_Text, 0.35f);
    draw->AddRectFilled(ImVec2(xOf(cue.start) + 1.0f, barBottom + 3.0f), ImVec2(xOf(cue.end) - 1.0f, barBottom + 6.0f),
                        color, 1.5f);
  }
  const float head = xOf(playback.time);
  draw->AddCircleFilled(ImVec2(head, (barTop + barBottom) * 0.5f), (barBottom - barTop) * 0.75f,
                        ImGui::GetColorU32(ImGuiCol_SliderGrabActive));
  return seek;
}

}  // namespace

PlayerActions drawPlayer(const anim::Playback* playback, const std::string& clipName,
                         std::span<const anim::Marker> markers, std::span<const CueSpan> cues) {
  PlayerActions actions;
  ImGui::TextUnformatted("Player");
  if (playback) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", clipName.c_str());
  }
  ImGui::Separator();
  ImGui::Spacing();
  if (!playback) {
    ImGui::TextDisabled("No animation loaded. Pick an exercise, or start with --clip FILE.");
    return actions;
  }

  if (ImGui::Button(playback->playing ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4.5f, 0)))
    actions.togglePlay = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button("<")) actions.stepFrames = -1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One frame back (,)");
  ImGui::SameLine();
  if (ImGui::Button(">")) actions.stepFrames = 1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One frame forward (.)");
  ImGui::SameLine();
  float speed = playback->speed;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (ImGui::SliderFloat("##speed", &speed, anim::kMinSpeed, anim::kMaxSpeed, "speed %.2fx")) actions.speed = speed;
  ImGui::SameLine();
  for (const float preset : {0.25f, 0.5f, 1.0f}) {
    char label[16];
    std::snprintf(label, sizeof(label), "%gx", double(preset));
    if (ImGui::SmallButton(label)) actions.speed = preset;
    ImGui::SameLine();
  }
  bool looping = playback->looping;
  if (ImGui::Checkbox("Loop", &looping)) actions.looping = looping;
  ImGui::SameLine();
  bool pingPong = playback->pingPong;
  if (ImGui::Checkbox("Ping-pong", &pingPong)) actions.pingPong = pingPong;

  if (markers.size() >= 2) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    const bool narrowed = playback->loopStart > playback->clipStart || playback->loopEnd < playback->clipEnd;
    std::string current = "Whole clip";
    for (std::size_t i = 0; i + 1 < markers.size(); ++i)
      if (narrowed && markers[i].time == playback->loopStart && markers[i + 1].time == playback->loopEnd)
        current = markers[i].name + " - " + markers[i + 1].name;
    if (ImGui::BeginCombo("##phase", current.c_str())) {
      if (ImGui::Selectable("Whole clip", !narrowed)) actions.clearLoopRange = true;
      for (std::size_t i = 0; i + 1 < markers.size(); ++i) {
        const std::string label = markers[i].name + " - " + markers[i + 1].name;
        if (ImGui::Selectable(label.c_str(), label == current))
          actions.loopRange = std::make_pair(markers[i].time, markers[i + 1].time);
      }
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Loop one phase of the movement");
  }

  ImGui::SameLine();
  ImGui::Text("  %.2f / %.2f s", double(playback->time - playback->clipStart),
              double(playback->clipEnd - playback->clipStart));
  actions.seek = timeline(*playback, markers, cues);
  if (ImGui::IsItemHovered() && !cues.empty()) ImGui::SetTooltip("Thin bars: the form cues' moments (Left/Right to step through them)");
  return actions;
}

void apply(const PlayerActions& actions, anim::Playback& playback) {
  if (actions.togglePlay) playback.togglePlay();
  if (actions.stepFrames != 0) playback.stepFrame(actions.stepFrames);
  if (actions.speed) playback.setSpeed(*actions.speed);
  if (actions.looping) playback.looping = *actions.looping;
  if (actions.pingPong) playback.setPingPong(*actions.pingPong);
  if (actions.clearLoopRange) playback.clearLoopRange();
  if (actions.loopRange) playback.setLoopRange(actions.loopRange->first, actions.loopRange->second);
  if (actions.seek) playback.seek(*actions.seek);
}

}  // namespace formviz::app::ui
