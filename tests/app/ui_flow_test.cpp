// The real window driven headless by a UI script (formviz --script): build a session from the
// library, step through the cues, save, start over, reopen, follow along; the session file and
// screenshots (against goldens, with a tolerance) are checked.
#include <gtest/gtest.h>


#include <nlohmann/json.hpp>

#include "app/process.h"
#include "core/paths.h"
#include "gl/golden.h"
#include "render/image.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

test::ProcessResult runScript(const fs::path& dir, const std::string& script) {
  EXPECT_TRUE(writeFileAtomic(dir / "config" / "formviz" / "settings.json",
                              R"({"window": {"width": 1280, "height": 800}, "view": "three-quarter", "mode": "highlight"})"));
  EXPECT_TRUE(writeFileAtomic(dir / "flow.fvs", script));
  return test::runFormviz("--script " + (dir / "flow.fvs").string(),
                          "env XDG_CONFIG_HOME=" + (dir / "config").string() + " SDL_VIDEODRIVER=offscreen");
}

fs::path freshDir(const char* name) {
  const fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "ui" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(UiFlow, BuildStepSaveReopenAndFollowAlong) {
  const fs::path dir = freshDir("flow");
  const std::string d = dir.string();
  const test::ProcessResult run = runScript(dir, "wait 2\n"
                                 "pick bodyweight_squat\n"
                                 "add\n"
                                 "pick reverse_lunge\n"
                                 "add\n"
                                 "expect-items 2\n"
                                 "expect-exercise reverse_lunge\n"
                                 "key up\n"                 // up: the session's previous item
                                 "expect-exercise bodyweight_squat\n"
                                 "cue 2\n"
                                 "wait 10\n"
                                 "expect-cue 2\n"
                                 "key right\n"              // right: next cue
                                 "wait 20\n"
                                 "expect-cue 3\n"
                                 "screenshot " + d + "/cue.png\n"
                                 "save-as " + d + "/monday.json\n"
                                 "new\n"
                                 "expect-items 0\n"
                                 "open " + d + "/monday.json\n"
                                 "wait 2\n"
                                 "expect-items 2\n"
                                 "screenshot " + d + "/reopened.png\n"
                                 "follow\n"
                                 "wait 40\n"
                                 "screenshot " + d + "/follow.png\n");
  ASSERT_EQ(run.exitCode, 0) << run.output;

  auto text = readFile(dir / "monday.json");
  ASSERT_TRUE(text.ok()) << text.error().message;
  const auto saved = nlohmann::json::parse(*text);
  ASSERT_EQ(saved.at("items").size(), 2u);
  EXPECT_EQ(saved["items"][0]["exercise"], "bodyweight_squat");
  EXPECT_EQ(saved["items"][1]["exercise"], "reverse_lunge");

  for (const char* name : {"cue", "reopened", "follow"}) {
    auto image = render::loadPng(dir / (std::string(name) + ".png"));
    ASSERT_TRUE(image) << image.error().message;
    EXPECT_EQ(image->width, 1280);
    EXPECT_TRUE(test::matchesGolden(*image, std::string("ui_") + name, {10, 0.015})) << name;
  }
}

TEST(UiFlow, AFailedExpectationFailsTheRunWithItsLine) {
  const fs::path dir = freshDir("expect");
  const test::ProcessResult run = runScript(dir, "wait 1\nexpect-items 3\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("flow.fvs:2: expected 3 session items, found 0"), std::string::npos) << run.output;
}

TEST(UiFlow, ABadScriptIsRefusedBeforeTheWindowOpens) {
  const fs::path dir = freshDir("bad");
  const test::ProcessResult run = runScript(dir, "wait 1\njump\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("flow.fvs:2: unknown command 'jump'"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace formviz
