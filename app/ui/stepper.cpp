#include "app/ui/stepper.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace formviz::app::ui {
namespace {

const ImVec4 kAccent(0.85f, 0.33f, 0.10f, 1.0f);  // the primary highlight's vermillion
const ImVec4 kMuted(0.42f, 0.44f, 0.48f, 1.0f);

std::string exerciseName(const domain::Session& session, const domain::Catalog& catalog, std::size_t item) {
  if (item >= session.items.size()) return "";
  const domain::Exercise* exercise = catalog.find(session.items[item].exerciseId);
  return exercise ? exercise->name : session.items[item].exerciseId;
}

std::string sideText(domain::Side side) {
  switch (side) {
    case domain::Side::Left: return "left side";
    case domain::Side::Right: return "right side";
    case domain::Side::Alternating: return "alternating sides";
    case domain::Side::Both: return "";
  }
  return "";
}

std::string clockText(float seconds) {
  const int s = static_cast<int>(std::ceil(std::max(seconds, 0.0f)));
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

// A rounded card filling [min, max] in the window background colour.
void card(ImVec2 min, ImVec2 max) {
  ImGui::GetWindowDrawList()->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_WindowBg, 0.92f), 10.0f);
  ImGui::GetWindowDrawList()->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), 10.0f);
}

// Where a card of `width` (at most) goes: under the view's toolbar, over the empty space above
// the figure (the feet and knees, which most cues are about, stay in sight), centred left of
// the legend column. Returns the card's left x and its width.
std::pair<float, float> cardColumn(ImVec2 origin, ImVec2 size, float maxWidth) {
  const float em = ImGui::GetFontSize();
  const float legend = em * 15.0f;
  const float room = std::max(em * 18.0f, size.x - legend - em);
  const float width = std::min(room, maxWidth);
  return {origin.x + em * 0.5f + (room - width) * 0.5f, width};
}

// Text at `scale` times the font size.
void bigText(ImVec2 at, float scale, ImU32 color, const std::string& text, float wrap = 0.0f) {
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, color, text.c_str(), nullptr, wrap);
}

}  // namespace

CueBannerActions drawCueBanner(const domain::Exercise& exercise, std::size_t index, ImVec2 origin, ImVec2 size) {
  CueBannerActions actions;
  if (index >= exercise.cues.size()) return actions;
  const domain::Cue& cue = exercise.cues[index];
  const float em = ImGui::GetFontSize();
  const auto [left, width] = cardColumn(origin, size, em * 40.0f);
  const float textScale = 1.45f;
  const float wrap = width - 2.0f * em;
  const ImVec2 textSize = ImGui::GetFont()->CalcTextSizeA(em * textScale, wrap, wrap, cue.text.c_str());
  const float height = textSize.y + em * 4.2f;
  const ImVec2 min(left, origin.y + ImGui::GetFrameHeight() + em * 1.2f);
  const ImVec2 max(min.x + width, min.y + height);
  card(min, max);
  bigText(ImVec2(min.x + em, min.y + em * 0.6f), 1.0f, ImGui::GetColorU32(kAccent),
          fmt::format("Cue {} of {}  -  {}", index + 1, exercise.cues.size(), cue.phase));
  bigText(ImVec2(min.x + em, min.y + em * 2.0f), textScale, ImGui::GetColorU32(ImGuiCol_Text), cue.text, wrap);
  ImGui::SetCursorScreenPos(ImVec2(max.x - em * 9.0f, min.y + em * 0.35f));
  ImGui::BeginDisabled(index == 0);
  if (ImGui::SmallButton("< Prev")) actions.step = -1;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Previous cue (Left arrow)");
  ImGui::SameLine();
  ImGui::BeginDisabled(index + 1 >= exercise.cues.size());
  if (ImGui::SmallButton("Next >")) actions.step = 1;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Next cue (Right arrow)");
  return actions;
}

FollowActions drawFollowCard(const domain::FollowAlong& run, const domain::Session& session,
                             const domain::Catalog& catalog, float beat, bool sound, ImVec2 origin, ImVec2 size) {
  FollowActions actions;
  const float em = ImGui::GetFontSize();
  const auto [left, width] = cardColumn(origin, size, em * 34.0f);
  const float height = em * 8.6f;
  const ImVec2 min(left, origin.y + ImGui::GetFrameHeight() + em * 1.2f);
  const ImVec2 max(min.x + width, min.y + height);
  card(min, max);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), muted = ImGui::GetColorU32(kMuted), accent = ImGui::GetColorU32(kAccent);
  const ImVec2 at(min.x + em, min.y + em * 0.6f);

  // Row 1: what (title); row 2: counters and the beat; then the step's progress, what comes
  // next, and the buttons.
  const domain::FollowStep* step = run.current();
  const float row2 = at.y + em * 2.0f;
  if (!step) {
    bigText(at, 1.4f, text, "Session complete");
    bigText(ImVec2(at.x, row2), 1.0f, muted, "Well done. Cool down with an easy jog or a walk.");
  } else if (step->kind == domain::StepKind::Work) {
    const std::string side = sideText(run.repSide());
    bigText(at, 1.4f, text, exerciseName(session, catalog, step->item) + (side.empty() ? "" : "  -  " + side));
    const std::string counter = step->reps > 0 ? fmt::format("Set {} of {}   Rep {} of {}", step->set, step->sets, run.rep(), step->reps)
                                               : fmt::format("Set {} of {}   Hold {}", step->set, step->sets, clockText(run.remaining()));
    bigText(ImVec2(at.x, row2), 1.25f, text, counter);
    // The beat: a dot that swells on each tempo part, and the part's name.
    const ImVec2 dot(min.x + width * 0.62f, row2 + em * 0.75f);
    ImGui::GetWindowDrawList()->AddCircleFilled(dot, em * (0.4f + 0.3f * beat), accent, 24);
    bigText(ImVec2(dot.x + em * 1.1f, row2), 1.25f, accent, std::string(domain::tempoPartName(run.tempoPart())));
  } else {
    const char* title = step->kind == domain::StepKind::Rest ? "Rest"
                        : step->kind == domain::StepKind::SwitchSide ? "Switch sides"
                                                                      : "Get ready";
    bigText(at, 1.4f, text, title);
    bigText(ImVec2(at.x + em * 9.0f, at.y - em * 0.2f), 2.0f, accent, clockText(run.remaining()));
  }
  if (const domain::FollowStep* next = run.nextWork(); next && step) {
    const std::string side = sideText(next->side);
    const std::string line = fmt::format("Next: {}{} (set {})", exerciseName(session, catalog, next->item), side.empty() ? "" : ", " + side, next->set);
    bigText(ImVec2(at.x, row2 + em * 2.3f), 1.0f, muted, line);
  }
  bigText(ImVec2(max.x - em * 7.5f, min.y + em * 0.6f), 1.0f, muted, fmt::format("{} left", clockText(run.totalRemaining())));
  if (step) {
    // How far through this step: a thin bar under the card's top edge.
    const float done = std::clamp(run.elapsed() / std::max(step->seconds, 1e-3f), 0.0f, 1.0f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 barMin(min.x + em, row2 + em * 1.8f);
    draw->AddRectFilled(barMin, ImVec2(max.x - em, barMin.y + em * 0.3f), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    draw->AddRectFilled(barMin, ImVec2(barMin.x + (max.x - min.x - 2.0f * em) * done, barMin.y + em * 0.3f), accent, 2.0f);
  }

  ImGui::SetCursorScreenPos(ImVec2(min.x + em, max.y - ImGui::GetFrameHeight() - em * 0.6f));
  if (step) {
    if (ImGui::Button(run.paused() ? "Resume" : "Pause")) actions.togglePause = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
    ImGui::SameLine();
    if (ImGui::Button("Back")) actions.previous = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Restart this step, or go to the one before (Left arrow)");
    ImGui::SameLine();
    if (ImGui::Button("Skip")) actions.next = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go to the next step (Right arrow)");
    ImGui::SameLine();
  }
  if (ImGui::Button(step ? "Stop" : "Close")) actions.stop = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Leave follow-along (Esc)");
  ImGui::SameLine();
  bool soundOn = sound;
  if (ImGui::Checkbox("Sound", &soundOn)) actions.toggleSound = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A tick on each tempo beat, blips for the last seconds of a rest,\na chime when it is time to go");
  if (run.paused() && step) {
    ImGui::SameLine();
    ImGui::TextColored(kAccent, "Paused");
  }
  return actions;
}

}  // namespace formviz::app::ui
