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

// A lathe: `profile` points (radius >= 0, y) from bottom to top revolved about +Y with
// `segments` >= 3 around; `profileNormals` (radial, y) per point. First and last points
// must have radius 0 (the poles) so the surface is closed.
TriangleMesh makeLathe(const std::vector<glm::vec2>& profile, const std::vector<glm::vec2>& profileNormals,
                       int segments);

// A box of `size` (full extents, metres) centred on the origin with every edge and corner
// rounded by `radius` (clamped to half the smallest extent; > 0), `segments` >= 1 steps per
// 45 degrees of each rounded edge. Closed, counter-clockwise from outside.
TriangleMesh makeRoundedBox(const glm::vec3& size, float radius, int segments);

// A cylinder along +Y from y = 0 to y = `length`, `radius` thick, its rim rounded by `bevel`
// (0 < bevel <= radius, bevel * 2 <= length) with `segments` >= 3 around. Closed.
TriangleMesh makeRoundedCylinder(float radius, float length, float bevel, int segments);

// A torus around +Z in the XY plane: the ring `majorRadius` from the origin, the tube
// `minorRadius` thick. Closed.
TriangleMesh makeTorus(float majorRadius, float minorRadius, int majorSegments, int minorSegments);

// Appends `source` transformed by `transform` (normals by its inverse transpose).
void appendMesh(TriangleMesh& target, const TriangleMesh& source, const glm::mat4& transform);

}  // namespace formviz::render
