// [SECTION] The session builder panel: the session's items (drag to reorder, drop exercises
// from the library), the selected item's prescription, the estimated duration against the
// 30-45 minute guidance, undo/redo, templates, the guidance findings and the coverage toggle.
// Reads state, returns what the user asked for; the caller applies it to its SessionEditor.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "app/domain/catalog.h"
#include "app/domain/guidance.h"
#include "app/domain/session.h"
#include "app/session_document.h"

namespace formviz::app::ui {

// Drag-and-drop payload type of an exercise id dragged from the library.
inline constexpr const char* kExercisePayload = "FV_EXERCISE";

struct SessionPanelInput {
  const domain::SessionEditor* editor = nullptr;  // required
  const domain::Catalog* catalog = nullptr;       // required
  const domain::DurationEstimate* estimate = nullptr;
  const std::vector<domain::Finding>* findings = nullptr;
  std::optional<std::size_t> selectedItem;
  std::string selectedExercise;  // the library's selection, offered for "Add"
  std::string documentName;      // file name, or empty when never saved
  bool unsaved = false;
  bool showCoverage = false;
};

struct SessionPanelActions {
  SessionEdits edits;
  std::optional<std::size_t> select;  // an item was clicked: select it and show its exercise
  std::optional<std::string> applyTemplate;
  bool toggleCoverage = false;
  bool startFollowAlong = false;
};

SessionPanelActions drawSessionPanel(const SessionPanelInput& input);

}  // namespace formviz::app::ui
