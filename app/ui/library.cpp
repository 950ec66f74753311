#include "app/ui/library.h"
#include "app/ui/session_panel.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>
#include <imgui.h>

namespace formviz::app::ui {
namespace {

// A combo over an enum's values with an "Any" entry; true when the choice changed.
template <typename T, std::size_t N>
bool filterCombo(const char* label, std::optional<T>& value, const std::array<T, N>& values,
                 std::string_view (*name)(T)) {
  bool changed = false;
  const std::string current = value ? std::string(name(*value)) : "Any";
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo(label, current.c_str())) {
    if (ImGui::Selectable("Any", !value)) {
      value.reset();
      changed = true;
    }
    for (T v : values) {
      const std::string text(name(v));
      if (ImGui::Selectable(text.c_str(), value == v)) {
        value = v;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

std::string_view muscleName(body::MuscleGroup group) {
  return body::kMuscleGroups[static_cast<std::size_t>(group)].name;
}

std::string dosageText(const domain::Dosage& d, bool unilateral) {
  const std::string work = d.holdSeconds > 0 ? fmt::format("{} s hold", d.holdSeconds) : fmt::format("{} reps", d.reps);
  std::string text = fmt::format("{} sets x {}{}, rest {} s", d.sets, work, unilateral ? " per side" : "", d.restSeconds);
  if (!d.tempo.empty()) text += fmt::format(", tempo {}", d.tempo);
  return text;
}

}  // namespace

std::optional<std::string> drawLibrary(const domain::Catalog& catalog, LibraryFilter& filter,
                                       const std::string& selectedId) {
  std::optional<std::string> picked;
  ImGui::TextUnformatted("Exercise library");
  ImGui::Separator();
  ImGui::Spacing();
  std::array<char, 64> search{};
  std::copy_n(filter.search.begin(), std::min(filter.search.size(), search.size() - 1), search.begin());
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputTextWithHint("##search", "Search exercises", search.data(), search.size()))
    filter.search = search.data();

  std::array<body::MuscleGroup, body::kMuscleGroupCount - 1> muscles{};
  for (int g = 1; g < body::kMuscleGroupCount; ++g) muscles[static_cast<std::size_t>(g - 1)] = static_cast<body::MuscleGroup>(g);
  ImGui::TextDisabled("Muscle (or click one on the body)");
  filterCombo("##muscle", filter.muscle, muscles, muscleName);
  constexpr std::array<domain::Category, 6> categories{
      domain::Category::Strength, domain::Category::Plyometric, domain::Category::CoreAntiRotation,
      domain::Category::CoreAntiExtension, domain::Category::HipStability, domain::Category::Mobility};
  ImGui::TextDisabled("Category");
  filterCombo("##category", filter.category, categories, domain::categoryName);
  constexpr std::array<domain::Equipment, 6> equipment{domain::Equipment::Bodyweight, domain::Equipment::MiniBand,
                                                       domain::Equipment::LongBandOrCable, domain::Equipment::Dumbbell,
                                                       domain::Equipment::Kettlebell, domain::Equipment::BoxOrBench};
  ImGui::TextDisabled("Equipment");
  filterCombo("##equipment", filter.equipment, equipment, domain::equipmentName);
  ImGui::Checkbox("Single-leg only", &filter.singleLegOnly);
  ImGui::Separator();

  int shown = 0;
  for (const domain::Exercise& exercise : catalog.exercises()) {
    if (!matches(exercise, filter)) continue;
    ++shown;
    ImGui::PushID(exercise.id.c_str());
    if (!exercise.hasClips) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(exercise.name.c_str(), exercise.id == selectedId)) picked = exercise.id;
    if (!exercise.hasClips) ImGui::PopStyleColor();
    if (ImGui::BeginDragDropSource()) {
      ImGui::SetDragDropPayload(kExercisePayload, exercise.id.data(), exercise.id.size());
      ImGui::Text("Add %s to the session", exercise.name.c_str());
      ImGui::EndDragDropSource();
    }
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
      ImGui::TextUnformatted(exercise.description.c_str());
      ImGui::TextDisabled("%s%s", std::string(domain::categoryName(exercise.category)).c_str(),
                          exercise.hasClips ? "" : "  -  animation not made yet");
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  if (shown == 0) ImGui::TextDisabled("No exercise matches these filters.");
  return picked;
}

ExerciseActions drawExerciseDetails(const domain::Exercise* exercise, const std::string& currentClip,
                                    std::optional<std::size_t> currentCue) {
  ExerciseActions actions;
  ImGui::TextUnformatted(exercise ? exercise->name.c_str() : "Form cues");
  ImGui::Separator();
  ImGui::Spacing();
  if (!exercise) {
    ImGui::TextDisabled("Pick an exercise in the library to see\nits form cues and common mistakes.");
    return actions;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(exercise->description.c_str());
  ImGui::TextDisabled("%s", dosageText(exercise->dosage, exercise->unilateral()).c_str());
  if (ImGui::SmallButton("Add to session")) actions.addToSession = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add to the end of the session with this dosage (or drag it from the library)");
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Form cues", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::TextDisabled("Click a cue, or step with the Left and Right arrows");
    for (std::size_t i = 0; i < exercise->cues.size(); ++i) {
      const domain::Cue& cue = exercise->cues[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      ImGui::TextDisabled("%s", cue.phase.c_str());
      ImGui::SameLine();
      ImGui::TextUnformatted(cue.text.c_str());
      ImGui::EndGroup();
      if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("Show this cue: jump to its moment, hold it, turn the camera");
      }
      if (ImGui::IsItemClicked()) actions.selectCue = i;
      if (currentCue == i) {
        // The cue the stepper shows: a soft band with an accent edge.
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddRectFilled(ImVec2(min.x - 6.0f, min.y - 2.0f), ImVec2(max.x + 2.0f, max.y + 2.0f),
                            ImGui::GetColorU32(ImGuiCol_Header, 0.35f), 4.0f);
        draw->AddRectFilled(ImVec2(min.x - 6.0f, min.y - 2.0f), ImVec2(min.x - 3.0f, max.y + 2.0f),
                            ImGui::GetColorU32(ImVec4(0.85f, 0.33f, 0.10f, 1.0f)));
      }
      ImGui::PopID();
    }
  }
  if (ImGui::CollapsingHeader("Common mistakes", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (currentClip != "correct" && ImGui::Button("Back to correct form")) actions.showClip = "correct";
    for (const domain::Mistake& mistake : exercise->mistakes) {
      ImGui::PushID(mistake.title.c_str());
      ImGui::TextUnformatted(mistake.title.c_str());
      ImGui::TextDisabled("%s", mistake.looksLike.c_str());
      ImGui::TextUnformatted(("Fix: " + mistake.fix).c_str());
      if (!mistake.clip.empty()) {
        const bool showing = currentClip == mistake.clip;
        if (ImGui::SmallButton(showing ? "Showing this mistake" : "Show this mistake") && !showing)
          actions.showClip = mistake.clip;
      }
      ImGui::Spacing();
      ImGui::PopID();
    }
  }
  ImGui::PopTextWrapPos();
  return actions;
}

}  // namespace formviz::app::ui
