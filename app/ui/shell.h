// [SECTION] The window's frame: menu bar, library, session and cue panels, the 3D
// viewport, the player strip and the status line, with draggable splitters.
// Reads state, returns what the user asked for; it changes nothing itself except
// the panel sizes in `layout`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "app/settings.h"
#include "app/ui/library.h"
#include "app/ui/player.h"
#include "app/ui/session_panel.h"
#include "app/ui/stepper.h"
#include "app/domain/follow_along.h"
#include "app/domain/session_file.h"
#include "render/camera.h"
#include "render/gl/resources.h"
#include "render/muscle_colors.h"

namespace formviz::app::ui {

struct ShellInput {
  const gl::RenderTarget* viewport = nullptr;  // the 3D view rendered last frame
  float frameMs = 0.0f;
  std::string renderer;               // e.g. "OpenGL 4.5 ... on llvmpipe"
  render::ViewPreset view = render::ViewPreset::Front;
  bool showGrid = true;
  bool mirrored = false;
  bool showOverlay = false;  // "Angles and lines": the current cue's overlay in the 3D view
  bool pulseCue = false;     // the current cue's muscles pulse gently
  const anim::Playback* playback = nullptr;  // null: nothing to play
  std::string clipName;
  std::span<const anim::Marker> markers;
  std::string notice;                        // a problem to show in the status line (e.g. a file that did not load)
  render::ViewMode mode = render::ViewMode::Anatomy;
  std::string hoveredMuscle;                 // name of the muscle under the mouse, if any
  std::string selectedMuscle;                // name of the muscle clicked last, if any
  const domain::Catalog* catalog = nullptr;
  LibraryFilter* filter = nullptr;           // the library's filter, edited in place
  std::string selectedExercise;              // id, empty when none
  std::string currentClip = "correct";
  std::optional<std::size_t> currentCue;     // the cue the stepper shows (banner over the view)
  SessionPanelInput session;                 // editor and catalog set: the session panel is drawn
  const domain::RecentFiles* recent = nullptr;
  const domain::FollowAlong* follow = nullptr;  // non-null while following a session
  float beat = 0.0f;                            // follow-along beat pulse in [0, 1]
  bool sound = true;                            // follow-along signals on
  std::optional<domain::RecoveryInfo> recovery; // an unsaved session from a run that ended badly
  std::vector<std::string> messages;            // shown once in a message box (e.g. notices of an opened file)
};

// What the File and Session menus (and their dialogs) ask for.
struct FileActions {
  bool newSession = false;
  bool save = false;                             // to the current file; Save as when there is none
  std::optional<std::filesystem::path> open;     // a file chosen in the dialog or the recent list
  std::optional<std::filesystem::path> saveAs;   // a file chosen in the save dialog
  std::optional<std::string> applyTemplate;
  bool clearRecent = false;
  bool restoreRecovery = false;
  bool discardRecovery = false;
};

struct ShellActions {
  bool quit = false;
  bool resetLayout = false;
  bool toggleGrid = false;
  bool toggleMirror = false;
  bool toggleOverlay = false;
  bool togglePulse = false;
  bool toggleFullscreen = false;
  std::optional<render::ViewPreset> viewPreset;
  glm::ivec2 viewportPixels{0};  // size the 3D view should have next frame (pixels)
  glm::vec2 orbit{0.0f};         // radians (yaw, pitch) from dragging in the viewport
  glm::vec2 pan{0.0f};           // viewport-height fractions (right, up)
  float zoom = 1.0f;             // distance factor from the mouse wheel
  PlayerActions player;
  std::optional<glm::vec2> viewportMouse;  // mouse position in the 3D view (pixels, top-left) while over it
  bool viewportClicked = false;            // a click (not a drag) in the 3D view
  std::optional<render::ViewMode> mode;
  std::optional<std::string> pickExercise;
  ExerciseActions exercise;
  SessionPanelActions session;
  FileActions file;
  CueBannerActions cue;
  FollowActions follow;
  bool messagesShown = false;  // the messages were put in a message box: clear them
};

ShellActions drawShell(const ShellInput& input, Settings::Layout& layout, float uiScale);

}  // namespace formviz::app::ui
