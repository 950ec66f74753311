#include "engine.h"

#include "version.h"

namespace formviz {
const char* engineVersion() { return kVersion; }
}  // namespace formviz
