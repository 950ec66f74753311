// [SECTION] The exercise library panel and the exercise details (cues, mistakes) panel.
#pragma once

#include <optional>
#include <string>

#include "app/domain/catalog.h"
#include "app/library_filter.h"

namespace formviz::app::ui {

// Draws the library; returns the id the user picked this frame.
std::optional<std::string> drawLibrary(const domain::Catalog& catalog, LibraryFilter& filter,
                                       const std::string& selectedId);

// What the details panel asks for.
struct ExerciseActions {
  std::optional<std::string> showClip;  // "correct" or a mistake clip name
  std::optional<std::size_t> selectCue; // a cue was clicked: step to it
  bool addToSession = false;
};

// The selected exercise: description, dosage, form cues and common mistakes, with buttons
// that switch between the correct clip and each mistake clip.
// `currentCue`: the cue the stepper shows, highlighted in the list.
ExerciseActions drawExerciseDetails(const domain::Exercise* exercise, const std::string& currentClip,
                                    std::optional<std::size_t> currentCue);

}  // namespace formviz::app::ui
