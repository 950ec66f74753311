// [SECTION] A small file dialog for session files (ImGui has none, and a native one would
// need a toolkit): a folder listing with .json files, a name field, Up and Home buttons.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace formviz::app::ui {

struct FileDialog {
  enum class Mode { Open, Save };
  Mode mode = Mode::Open;
  bool requested = false;          // set to open the dialog on the next frame
  std::filesystem::path directory;  // the folder shown
  std::string fileName;             // the name field

  // Opens the dialog in `folder` (kept from last time when empty) with `name` filled in.
  void show(Mode dialogMode, const std::filesystem::path& folder, std::string name);
};

// Draws the dialog when open; returns the chosen path the frame the user confirms.
// Save adds ".json" to a name without an extension.
std::optional<std::filesystem::path> drawFileDialog(FileDialog& dialog);

}  // namespace formviz::app::ui
