// The engine library's umbrella: version information. Modules are included directly
// ("core/log.h", "render/camera.h", ...).
#pragma once

namespace formviz {
// The project version, e.g. "0.1.0".
const char* engineVersion();
}  // namespace formviz
