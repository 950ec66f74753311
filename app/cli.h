// [SECTION] The command line: parsing argv into a plain description of what to run.
//
//   formviz [--model M] [--clip FILE[:NAME]] [--data-dir DIR] [-v]   open the window
//   formviz render --out FILE.png [options]        render a picture without a display
//          [--exercise ID[:CLIP]] [--model M] [--clip FILE[:NAME]] [--time T | --phase P]
//          [--mode M] [--primary LIST] [--secondary LIST] [--overlay angle,line,contacts,cue]
//   formviz check [EXERCISE...] [--model M] [--brief]   check clips against their form rules
//   formviz sheet (--exercise ID [--out FILE] | --all [--out-dir DIR]) [--model M] [-W PX] [-H PX]
//                                                  contact sheets of exercises' key phases
//   formviz --help | --version
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "render/camera.h"

namespace formviz::app {

// Process exit codes (documented in README.md).
enum class ExitCode : int {
  Ok = 0,         // success
  Failure = 1,    // a runtime error: unreadable data, shader error, cannot write the output
  Usage = 2,      // bad command line
  NoDisplay = 3,  // the window was asked for but there is no display / no OpenGL context
};

struct RenderOptions {
  std::filesystem::path out;
  std::optional<float> time;   // seconds on the clip
  std::string phase;           // a phase marker of the clip to show (instead of --time)
  std::string mode;            // "highlight", "anatomy", "plain", "x-ray"; empty: highlight when muscles are named, else anatomy
  std::string primary;         // muscles to highlight strongly: "group[:left|:right],..."
  std::string secondary;       // muscles to highlight weakly
  std::string overlay;         // 3D overlays: "angle,line,contacts,cue" (app/exercise_overlay.h); empty: none
  int width = 1280;
  int height = 720;
  render::ViewPreset view = render::ViewPreset::Front;
  int samples = 8;      // multisample anti-aliasing samples
  bool grid = true;
};

struct GuiOptions {
  std::optional<std::filesystem::path> screenshot;  // save the window here after `frames` frames, then quit
  int frames = 0;                                   // quit after this many frames; 0 = run until closed
  bool resetLayout = false;                         // ignore saved settings and panel layout
  std::optional<std::filesystem::path> script;      // drive the window from a UI script (app/ui_script.h), then quit
  bool angles = false;                              // start with "Angles and lines" (and the cue pulse) on
};

struct CheckOptions {
  std::vector<std::string> exercises;  // exercise ids; empty: every exercise with a clip in animations/
  bool brief = false;                  // print failing lines and verdicts only
};

struct SheetOptions {
  std::filesystem::path out;     // one exercise's sheet (default <id>.png)
  std::filesystem::path outDir;  // --all: <outDir>/<id>.png
  bool all = false;              // every exercise that has clips
  int cellWidth = 180;           // pixels of one picture
  int cellHeight = 0;            // 0: from the figure's shape
  int samples = 4;
};

struct CommandLine {
  enum class Command { Gui, Render, Check, Sheet } command = Command::Gui;
  GuiOptions gui;
  RenderOptions render;
  CheckOptions check;
  SheetOptions sheet;
  std::string exercise;  // "ID[:CLIP]" from the catalog: its clip (default "correct") and muscles
  std::string model;  // a glTF file, or a body name in <data>/models/; empty: the default body
  std::string clip;   // "FILE[:NAME]" (glTF or BVH) or ":NAME" (one of the model's own clips); empty: none
  std::optional<std::filesystem::path> dataDir;
  bool verbose = false;
};

// Parses the arguments. On --help, --version or an error, prints to `out`/`err` and
// returns the exit code to end with instead of a CommandLine.
std::variant<CommandLine, ExitCode> parseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                                     std::ostream& err);

}  // namespace formviz::app
