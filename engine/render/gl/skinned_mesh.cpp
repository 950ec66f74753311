#include "render/gl/skinned_mesh.h"

#include <cassert>
#include <cstddef>
#include <vector>

#include <glad/gl.h>
#include <fmt/format.h>

#include "render/mesh_lod.h"
#include "render/shader_source.h"

namespace formviz::gl {
namespace {

// Interleaved vertex, 56 bytes.
struct SkinnedVertex {
  glm::vec3 position;
  glm::vec3 normal;
  glm::u16vec4 joints;
  glm::vec4 weights;
  glm::vec2 region;
};

}  // namespace

Result<SkinnedGpuMesh> upload(const asset::MeshData& mesh) {
  const std::size_t n = mesh.positions.size();
  if (mesh.normals.size() != n || mesh.joints.size() != n || mesh.weights.size() != n ||
      (!mesh.uv1.empty() && mesh.uv1.size() != n))
    return makeError(fmt::format("mesh '{}' has attribute arrays of different lengths", mesh.name));
  std::vector<SkinnedVertex> vertices(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (int k = 0; k < 4; ++k)
      if (mesh.weights[i][k] > 0.0f && mesh.joints[i][k] >= render::kMaxPaletteJoints)
        return makeError(fmt::format("mesh '{}' uses joint {}; a figure can have at most {} joints", mesh.name,
                                     mesh.joints[i][k], render::kMaxPaletteJoints));
    vertices[i] = {mesh.positions[i], mesh.normals[i], mesh.joints[i], mesh.weights[i],
                   mesh.uv1.empty() ? glm::vec2(0.0f) : mesh.uv1[i]};
    // Unused influence slots may name any joint; point them at joint 0 so they stay in range.
    for (int k = 0; k < 4; ++k)
      if (mesh.weights[i][k] <= 0.0f) vertices[i].joints[k] = 0;
  }

  SkinnedGpuMesh gpu;
  gpu.vertexArray_ = createVertexArray();
  gpu.vertices_ = createBuffer(GL_ARRAY_BUFFER, vertices.data(), vertices.size() * sizeof(SkinnedVertex));
  // One buffer: the display mesh's indices, then the full mesh's.
  std::vector<std::uint32_t> indices = render::displayIndices(mesh);
  gpu.ranges_[int(MeshDetail::Display)] = {0, indices.size()};
  std::vector<std::uint32_t> full = mesh.indices;
  render::strongestRegionLast(mesh, full);
  gpu.ranges_[int(MeshDetail::Full)] = {indices.size(), full.size()};
  indices.insert(indices.end(), full.begin(), full.end());
  gpu.indices_ = createBuffer(GL_ELEMENT_ARRAY_BUFFER, indices.data(), indices.size() * sizeof(std::uint32_t));
  gpu.boundPoints_ = render::skinnedBoundPoints(mesh, render::shadowCasterIndices(mesh));
  const GLsizei stride = sizeof(SkinnedVertex);
  auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
  glEnableVertexAttribArray(render::kAttribPosition);
  glVertexAttribPointer(render::kAttribPosition, 3, GL_FLOAT, GL_FALSE, stride, offset(offsetof(SkinnedVertex, position)));
  glEnableVertexAttribArray(render::kAttribNormal);
  glVertexAttribPointer(render::kAttribNormal, 3, GL_FLOAT, GL_FALSE, stride, offset(offsetof(SkinnedVertex, normal)));
  glEnableVertexAttribArray(render::kAttribJoints);
  glVertexAttribIPointer(render::kAttribJoints, 4, GL_UNSIGNED_SHORT, stride, offset(offsetof(SkinnedVertex, joints)));
  glEnableVertexAttribArray(render::kAttribWeights);
  glVertexAttribPointer(render::kAttribWeights, 4, GL_FLOAT, GL_FALSE, stride, offset(offsetof(SkinnedVertex, weights)));
  glEnableVertexAttribArray(render::kAttribRegion);
  glVertexAttribPointer(render::kAttribRegion, 2, GL_FLOAT, GL_FALSE, stride, offset(offsetof(SkinnedVertex, region)));
  glBindVertexArray(0);

  // The caster over the bound points, their positions streamed in posed each frame.
  const std::vector<std::uint32_t>& caster = gpu.boundPoints_.triangles;
  gpu.posedCasterArray_ = createVertexArray();
  gpu.posedCaster_ = createBuffer(GL_ARRAY_BUFFER, nullptr, gpu.boundPoints_.positions.size() * sizeof(glm::vec3), true);
  gpu.posedCasterIndices_ = createBuffer(GL_ELEMENT_ARRAY_BUFFER, caster.data(), caster.size() * sizeof(std::uint32_t));
  glEnableVertexAttribArray(render::kAttribPosition);
  glVertexAttribPointer(render::kAttribPosition, 3, GL_FLOAT, GL_FALSE, sizeof(glm::vec3), nullptr);
  glBindVertexArray(0);
  return gpu;
}

void SkinnedGpuMesh::draw(MeshDetail detail) const {
  const Range& range = ranges_[int(detail)];
  glBindVertexArray(vertexArray_.id());
  glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(range.count), GL_UNSIGNED_INT,
                 reinterpret_cast<const void*>(range.first * sizeof(std::uint32_t)));
  glBindVertexArray(0);
}

void SkinnedGpuMesh::drawPosedCaster(std::span<const glm::vec3> posedPoints) const {
  assert(posedPoints.size() == boundPoints_.positions.size() && "drawPosedCaster: one posed point per bound point");
  glBindBuffer(GL_ARRAY_BUFFER, posedCaster_.id());
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(posedPoints.size_bytes()), posedPoints.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  glBindVertexArray(posedCasterArray_.id());
  glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(boundPoints_.triangles.size()), GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
}

PaletteBuffer PaletteBuffer::create() {
  PaletteBuffer palette;
  // Full size up front; identity matrices until the first update.
  const std::vector<glm::mat4> identity(render::kMaxPaletteJoints, glm::mat4(1.0f));
  palette.buffer_ = createBuffer(GL_UNIFORM_BUFFER, identity.data(), identity.size() * sizeof(glm::mat4), true);
  glBindBuffer(GL_UNIFORM_BUFFER, 0);
  palette.update(identity);  // a fresh version
  return palette;
}

void PaletteBuffer::update(std::span<const glm::mat4> palette) {
  assert(palette.size() <= static_cast<std::size_t>(render::kMaxPaletteJoints) &&
         "PaletteBuffer::update: more joints than the shader's palette holds");
  glBindBuffer(GL_UNIFORM_BUFFER, buffer_.id());
  glBufferSubData(GL_UNIFORM_BUFFER, 0, static_cast<GLsizeiptr>(palette.size_bytes()), palette.data());
  glBindBuffer(GL_UNIFORM_BUFFER, 0);
  matrices_.assign(palette.begin(), palette.end());
  static std::uint64_t updates = 0;  // GL runs on one thread
  version_ = ++updates;
}

void PaletteBuffer::bind() const { glBindBufferBase(GL_UNIFORM_BUFFER, render::kPaletteBinding, buffer_.id()); }

}  // namespace formviz::gl
