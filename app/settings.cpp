#include "app/settings.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "core/paths.h"
#include "render/camera.h"
#include "render/muscle_colors.h"

namespace formviz::app {
namespace {
using nlohmann::json;

// Reads `object[key]` into `value` when present; a wrong type throws json::type_error.
template <typename T>
void read(const json& object, const char* key, T& value) {
  if (auto it = object.find(key); it != object.end()) value = it->get<T>();
}

}  // namespace

Result<Settings> parseSettings(std::string_view text, std::string_view fileLabel) {
  Settings settings;
  try {
    const json root = json::parse(text);
    if (!root.is_object()) return makeError(fmt::format("{}: settings must be a JSON object", fileLabel));
    if (auto it = root.find("window"); it != root.end()) {
      read(*it, "x", settings.window.x);
      read(*it, "y", settings.window.y);
      read(*it, "width", settings.window.width);
      read(*it, "height", settings.window.height);
      read(*it, "maximized", settings.window.maximized);
    }
    if (auto it = root.find("layout"); it != root.end()) {
      read(*it, "libraryWidth", settings.layout.libraryWidth);
      read(*it, "sidebarWidth", settings.layout.sidebarWidth);
      read(*it, "playerHeight", settings.layout.playerHeight);
      read(*it, "cuesFraction", settings.layout.cuesFraction);
    }
    read(root, "view", settings.view);
    read(root, "mode", settings.mode);
    read(root, "showGrid", settings.showGrid);
    read(root, "sound", settings.sound);
    read(root, "uiScale", settings.uiScale);
  } catch (const json::exception& e) {
    return makeError(fmt::format("{}: not valid settings: {}", fileLabel, e.what()));
  }
  // Keep whatever was read usable on any screen.
  settings.window.width = std::clamp(settings.window.width, 640, 16384);
  settings.window.height = std::clamp(settings.window.height, 400, 16384);
  settings.layout.libraryWidth = std::clamp(settings.layout.libraryWidth, 160.0f, 1200.0f);
  settings.layout.sidebarWidth = std::clamp(settings.layout.sidebarWidth, 200.0f, 1200.0f);
  settings.layout.playerHeight = std::clamp(settings.layout.playerHeight, 90.0f, 600.0f);
  settings.layout.cuesFraction = std::clamp(settings.layout.cuesFraction, 0.15f, 0.85f);
  settings.uiScale = std::clamp(settings.uiScale, 0.75f, 2.0f);
  if (!render::viewPresetFromName(settings.view)) settings.view = Settings{}.view;
  if (!render::viewModeFromName(settings.mode)) settings.mode = Settings{}.mode;
  return settings;
}

std::string serializeSettings(const Settings& s) {
  const json root = {
      {"version", Settings::kVersion},
      {"window", {{"x", s.window.x}, {"y", s.window.y}, {"width", s.window.width}, {"height", s.window.height},
                  {"maximized", s.window.maximized}}},
      {"layout", {{"libraryWidth", s.layout.libraryWidth}, {"sidebarWidth", s.layout.sidebarWidth},
                  {"playerHeight", s.layout.playerHeight}, {"cuesFraction", s.layout.cuesFraction}}},
      {"view", s.view},
      {"mode", s.mode},
      {"showGrid", s.showGrid},
      {"sound", s.sound},
      {"uiScale", s.uiScale},
  };
  return root.dump(2) + "\n";
}

Settings loadSettings(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return Settings{};
  auto text = readFile(path);
  if (!text) {
    log::warn("{}; using default settings", text.error().message);
    return Settings{};
  }
  auto settings = parseSettings(*text, path.string());
  if (settings) return *settings;
  std::filesystem::path aside = path;
  aside += ".bad";
  std::filesystem::rename(path, aside, ec);
  log::warn("{}\nUsing default settings; the old file was kept as '{}'.", settings.error().message, aside.string());
  return Settings{};
}

Status saveSettings(const std::filesystem::path& path, const Settings& settings) {
  return writeFileAtomic(path, serializeSettings(settings));
}

}  // namespace formviz::app
