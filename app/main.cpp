// formviz: parse the command line, run the command, return its exit code.
#include <iostream>

#include "app/cli.h"
#include "app/commands.h"
#include "core/log.h"

int main(int argc, char** argv) {
  using namespace formviz;
  auto parsed = app::parseCommandLine(argc, argv, std::cout, std::cerr);
  if (auto* code = std::get_if<app::ExitCode>(&parsed)) return static_cast<int>(*code);
  const auto& cmd = std::get<app::CommandLine>(parsed);
  if (cmd.verbose) log::setLevel(log::Level::Debug);
  const app::ExitCode code = cmd.command == app::CommandLine::Command::Render  ? app::runRender(cmd)
                             : cmd.command == app::CommandLine::Command::Check ? app::runCheck(cmd)
                             : cmd.command == app::CommandLine::Command::Sheet ? app::runSheet(cmd)
                                                                               : app::runGui(cmd);
  return static_cast<int>(code);
}
