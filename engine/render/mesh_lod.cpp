#include "render/mesh_lod.h"

#include <algorithm>
#include <map>
#include <utility>

#include <meshoptimizer.h>

namespace formviz::render {
namespace {

// Of the mesh's extent: ~2 mm on a 1.8 m figure, under a pixel in a 1280x720 view of the whole
// figure and under the shadow lookups' 6-18 mm bias.
constexpr float kLodError = 0.0012f;
// A region weight of 1 counts as this far along the normal: kLodError (~2 mm) then allows a
// change of ~0.05 in the weight, where the tint (smoothstep(0, 0.6, weight)) is still even.
constexpr float kWeightOffset = 0.04f;  // metres

std::uint32_t regionOf(const asset::MeshData& mesh, std::uint32_t v) {
  return mesh.uv1.empty() ? 0u : static_cast<std::uint32_t>(mesh.uv1[v].x + 0.5f);
}
float weightOf(const asset::MeshData& mesh, std::uint32_t v) { return mesh.uv1.empty() ? 0.0f : mesh.uv1[v].y; }

constexpr std::uint32_t kMixed = ~0u;

// The part a triangle can be simplified in: its corners' main bone and the region of those
// with a region weight (plain skin, weight 0, adds no colour, so it joins any region); kMixed
// when the corners disagree.
std::pair<std::uint32_t, std::uint32_t> partOf(const asset::MeshData& mesh, const std::uint32_t* tri) {
  std::uint32_t region = 0;
  for (int k = 0; k < 3; ++k) {
    if (mesh.joints[tri[k]][0] != mesh.joints[tri[0]][0]) return {kMixed, kMixed};
    if (weightOf(mesh, tri[k]) <= 0.0f) continue;
    if (region != 0 && regionOf(mesh, tri[k]) != region) return {kMixed, kMixed};
    region = regionOf(mesh, tri[k]);
  }
  return {region, mesh.joints[tri[0]][0]};
}

}  // namespace

std::vector<std::uint32_t> displayIndices(const asset::MeshData& mesh) {
  const std::size_t n = mesh.positions.size();
  if (n == 0 || mesh.indices.empty()) return mesh.indices;
  // Positions with the region weight as an offset along the normal: the simplifier's error
  // then measures the weight's change too.
  std::vector<glm::vec3> offset(n);
  for (std::size_t v = 0; v < n; ++v)
    offset[v] = mesh.positions[v] + mesh.normals[v] * (weightOf(mesh, std::uint32_t(v)) * kWeightOffset);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> parts;
  std::vector<std::uint32_t> out;
  for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const std::uint32_t* tri = &mesh.indices[t];
    const auto part = partOf(mesh, tri);
    std::vector<std::uint32_t>& into = part.first == kMixed ? out : parts[part];
    into.insert(into.end(), tri, tri + 3);
  }
  std::vector<std::uint32_t> simplified;
  for (const auto& [key, indices] : parts) {
    simplified.resize(indices.size());
    simplified.resize(meshopt_simplify(simplified.data(), indices.data(), indices.size(), &offset[0].x, n, sizeof(glm::vec3),
                                       indices.size() / 4 / 3 * 3, kLodError, meshopt_SimplifyLockBorder));
    out.insert(out.end(), simplified.begin(), simplified.end());
  }
  strongestRegionLast(mesh, out);
  return out;
}

void strongestRegionLast(const asset::MeshData& mesh, std::vector<std::uint32_t>& indices) {
  if (mesh.uv1.empty()) return;
  for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
    std::uint32_t* tri = &indices[t];
    int strongest = 2;
    for (int k = 0; k < 2; ++k)
      if (weightOf(mesh, tri[k]) > weightOf(mesh, tri[strongest])) strongest = k;
    // Turning the corners round keeps the winding.
    std::rotate(tri, tri + strongest + 1, tri + 3);
  }
}

std::vector<std::uint32_t> shadowCasterIndices(const asset::MeshData& mesh) {
  const std::size_t n = mesh.positions.size();
  if (n == 0 || mesh.indices.empty()) return mesh.indices;
  std::vector<std::uint32_t> welded(mesh.indices.size());
  meshopt_generateShadowIndexBuffer(welded.data(), mesh.indices.data(), mesh.indices.size(), &mesh.positions[0].x, n,
                                    sizeof(glm::vec3), sizeof(glm::vec3));
  std::vector<std::uint32_t> lod(mesh.indices.size());
  lod.resize(meshopt_simplify(lod.data(), welded.data(), welded.size(), &mesh.positions[0].x, n, sizeof(glm::vec3),
                              mesh.indices.size() / 4 / 3 * 3, kLodError));
  return lod;
}

}  // namespace formviz::render
