#include "core/paths.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace formviz {
namespace {
namespace fs = std::filesystem;

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "paths" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  fs::path dir;
};

TEST_F(TempDir, WriteFileAtomicCreatesFoldersAndReadsBack) {
  const fs::path file = dir / "a" / "b" / "data.txt";
  ASSERT_TRUE(writeFileAtomic(file, "hello\nworld"));
  auto text = readFile(file);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "hello\nworld");
}

TEST_F(TempDir, WriteFileAtomicReplacesAndLeavesNoTempFile) {
  const fs::path file = dir / "data.txt";
  ASSERT_TRUE(writeFileAtomic(file, "old"));
  ASSERT_TRUE(writeFileAtomic(file, "new"));
  EXPECT_EQ(*readFile(file), "new");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(TempDir, AWriteKilledMidwayLeavesTheOldOrTheNewFileNeverAPart) {
  const fs::path file = dir / "session.json";
  const std::string previous = "precious";
  ASSERT_TRUE(writeFileAtomic(file, previous));
  const std::string replacement(48 << 20, 'x');  // big enough to be caught mid-write
  for (int delayMs : {1, 5, 20}) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      (void)writeFileAtomic(file, replacement);
      _exit(0);
    }
    usleep(static_cast<useconds_t>(delayMs * 1000));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    auto text = readFile(file);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_TRUE(*text == previous || *text == replacement) << "partial file of " << text->size() << " bytes";
    ASSERT_TRUE(writeFileAtomic(file, previous));
  }
}

TEST_F(TempDir, WriteIntoAFileInsteadOfAFolderNamesThePath) {
  ASSERT_TRUE(writeFileAtomic(dir / "plain", "x"));
  const Status status = writeFileAtomic(dir / "plain" / "child.txt", "y");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("child.txt"), std::string::npos) << status.error().message;
}

TEST(Paths, ReadFileNamesAMissingFile) {
  auto text = readFile("/nonexistent/formviz/file.json");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("/nonexistent/formviz/file.json"), std::string::npos);
  EXPECT_NE(text.error().message.find("no such file"), std::string::npos);
}

TEST(Paths, FindDataDirPrefersTheOverrideAndRejectsABadOne) {
  auto found = findDataDir(fs::path(FORMVIZ_SOURCE_DIR));
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(fs::exists(*found / "shaders" / "mesh.frag"));

  auto bad = findDataDir(fs::path("/tmp"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("/tmp"), std::string::npos);
}

TEST(Paths, FindDataDirFallsBackToTheSourceTree) {
  auto found = findDataDir(std::nullopt);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(fs::exists(*found / "shaders"));
}

TEST(Paths, UserConfigDirFollowsXdg) {
  const std::string oldXdg = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
  const std::string oldHome = std::getenv("HOME") ? std::getenv("HOME") : "";
  setenv("HOME", "/home/runner", 1);
  setenv("XDG_CONFIG_HOME", "/custom/config", 1);
  EXPECT_EQ(userConfigDir(), fs::path("/custom/config/formviz"));
  setenv("XDG_CONFIG_HOME", "relative/dir", 1);  // the XDG spec says to ignore relative paths
  EXPECT_EQ(userConfigDir(), fs::path("/home/runner/.config/formviz"));
  unsetenv("XDG_CONFIG_HOME");
  EXPECT_EQ(userConfigDir(), fs::path("/home/runner/.config/formviz"));
  setenv("HOME", oldHome.c_str(), 1);
  if (!oldXdg.empty()) setenv("XDG_CONFIG_HOME", oldXdg.c_str(), 1);
}

}  // namespace
}  // namespace formviz
