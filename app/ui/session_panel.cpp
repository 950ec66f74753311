// [SECTION] Index
//   Header      name, file, undo/redo, duration against the guidance
//   Items       the list (drag to reorder, drop from the library) and the selected item's fields
//   Guidance    findings and the coverage toggle
#include "app/ui/session_panel.h"

#include "app/domain/tempo.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace formviz::app::ui {
namespace {

const ImVec4 kMuted(0.42f, 0.44f, 0.48f, 1.0f);
const ImVec4 kWarning(0.80f, 0.42f, 0.05f, 1.0f);
const ImVec4 kGood(0.16f, 0.55f, 0.30f, 1.0f);
constexpr const char* kItemPayload = "FV_SESSION_ITEM";

std::string prescription(const domain::SessionItem& item) {
  std::string text = item.holdSeconds > 0 ? fmt::format("{} x {} s", item.sets, item.holdSeconds)
                                          : fmt::format("{} x {}", item.sets, item.reps);
  if (!item.tempo.empty()) text += fmt::format(" @ {}", item.tempo);
  if (item.side != domain::Side::Both) text += fmt::format(" ({})", domain::sideKey(item.side));
  text += fmt::format("  -  rest {} s", item.restSeconds);
  return text;
}

// [SECTION] Header

void durationBar(const domain::DurationEstimate& estimate, int targetMinutes) {
  const float minutes = estimate.minutes();
  const domain::DurationBand band = domain::durationBand(minutes);
  ImGui::Text("Estimated %.0f min", double(minutes));
  ImGui::SameLine();
  if (estimate.items.empty())
    ImGui::TextColored(kMuted, "(aim for 30-45 min)");
  else
    ImGui::TextColored(band == domain::DurationBand::Within ? kGood : kWarning, "%s",
                     band == domain::DurationBand::Short  ? "(short: aim for 30-45 min)"
                     : band == domain::DurationBand::Long ? "(long: aim for 30-45 min)"
                                                          : "(within 30-45 min)");
  // A bar from 0 to 60 minutes: the 30-45 band shaded, the estimate filled, the target ticked.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFontSize() * 0.55f;
  const float scale = width / 60.0f;
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
  draw->AddRectFilled(ImVec2(origin.x + 30.0f * scale, origin.y), ImVec2(origin.x + 45.0f * scale, origin.y + height),
                      ImGui::GetColorU32(ImVec4(kGood.x, kGood.y, kGood.z, 0.25f)));
  draw->AddRectFilled(origin, ImVec2(origin.x + std::min(minutes, 60.0f) * scale, origin.y + height * 0.6f),
                      ImGui::GetColorU32(band == domain::DurationBand::Within ? kGood : kWarning), 3.0f);
  const float tx = origin.x + std::clamp(static_cast<float>(targetMinutes), 0.0f, 60.0f) * scale;
  draw->AddLine(ImVec2(tx, origin.y - 2.0f), ImVec2(tx, origin.y + height + 2.0f), ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
  ImGui::Dummy(ImVec2(width, height + 4.0f));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Green band: the 30-45 minutes a session should take.\nBar: this session's estimate "
                      "(work, rest between sets, a minute to set up each exercise).\nLine: your target.");
}

// [SECTION] Items

void itemFields(const domain::SessionItem& original, std::size_t index, const domain::Exercise* exercise,
                SessionPanelActions& actions) {
  domain::SessionItem item = original;
  bool changed = false;
  const float field = ImGui::GetFontSize() * 6.5f;
  ImGui::Indent();
  ImGui::SetNextItemWidth(field);
  changed |= ImGui::InputInt("Sets", &item.sets) && (item.sets = std::clamp(item.sets, 1, 10), true);
  const bool hold = item.holdSeconds > 0;
  ImGui::SetNextItemWidth(field);
  if (hold) {
    changed |= ImGui::InputInt("Hold (s)", &item.holdSeconds, 5) && (item.holdSeconds = std::clamp(item.holdSeconds, 1, 600), true);
  } else {
    changed |= ImGui::InputInt("Reps", &item.reps) && (item.reps = std::clamp(item.reps, 1, 100), true);
  }
  ImGui::SetNextItemWidth(field);
  changed |= ImGui::InputInt("Rest (s)", &item.restSeconds, 15) && (item.restSeconds = std::clamp(item.restSeconds, 0, 600), true);
  if (!hold) {
    ImGui::SetNextItemWidth(field);
    std::string tempo = item.tempo;
    ImGui::InputTextWithHint("Tempo", "3-1-1", &tempo);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Seconds lowering - pause - lifting (- pause at the top); X = explosive.\nEmpty: about 3 s a rep.");
    if (ImGui::IsItemDeactivatedAfterEdit() && tempo != item.tempo) {
      if (tempo.empty() || domain::parseTempo(tempo)) {
        item.tempo = tempo;
        changed = true;
      }
    }
    if (!item.tempo.empty() && !domain::parseTempo(item.tempo)) ImGui::TextColored(kWarning, "Tempo not understood");
  }
  if (exercise && exercise->unilateral()) {
    constexpr std::array<domain::Side, 4> sides{domain::Side::Both, domain::Side::Left, domain::Side::Right,
                                                domain::Side::Alternating};
    constexpr std::array<const char*, 4> labels{"Both sides", "Left only", "Right only", "Alternating"};
    ImGui::SetNextItemWidth(field * 1.4f);
    if (ImGui::BeginCombo("Side", labels[static_cast<std::size_t>(item.side)])) {
      for (std::size_t i = 0; i < sides.size(); ++i)
        if (ImGui::Selectable(labels[i], item.side == sides[i]) && item.side != sides[i]) {
          item.side = sides[i];
          changed = true;
        }
      ImGui::EndCombo();
    }
  }
  std::string load = item.load, note = item.note;
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3.0f);
  ImGui::InputTextWithHint("Load", "e.g. 12 kg kettlebell", &load);
  if (ImGui::IsItemDeactivatedAfterEdit() && load != item.load) {
    item.load = load;
    changed = true;
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 3.0f);
  ImGui::InputTextWithHint("Note", "e.g. slow on the way down", &note);
  if (ImGui::IsItemDeactivatedAfterEdit() && note != item.note) {
    item.note = note;
    changed = true;
  }
  ImGui::Unindent();
  if (changed && item != original) actions.edits.edit = {index, item};
}

void itemList(const SessionPanelInput& input, SessionPanelActions& actions) {
  const domain::Session& session = input.editor->session();
  for (std::size_t i = 0; i < session.items.size(); ++i) {
    const domain::SessionItem& item = session.items[i];
    const domain::Exercise* exercise = input.catalog->find(item.exerciseId);
    ImGui::PushID(static_cast<int>(i));
    const bool selected = input.selectedItem == i;
    const std::string name = exercise ? exercise->name : fmt::format("{} (unknown exercise)", item.exerciseId);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons = ImGui::CalcTextSize("Copy").x + ImGui::CalcTextSize("X").x + 4.0f * style.FramePadding.x +
                          2.0f * style.ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    if (ImGui::Selectable(fmt::format("{}. {}##item", i + 1, name).c_str(), selected, ImGuiSelectableFlags_AllowItemOverlap,
                          ImVec2(ImGui::GetContentRegionAvail().x - buttons, 0.0f)))
      actions.select = i;
    if (ImGui::IsItemHovered() && !ImGui::IsMouseDragging(ImGuiMouseButton_Left))
      ImGui::SetTooltip("%s\nDrag to reorder. Click to edit and to show it.", prescription(item).c_str());
    if (ImGui::BeginDragDropSource()) {
      ImGui::SetDragDropPayload(kItemPayload, &i, sizeof(i));
      ImGui::Text("Move %s", name.c_str());
      ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
      if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kItemPayload)) {
        std::size_t from = 0;
        std::memcpy(&from, payload->Data, sizeof(from));
        if (from != i) actions.edits.move = {from, i};
      }
      if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kExercisePayload))
        actions.edits.add = {std::string(static_cast<const char*>(payload->Data), static_cast<std::size_t>(payload->DataSize)), i};
      ImGui::EndDragDropTarget();
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttons + style.ItemSpacing.x);
    if (ImGui::SmallButton("Copy")) actions.edits.duplicate = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Duplicate this item");
    ImGui::SameLine();
    if (ImGui::SmallButton("X")) actions.edits.remove = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove from the session");
    ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
    ImGui::Indent();
    ImGui::TextUnformatted(prescription(item).c_str());
    if (!item.load.empty() || !item.note.empty())
      ImGui::TextUnformatted(fmt::format("{}{}{}", item.load, item.load.empty() || item.note.empty() ? "" : "  -  ", item.note).c_str());
    ImGui::Unindent();
    ImGui::PopStyleColor();
    if (selected && !item.unknownExercise) itemFields(item, i, exercise, actions);
    ImGui::PopID();
  }
  // Below the list: a drop zone that appends.
  const float dropHeight = ImGui::GetFrameHeight() * (session.items.empty() ? 3.5f : 1.2f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, dropHeight));
  if (session.items.empty()) {
    ImGui::GetWindowDrawList()->AddRect(origin, ImVec2(origin.x + ImGui::GetItemRectSize().x, origin.y + dropHeight),
                                        ImGui::GetColorU32(ImGuiCol_Border), 6.0f);
    const float wrap = ImGui::GetItemRectSize().x - 20.0f;
    const char* hint = "Drag exercises here from the library, pick one and press Add, or start from a template (Session menu).";
    const ImVec2 hintSize = ImGui::CalcTextSize(hint, nullptr, false, wrap);
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(origin.x + 10.0f, origin.y + (dropHeight - hintSize.y) * 0.5f),
                                        ImGui::GetColorU32(kMuted), hint, nullptr, wrap);
  }
  if (ImGui::BeginDragDropTarget()) {
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kExercisePayload))
      actions.edits.add = {std::string(static_cast<const char*>(payload->Data), static_cast<std::size_t>(payload->DataSize)), std::nullopt};
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kItemPayload)) {
      std::size_t from = 0;
      std::memcpy(&from, payload->Data, sizeof(from));
      if (!session.items.empty() && from != session.items.size() - 1) actions.edits.move = {from, session.items.size() - 1};
    }
    ImGui::EndDragDropTarget();
  }
}

// [SECTION] Guidance

void guidance(const SessionPanelInput& input, SessionPanelActions& actions) {
  const std::size_t count = input.findings ? input.findings->size() : 0;
  const std::string title = fmt::format("Guidance ({})###guidance", count);
  if (!ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  bool coverage = input.showCoverage;
  if (ImGui::Checkbox("Show coverage on the body", &coverage)) actions.toggleCoverage = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Colour each muscle by how much this session trains it");
  if (!input.findings) return;
  ImGui::PushTextWrapPos(0.0f);
  if (input.findings->empty()) ImGui::TextColored(kGood, "This session covers what runners need.");
  for (const domain::Finding& finding : *input.findings) {
    const bool warning = finding.severity == domain::Severity::Warning;
    ImGui::TextColored(warning ? kWarning : kMuted, "%s", warning ? "!" : "i");
    ImGui::SameLine();
    ImGui::TextUnformatted(finding.message.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

SessionPanelActions drawSessionPanel(const SessionPanelInput& input) {
  SessionPanelActions actions;
  const domain::SessionEditor& editor = *input.editor;
  const domain::Session& session = editor.session();

  std::string name = session.name;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 7.5f);
  ImGui::InputText("##name", &name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Session name");
  if (ImGui::IsItemDeactivatedAfterEdit() && name != session.name && !name.empty()) actions.edits.rename = name;
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.canUndo());
  if (ImGui::Button("Undo")) actions.edits.undo = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Undo (Ctrl+Z)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.canRedo());
  if (ImGui::Button("Redo")) actions.edits.redo = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Redo (Ctrl+Y)");
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::Text("%s%s", input.documentName.empty() ? "Unsaved session" : input.documentName.c_str(),
              input.unsaved ? "  -  changed" : "");
  ImGui::PopStyleColor();

  int target = session.targetMinutes;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
  if (ImGui::InputInt("Target (min)", &target, 5) && target != session.targetMinutes)
    actions.edits.targetMinutes = std::clamp(target, 5, 180);
  if (input.estimate) durationBar(*input.estimate, session.targetMinutes);

  const domain::Exercise* pick = input.catalog->find(input.selectedExercise);
  ImGui::BeginDisabled(!pick);
  if (ImGui::Button(pick ? fmt::format("Add {}", pick->name).c_str() : "Add")) actions.edits.add = {input.selectedExercise, std::nullopt};
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(pick ? "Add the exercise shown to the end of the session, with its usual dosage"
                           : "Pick an exercise in the library first (or drag one here)");
  ImGui::SameLine();
  ImGui::BeginDisabled(session.items.empty());
  if (ImGui::Button("Follow along")) actions.startFollowAlong = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Run the session: sets, reps paced to the tempo, rest timer");
  ImGui::Separator();
  // The items scroll in the upper part and the guidance in the lower, so both stay in sight
  // however long the session is.
  const float avail = ImGui::GetContentRegionAvail().y;
  const float itemsHeight = std::max(ImGui::GetFrameHeightWithSpacing() * 4.0f, avail * 0.6f);
  ImGui::BeginChild("items", ImVec2(0.0f, itemsHeight));
  itemList(input, actions);
  ImGui::EndChild();
  ImGui::BeginChild("guidance", ImVec2(0.0f, 0.0f));
  guidance(input, actions);
  ImGui::EndChild();
  return actions;
}

}  // namespace formviz::app::ui
