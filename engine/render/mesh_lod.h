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

// What is drawn: under half the triangles. A triangle whose corners have different main bones,
// or lie in two different muscle regions, stays as it is: the bands where the skinning bends
// the body and the borders between two regions keep the file's fine triangles. The rest is
// simplified per region and main bone (plain skin joins the region it borders), with each part's
// border held in place (the mesh stays closed) and the region weight counted as a surface
// offset, so a collapse may not change the weight between the kept vertices by more than ~0.05.
// The triangles come turned as strongestRegionLast leaves them.
std::vector<std::uint32_t> displayIndices(const asset::MeshData& mesh);

// Turns each triangle's corners round (the winding kept) so the last has the largest region
// weight. Picking names a triangle's region from its last corner (OpenGL's provoking vertex for
// flat outputs), so a triangle at a region's edge names the region it shows, not the plain skin
// of one corner. (The colour once came from that corner too, which showed the regions' soft
// edges as jagged triangle steps; it now blends per pixel, figure.vert.)
void strongestRegionLast(const asset::MeshData& mesh, std::vector<std::uint32_t>& indices);

// The key light's shadow map caster: a quarter of the triangles, seams welded (vertices at one
// position count as one: they share their skinning), no border held.
std::vector<std::uint32_t> shadowCasterIndices(const asset::MeshData& mesh);

}  // namespace formviz::render
