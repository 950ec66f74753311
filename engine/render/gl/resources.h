// [SECTION] GPU resources: buffers, vertex arrays, textures, framebuffers, meshes and
// the offscreen render target every view draws into.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/gl/handle.h"
#include "render/image.h"
#include "render/mesh.h"

namespace formviz::gl {

struct BufferDeleter { void operator()(std::uint32_t id) const; };
struct VertexArrayDeleter { void operator()(std::uint32_t id) const; };
struct TextureDeleter { void operator()(std::uint32_t id) const; };
struct RenderbufferDeleter { void operator()(std::uint32_t id) const; };
struct FramebufferDeleter { void operator()(std::uint32_t id) const; };

using Buffer = Handle<struct BufferTag, BufferDeleter>;
using VertexArray = Handle<struct VertexArrayTag, VertexArrayDeleter>;
using Texture = Handle<struct TextureTag, TextureDeleter>;
using Renderbuffer = Handle<struct RenderbufferTag, RenderbufferDeleter>;
using Framebuffer = Handle<struct FramebufferTag, FramebufferDeleter>;

// A new buffer object for `target` (GL_ARRAY_BUFFER, ...) holding `bytes` bytes from `data`,
// left bound to `target`. `dynamic`: updated often (a joint palette), else uploaded once.
Buffer createBuffer(std::uint32_t target, const void* data, std::size_t bytes, bool dynamic = false);

// A new linearly filtered 2D texture of `width` x `height` texels without initial data,
// e.g. (GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE). `wrap` is GL_CLAMP_TO_EDGE, GL_CLAMP_TO_BORDER, ...
// Left bound to GL_TEXTURE_2D so the caller can set more parameters.
Texture createTexture2D(int width, int height, std::uint32_t internalFormat, std::uint32_t format, std::uint32_t type,
                        std::uint32_t wrap);

// A new vertex array object, left bound.
VertexArray createVertexArray();

// Draws `indexCount` 32-bit indices of `vertexArray` as triangles.
void drawTriangles(const VertexArray& vertexArray, int indexCount);

// An indexed triangle mesh on the GPU.
class GpuMesh {
 public:
  void draw() const;
  int indexCount() const { return indexCount_; }

 private:
  friend GpuMesh upload(const render::TriangleMesh& mesh);
  VertexArray vertexArray_;
  Buffer vertices_;
  Buffer indices_;
  int indexCount_ = 0;
};

// The one place a CPU mesh becomes a GPU mesh.
GpuMesh upload(const render::TriangleMesh& mesh);

// A multisampled colour + depth framebuffer resolved into a single-sample RGBA8 texture
// that can be shown (ImGui::Image) or read back (readPixels).
class RenderTarget {
 public:
  // samples: 1 (no MSAA) up to the driver's limit; larger values are clamped.
  static Result<RenderTarget> create(int width, int height, int samples);

  // Binds the multisampled framebuffer and sets the viewport to its size.
  void bind() const;
  // Resolves the multisampled image into colorTexture() (only the region after resolveOver()).
  void resolve() const;
  // Declares that this target's samples hold the picture only inside `region` (pixels x0, y0,
  // x1, y1, bottom-left origin, exclusive ends) and `base`'s (same size, resolved) elsewhere: a
  // frame drawn over a static layer, copied and changed only there. Until the next
  // resolveOver, every resolve() copies `base`'s resolved image and resolves only the region;
  // whoever draws more grows the region first (growResolveRegion). A null `base` (or another
  // size): every sample is this target's again, resolve() resolves them all.
  void resolveOver(std::shared_ptr<const RenderTarget> base, const glm::ivec4& region = glm::ivec4(0)) const;
  // Adds `region` (as above) to the pending resolveOver region, its new pixels' samples copied
  // from the base first (so draw there after this); nothing when none is pending.
  void growResolveRegion(const glm::ivec4& region) const;
  // Copies `source`'s multisampled colour, depth and stencil samples into this target's (same size and
  // sample count, else false and nothing copied). On llvmpipe a straight copy of the sample
  // memory: much cheaper than drawing what `source` holds again.
  // `region` (pixels as for resolveOver; null: all) limits the copy.
  bool copySamplesFrom(const RenderTarget& source, const glm::ivec4* region = nullptr) const;
  // Reads the resolved image back, top row first. Call after resolve().
  render::Image readPixels() const;
  // One resolved pixel (top-left origin), RGBA. Call after resolve().
  std::array<std::uint8_t, 4> readPixel(int x, int y) const;

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }
  std::uint32_t colorTexture() const { return resolvedColor_.id(); }

 private:
  int width_ = 0, height_ = 0, samples_ = 1;
  Framebuffer msaaFramebuffer_;
  Renderbuffer msaaColor_;
  Renderbuffer msaaDepth_;
  Framebuffer resolvedFramebuffer_;
  Texture resolvedColor_;
  // resolveOver's state (what the samples hold, like the GL objects' contents: mutable).
  mutable std::shared_ptr<const RenderTarget> resolveBase_;
  mutable glm::ivec4 resolveRegion_{0};
};

}  // namespace formviz::gl
