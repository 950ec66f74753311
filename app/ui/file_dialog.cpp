#include "app/ui/file_dialog.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

namespace formviz::app::ui {

namespace fs = std::filesystem;

void FileDialog::show(Mode dialogMode, const fs::path& folder, std::string name) {
  mode = dialogMode;
  requested = true;
  if (!folder.empty()) directory = folder;
  if (directory.empty()) {
    const char* home = std::getenv("HOME");
    directory = home ? fs::path(home) : fs::current_path();
  }
  fileName = std::move(name);
}

std::optional<fs::path> drawFileDialog(FileDialog& dialog) {
  const char* title = dialog.mode == FileDialog::Mode::Open ? "Open session###filedialog" : "Save session as###filedialog";
  if (dialog.requested) {
    ImGui::OpenPopup("###filedialog");
    dialog.requested = false;
  }
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 34.0f, em * 26.0f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  std::optional<fs::path> chosen;
  if (!ImGui::BeginPopupModal(title)) return chosen;

  if (ImGui::Button("Up") && dialog.directory.has_parent_path()) dialog.directory = dialog.directory.parent_path();
  ImGui::SameLine();
  if (ImGui::Button("Home"))
    if (const char* home = std::getenv("HOME")) dialog.directory = home;
  ImGui::SameLine();
  ImGui::TextDisabled("%s", dialog.directory.string().c_str());

  // Folders first, then session files (.json), each sorted by name.
  std::vector<fs::directory_entry> folders, files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dialog.directory, fs::directory_options::skip_permission_denied, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    if (entry.is_directory(ec)) folders.push_back(entry);
    else if (entry.path().extension() == ".json") files.push_back(entry);
  }
  auto byName = [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename() < b.path().filename(); };
  std::sort(folders.begin(), folders.end(), byName);
  std::sort(files.begin(), files.end(), byName);

  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f;
  ImGui::BeginChild("entries", ImVec2(0.0f, -footer), true);
  if (ec) ImGui::TextDisabled("This folder cannot be read.");
  std::optional<fs::path> enter;
  for (const auto& folder : folders)
    if (ImGui::Selectable((folder.path().filename().string() + "/").c_str(), false, ImGuiSelectableFlags_AllowDoubleClick))
      enter = folder.path();
  for (const auto& file : files) {
    const std::string name = file.path().filename().string();
    if (ImGui::Selectable(name.c_str(), dialog.fileName == name, ImGuiSelectableFlags_AllowDoubleClick)) {
      dialog.fileName = name;
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosen = file.path();
    }
  }
  if (folders.empty() && files.empty() && !ec) ImGui::TextDisabled("No folders or .json files here.");
  ImGui::EndChild();
  if (enter) dialog.directory = *enter;

  ImGui::SetNextItemWidth(-em * 0.5f);
  const bool submitted = ImGui::InputTextWithHint("##name", "file name", &dialog.fileName, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool canConfirm = !dialog.fileName.empty();
  ImGui::BeginDisabled(!canConfirm);
  const bool confirmed = ImGui::Button(dialog.mode == FileDialog::Mode::Open ? "Open" : "Save");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  if ((confirmed || submitted) && canConfirm) {
    fs::path path = fs::path(dialog.fileName).is_absolute() ? fs::path(dialog.fileName) : dialog.directory / dialog.fileName;
    if (dialog.mode == FileDialog::Mode::Save && !path.has_extension()) path += ".json";
    chosen = path;
  }
  if (chosen) {
    dialog.directory = chosen->parent_path();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return chosen;
}

}  // namespace formviz::app::ui
