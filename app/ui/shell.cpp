// [SECTION] Index
//   Helpers     panel headers, splitters, empty states
//   Panels      library, session, cues, player, viewport, status line
//   Shell       the host window that lays them out
#include "app/ui/shell.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>
#include <imgui.h>

#include "app/domain/templates.h"
#include "app/ui/file_dialog.h"
#include "engine.h"
#include "platform/imgui_layer.h"

namespace formviz::app::ui {
namespace {

// [SECTION] Helpers

const ImVec4 kMuted(0.42f, 0.44f, 0.48f, 1.0f);

void panelHeader(const char* title) {
  ImGui::TextUnformatted(title);
  ImGui::Separator();
  ImGui::Spacing();
}

// A draggable bar between two panels. `size` is the panel's size in unscaled pixels; a
// drag changes it by the mouse movement times `sign` (1 when the panel is before the bar).
void splitter(const char* id, bool vertical, ImVec2 barSize, float* size, float sign, float scale, float minSize,
              float maxSize) {
  ImGui::InvisibleButton(id, barSize);
  const bool active = ImGui::IsItemActive();
  if (ImGui::IsItemHovered() || active)
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (active) {
    const float delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    *size = std::clamp(*size + sign * delta / scale, minSize, maxSize);
  }
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImU32 color = ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive
                                               : ImGui::IsItemHovered() ? ImGuiCol_SeparatorHovered
                                                                        : ImGuiCol_Separator);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (vertical) {
    const float x = (min.x + max.x) * 0.5f;
    draw->AddLine(ImVec2(x, min.y), ImVec2(x, max.y), color, active ? 2.0f : 1.0f);
  } else {
    const float y = (min.y + max.y) * 0.5f;
    draw->AddLine(ImVec2(min.x, y), ImVec2(max.x, y), color, active ? 2.0f : 1.0f);
  }
}

// [SECTION] Panels

// Bottom-right of the view: what the colours mean, and the muscle clicked last.
void legend(const ShellInput& input, ImVec2 origin, ImVec2 size) {
  const bool coverage = input.session.showCoverage;
  const bool highlight = coverage || input.mode == render::ViewMode::Highlight || input.mode == render::ViewMode::XRay;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const int lines = (highlight ? 2 : 1) + (input.selectedMuscle.empty() ? 0 : 1);
  const float width = ImGui::GetFontSize() * 13.0f;
  ImVec2 cursor(origin.x + size.x - width - 10.0f, origin.y + size.y - line * float(lines) - 10.0f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(cursor.x - 8.0f, cursor.y - 6.0f), ImVec2(origin.x + size.x - 4.0f, origin.y + size.y - 4.0f),
                      ImGui::GetColorU32(ImGuiCol_WindowBg, 0.85f), 6.0f);
  auto swatchLine = [&](glm::vec3 color, const char* text) {
    const float h = ImGui::GetFontSize();
    draw->AddRectFilled(ImVec2(cursor.x, cursor.y + 2.0f), ImVec2(cursor.x + h, cursor.y + h),
                        ImGui::GetColorU32(ImVec4(color.x, color.y, color.z, 1.0f)), 3.0f);
    draw->AddText(ImVec2(cursor.x + h * 1.5f, cursor.y), ImGui::GetColorU32(ImGuiCol_Text), text);
    cursor.y += line;
  };
  if (coverage) {
    swatchLine(render::kPrimaryColor, "Trained most");
    swatchLine(render::kSecondaryColor, "Trained a little");
  } else if (highlight) {
    swatchLine(render::kPrimaryColor, "Primary muscles");
    swatchLine(render::kSecondaryColor, "Secondary muscles");
  } else {
    draw->AddText(cursor, ImGui::GetColorU32(ImGuiCol_TextDisabled), "Hover a muscle for its name");
    cursor.y += line;
  }
  if (!input.selectedMuscle.empty())
    draw->AddText(cursor, ImGui::GetColorU32(ImGuiCol_Text), ("Selected: " + input.selectedMuscle).c_str());
}

void viewportPanel(const ShellInput& input, ShellActions& actions) {
  const ImVec2 size = ImGui::GetContentRegionAvail();
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  actions.viewportPixels = glm::ivec2(std::max(1, int(size.x * scale.x)), std::max(1, int(size.y * scale.y)));
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  ImGui::InvisibleButton("##viewport", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  if (input.viewport) platform::addPicture(ImGui::GetWindowDrawList(), *input.viewport, origin, ImVec2(origin.x + size.x, origin.y + size.y));
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive()) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left))
      actions.orbit = glm::vec2(-io.MouseDelta.x, io.MouseDelta.y) * 0.008f;
    else if (size.y > 0.0f)
      actions.pan = glm::vec2(-io.MouseDelta.x, io.MouseDelta.y) / size.y;
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) actions.zoom = std::pow(0.9f, io.MouseWheel);
  if (ImGui::IsItemHovered()) {
    actions.viewportMouse = glm::vec2((io.MousePos.x - origin.x) * scale.x, (io.MousePos.y - origin.y) * scale.y);
    if (!input.hoveredMuscle.empty() && !ImGui::IsItemActive()) ImGui::SetTooltip("%s", input.hoveredMuscle.c_str());
  }
  // A click, not the end of an orbit drag: the mouse stayed within the drag threshold.
  const float threshold = io.MouseDragThreshold;
  if (ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < threshold * threshold)
    actions.viewportClicked = true;

  // Toolbar over the top-left corner of the view.
  ImGui::SetCursorScreenPos(ImVec2(origin.x + 8.0f, origin.y + 8.0f));
  constexpr std::array<render::ViewPreset, 5> presets{render::ViewPreset::Front, render::ViewPreset::Side,
                                                      render::ViewPreset::Back, render::ViewPreset::ThreeQuarter,
                                                      render::ViewPreset::Top};
  constexpr std::array<const char*, 5> labels{"Front", "Side", "Back", "3/4", "Top"};
  for (std::size_t i = 0; i < presets.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    const bool current = input.view == presets[i];
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(labels[i])) actions.viewPreset = presets[i];
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s view (key %zu)", render::viewPresetName(presets[i]), i + 1);
    if (current) ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  bool grid = input.showGrid;
  if (ImGui::Checkbox("Grid", &grid)) actions.toggleGrid = true;
  ImGui::SameLine();
  bool mirrored = input.mirrored;
  if (ImGui::Checkbox("Mirror", &mirrored)) actions.toggleMirror = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the figure as in a mirror, to follow along facing it (M)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  constexpr std::array<render::ViewMode, 4> modes{render::ViewMode::Highlight, render::ViewMode::Anatomy,
                                                  render::ViewMode::Plain, render::ViewMode::XRay};
  constexpr std::array<const char*, 4> modeLabels{"Highlight", "Anatomy", "Plain", "X-ray"};
  if (ImGui::BeginCombo("##mode", modeLabels[static_cast<std::size_t>(input.mode)])) {
    for (std::size_t i = 0; i < modes.size(); ++i)
      if (ImGui::Selectable(modeLabels[i], input.mode == modes[i])) actions.mode = modes[i];
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Highlight: the exercise's working muscles\nAnatomy: every muscle group\nPlain: skin only\n"
                      "X-ray: working muscles through the skin");
  legend(input, origin, size);
  if (input.follow && input.session.editor && input.session.catalog) {
    actions.follow = drawFollowCard(*input.follow, input.session.editor->session(), *input.session.catalog, input.beat, input.sound,
                                    origin, size);
  } else if (input.currentCue && input.catalog) {
    if (const domain::Exercise* exercise = input.catalog->find(input.selectedExercise))
      actions.cue = drawCueBanner(*exercise, *input.currentCue, origin, size);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x + 8.0f, origin.y + size.y - ImGui::GetTextLineHeight() - 8.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::TextUnformatted("Drag to orbit  -  right-drag to pan  -  wheel to zoom");
  ImGui::PopStyleColor();
}

void statusLine(const ShellInput& input) {
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  const float fps = input.frameMs > 0.0f ? 1000.0f / input.frameMs : 0.0f;
  ImGui::Text("Frame %.1f ms (%.0f fps)   |   View: %s   |   %s", double(input.frameMs), double(fps),
              render::viewPresetName(input.view), input.renderer.c_str());
  ImGui::PopStyleColor();
  if (!input.notice.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.75f, 0.25f, 0.10f, 1.0f), "   |   %s", input.notice.c_str());
  }
}

void menuBar(const ShellInput& input, ShellActions& actions, FileDialog& fileDialog, bool& showShortcuts, bool& showAbout) {
  if (!ImGui::BeginMenuBar()) return;
  const domain::SessionEditor* editor = input.session.editor;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("New session", "Ctrl+N")) actions.file.newSession = true;
    if (ImGui::MenuItem("Open...", "Ctrl+O")) fileDialog.show(FileDialog::Mode::Open, {}, "");
    if (ImGui::BeginMenu("Open recent", input.recent && !input.recent->paths().empty())) {
      for (const std::filesystem::path& path : input.recent->paths())
        if (ImGui::MenuItem(path.filename().string().c_str())) actions.file.open = path;
        else if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.string().c_str());
      ImGui::Separator();
      if (ImGui::MenuItem("Clear the list")) actions.file.clearRecent = true;
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Save", "Ctrl+S", false, editor != nullptr)) actions.file.save = true;
    if (ImGui::MenuItem("Save as...", "Ctrl+Shift+S", false, editor != nullptr))
      fileDialog.show(FileDialog::Mode::Save, {}, editor ? editor->session().name + ".json" : "session.json");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) actions.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, editor && editor->canUndo())) actions.session.edits.undo = true;
    if (ImGui::MenuItem("Redo", "Ctrl+Y", false, editor && editor->canRedo())) actions.session.edits.redo = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Session")) {
    if (ImGui::BeginMenu("Start from a template")) {
      for (const domain::SessionTemplate& t : domain::sessionTemplates()) {
        if (ImGui::MenuItem(t.session.name.c_str())) actions.file.applyTemplate = std::string(t.key);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(t.description).c_str());
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Follow along", nullptr, input.follow != nullptr,
                        editor && !editor->session().items.empty()))
      actions.session.startFollowAlong = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    constexpr std::array<render::ViewPreset, 5> presets{render::ViewPreset::Front, render::ViewPreset::Side,
                                                        render::ViewPreset::Back, render::ViewPreset::ThreeQuarter,
                                                        render::ViewPreset::Top};
    constexpr std::array<const char*, 5> names{"Front", "Side", "Back", "Three-quarter", "Top"};
    constexpr std::array<const char*, 5> keys{"1", "2", "3", "4", "5"};
    for (std::size_t i = 0; i < presets.size(); ++i)
      if (ImGui::MenuItem(names[i], keys[i], input.view == presets[i])) actions.viewPreset = presets[i];
    ImGui::Separator();
    if (ImGui::MenuItem("Floor grid", nullptr, input.showGrid)) actions.toggleGrid = true;
    if (ImGui::MenuItem("Mirror view", "M", input.mirrored)) actions.toggleMirror = true;
    if (ImGui::MenuItem("Angles and lines", nullptr, input.showOverlay)) actions.toggleOverlay = true;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Draw the current form cue's joint angle or alignment line, with the measured value, and the floor contacts");
    if (ImGui::MenuItem("Pulse cue muscles", nullptr, input.pulseCue)) actions.togglePulse = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The muscles the current form cue is about pulse gently");
    if (ImGui::MenuItem("Fullscreen", "F11")) actions.toggleFullscreen = true;
    if (ImGui::MenuItem("Reset panel layout")) actions.resetLayout = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts")) showShortcuts = true;
    if (ImGui::MenuItem("About FormViz")) showAbout = true;
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void dialogs(const ShellInput& input, ShellActions& actions, FileDialog& fileDialog, bool& showShortcuts, bool& showAbout) {
  if (auto chosen = drawFileDialog(fileDialog)) {
    if (fileDialog.mode == FileDialog::Mode::Open) actions.file.open = *chosen;
    else actions.file.saveAs = *chosen;
  }
  // A session left unsaved by a run that did not end cleanly.
  if (input.recovery && !ImGui::IsPopupOpen("Restore unsaved session?")) ImGui::OpenPopup("Restore unsaved session?");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Restore unsaved session?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (input.recovery) {
      ImGui::Text("FormViz did not close normally last time. Your session \"%s\"", input.recovery->sessionName.c_str());
      ImGui::Text("had changes that were not saved (snapshot from %s).", input.recovery->savedAt.c_str());
    }
    if (ImGui::Button("Restore it")) {
      actions.file.restoreRecovery = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard it")) {
      actions.file.discardRecovery = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  // Messages (e.g. what an opened file's newer version means), shown until closed.
  static std::vector<std::string> shownMessages;
  if (!input.messages.empty()) {
    shownMessages = input.messages;
    actions.messagesShown = true;
    ImGui::OpenPopup("FormViz###messages");
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("FormViz###messages", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    for (const std::string& message : shownMessages) ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (showShortcuts) ImGui::OpenPopup("Keyboard shortcuts");
  if (showAbout) ImGui::OpenPopup("About FormViz");
  showShortcuts = showAbout = false;
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("Keyboard shortcuts", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    constexpr std::array<std::array<const char*, 2>, 13> rows{{{"1 - 5", "Front, side, back, three-quarter, top view"},
                                                              {"Left, Right", "Previous, next form cue (in follow-along: step)"},
                                                              {"Up, Down", "Previous, next exercise"},
                                                              {"F", "Fullscreen"},
                                                              {"Ctrl+N, Ctrl+O, Ctrl+S", "New, open, save session"},
                                                              {"Ctrl+Z, Ctrl+Y", "Undo, redo"},
                                                              {"M", "Mirror view"},
                                                              {"Esc", "Leave follow-along or fullscreen"},
                                                              {"Left drag", "Orbit the camera"},
                                                              {"Right or middle drag", "Pan"},
                                                              {"Mouse wheel", "Zoom"},
                                                              {"Space, comma, period", "Play/pause, frame back/forward"},
                                                              {"Ctrl+Q", "Quit"}}};
    if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
      for (const auto& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[1]);
      }
      ImGui::EndTable();
    }
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("About FormViz", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("FormViz %s", engineVersion());
    ImGui::TextUnformatted("Strength exercises for runners, shown on a 3D figure\nwith the working muscles highlighted.");
    if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace

// [SECTION] Shell

ShellActions drawShell(const ShellInput& input, Settings::Layout& layout, float uiScale) {
  ShellActions actions;
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(screen->WorkPos);
  ImGui::SetNextWindowSize(screen->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("FormViz", nullptr,
               // No background: the window's clear colour is the same (ImGuiLayer::endFrame), and
               // llvmpipe would pay for a blended quad over the whole window every frame.
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar);
  ImGui::PopStyleVar();

  static bool showShortcuts = false, showAbout = false;
  static FileDialog fileDialog;
  menuBar(input, actions, fileDialog, showShortcuts, showAbout);

  const float s = uiScale;
  const float bar = 6.0f * s;  // splitter thickness
  const float status = ImGui::GetFrameHeight();
  const ImVec2 body = ImGui::GetContentRegionAvail();
  const float bodyHeight = body.y - status;
  // Side panels give way on narrow windows so the 3D view keeps at least half the width.
  const float sideShrink = std::min(1.0f, 0.5f * body.x / std::max(1.0f, (layout.libraryWidth + layout.sidebarWidth) * s));
  const float libraryWidth = layout.libraryWidth * s * sideShrink;
  const float sidebarWidth = layout.sidebarWidth * s * sideShrink;
  const float centreWidth = std::max(100.0f, body.x - libraryWidth - sidebarWidth - 2.0f * bar);
  const float playerHeight = layout.playerHeight * s;
  const float viewportHeight = std::max(50.0f, bodyHeight - playerHeight - bar);
  const float cuesHeight = (bodyHeight - bar) * layout.cuesFraction;
  const float sessionHeight = bodyHeight - bar - cuesHeight;

  // The frame packs panels edge to edge; panels get the normal spacing back inside.
  const ImVec2 itemSpacing = ImGui::GetStyle().ItemSpacing;
  auto panel = [&](const char* id, ImVec2 size, ImGuiWindowFlags flags, auto&& draw) {
    ImGui::BeginChild(id, size, false, flags);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, itemSpacing);
    draw();
    ImGui::PopStyleVar();
    ImGui::EndChild();
  };
  const ImGuiWindowFlags padded = ImGuiWindowFlags_AlwaysUseWindowPadding;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));

  panel("library", ImVec2(libraryWidth, bodyHeight), padded, [&] {
    static const domain::Catalog empty;
    static LibraryFilter unusedFilter;
    actions.pickExercise = drawLibrary(input.catalog ? *input.catalog : empty, input.filter ? *input.filter : unusedFilter,
                                       input.selectedExercise);
  });
  ImGui::SameLine();
  splitter("##split-library", true, ImVec2(bar, bodyHeight), &layout.libraryWidth, 1.0f, s * sideShrink, 160.0f, 800.0f);
  ImGui::SameLine();

  ImGui::BeginGroup();
  panel("viewport", ImVec2(centreWidth, viewportHeight),
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse, [&] { viewportPanel(input, actions); });
  splitter("##split-player", false, ImVec2(centreWidth, bar), &layout.playerHeight, -1.0f, s, 90.0f, 600.0f);
  panel("player", ImVec2(centreWidth, playerHeight), padded,
        [&] {
          // The exercise's cues on the clip shown, for the timeline.
          std::vector<CueSpan> cues;
          const domain::Exercise* exercise = input.catalog ? input.catalog->find(input.selectedExercise) : nullptr;
          if (exercise)
            for (std::size_t i = 0; i < exercise->cues.size(); ++i) {
              const domain::CueRange& range = exercise->cues[i].range;
              if (range.resolved && range.clip == input.currentClip) cues.push_back({range.start, range.end, input.currentCue == i});
            }
          actions.player = drawPlayer(input.playback, input.clipName, input.markers, cues);
        });
  ImGui::EndGroup();
  ImGui::SameLine();
  splitter("##split-sidebar", true, ImVec2(bar, bodyHeight), &layout.sidebarWidth, -1.0f, s * sideShrink, 200.0f, 800.0f);
  ImGui::SameLine();

  ImGui::BeginGroup();
  panel("session", ImVec2(sidebarWidth, sessionHeight), padded, [&] {
    panelHeader("Session");
    if (input.session.editor && input.session.catalog) actions.session = drawSessionPanel(input.session);
  });
  float cuesPixels = cuesHeight / s;
  splitter("##split-cues", false, ImVec2(sidebarWidth, bar), &cuesPixels, -1.0f, s, 0.0f, 1e6f);
  layout.cuesFraction = std::clamp(cuesPixels * s / std::max(1.0f, bodyHeight - bar), 0.15f, 0.85f);
  panel("cues", ImVec2(sidebarWidth, cuesHeight), padded, [&] {
    const domain::Exercise* exercise = input.catalog ? input.catalog->find(input.selectedExercise) : nullptr;
    actions.exercise = drawExerciseDetails(exercise, input.currentClip, input.currentCue);
  });
  ImGui::EndGroup();
  ImGui::PopStyleVar();

  ImGui::SetCursorPosX(ImGui::GetStyle().FramePadding.x * 2.0f);
  ImGui::AlignTextToFramePadding();
  statusLine(input);
  ImGui::End();

  dialogs(input, actions, fileDialog, showShortcuts, showAbout);
  return actions;
}

}  // namespace formviz::app::ui
