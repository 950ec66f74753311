// [SECTION] Logging: one line per message on stderr, with a level prefix.
//
// Thread-safe. The level threshold is global; FORMVIZ_LOG=debug|info|warn|error
// overrides the default (info) at start-up.
#pragma once

#include <fmt/format.h>
#include <string_view>

namespace formviz::log {

enum class Level { Debug, Info, Warn, Error };

void setLevel(Level level);
Level level();
void write(Level level, std::string_view message);

template <typename... Args>
void debug(fmt::format_string<Args...> pattern, Args&&... args) {
  if (level() <= Level::Debug) write(Level::Debug, fmt::format(pattern, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> pattern, Args&&... args) {
  if (level() <= Level::Info) write(Level::Info, fmt::format(pattern, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> pattern, Args&&... args) {
  if (level() <= Level::Warn) write(Level::Warn, fmt::format(pattern, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> pattern, Args&&... args) {
  write(Level::Error, fmt::format(pattern, std::forward<Args>(args)...));
}

}  // namespace formviz::log
