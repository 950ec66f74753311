// Checks shared by the CPU mesh tests.
#pragma once

#include <glm/glm.hpp>

#include "render/mesh.h"

namespace formviz::render::test {

// Signed volume by the divergence theorem: positive when triangles wind outward.
inline float signedVolume(const TriangleMesh& mesh) {
  double volume = 0.0;
  for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
    const glm::vec3& a = mesh.positions[mesh.indices[i]];
    const glm::vec3& b = mesh.positions[mesh.indices[i + 1]];
    const glm::vec3& c = mesh.positions[mesh.indices[i + 2]];
    volume += double(glm::dot(a, glm::cross(b, c))) / 6.0;
  }
  return static_cast<float>(volume);
}

}  // namespace formviz::render::test
