// [SECTION] Files and directories: the data directory, the user's config directory,
// reading whole files and writing them atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace formviz {

// The directory holding shaders/, models/ and animations/. Searched in order:
// `override` (the --data-dir option), $FORMVIZ_DATA_DIR, <executable>/../share/formviz,
// then the source tree the program was built from. A candidate counts only when it
// has a shaders/ folder; the error lists every place that was tried.
Result<std::filesystem::path> findDataDir(const std::optional<std::filesystem::path>& override);

// $XDG_CONFIG_HOME/formviz, else $HOME/.config/formviz. Not created here.
// Empty when neither variable is set (settings are then not persisted).
std::filesystem::path userConfigDir();

// Whole file as bytes. The error names the file and the reason.
Result<std::string> readFile(const std::filesystem::path& path);

// Writes to "<path>.tmp-<pid>" in the same directory, flushes it, then renames it over
// `path`, so a crash midway leaves the previous file intact. Creates parent folders.
Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace formviz
