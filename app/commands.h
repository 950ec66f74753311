// [SECTION] The program's commands, as called from main() once the command line is parsed.
#pragma once

#include "app/cli.h"

namespace formviz::app {

// `formviz render`: draws the scene headlessly into a PNG file.
ExitCode runRender(const CommandLine& cmd);

// `formviz check`: measures exercise clips on every body and checks them against their
// rules; exit 0 when every clip gets the verdict its rules declare, 1 otherwise.
ExitCode runCheck(const CommandLine& cmd);

// `formviz sheet`: contact sheets of exercises' key phases into PNG files (app/sheet.h).
ExitCode runSheet(const CommandLine& cmd);

// `formviz`: the window. Without a display, says so and points to the headless commands.
ExitCode runGui(const CommandLine& cmd);

}  // namespace formviz::app
