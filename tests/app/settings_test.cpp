#include "app/settings.h"

#include <gtest/gtest.h>

#include "core/paths.h"

namespace formviz::app {
namespace {
namespace fs = std::filesystem;

Settings customised() {
  Settings s;
  s.window = {12, 34, 1600, 1000, true};
  s.layout.libraryWidth = 280.0f;
  s.layout.sidebarWidth = 410.5f;
  s.layout.playerHeight = 150.0f;
  s.layout.cuesFraction = 0.6f;
  s.view = "side";
  s.showGrid = false;
  s.sound = false;
  s.uiScale = 1.25f;
  return s;
}

TEST(Settings, SavedSettingsLoadBackEqual) {
  const Settings original = customised();
  auto parsed = parseSettings(serializeSettings(original), "settings.json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, original);
}

TEST(Settings, MissingKeysKeepDefaultsAndUnknownKeysAreIgnored) {
  auto parsed = parseSettings(R"({"view": "back", "fromTheFuture": {"x": 1}})", "s.json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  Settings expected;
  expected.view = "back";
  EXPECT_EQ(*parsed, expected);
}

TEST(Settings, OutOfRangeValuesAreClamped) {
  auto parsed = parseSettings(
      R"({"window": {"width": 5, "height": 99999}, "layout": {"cuesFraction": 7}, "uiScale": 0.1, "view": "sideways"})",
      "s.json");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->window.width, 640);
  EXPECT_EQ(parsed->window.height, 16384);
  EXPECT_FLOAT_EQ(parsed->layout.cuesFraction, 0.85f);
  EXPECT_FLOAT_EQ(parsed->uiScale, 0.75f);
  EXPECT_EQ(parsed->view, Settings{}.view);
}

struct BadCase {
  const char* json;
  const char* mentions;
};
class BadSettings : public ::testing::TestWithParam<BadCase> {};
TEST_P(BadSettings, GiveAnErrorNamingTheFile) {
  auto parsed = parseSettings(GetParam().json, "/home/me/.config/formviz/settings.json");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("/home/me/.config/formviz/settings.json"), std::string::npos);
  EXPECT_NE(parsed.error().message.find(GetParam().mentions), std::string::npos) << parsed.error().message;
}
INSTANTIATE_TEST_SUITE_P(Table, BadSettings,
                         ::testing::Values(BadCase{"{\"view\": ", "parse error"},
                                           BadCase{"[1, 2]", "JSON object"},
                                           BadCase{R"({"window": {"width": "wide"}})", "type"},
                                           BadCase{R"({"showGrid": 3})", "type"}));

class SettingsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "settings" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  fs::path dir;
};

TEST_F(SettingsFile, SaveThenLoadRoundTrips) {
  const fs::path file = dir / "nested" / "settings.json";
  ASSERT_TRUE(saveSettings(file, customised()));
  EXPECT_EQ(loadSettings(file), customised());
}

TEST_F(SettingsFile, MissingFileGivesDefaults) { EXPECT_EQ(loadSettings(dir / "none.json"), Settings{}); }

TEST_F(SettingsFile, BrokenFileGivesDefaultsAndIsKeptAside) {
  const fs::path file = dir / "settings.json";
  ASSERT_TRUE(writeFileAtomic(file, "{ not json"));
  EXPECT_EQ(loadSettings(file), Settings{});
  EXPECT_FALSE(fs::exists(file));
  auto kept = readFile(dir / "settings.json.bad");
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, "{ not json");
}

}  // namespace
}  // namespace formviz::app
