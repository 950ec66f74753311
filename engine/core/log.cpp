#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace formviz::log {
namespace {

Level levelFromEnvironment() {
  const char* value = std::getenv("FORMVIZ_LOG");
  if (!value) return Level::Info;
  const std::string name(value);
  if (name == "debug") return Level::Debug;
  if (name == "warn") return Level::Warn;
  if (name == "error") return Level::Error;
  return Level::Info;
}

std::atomic<Level> g_level{levelFromEnvironment()};
std::mutex g_mutex;

const char* prefix(Level level) {
  switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warning";
    case Level::Error: return "error";
  }
  return "?";
}

}  // namespace

void setLevel(Level level) { g_level = level; }
Level level() { return g_level; }

void write(Level level, std::string_view message) {
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "formviz: %s: %.*s\n", prefix(level), static_cast<int>(message.size()), message.data());
}

}  // namespace formviz::log
