#include "render/skinned_bounds.h"

#include <algorithm>

namespace formviz::render {

SkinnedBoundPoints skinnedBoundPoints(const asset::MeshData& mesh, std::span<const std::uint32_t> casterIndices) {
  SkinnedBoundPoints points;
  if (mesh.positions.empty()) return points;
  // Each vertex the caster uses becomes a point, in vertex order; `point` maps one to the other.
  constexpr std::uint32_t kUnused = ~0u;
  std::vector<std::uint32_t> point(mesh.positions.size(), kUnused);
  for (const std::uint32_t index : casterIndices) point[index] = 0;
  glm::vec3 lo(mesh.positions.front()), hi(lo);
  for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
    lo = glm::min(lo, mesh.positions[i]);
    hi = glm::max(hi, mesh.positions[i]);
    if (point[i] == kUnused) continue;
    point[i] = static_cast<std::uint32_t>(points.positions.size());
    points.positions.push_back(mesh.positions[i]);
    points.joints.push_back(mesh.joints[i]);
    points.weights.push_back(mesh.weights[i]);
  }
  for (const std::uint32_t index : casterIndices) points.triangles.push_back(point[index]);
  const glm::vec3 extent = hi - lo;
  points.margin = 0.01f * std::max({extent.x, extent.y, extent.z});
  return points;
}

void posePoints(const SkinnedBoundPoints& points, std::span<const glm::mat4> palette, const glm::mat4& model,
                std::vector<glm::vec3>& out) {
  out.resize(points.positions.size());
  for (std::size_t i = 0; i < points.positions.size(); ++i) {
    const glm::vec4 p(points.positions[i], 1.0f);
    glm::vec3 skinned(0.0f);
    for (int k = 0; k < 4; ++k) {
      const float w = points.weights[i][k];
      if (w <= 0.0f) continue;
      const std::size_t joint = points.joints[i][k];
      skinned += w * (joint < palette.size() ? glm::vec3(palette[joint] * p) : glm::vec3(p));
    }
    out[i] = glm::vec3(model * glm::vec4(skinned, 1.0f));
  }
}

}  // namespace formviz::render
