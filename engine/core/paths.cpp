#include "core/paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace formviz {
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> executableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  return exe.parent_path();
}

bool looksLikeDataDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "shaders", ec);
}

}  // namespace

Result<fs::path> findDataDir(const std::optional<fs::path>& override) {
  if (override) {
    if (looksLikeDataDir(*override)) return fs::absolute(*override);
    return makeError(fmt::format("the data directory '{}' given with --data-dir has no shaders/ folder",
                                 override->string()));
  }
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("FORMVIZ_DATA_DIR"); env && *env) candidates.emplace_back(env);
  if (auto dir = executableDir()) candidates.push_back(*dir / ".." / "share" / "formviz");
  candidates.emplace_back(FORMVIZ_SOURCE_DATA_DIR);

  std::string tried;
  for (const fs::path& candidate : candidates) {
    if (looksLikeDataDir(candidate)) return fs::weakly_canonical(candidate);
    tried += fmt::format("\n  {}", candidate.string());
  }
  return makeError(fmt::format(
      "cannot find FormViz's data (a folder with shaders/). Tried:{}\n"
      "Pass --data-dir DIR or set FORMVIZ_DATA_DIR.", tried));
}

fs::path userConfigDir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    return fs::path(xdg) / "formviz";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "formviz";
  return {};
}

Result<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const char* reason = !fs::exists(path, ec) ? "no such file" : std::strerror(errno);
    return makeError(fmt::format("cannot read '{}': {}", path.string(), reason));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return makeError(fmt::format("cannot read '{}': read error", path.string()));
  return bytes.str();
}

Status writeFileAtomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return makeError(fmt::format("cannot create the folder for '{}': {}", path.string(), ec.message()));

  const fs::path temp = fs::path(path).concat(fmt::format(".tmp-{}", getpid()));
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file) return makeError(fmt::format("cannot write '{}': {}", temp.string(), std::strerror(errno)));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const bool flushed = std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    const std::string reason = std::strerror(errno);
    fs::remove(temp, ec);
    return makeError(fmt::format("cannot write '{}': {}", path.string(), reason));
  }
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    return makeError(fmt::format("cannot replace '{}': {}", path.string(), ec.message()));
  }
  return Ok{};
}

}  // namespace formviz
