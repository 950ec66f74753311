// [SECTION] MeshData: one skinned triangle mesh on the CPU, ready for a GL upload.
//
// Plain arrays, one entry per vertex (indices: three per triangle). Positions and normals
// are in the mesh's bind space (glTF: the skinned mesh node's own transform is ignored, as
// the spec requires); the skinning palette (model * inverseBind) moves them. Joint indices
// refer to the importer's Skeleton, not to a glTF skin's joint list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace formviz::asset {

inline constexpr int kMaxInfluences = 4;  // joints per vertex kept by the importer

struct MeshData {
  std::string name;
  std::vector<glm::vec3> positions;   // bind space, asset units
  std::vector<glm::vec3> normals;     // unit length (generated when the file has none)
  std::vector<glm::u16vec4> joints;   // skeleton joint indices; unused slots are 0 with weight 0
  std::vector<glm::vec4> weights;     // sum to 1, largest first
  std::vector<glm::vec2> uv0;         // TEXCOORD_0 as stored in the file (origin top-left); empty if absent
  std::vector<glm::vec2> uv1;         // TEXCOORD_1 as stored (FormViz bodies: muscle region id, weight)
  std::vector<std::uint32_t> indices; // triangles, counter-clockwise front faces

  std::size_t vertexCount() const { return positions.size(); }
};

}  // namespace formviz::asset
