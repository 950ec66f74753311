// [SECTION] UI scripts: drive the real window from a text file (`formviz --script FILE`), for
// the end-to-end UI test and for making the documentation's screenshots.
//
// One command a line; '#' starts a comment. Keys go through SDL's event queue like typing;
// the other commands stand in for a click on the control they name. Like a person, a script
// does one thing a frame: a key, shortcut or click ends the frame, and the next command runs
// on the next frame, when the action has taken effect (so an `expect` right after sees it).
//   wait N              let N frames pass (animation time advances 1/30 s a frame)
//   key NAME            press a key: space left right up down 1-5 f m escape comma period
//   shortcut NAME       Ctrl+key: new open save save-as undo redo
//   pick EXERCISE       click an exercise in the library
//   add                 click "Add" (the exercise shown goes to the end of the session)
//   cue N               click the exercise's cue N (1-based) in the cue list
//   mistake CLIP        click "Show this mistake" for CLIP ("correct" to go back)
//   template KEY        Session > Start from a template > KEY
//   follow              click "Follow along"
//   coverage            click "Show coverage on the body"
//   save-as PATH        choose PATH in File > Save as
//   open PATH           choose PATH in File > Open
//   new                 File > New session
//   screenshot PATH     save the window as PNG after this frame
//   expect-items N      the session has N items, else the run fails (exit 1)
//   expect-exercise ID  the exercise shown is ID
//   expect-cue N        the stepper shows cue N (1-based; 0 = none)
//   quit                end the run
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace formviz::app {

struct ScriptCommand {
  std::string verb;      // as above
  std::string argument;  // empty when the verb takes none
  int number = 0;        // wait, cue, expect-items, expect-cue; key: the platform::Key value
  int line = 0;          // 1-based, for messages
};

// Errors name the file and line: "demo.fvs:3: unknown command 'clik'".
Result<std::vector<ScriptCommand>> parseScript(std::string_view text, std::string_view fileName);
Result<std::vector<ScriptCommand>> loadScript(const std::filesystem::path& path);

}  // namespace formviz::app
