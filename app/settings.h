// [SECTION] User settings: window placement, panel layout and view preferences,
// kept as JSON in the user's config directory ($XDG_CONFIG_HOME/formviz/settings.json).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace formviz::app {

struct Settings {
  static constexpr int kVersion = 1;

  struct Window {
    int x = -1, y = -1;  // negative: centred by the window manager
    int width = 1440, height = 900;
    bool maximized = false;
    bool operator==(const Window&) const = default;
  } window;

  // Panel sizes in unscaled pixels (multiplied by the UI scale on screen).
  struct Layout {
    float libraryWidth = 300.0f;
    float sidebarWidth = 340.0f;   // session + cues column
    float playerHeight = 132.0f;
    float cuesFraction = 0.45f;    // share of the sidebar the cues panel takes
    bool operator==(const Layout&) const = default;
  } layout;

  std::string view = "three-quarter";  // a render::ViewPreset name
  std::string mode = "anatomy";        // a render::ViewMode name
  bool showGrid = true;
  bool sound = true;                   // follow-along's beat tick and rest signals
  float uiScale = 1.0f;                // on top of the display's DPI scale; 0.75 to 2

  bool operator==(const Settings&) const = default;
};

// Parses settings JSON. Unknown keys are ignored and missing ones keep their defaults,
// so older and newer files both load; out-of-range values are clamped. A file that is
// not JSON, or whose values have the wrong type, is an error naming `fileLabel`.
Result<Settings> parseSettings(std::string_view json, std::string_view fileLabel);
std::string serializeSettings(const Settings& settings);

// Reads `path`. A missing file gives the defaults; a broken one is logged, moved aside
// to "<path>.bad" (so nothing the user had is lost), and gives the defaults.
Settings loadSettings(const std::filesystem::path& path);
// Atomic write.
Status saveSettings(const std::filesystem::path& path, const Settings& settings);

}  // namespace formviz::app
