// Runs the real formviz executable, as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

#include "app/process.h"
#include "core/paths.h"
#include "gl/golden.h"
#include "render/image.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

using test::ProcessResult;

ProcessResult run(const std::string& arguments, const std::string& environment = "") {
  return test::runFormviz(arguments, environment);
}

fs::path outputDir(const char* name) {
  fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "command" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(FormvizRender, WritesAPngOfTheRequestedSize) {
  const fs::path out = outputDir("render") / "three-quarter.png";
  const ProcessResult r = run("render --out " + out.string() + " --width 400 --height 300 --view three-quarter");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  ASSERT_TRUE(fs::exists(out));
  EXPECT_GT(fs::file_size(out), 1000u);
  auto image = render::loadPng(out);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 400);
  EXPECT_EQ(image->height, 300);
}

TEST(FormvizRender, WorksWithNoDisplayAtAll) {
  const fs::path out = outputDir("nodisplay") / "front.png";
  const ProcessResult r = run("render --out " + out.string() + " -W 64 -H 48", "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = render::loadPng(out);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 64);
}

TEST(FormvizRender, BrokenShaderFailsWithFileAndLine) {
  const fs::path data = outputDir("broken-shader");
  fs::copy(fs::path(FORMVIZ_SOURCE_DIR) / "shaders", data / "shaders");
  ASSERT_TRUE(writeFileAtomic(data / "shaders" / "ground.frag",
                              "#version 330 core\nout vec4 c;\nvoid main() {\n  c = vec4(1.0)\n}\n"));
  const fs::path out = data / "x.png";
  const ProcessResult r = run("--data-dir " + data.string() + " render --out " + out.string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("shaders/ground.frag:5"), std::string::npos) << r.output;  // the missing ';' is seen at '}'
  EXPECT_FALSE(fs::exists(out)) << "no picture is written when rendering fails";
}

TEST(FormvizRender, MissingShaderFailsNamingTheFile) {
  const fs::path data = outputDir("missing-shader");
  fs::copy(fs::path(FORMVIZ_SOURCE_DIR) / "shaders", data / "shaders");
  fs::remove(data / "shaders" / "mesh.vert");
  const ProcessResult r = run("--data-dir " + data.string() + " render --out " + (data / "x.png").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("mesh.vert"), std::string::npos) << r.output;
}

TEST(FormvizRender, UnwritableOutputIsAClearError) {
  const ProcessResult r = run("render --out /proc/formviz-cannot-write-here.png -W 32 -H 32");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("formviz-cannot-write-here.png"), std::string::npos) << r.output;
}

TEST(FormvizCommand, BadArgumentsExitWithUsageCode) {
  const ProcessResult r = run("render --view sideways --out x.png");
  EXPECT_EQ(r.exitCode, 2) << r.output;
  EXPECT_NE(r.output.find("sideways"), std::string::npos) << r.output;
}

TEST(FormvizCommand, WindowWithoutDisplaySaysSoAndPointsToHeadlessCommands) {
  const ProcessResult r = run("", "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER");
  EXPECT_EQ(r.exitCode, 3) << r.output;
  EXPECT_NE(r.output.find("no display"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("formviz render"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("xvfb-run"), std::string::npos) << r.output;
}

TEST(FormvizCommand, VersionPrintsTheVersion) {
  const ProcessResult r = run("--version");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("formviz 0."), std::string::npos) << r.output;
}

}  // namespace
}  // namespace formviz

namespace formviz {
namespace {

// The window, driven headless through SDL's offscreen driver, with settings in a
// private config folder so the user's own are never touched.
TEST(FormvizWindow, StartsAndShowsThePanelFrame) {
  const fs::path dir = outputDir("window");
  ASSERT_TRUE(writeFileAtomic(dir / "config" / "formviz" / "settings.json",
                              R"({"window": {"width": 1280, "height": 800}, "view": "three-quarter"})"));
  const fs::path shot = dir / "window.png";
  const ProcessResult r = run("--screenshot " + shot.string() + " --frames 4",
                              "env XDG_CONFIG_HOME=" + (dir / "config").string() + " SDL_VIDEODRIVER=offscreen");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = render::loadPng(shot);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 1280);
  EXPECT_EQ(image->height, 800);
  // The status line shows a frame time: small differences there are expected.
  EXPECT_TRUE(test::matchesGolden(*image, "window_three-quarter", {8, 0.01}));
  EXPECT_TRUE(fs::exists(dir / "config" / "formviz" / "settings.json")) << "the screenshot run must not remove settings";
}

TEST(FormvizWindow, StartsUnderXvfb) {
  if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0) GTEST_SKIP() << "xvfb-run is not installed";
  const fs::path dir = outputDir("xvfb");
  const fs::path shot = dir / "window.png";
  const ProcessResult r = run("--screenshot " + shot.string() + " --frames 3",
                              "env -u SDL_VIDEODRIVER XDG_CONFIG_HOME=" + (dir / "config").string() +
                                  " xvfb-run -a -s '-screen 0 1600x1000x24'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = render::loadPng(shot);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 1440);  // the default window size
  EXPECT_EQ(image->height, 900);
}

}  // namespace
}  // namespace formviz

namespace formviz {
namespace {

TEST(FormvizWindow, SavesItsSettingsOnExit) {
  const fs::path dir = outputDir("settings-on-exit");
  const fs::path settings = dir / "config" / "formviz" / "settings.json";
  ASSERT_TRUE(writeFileAtomic(settings, R"({"window": {"width": 900, "height": 700}, "view": "back", "showGrid": false})"));
  const ProcessResult r =
      run("--frames 2", "env XDG_CONFIG_HOME=" + (dir / "config").string() + " SDL_VIDEODRIVER=offscreen");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto text = readFile(settings);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_NE(text->find("\"version\": 1"), std::string::npos) << *text;  // rewritten by the app, not our file
  EXPECT_NE(text->find("\"view\": \"back\""), std::string::npos) << *text;
  EXPECT_NE(text->find("\"showGrid\": false"), std::string::npos) << *text;
  EXPECT_NE(text->find("\"width\": 900"), std::string::npos) << *text;
}

TEST(FormvizCommand, NoOpenGLContextSaysWhatWasTriedAndExitsWith3) {
  // SDL's dummy video driver has no OpenGL at all.
  const ProcessResult r = run("render --out never.png", "env SDL_VIDEODRIVER=dummy");
  EXPECT_EQ(r.exitCode, 3) << r.output;
  EXPECT_NE(r.output.find("no OpenGL 3.3 core context"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'dummy'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("apt-get install"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace formviz

namespace formviz {
namespace {

fs::path fixture(const char* relative) { return fs::path(FORMVIZ_FIXTURES_DIR) / relative; }

// Share of pixels in the warm skin tone the figure shader gives bodies without region colours.
double figureShare(const render::Image& image) {
  std::size_t count = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) count += image.at(x, y)[0] > image.at(x, y)[2] + 25;
  return double(count) / (double(image.width) * image.height);
}

TEST(FormvizRenderModel, ThirdPartyFiguresRenderFramedAtTwoTimes) {
  if (!fs::exists(fixture("gltf"))) GTEST_SKIP() << "../shared/fixtures is absent";
  const fs::path dir = outputDir("fixtures");
  const std::vector<std::string> clips = {"gltf/CesiumMan.glb", "gltf/Fox.glb:Walk", "gltf/SimpleSkin.gltf",
                                          "bvh/CMU_01_01.bvh", "bvh/CMU_131_01_scaled_m.bvh"};
  for (const std::string& clip : clips) {
    for (const char* time : {"0.2", "1.0"}) {
      std::string name = clip.substr(clip.find('/') + 1);
      std::replace(name.begin(), name.end(), ':', '_');
      const fs::path out = dir / (name + "_" + time + ".png");
      const ProcessResult r = run("render -W 240 -H 180 --view three-quarter --clip " +
                                  (fs::path(FORMVIZ_FIXTURES_DIR) / clip).string() + " --time " + time +
                                  " --out " + out.string());
      ASSERT_EQ(r.exitCode, 0) << clip << "\n" << r.output;
      auto image = render::loadPng(out);
      ASSERT_TRUE(image) << image.error().message;
      // Framed: the figure is clearly visible and does not fill the whole picture.
      EXPECT_GT(figureShare(*image), 0.01) << clip << " at " << time;
      EXPECT_LT(figureShare(*image), 0.6) << clip << " at " << time;
    }
  }
}

TEST(FormvizRenderModel, DifferentTimesGiveDifferentPoses) {
  if (!fs::exists(fixture("gltf"))) GTEST_SKIP() << "../shared/fixtures is absent";
  const fs::path dir = outputDir("poses");
  for (const char* time : {"0.1", "0.9"})
    ASSERT_EQ(run(std::string("render -W 160 -H 120 --clip ") + fixture("gltf/CesiumMan.glb").string() + " --time " +
                  time + " --out " + (dir / (std::string(time) + ".png")).string())
                  .exitCode,
              0);
  const render::ImageComparison c =
      render::compareImages(*render::loadPng(dir / "0.1.png"), *render::loadPng(dir / "0.9.png"), 16);
  EXPECT_GT(c.differingFraction, 0.005);
}

TEST(FormvizRenderModel, BadModelAndClipFilesNameTheFileAndTheProblem) {
  const fs::path dir = outputDir("bad-model");
  ASSERT_TRUE(writeFileAtomic(dir / "broken.gltf", "{ \"asset\": { \"version\": \"2.0\" }, \"meshes\": ["));
  ProcessResult r = run("render --model " + (dir / "broken.gltf").string() + " --out " + (dir / "x.png").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("broken.gltf"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "x.png"));

  r = run("render --model no-such-body --out " + (dir / "x.png").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no model 'no-such-body'"), std::string::npos) << r.output;

  if (fs::exists(fixture("gltf"))) {
    r = run("render --clip " + fixture("gltf/Fox.glb").string() + ":Dance --out " + (dir / "x.png").string());
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("no clip named 'Dance'"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("'Survey'"), std::string::npos) << r.output;
  }
}

TEST(FormvizRenderModel, TimeNeedsSomethingToAnimate) {
  const ProcessResult r = run("render --time 1 --out x.png");
  EXPECT_EQ(r.exitCode, 2) << r.output;
  EXPECT_NE(r.output.find("--time and --phase need --exercise, --clip or --model"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace formviz

namespace formviz {
namespace {

TEST(FormvizWindow, ShowsAnExerciseWithItsMusclesCuesAndPhases) {
  const fs::path dir = outputDir("exercise");
  ASSERT_TRUE(writeFileAtomic(dir / "config" / "formviz" / "settings.json",
                              R"({"window": {"width": 1280, "height": 800}, "view": "three-quarter", "mode": "anatomy"})"));
  const fs::path shot = dir / "squat.png";
  const ProcessResult r = run("--exercise bodyweight_squat --screenshot " + shot.string() + " --frames 20",
                              "env XDG_CONFIG_HOME=" + (dir / "config").string() + " SDL_VIDEODRIVER=offscreen");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = render::loadPng(shot);
  ASSERT_TRUE(image) << image.error().message;
  // Picking an exercise switches anatomy colours to its highlight: primary muscles in vermillion.
  int primary = 0;
  for (int y = 0; y < image->height; ++y)
    for (int x = 320; x < 930; ++x) {  // the 3D view
      const std::uint8_t* p = image->at(x, y);
      primary += p[0] > 180 && p[1] < 120 && p[2] < 80;
    }
  EXPECT_GT(primary, 500) << "the squat's glutes and quadriceps are highlighted";
  EXPECT_TRUE(test::matchesGolden(*image, "window_exercise_squat", {8, 0.01}));
}

TEST(FormvizWindow, UnknownExerciseIsReportedAndTheWindowStillOpens) {
  const fs::path dir = outputDir("unknown-exercise");
  const ProcessResult r = run("--exercise no_such_move --frames 2",
                              "env XDG_CONFIG_HOME=" + (dir / "config").string() + " SDL_VIDEODRIVER=offscreen");
  EXPECT_EQ(r.exitCode, 0) << r.output;
}

}  // namespace
}  // namespace formviz

namespace formviz {
namespace {

TEST(FormvizRenderExercise, DrawsTheExerciseAtAPhaseWithItsMusclesHighlighted) {
  const fs::path dir = outputDir("render-exercise");
  auto primaryPixels = [&](const std::string& extra, const std::string& name) {
    const fs::path out = dir / name;
    const ProcessResult r = run("render --exercise bodyweight_squat --phase bottom --view side -W 320 -H 360 " + extra +
                                " --out " + out.string());
    EXPECT_EQ(r.exitCode, 0) << r.output;
    auto image = render::loadPng(out);
    if (!image) return -1;
    int count = 0;
    for (int y = 0; y < image->height; ++y)
      for (int x = 0; x < image->width; ++x) {
        const std::uint8_t* p = image->at(x, y);
        count += p[0] > 180 && p[1] < 120 && p[2] < 80;
      }
    return count;
  };
  const int highlighted = primaryPixels("", "squat_bottom.png");
  const int plain = primaryPixels("--mode plain", "squat_plain.png");
  EXPECT_GT(highlighted, 60) << "glutes and quadriceps in the primary colour";
  EXPECT_LT(plain, highlighted / 10) << "and not without the highlight";
}

TEST(FormvizRenderExercise, UnknownExerciseAndPhaseAreClearErrors) {
  const fs::path dir = outputDir("render-exercise-errors");
  ProcessResult r = run("render --exercise no_such_move --out " + (dir / "x.png").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no exercise 'no_such_move'"), std::string::npos) << r.output;
  r = run("render --exercise bodyweight_squat --phase lockout --out " + (dir / "x.png").string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no phase 'lockout'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("bottom"), std::string::npos) << "lists the clip's phases: " << r.output;
  r = run("render --exercise bodyweight_squat --phase bottom --time 1 --out x.png");
  EXPECT_EQ(r.exitCode, 2) << r.output;
}

TEST(FormvizSheet, WritesTheSheetOfAnExercise) {
  const fs::path out = outputDir("sheet") / "plank.png";
  const ProcessResult r = run("sheet --exercise front_plank -W 48 --out " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto image = render::loadPng(out);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_GT(image->width, 3 * 48);
}

TEST(FormvizSheet, UnknownExerciseFailsAndSaysWhy) {
  const fs::path out = outputDir("sheet-unknown") / "x.png";
  const ProcessResult r = run("sheet --exercise no_such_thing --out " + out.string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no exercise 'no_such_thing'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace formviz
