// [SECTION] Skinned meshes and their joint palettes on the GPU.
#pragma once

#include <cstdint>
#include <span>

#include <glm/glm.hpp>

#include "asset/mesh_data.h"
#include "core/result.h"
#include "render/gl/resources.h"

namespace formviz::gl {

// A skinned triangle mesh: position, normal, 4 joint indices + weights, muscle region.
class SkinnedGpuMesh {
 public:
  void draw() const;
  // The shadow caster: the same vertices (so the same skinning), about a quarter of the
  // triangles (simplified where that moves the surface by at most ~2 mm on a 1.8 m figure,
  // less than the shadow lookups' bias), for the key light's shadow map.
  void drawShadowCaster() const;
  int indexCount() const { return indexCount_; }
  int shadowIndexCount() const { return shadowIndexCount_; }

 private:
  friend Result<SkinnedGpuMesh> upload(const asset::MeshData& mesh);
  VertexArray vertexArray_;
  Buffer vertices_;
  Buffer indices_;  // the full mesh's indices, then the shadow caster's
  int indexCount_ = 0;
  int shadowIndexCount_ = 0;
};

// Fails when a vertex uses a joint beyond render::kMaxPaletteJoints or the arrays disagree.
Result<SkinnedGpuMesh> upload(const asset::MeshData& mesh);

// The joint palette (model * inverseBind per joint) of one figure, as a uniform buffer.
class PaletteBuffer {
 public:
  static PaletteBuffer create();
  // Uploads `palette` (at most render::kMaxPaletteJoints matrices; asserted).
  void update(std::span<const glm::mat4> palette);
  // Binds it to render::kPaletteBinding for the next draws.
  void bind() const;
  // Changes with every update (unique across buffers): lets the renderer keep a shadow map
  // drawn from the same pose.
  std::uint64_t version() const { return version_; }

 private:
  Buffer buffer_;
  std::uint64_t version_ = 0;
};

}  // namespace formviz::gl
