#include "anim/transform.h"

#include <cmath>

namespace formviz::anim {

Transform fromMatrix(const glm::mat4& matrix) {
  Transform out;
  out.translation = glm::vec3(matrix[3]);
  glm::vec3 c0(matrix[0]), c1(matrix[1]), c2(matrix[2]);
  out.scale = glm::vec3(glm::length(c0), glm::length(c1), glm::length(c2));
  if (glm::dot(glm::cross(c0, c1), c2) < 0.0f) out.scale.x = -out.scale.x;
  auto unit = [](const glm::vec3& v, float length) { return std::abs(length) > 1e-20f ? v / length : v; };
  const glm::mat3 rotation(unit(c0, out.scale.x), unit(c1, out.scale.y), unit(c2, out.scale.z));
  out.rotation = glm::normalize(glm::quat_cast(rotation));
  return out;
}

}  // namespace formviz::anim
