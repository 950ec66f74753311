#include "render/mesh.h"

#include <cassert>
#include <cmath>

#include "core/math.h"

namespace formviz::render {
namespace {

// A lathe: rings of (radius, y) profile points revolved about +Y; first and last
// rings have radius 0 (the poles), so the surface is closed.
TriangleMesh revolve(const std::vector<glm::vec2>& profile, const std::vector<glm::vec2>& profileNormals,
                     int segments) {
  TriangleMesh mesh;
  const auto ringSize = static_cast<std::uint32_t>(segments + 1);  // seam duplicated for simple indexing
  for (std::size_t r = 0; r < profile.size(); ++r) {
    for (int s = 0; s <= segments; ++s) {
      const float angle = kTwoPi * static_cast<float>(s) / static_cast<float>(segments);
      const glm::vec3 around(std::sin(angle), 0.0f, std::cos(angle));
      mesh.positions.push_back(around * profile[r].x + glm::vec3(0, profile[r].y, 0));
      mesh.normals.push_back(glm::normalize(around * profileNormals[r].x + glm::vec3(0, profileNormals[r].y, 0)));
    }
  }
  for (std::uint32_t r = 0; r + 1 < profile.size(); ++r) {
    for (std::uint32_t s = 0; s < static_cast<std::uint32_t>(segments); ++s) {
      const std::uint32_t a = r * ringSize + s, b = a + 1, c = a + ringSize, d = c + 1;
      // profile runs from bottom to top; (a, b, c) winds counter-clockwise from outside
      if (r != 0) mesh.indices.insert(mesh.indices.end(), {a, b, d});
      if (r + 2 != profile.size()) mesh.indices.insert(mesh.indices.end(), {a, d, c});
    }
  }
  return mesh;
}

void addHemisphere(std::vector<glm::vec2>& profile, std::vector<glm::vec2>& normals, float radius, float centreY,
                   bool bottom, int rings) {
  for (int i = 0; i <= rings; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(rings);
    const float polar = bottom ? -kPi * 0.5f + t * kPi * 0.5f : t * kPi * 0.5f;  // -90..0 or 0..90 degrees
    const glm::vec2 n(std::cos(polar), std::sin(polar));
    profile.push_back(glm::vec2(n.x * radius, centreY + n.y * radius));
    normals.push_back(n);
  }
}

}  // namespace

TriangleMesh makeSphere(float radius, int segments) {
  assert(segments >= 3 && "makeSphere: segments must be at least 3");
  std::vector<glm::vec2> profile, normals;
  const int rings = std::max(2, segments / 2);
  for (int i = 0; i <= rings; ++i) {
    const float polar = -kPi * 0.5f + kPi * static_cast<float>(i) / static_cast<float>(rings);
    const glm::vec2 n(std::cos(polar), std::sin(polar));
    profile.push_back(n * radius);
    normals.push_back(n);
  }
  profile.front().x = profile.back().x = 0.0f;
  return revolve(profile, normals, segments);
}

TriangleMesh makeCapsule(float radius, float height, int segments, int lengthSegments) {
  assert(segments >= 3 && height >= 2.0f * radius && "makeCapsule: needs segments >= 3 and height >= 2 * radius");
  std::vector<glm::vec2> profile, normals;
  const int rings = std::max(2, segments / 4);
  addHemisphere(profile, normals, radius, radius, true, rings);
  for (int i = 1; i < lengthSegments; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(lengthSegments);
    profile.push_back(glm::vec2(radius, radius + t * (height - 2.0f * radius)));
    normals.push_back(glm::vec2(1.0f, 0.0f));
  }
  addHemisphere(profile, normals, radius, height - radius, false, rings);
  profile.front().x = profile.back().x = 0.0f;
  return revolve(profile, normals, segments);
}

void appendMesh(TriangleMesh& target, const TriangleMesh& source, const glm::mat4& transform) {
  const auto base = static_cast<std::uint32_t>(target.positions.size());
  const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(transform)));
  for (std::size_t i = 0; i < source.positions.size(); ++i) {
    target.positions.push_back(glm::vec3(transform * glm::vec4(source.positions[i], 1.0f)));
    target.normals.push_back(glm::normalize(normalMatrix * source.normals[i]));
  }
  for (std::uint32_t index : source.indices) target.indices.push_back(base + index);
}

}  // namespace formviz::render
