// [SECTION] Skinned meshes and their joint palettes on the GPU.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "asset/mesh_data.h"
#include "core/result.h"
#include "render/skinned_bounds.h"
#include "render/gl/resources.h"

namespace formviz::gl {

// Which triangles of a skinned mesh to draw; both use the same vertices, so the same skinning
// (render/mesh_lod.h). The shadow caster, a quarter of the triangles, is drawn from its corners
// posed on the CPU (drawPosedCaster).
enum class MeshDetail {
  Display,  // what is seen: the regions' borders and the bends as in the file, fewer triangles elsewhere
  Full,     // every triangle of the file
};

// A skinned triangle mesh: position, normal, 4 joint indices + weights, muscle region.
class SkinnedGpuMesh {
 public:
  void draw(MeshDetail detail = MeshDetail::Display) const;
  int indexCount(MeshDetail detail) const { return static_cast<int>(ranges_[int(detail)].count); }
  // The points that bound it in any pose (skinned on the CPU: render/skinned_bounds.h); they are
  // the shadow caster's corners, and `triangles` its triangles.
  const render::SkinnedBoundPoints& boundPoints() const { return boundPoints_; }
  // Draws the shadow caster from its corners already posed on the
  // CPU (render::posePoints of boundPoints(), world space), with a plain position attribute
  // (location render::kAttribPosition): the renderer skins them each frame for the frame's
  // bounds anyway, and the GPU then does not skin them again.
  void drawPosedCaster(std::span<const glm::vec3> posedPoints) const;

 private:
  friend Result<SkinnedGpuMesh> upload(const asset::MeshData& mesh);
  struct Range {
    std::size_t first = 0, count = 0;  // in indices_
  };
  VertexArray vertexArray_;
  Buffer vertices_;
  Buffer indices_;  // the display mesh's indices, then the full mesh's
  std::array<Range, 2> ranges_{};  // by MeshDetail
  render::SkinnedBoundPoints boundPoints_;
  VertexArray posedCasterArray_;  // posedCaster_ with posedCasterIndices_ (into the bound points)
  Buffer posedCaster_;
  Buffer posedCasterIndices_;
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
  // The last update's matrices (the renderer poses SkinnedGpuMesh::boundPoints with them).
  std::span<const glm::mat4> matrices() const { return matrices_; }

 private:
  Buffer buffer_;
  std::vector<glm::mat4> matrices_;
  std::uint64_t version_ = 0;
};

}  // namespace formviz::gl
