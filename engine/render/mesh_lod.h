// [SECTION] Fewer triangles over the same vertices: the body's display mesh and shadow caster.
//
// Mesa's llvmpipe pays for every triangle, not only for pixels: set-up on the application's
// thread, then again in each tile the triangle touches. The bodies are built with 34k short-edged
// triangles (tools/bodygen: short edges bend well under skinning and keep the muscle regions'
// borders fine), and drawing them cost about a third of a 1280x720 frame. Both index buffers
// here keep every vertex as it is (position, normal, skinning, region weight) and only choose
// fewer, larger triangles over them, with meshoptimizer's edge collapse, where that moves the
// surface by at most ~2 mm on a 1.8 m figure.
//
// Both take a mesh whose per-vertex arrays have one length and whose indices are in range, as
// gl::upload checks first; an empty mesh gives no triangles.
#pragma once

#include <cstdint>
#include <vector>

#include "asset/mesh_data.h"

namespace formviz::render {

// What is drawn: about 45 % of the triangles. A triangle whose corners belong to different
// muscle regions or have different main bones stays as it is, so the regions' borders, where
// colours blend, and the bands where the skinning bends the body keep the file's fine triangles.
// The rest is simplified per region and main bone, with each part's border held in place (the
// mesh stays closed) and the region weight counted as a surface offset, so a collapse may not
// change the weight between the kept vertices by more than ~0.05.
std::vector<std::uint32_t> displayIndices(const asset::MeshData& mesh);

// The key light's shadow map caster: a quarter of the triangles, seams welded (vertices at one
// position count as one: they share their skinning), no border held.
std::vector<std::uint32_t> shadowCasterIndices(const asset::MeshData& mesh);

}  // namespace formviz::render
