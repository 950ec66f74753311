// `formviz check` run as a user would: exit codes and messages.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "app/process.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

using test::ProcessResult;

// Run with no display at all: checking needs no window or GL.
ProcessResult run(const std::string& arguments) { return test::runFormviz(arguments, "env -u DISPLAY -u WAYLAND_DISPLAY"); }

// A data folder with one exercise: the committed squat clip and a rules file of our own.
std::string fmt_dir(const fs::path& dir) { return "--data-dir " + dir.string(); }

fs::path dataDir(const char* name, const std::string& rules) {
  const fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "check" / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "animations");
  fs::create_directories(dir / "shaders");
  const fs::path source = FORMVIZ_SOURCE_DIR;
  fs::create_directory_symlink(source / "models", dir / "models");
  for (const char* file : {"bodyweight_squat.gltf", "bodyweight_squat.bin"})
    fs::copy_file(source / "animations" / file, dir / "animations" / file);
  std::ofstream(dir / "animations" / "bodyweight_squat.rules.json") << rules;
  return dir;
}

TEST(FormvizCheck, ACorrectAndAFlaggedMistakeExitZero) {
  const ProcessResult r = run("check bodyweight_squat --model male_175");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("clip bodyweight_squat / correct on male_175"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("verdict mistake_knee_valgus: OK (the mistake fails exactly squat.valgus, as declared)"),
            std::string::npos) << r.output;
  // The table shows the measured deviation: FPPA 18 against at most 12.
  EXPECT_NE(r.output.find("18.0 deg"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FAIL (6.0 deg above the range)  squat.valgus"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("4 of 4 clip checks as expected"), std::string::npos) << r.output;  // correct + 3 mistakes
}

TEST(FormvizCheck, AnUnflaggedMistakeExitsOne) {
  // The valgus clip is declared to fail only the trunk rule: it fails the FPPA rule instead.
  const fs::path dir = dataDir("wrong", R"({"exercise": "bodyweight_squat",
    "contacts": [{"contact": "leftFoot"}, {"contact": "rightFoot"}],
    "rules": [{"id": "fppa", "measure": "kneeFppa", "statistic": "max", "range": [null, 12], "source": "test [E]"},
              {"id": "trunk", "measure": "trunkInclination", "statistic": "max", "range": [null, 55], "source": "test [E]"}],
    "mistakes": {"knee_valgus": ["trunk"]}})");
  const ProcessResult r = run(fmt_dir(dir) + " check --model male_175 --brief");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("verdict mistake_knee_valgus: WRONG (not flagged: trunk; also fails: fppa)"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("verdict correct: OK"), std::string::npos) << r.output;
}

TEST(FormvizCheck, AMissingExerciseNamesTheFile) {
  const ProcessResult r = run("check no_such_exercise --model male_175");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no_such_exercise.gltf: no clip file for exercise 'no_such_exercise'"), std::string::npos)
      << r.output;
}

TEST(FormvizCheck, ACorruptRulesFileNamesTheFileAndThePlace) {
  const fs::path dir = dataDir("corrupt", R"({"exercise": "bodyweight_squat", "rules": [{"id": "x"}]})");
  const ProcessResult r = run(fmt_dir(dir) + " check bodyweight_squat --model male_175");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("bodyweight_squat.rules.json: rules[0].measure: missing"), std::string::npos) << r.output;
  const fs::path broken = dataDir("broken", "{\"exercise\": ");
  const ProcessResult b = run(fmt_dir(broken) + " check bodyweight_squat --model male_175");
  EXPECT_EQ(b.exitCode, 1) << b.output;
  EXPECT_NE(b.output.find("bodyweight_squat.rules.json: not valid JSON"), std::string::npos) << b.output;
}

TEST(FormvizCheck, AnUnknownBodyAndABadOptionAreErrors) {
  const ProcessResult r = run("check bodyweight_squat --model giant_250");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("giant_250.gltf: no such body (bodies: female_160 male_175 male_190)"), std::string::npos)
      << r.output;
  EXPECT_EQ(run("check --no-such-option").exitCode, 2);
}

}  // namespace
}  // namespace formviz
