// [SECTION] Colours for the muscle regions of FormViz bodies.
#pragma once

#include <vector>

#include <glm/glm.hpp>

namespace formviz::render {

// One sRGB colour + strength per region id (index 0 = no region, strength 0), kMaxMuscleRegions
// entries. Every muscle group gets its own hue, spread by the golden angle so neighbours in
// the table (which are often neighbours on the body) differ; left and right share a colour.
std::vector<glm::vec4> anatomyColors();

}  // namespace formviz::render
