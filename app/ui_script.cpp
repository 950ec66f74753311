#include "app/ui_script.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

#include <fmt/format.h>

#include "core/paths.h"

namespace formviz::app {
namespace {

enum class Argument { None, Number, Text };

struct VerbInfo {
  std::string_view verb;
  Argument argument;
};

constexpr std::array kVerbs{
    VerbInfo{"wait", Argument::Number},          VerbInfo{"key", Argument::Text},
    VerbInfo{"shortcut", Argument::Text},        VerbInfo{"pick", Argument::Text},
    VerbInfo{"add", Argument::None},             VerbInfo{"cue", Argument::Number},
    VerbInfo{"mistake", Argument::Text},         VerbInfo{"template", Argument::Text},
    VerbInfo{"follow", Argument::None},          VerbInfo{"coverage", Argument::None},          VerbInfo{"save-as", Argument::Text},
    VerbInfo{"open", Argument::Text},            VerbInfo{"new", Argument::None},
    VerbInfo{"screenshot", Argument::Text},      VerbInfo{"expect-items", Argument::Number},
    VerbInfo{"expect-exercise", Argument::Text}, VerbInfo{"expect-cue", Argument::Number},
    VerbInfo{"quit", Argument::None},
};

// In the order of platform::Key.
constexpr std::array<std::string_view, 16> kKeys{"space", "left", "right", "up", "down", "1", "2", "3",
                                                 "4", "5", "f", "m", "f11", "escape", "comma", "period"};
constexpr std::array<std::string_view, 6> kShortcuts{"new", "open", "save", "save-as", "undo", "redo"};

template <std::size_t N>
bool oneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view n : names)
    if (n == name) return true;
  return false;
}

}  // namespace

Result<std::vector<ScriptCommand>> parseScript(std::string_view text, std::string_view fileName) {
  std::vector<ScriptCommand> commands;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    ScriptCommand command;
    command.line = number;
    if (!(words >> command.verb)) continue;
    auto fail = [&](std::string_view what) {
      return Error{fmt::format("{}:{}: {}", fileName, number, what)};
    };
    const VerbInfo* info = nullptr;
    for (const VerbInfo& v : kVerbs)
      if (v.verb == command.verb) info = &v;
    if (!info) return fail(fmt::format("unknown command '{}'", command.verb));
    std::getline(words >> std::ws, command.argument);
    while (!command.argument.empty() && std::isspace(static_cast<unsigned char>(command.argument.back())))
      command.argument.pop_back();
    if (info->argument == Argument::None && !command.argument.empty())
      return fail(fmt::format("'{}' takes no argument", command.verb));
    if (info->argument != Argument::None && command.argument.empty())
      return fail(fmt::format("'{}' needs an argument", command.verb));
    if (info->argument == Argument::Number) {
      const char* end = command.argument.data() + command.argument.size();
      auto [ptr, ec] = std::from_chars(command.argument.data(), end, command.number);
      if (ec != std::errc() || ptr != end || command.number < 0)
        return fail(fmt::format("'{}' needs a whole number >= 0, not '{}'", command.verb, command.argument));
    }
    if (command.verb == "key") {
      const auto at = std::find(kKeys.begin(), kKeys.end(), command.argument);
      if (at == kKeys.end()) return fail(fmt::format("unknown key '{}'", command.argument));
      command.number = static_cast<int>(at - kKeys.begin());
    }
    if (command.verb == "shortcut" && !oneOf(kShortcuts, command.argument))
      return fail(fmt::format("unknown shortcut '{}' (new, open, save, save-as, undo, redo)", command.argument));
    commands.push_back(std::move(command));
  }
  return commands;
}

Result<std::vector<ScriptCommand>> loadScript(const std::filesystem::path& path) {
  auto text = readFile(path);
  if (!text) return text.error();
  return parseScript(*text, path.filename().string());
}

}  // namespace formviz::app
