#include "app/cli.h"

#include <ostream>

#include <CLI/CLI.hpp>

#include "app/exercise_overlay.h"
#include "app/muscle_selection.h"
#include "engine.h"

namespace formviz::app {

std::variant<CommandLine, ExitCode> parseCommandLine(int argc, const char* const* argv, std::ostream& out,
                                                     std::ostream& err) {
  CommandLine cmd;
  CLI::App cli{"FormViz: strength exercises for runners, shown on a 3D figure with the working muscles highlighted.\n"
               "Without a subcommand it opens the window."};
  cli.set_version_flag("--version", std::string("formviz ") + engineVersion());
  cli.footer("Exit codes: 0 success, 1 runtime error, 2 bad command line, 3 no display or no OpenGL 3.3.\n"
             "Without a display, use 'formviz render' or run the window under 'xvfb-run -a formviz'.");
  std::string dataDir;
  cli.add_option("--data-dir", dataDir, "Folder with shaders/, models/ and animations/ (default: found automatically)")
      ->check(CLI::ExistingDirectory);
  cli.add_flag("-v,--verbose", cmd.verbose, "Log debug messages");
  std::string screenshot;
  cli.add_option("--screenshot", screenshot, "Save a PNG of the window after --frames frames, then quit");
  cli.add_option("--frames", cmd.gui.frames, "Quit after this many frames (0: run until closed)")
      ->check(CLI::NonNegativeNumber);
  cli.add_flag("--reset-layout", cmd.gui.resetLayout, "Start with the default window and panel layout");
  std::string script;
  cli.add_option("--script", script, "Drive the window from a UI script (commands in docs/UI_SCRIPTS.md), then quit")
      ->check(CLI::ExistingFile);
  cli.add_flag("--angles", cmd.gui.angles,
               "Start with the current form cue's angles and lines drawn and its muscles pulsing (View menu)");

  CLI::App* render = cli.add_subcommand("render", "Render a picture without opening a window (no display needed)");
  std::string outFile, view = "front";
  render->add_option("-o,--out", outFile, "Output PNG file")->required();
  render->add_option("-W,--width", cmd.render.width, "Image width in pixels")->capture_default_str()->check(CLI::Range(16, 8192));
  render->add_option("-H,--height", cmd.render.height, "Image height in pixels")->capture_default_str()->check(CLI::Range(16, 8192));
  render->add_option("--view", view, "Camera view")->capture_default_str()
      ->check(CLI::IsMember({"front", "side", "back", "three-quarter", "top"}));
  render->add_option("--samples", cmd.render.samples, "Multisample anti-aliasing samples")->capture_default_str()->check(CLI::Range(1, 16));
  render->add_flag("!--no-grid", cmd.render.grid, "Hide the floor grid");
  for (CLI::App* app : {&cli, render}) {
    app->add_option("--exercise", cmd.exercise,
                    "An exercise from the library, ID[:CLIP], e.g. bodyweight_squat or bodyweight_squat:mistake_knee_valgus: "
                    "its animation on the body, its working muscles highlighted");
    app->add_option("--model", cmd.model, "Figure: a glTF file, or a body name from the data folder's models/");
    app->add_option("--clip", cmd.clip,
                    "Animation: FILE[:NAME] (glTF or BVH; NAME picks one of the file's clips) or :NAME (one of the "
                    "model's own). Without --model, the clip file's own figure is drawn");
  }
  float time = 0.0f;
  CLI::Option* timeOption = render->add_option("--time", time, "Seconds into the clip")->check(CLI::NonNegativeNumber);
  render->add_option("--phase", cmd.render.phase, "Show the moment a phase starts (a marker of the clip, e.g. bottom)")
      ->excludes(timeOption);
  render->add_option("--mode", cmd.render.mode,
                     "How muscles show: highlight (the named working muscles), anatomy (every group), plain, x-ray "
                     "(default: highlight when --primary/--secondary name muscles, else anatomy)")
      ->check(CLI::IsMember({"highlight", "anatomy", "plain", "x-ray"}));
  render->add_option("--primary", cmd.render.primary,
                     "Muscles working hardest, e.g. gluteus_maximus,quadriceps or hamstrings:left");
  render->add_option("--secondary", cmd.render.secondary, "Muscles that assist, in the same form");
  render->add_option("--overlay", cmd.render.overlay,
                     "3D overlays, comma-separated: angle (left knee angle), line (hip-knee-ankle lines), contacts "
                     "(floor contacts), cue (the overlay of the exercise's form cue at that moment)");

  CLI::App* check = cli.add_subcommand("check", "Measure exercise clips and check them against their form rules "
                                                 "(animations/<id>.rules.json) on every body; no display needed");
  check->add_option("exercises", cmd.check.exercises, "Exercise ids (default: every exercise with a clip)");
  check->add_option("--model", cmd.model, "Check on this body only (a name from models/; default: every body)");
  check->add_flag("--brief", cmd.check.brief, "Print only failing checks and the verdicts");

  CLI::App* sheet = cli.add_subcommand("sheet", "Draw contact sheets: an exercise's key phases, correct and with each mistake");
  std::string sheetOut, sheetOutDir = ".";
  CLI::Option* sheetExercise = sheet->add_option("--exercise", cmd.exercise, "The exercise's id in the library");
  CLI::Option* sheetAll = sheet->add_flag("--all", cmd.sheet.all, "Every exercise that has clips, into --out-dir")
                              ->excludes(sheetExercise);
  sheet->add_option("-o,--out", sheetOut, "Output PNG file (default: ID.png)")->excludes(sheetAll);
  sheet->add_option("--out-dir", sheetOutDir, "Folder for --all (ID.png each)")->capture_default_str()->needs(sheetAll);
  sheet->add_option("--model", cmd.model, "Figure: a glTF file, or a body name from the data folder's models/");
  sheet->add_option("-W,--width", cmd.sheet.cellWidth, "Width of one picture in pixels")->capture_default_str()->check(CLI::Range(32, 2048));
  sheet->add_option("-H,--height", cmd.sheet.cellHeight, "Height of one picture in pixels (0: from the figure's shape)")
      ->capture_default_str()->check(CLI::Range(0, 2048));
  sheet->add_option("--samples", cmd.sheet.samples, "Multisample anti-aliasing samples")->capture_default_str()->check(CLI::Range(1, 16));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e, out, err);
    return code == 0 ? ExitCode::Ok : ExitCode::Usage;
  }
  if (!dataDir.empty()) cmd.dataDir = dataDir;
  if (!script.empty()) cmd.gui.script = script;
  if (!screenshot.empty()) {
    cmd.gui.screenshot = screenshot;
    if (cmd.gui.frames == 0) cmd.gui.frames = 3;
  }
  if (check->parsed()) cmd.command = CommandLine::Command::Check;
  if (render->parsed()) {
    cmd.command = CommandLine::Command::Render;
    cmd.render.out = outFile;
    cmd.render.view = *render::viewPresetFromName(view);
    if (timeOption->count() > 0) cmd.render.time = time;
    std::vector<render::MuscleRole> roles;
    for (const auto& [list, role] : {std::pair{cmd.render.primary, render::MuscleRole::Primary},
                                     std::pair{cmd.render.secondary, render::MuscleRole::Secondary}}) {
      if (Status selected = selectMuscles(list, role, roles); !selected) {
        err << selected.error().message << "\n";
        return ExitCode::Usage;
      }
    }
    if (!cmd.render.overlay.empty()) {
      if (Status ok = checkOverlayList(cmd.render.overlay); !ok) {
        err << ok.error().message << "\n";
        return ExitCode::Usage;
      }
      if (cmd.render.overlay.find("cue") != std::string::npos && cmd.exercise.empty()) {
        err << "--overlay cue needs --exercise\n";
        return ExitCode::Usage;
      }
    }
    if ((cmd.render.time || !cmd.render.phase.empty()) && cmd.model.empty() && cmd.clip.empty() && cmd.exercise.empty()) {
      err << "--time and --phase need --exercise, --clip or --model\n";
      return ExitCode::Usage;
    }
  }
  if (sheet->parsed()) {
    if (sheetExercise->count() == 0 && !cmd.sheet.all) {
      err << "sheet: give --exercise ID or --all\n";
      return ExitCode::Usage;
    }
    cmd.command = CommandLine::Command::Sheet;
    cmd.sheet.out = sheetOut;
    cmd.sheet.outDir = sheetOutDir;
    if (cmd.sheet.cellHeight > 0 && cmd.sheet.cellHeight < 32) {
      err << "sheet: --height must be 0 (automatic) or at least 32\n";
      return ExitCode::Usage;
    }
  }
  return cmd;
}

}  // namespace formviz::app
