// [SECTION] CPU triangle meshes for static lit geometry (props, test objects).
// GPU-free; gl::upload() turns one into a GpuMesh.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace formviz::render {

struct TriangleMesh {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;       // unit length, one per position
  std::vector<std::uint32_t> indices;   // counter-clockwise triangles seen from outside
};

// A UV sphere of `radius` around the origin; `segments` >= 3 around, `segments / 2` rings.
TriangleMesh makeSphere(float radius, int segments);

// A capsule along +Y from y = 0 to y = `height` (caps included), `radius` thick, its
// straight part cut into `lengthSegments` bands (more bands bend better when skinned).
// Requires height >= 2 * radius.
TriangleMesh makeCapsule(float radius, float height, int segments, int lengthSegments = 1);

// Appends `source` transformed by `transform` (normals by its inverse transpose).
void appendMesh(TriangleMesh& target, const TriangleMesh& source, const glm::mat4& transform);

}  // namespace formviz::render
