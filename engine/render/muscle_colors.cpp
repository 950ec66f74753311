#include "render/muscle_colors.h"

#include <cmath>

#include "core/muscle_regions.h"
#include "render/shader_source.h"

namespace formviz::render {
namespace {

glm::vec3 hsvToRgb(float h, float s, float v) {
  const glm::vec3 k = glm::mod(glm::vec3(5.0f, 3.0f, 1.0f) + h * 6.0f, 6.0f);
  return v - v * s * glm::clamp(glm::min(k, 4.0f - k), 0.0f, 1.0f);
}

}  // namespace

static_assert(body::kMuscleRegionCount <= kMaxMuscleRegions, "the shaders' region table must hold every region id");

std::vector<glm::vec4> anatomyColors() {
  std::vector<glm::vec4> colors(static_cast<std::size_t>(kMaxMuscleRegions), glm::vec4(0.0f));
  for (int id = 1; id < body::kMuscleRegionCount; ++id) {
    const int group = static_cast<int>(body::regionGroup(id));
    const float hue = std::fmod(0.02f + static_cast<float>(group) * 0.618034f, 1.0f);
    const float value = group % 2 == 0 ? 0.80f : 0.92f;
    colors[static_cast<std::size_t>(id)] = glm::vec4(hsvToRgb(hue, 0.62f, value), 0.85f);
  }
  return colors;
}

}  // namespace formviz::render
