// [SECTION] GPU resources: buffers, vertex arrays, textures, framebuffers, meshes and
// the offscreen render target every view draws into.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
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
struct FramebufferDeleter { void operator()(std::uint32_t id) const; };

using Buffer = Handle<struct BufferTag, BufferDeleter>;
using VertexArray = Handle<struct VertexArrayTag, VertexArrayDeleter>;
using Texture = Handle<struct TextureTag, TextureDeleter>;
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
  // The box around its vertices, the mesh's units.
  glm::vec3 boundsMin() const { return boundsMin_; }
  glm::vec3 boundsMax() const { return boundsMax_; }

 private:
  friend GpuMesh upload(const render::TriangleMesh& mesh);
  glm::vec3 boundsMin_{0.0f}, boundsMax_{0.0f};
  VertexArray vertexArray_;
  Buffer vertices_;
  Buffer indices_;
  int indexCount_ = 0;
};

// The one place a CPU mesh becomes a GPU mesh.
GpuMesh upload(const render::TriangleMesh& mesh);

// A multisampled colour + depth framebuffer resolved into a single-sample RGBA8 texture
// that can be shown (ImGui::Image) or read back (readPixels).
//
// A frame either draws every sample (the default) or is drawn over a picture it changes only
// in a region (drawOver): then only the samples of the rectangle it draws in are cleared,
// drawn and composited, not the whole target's.
class RenderTarget {
 public:
  // samples: 1 (no MSAA) up to the driver's limit; larger values are clamped.
  static Result<RenderTarget> create(int width, int height, int samples);

  // Binds the multisampled framebuffer and sets the viewport to its size.
  void bind() const;
  // Binds the resolved framebuffer (colorTexture()) and sets the viewport, for drawing over the
  // finished picture (overlays); say where with markChanged.
  void bindResolved() const;
  // Finishes the frame into colorTexture(): resolves the samples, or during drawOver has the
  // compositor draw the region's pixels. Calling it again (after drawing more) is safe: it
  // draws every pixel it changes from the samples and the base again.
  void resolve() const;

  // What resolve() hands the compositor during drawOver: the samples (a
  // GL_TEXTURE_2D_MULTISAMPLE of samples() samples and the target's size, premultiplied alpha,
  // transparent where nothing was drawn) and the rectangle drawn in (pixels as for drawOver).
  struct Layer {
    std::uint32_t texture = 0;
    glm::ivec4 drawn{0};
  };
  // drawOver's last step, called by resolve() with the resolved framebuffer bound (the whole
  // target's viewport) and the base's pixels copied into the changed region: draws this
  // frame's changes over them (e.g. the floor's shading, then the samples blended over it).
  // resolve() then resets the scissor test, blending, the program and texture unit 0.
  using Compositor = std::function<void(const Layer& layer)>;
  // Starts a frame that changes the picture `base` (same size, resolved; e.g. a static layer)
  // only inside `region` (pixels x0, y0, x1, y1, bottom-left origin, exclusive ends), and draws
  // samples only inside `drawn` (the rest of the region, e.g. a shadow on the floor, is the
  // compositor's): the samples there are cleared to transparent, and resolve() copies the
  // base's pixels into the region and has `compositor` draw over them. Where an earlier frame
  // changed the picture outside the region, the base's pixels come back. `baseVersion` changes
  // whenever base's pixels do. False (the frame stays whole) if `base` is not this size. The
  // compositor must stay valid until the next drawOver or drawWhole.
  bool drawOver(std::shared_ptr<const RenderTarget> base, std::uint64_t baseVersion, const glm::ivec4& region,
                const glm::ivec4& drawn, Compositor compositor) const;
  // Starts a frame that draws every sample (the default).
  void drawWhole() const;
  // Adds `region` (pixels as for drawOver) to where this frame changed colorTexture() after
  // resolve() (overlays drawn over it), so the next frame over the same base takes the base's
  // pixels back there too.
  void markChanged(const glm::ivec4& region) const;
  // Copies the resolved picture into the window's framebuffer over `window` (pixels x0, y0, x1,
  // y1, bottom-left origin; scaled if the sizes differ), whatever the scissor test; leaves the
  // window's framebuffer bound.
  void copyToWindow(const glm::ivec4& window) const;
  // Reads the resolved image back, top row first. Call after resolve().
  render::Image readPixels() const;
  // One resolved pixel (top-left origin), RGBA. Call after resolve().
  std::array<std::uint8_t, 4> readPixel(int x, int y) const;

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }
  std::uint32_t colorTexture() const { return resolvedColor_.id(); }
  // The multisampled depth (and stencil) of the frame's samples: a GL_TEXTURE_2D_MULTISAMPLE
  // to test against by hand (texelFetch) when drawing over the resolved picture.
  std::uint32_t depthTexture() const { return msaaDepth_.id(); }

 private:
  glm::ivec4 clampToTarget(const glm::ivec4& region) const;
  // Clears the samples of `rect` (pixels) to transparent and far.
  void clearSamples(const glm::ivec4& rect) const;

  int width_ = 0, height_ = 0, samples_ = 1;
  Framebuffer msaaFramebuffer_;
  Texture msaaColor_;  // GL_TEXTURE_2D_MULTISAMPLE: the compositor reads it
  Texture msaaDepth_;  // GL_TEXTURE_2D_MULTISAMPLE: overlays test against it
  Framebuffer resolvedFramebuffer_;
  Texture resolvedColor_;
  // The frame's state (what the framebuffers hold, like the GL objects' contents: mutable).
  mutable std::shared_ptr<const RenderTarget> overBase_;  // set during drawOver
  mutable glm::ivec4 overRegion_{0};  // where the frame changes the picture
  mutable glm::ivec4 overDrawn_{0};   // where it draws samples
  mutable Compositor compositor_;
  // Where colorTexture() may differ from the base (changedOver_'s at changedOverVersion_).
  mutable const RenderTarget* changedOver_ = nullptr;
  mutable std::uint64_t changedOverVersion_ = 0;
  mutable glm::ivec4 changed_{0};
  mutable glm::ivec4 restore_{0};  // where resolve() takes the base's pixels back besides the region
};

}  // namespace formviz::gl
