// [SECTION] Where a posed skinned mesh is: the few points the renderer skins on the CPU each
// frame to know which pixels of the view, and which part of the floor, the figure can cover.
//
// Mesa's llvmpipe pays for every pixel a pass touches, and a frame drawn over the static layer
// (gl::RenderTarget::drawOver) touches only the rectangles its figure and its shadow cover: the
// tighter those are, the cheaper the frame. A box around the joints has to be padded by the
// body's thickness everywhere; these points are the surface itself.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "asset/mesh_data.h"

namespace formviz::render {

// A subset of a skinned mesh's vertices (the shadow caster's corners, about a quarter) whose
// posed positions, grown by `margin`, hold every posed vertex's: the caster keeps the surface
// within ~2 mm, the margin is 1 % of the mesh's largest extent (18 mm on a 1.8 m figure).
struct SkinnedBoundPoints {
  std::vector<glm::vec3> positions;  // bind space, the mesh's units
  std::vector<glm::u16vec4> joints;
  std::vector<glm::vec4> weights;
  float margin = 0.0f;  // the mesh's units
  std::vector<std::uint32_t> triangles;  // the shadow caster's triangles, over these points
};

// Takes a mesh gl::upload accepts (arrays of one length, indices in range) and its
// shadowCasterIndices (render/mesh_lod.h).
SkinnedBoundPoints skinnedBoundPoints(const asset::MeshData& mesh, std::span<const std::uint32_t> casterIndices);

// The points posed by `palette` (model * inverseBind per joint, as the shaders skin) and then
// `model`, into `out` (resized). Joints beyond the palette count as the identity.
void posePoints(const SkinnedBoundPoints& points, std::span<const glm::mat4> palette, const glm::mat4& model,
                std::vector<glm::vec3>& out);

}  // namespace formviz::render
