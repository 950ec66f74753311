#include "render/lighting.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace formviz::render {

glm::mat4 shadowViewProjection(const glm::vec3& towardLight, const glm::vec3& centre, float radius) {
  const glm::vec3 dir = glm::normalize(towardLight);
  // Any up vector not parallel to the light works; the light is never straight overhead.
  const glm::vec3 up = std::abs(dir.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
  const glm::mat4 view = glm::lookAt(centre + dir * (2.0f * radius), centre, up);
  // Depth reaches far past the sphere: the floor under the figure receives its shadow
  // several radii behind it along the light, and points beyond the far plane count as lit.
  const glm::mat4 projection = glm::ortho(-radius, radius, -radius, radius, radius * 0.5f, radius * 10.0f);
  return projection * view;
}

}  // namespace formviz::render
