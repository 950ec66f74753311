#include "app/cli.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace formviz::app {
namespace {

struct Parsed {
  std::variant<CommandLine, ExitCode> result;
  std::string out, err;
};

Parsed parse(std::vector<const char*> args) {
  args.insert(args.begin(), "formviz");
  std::ostringstream out, err;
  auto result = parseCommandLine(static_cast<int>(args.size()), args.data(), out, err);
  return {result, out.str(), err.str()};
}

TEST(CommandLine, NoArgumentsOpensTheWindow) {
  const Parsed p = parse({});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(p.result));
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.command, CommandLine::Command::Gui);
  EXPECT_FALSE(cmd.dataDir);
  EXPECT_FALSE(cmd.gui.screenshot);
}

TEST(CommandLine, RenderWithEveryOption) {
  const Parsed p = parse({"render", "--out", "x.png", "--width", "640", "--height", "480", "--view", "side",
                          "--samples", "2", "--no-grid"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(p.result)) << p.err;
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.command, CommandLine::Command::Render);
  EXPECT_EQ(cmd.render.out, "x.png");
  EXPECT_EQ(cmd.render.width, 640);
  EXPECT_EQ(cmd.render.height, 480);
  EXPECT_EQ(cmd.render.view, render::ViewPreset::Side);
  EXPECT_EQ(cmd.render.samples, 2);
  EXPECT_FALSE(cmd.render.grid);
}

TEST(CommandLine, RenderDefaults) {
  const Parsed p = parse({"render", "-o", "y.png"});
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.render.width, 1280);
  EXPECT_EQ(cmd.render.height, 720);
  EXPECT_EQ(cmd.render.view, render::ViewPreset::Front);
  EXPECT_TRUE(cmd.render.grid);
}

TEST(CommandLine, ThreeQuarterViewIsAccepted) {
  const Parsed p = parse({"render", "-o", "y.png", "--view", "three-quarter"});
  EXPECT_EQ(std::get<CommandLine>(p.result).render.view, render::ViewPreset::ThreeQuarter);
}

struct BadCase {
  std::vector<const char*> args;
  const char* mentions;
};
class BadCommandLine : public ::testing::TestWithParam<BadCase> {};
TEST_P(BadCommandLine, IsAUsageErrorThatSaysWhy) {
  const Parsed p = parse(GetParam().args);
  ASSERT_TRUE(std::holds_alternative<ExitCode>(p.result));
  EXPECT_EQ(std::get<ExitCode>(p.result), ExitCode::Usage);
  EXPECT_NE(p.err.find(GetParam().mentions), std::string::npos) << p.err;
}
INSTANTIATE_TEST_SUITE_P(
    Table, BadCommandLine,
    ::testing::Values(BadCase{{"render"}, "--out"},                                   // output required
                      BadCase{{"render", "-o", "a.png", "--view", "diagonal"}, "diagonal"},
                      BadCase{{"render", "-o", "a.png", "--width", "0"}, "width"},
                      BadCase{{"render", "-o", "a.png", "--height", "abc"}, "height"},
                      BadCase{{"--data-dir", "/nonexistent/dir"}, "/nonexistent/dir"},
                      BadCase{{"--no-such-flag"}, "no-such-flag"},
                      BadCase{{"--frames", "-2"}, "frames"}));

TEST(CommandLine, HelpAndVersionExitCleanly) {
  Parsed help = parse({"--help"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(help.result));
  EXPECT_EQ(std::get<ExitCode>(help.result), ExitCode::Ok);
  EXPECT_NE(help.out.find("render"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);

  Parsed version = parse({"--version"});
  EXPECT_EQ(std::get<ExitCode>(version.result), ExitCode::Ok);
  EXPECT_NE(version.out.find("formviz 0."), std::string::npos) << version.out;

  Parsed renderHelp = parse({"render", "--help"});
  EXPECT_EQ(std::get<ExitCode>(renderHelp.result), ExitCode::Ok);
  EXPECT_NE(renderHelp.out.find("--view"), std::string::npos);
}

TEST(CommandLine, ScreenshotDefaultsToAFewFrames) {
  const Parsed p = parse({"--screenshot", "ui.png"});
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.gui.screenshot, std::filesystem::path("ui.png"));
  EXPECT_EQ(cmd.gui.frames, 3);
}

}  // namespace
}  // namespace formviz::app

namespace formviz::app {
namespace {

TEST(CommandLine, MusclesAndModesAreChecked) {
  Parsed ok = parse({"render", "-o", "x.png", "--primary", "gluteus_maximus,quadriceps:left", "--secondary",
                     "hamstrings", "--mode", "x-ray"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(ok.result)) << ok.err;
  EXPECT_EQ(std::get<CommandLine>(ok.result).render.mode, "x-ray");

  Parsed unknown = parse({"render", "-o", "x.png", "--primary", "glutes"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(unknown.result));
  EXPECT_NE(unknown.err.find("unknown muscle 'glutes'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("gluteus_maximus"), std::string::npos) << "lists the valid names";

  Parsed side = parse({"render", "-o", "x.png", "--secondary", "hamstrings:middle"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(side.result));
  EXPECT_NE(side.err.find("'left' or 'right'"), std::string::npos) << side.err;

  Parsed mode = parse({"render", "-o", "x.png", "--mode", "xray"});
  EXPECT_EQ(std::get<ExitCode>(mode.result), ExitCode::Usage);
}

TEST(CommandLine, SheetOfOneExercise) {
  const Parsed p = parse({"sheet", "--exercise", "goblet_squat", "--out", "g.png", "-W", "120", "-H", "150"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(p.result)) << p.err;
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.command, CommandLine::Command::Sheet);
  EXPECT_EQ(cmd.exercise, "goblet_squat");
  EXPECT_EQ(cmd.sheet.out, "g.png");
  EXPECT_EQ(cmd.sheet.cellWidth, 120);
  EXPECT_EQ(cmd.sheet.cellHeight, 150);
  EXPECT_FALSE(cmd.sheet.all);
}

TEST(CommandLine, SheetOfEveryExercise) {
  const Parsed p = parse({"sheet", "--all", "--out-dir", "docs/images/clips"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(p.result)) << p.err;
  const auto& cmd = std::get<CommandLine>(p.result);
  EXPECT_EQ(cmd.command, CommandLine::Command::Sheet);
  EXPECT_TRUE(cmd.sheet.all);
  EXPECT_EQ(cmd.sheet.outDir, "docs/images/clips");
  EXPECT_EQ(cmd.sheet.cellHeight, 0);  // from the figure's shape
}

TEST(CommandLine, SheetNeedsOneExerciseOrAll) {
  const Parsed none = parse({"sheet"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(none.result));
  EXPECT_EQ(std::get<ExitCode>(none.result), ExitCode::Usage);
  EXPECT_NE(none.err.find("--exercise ID or --all"), std::string::npos) << none.err;
  for (const auto& args : {std::vector<const char*>{"sheet", "--all", "--exercise", "lunge"},
                           std::vector<const char*>{"sheet", "--exercise", "lunge", "--out-dir", "x"},
                           std::vector<const char*>{"sheet", "--exercise", "lunge", "-H", "10"}}) {
    const Parsed bad = parse(args);
    ASSERT_TRUE(std::holds_alternative<ExitCode>(bad.result)) << args.back();
    EXPECT_EQ(std::get<ExitCode>(bad.result), ExitCode::Usage);
  }
}

TEST(CommandLine, OverlaysAreChecked) {
  Parsed ok = parse({"render", "-o", "x.png", "--exercise", "bodyweight_squat", "--overlay", "angle,cue"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(ok.result)) << ok.err;
  EXPECT_EQ(std::get<CommandLine>(ok.result).render.overlay, "angle,cue");

  Parsed unknown = parse({"render", "-o", "x.png", "--overlay", "angles"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(unknown.result));
  EXPECT_EQ(std::get<ExitCode>(unknown.result), ExitCode::Usage);
  EXPECT_NE(unknown.err.find("unknown overlay 'angles'"), std::string::npos) << unknown.err;

  Parsed cue = parse({"render", "-o", "x.png", "--overlay", "cue"});
  ASSERT_TRUE(std::holds_alternative<ExitCode>(cue.result));
  EXPECT_NE(cue.err.find("--overlay cue needs --exercise"), std::string::npos) << cue.err;

  Parsed window = parse({"--angles"});
  ASSERT_TRUE(std::holds_alternative<CommandLine>(window.result)) << window.err;
  EXPECT_TRUE(std::get<CommandLine>(window.result).gui.angles);
}

}  // namespace
}  // namespace formviz::app
