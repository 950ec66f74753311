// Runs the real formviz executable, as a user would, and collects what it printed.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace formviz::test {

struct ProcessResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr
};

// `environment` goes before the program (e.g. "env SDL_VIDEODRIVER=offscreen").
inline ProcessResult runFormviz(const std::string& arguments, const std::string& environment = "") {
  const std::string command = environment + " " + FORMVIZ_EXE + " " + arguments + " 2>&1";
  ProcessResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace formviz::test
