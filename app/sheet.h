// [SECTION] Contact sheets: one picture per exercise showing its key phases.
//
// Row 1 is the correct clip, one cell per phase (a hold, or a movement into a hold, at its
// middle; a movement into another movement at its end, the key pose it reaches), each from the catalog cue's view for that phase. Then one row per mistake
// clip with the same kind of cells, all from the one view that shows the mistake best, and the
// moment where the mistake pose is furthest from every pose of the correct clip outlined.
// Every cell is framed on one box holding every pose of the sheet, so sizes compare across cells.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "render/gl/scene_renderer.h"
#include "render/image.h"

namespace formviz::app {

struct SheetRequest {
  std::string exercise;   // catalog id
  std::string model;      // body name or glTF file; empty: the default body
  int cellWidth = 180;    // pixels of one picture
  int cellHeight = 0;     // pixels; 0: from the figure's shape (portrait standing, landscape lying)
  int samples = 4;        // multisample anti-aliasing samples
};

struct SheetCell {
  std::string phase;        // the clip's marker the cell belongs to
  float time = 0.0f;        // seconds on the clip
  render::ViewPreset view = render::ViewPreset::Front;
  bool highlight = false;   // where the mistake shows most
  bool phaseEnd = false;    // shows the phase's last moment (the key pose it reaches), not its middle
  glm::ivec4 rect{0};       // the picture in the sheet: x, y, width, height (pixels)
};

struct SheetRow {
  std::string clip;         // "correct", "mistake_<slug>"
  std::string title;        // "Correct", or the mistake's title from the catalog
  std::vector<SheetCell> cells;
  bool timingOnly = false;  // a mistake of speed: its stills match the correct clip's
};

struct ContactSheet {
  render::Image image;
  std::vector<SheetRow> rows;
  std::vector<std::string> notAnimated;  // titles of catalog mistakes without a clip
};

// Builds and draws the sheet. Needs a current OpenGL context (`renderer` made in it).
// Errors: unknown exercise, an exercise without clips, a mistake clip missing from the
// file, unreadable model or font.
Result<ContactSheet> renderContactSheet(const SheetRequest& request, const std::filesystem::path& dataDir,
                                        gl::SceneRenderer& renderer);

}  // namespace formviz::app
