// UI scripts: the parser's accepted commands and every kind of bad line.
#include "app/ui_script.h"

#include <gtest/gtest.h>

#include "platform/window.h"

namespace formviz::app {
namespace {

TEST(UiScript, ParsesCommandsArgumentsAndComments) {
  auto parsed = parseScript("# a comment\n\nwait 3\nkey right   # next cue\npick bodyweight_squat\nadd\n"
                            "save-as /tmp/a b.json\nexpect-items 2\n",
                            "t.fvs");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 6u);
  EXPECT_EQ((*parsed)[0].verb, "wait");
  EXPECT_EQ((*parsed)[0].number, 3);
  EXPECT_EQ((*parsed)[0].line, 3);
  EXPECT_EQ((*parsed)[1].verb, "key");
  EXPECT_EQ((*parsed)[1].number, static_cast<int>(platform::Key::Right));
  EXPECT_EQ((*parsed)[2].argument, "bodyweight_squat");
  EXPECT_EQ((*parsed)[3].argument, "");
  EXPECT_EQ((*parsed)[4].argument, "/tmp/a b.json");  // paths may hold spaces
  EXPECT_EQ((*parsed)[5].number, 2);
}

TEST(UiScript, KeyNamesFollowThePlatformKeys) {
  const std::pair<const char*, platform::Key> keys[] = {
      {"space", platform::Key::Space}, {"left", platform::Key::Left},     {"up", platform::Key::Up},
      {"1", platform::Key::Num1},      {"5", platform::Key::Num5},        {"f", platform::Key::F},
      {"m", platform::Key::M},         {"escape", platform::Key::Escape}, {"period", platform::Key::Period}};
  for (const auto& [name, key] : keys) {
    auto parsed = parseScript(std::string("key ") + name, "t.fvs");
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(parsed->front().number, static_cast<int>(key)) << name;
  }
}

TEST(UiScript, BadLinesNameTheFileLineAndProblem) {
  const std::pair<const char*, const char*> cases[] = {
      {"wait 1\nclik add", "t.fvs:2: unknown command 'clik'"},
      {"wait", "t.fvs:1: 'wait' needs an argument"},
      {"wait soon", "t.fvs:1: 'wait' needs a whole number >= 0, not 'soon'"},
      {"wait -2", "t.fvs:1: 'wait' needs a whole number >= 0, not '-2'"},
      {"add now", "t.fvs:1: 'add' takes no argument"},
      {"key tab", "t.fvs:1: unknown key 'tab'"},
      {"shortcut print", "t.fvs:1: unknown shortcut 'print'"},
  };
  for (const auto& [text, message] : cases) {
    auto parsed = parseScript(text, "t.fvs");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().message.substr(0, std::string(message).size()), message) << parsed.error().message;
  }
}

TEST(UiScript, MissingFileIsAClearError) {
  auto loaded = loadScript("/no/such/script.fvs");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("script.fvs"), std::string::npos) << loaded.error().message;
}

}  // namespace
}  // namespace formviz::app
