#include "render/gl/resources.h"

#include <algorithm>
#include <utility>

#include <glad/gl.h>
#include <fmt/format.h>

#include "render/shader_source.h"

namespace formviz::gl {

namespace {

// Pixel rectangles (x0, y0, x1, y1): empty when x1 <= x0 or y1 <= y0.
bool isEmpty(const glm::ivec4& r) { return r.z <= r.x || r.w <= r.y; }
glm::ivec4 unite(const glm::ivec4& a, const glm::ivec4& b) {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return glm::ivec4(glm::min(glm::ivec2(a), glm::ivec2(b)), glm::max(glm::ivec2(a.z, a.w), glm::ivec2(b.z, b.w)));
}

}  // namespace

void BufferDeleter::operator()(std::uint32_t id) const { glDeleteBuffers(1, &id); }
void VertexArrayDeleter::operator()(std::uint32_t id) const { glDeleteVertexArrays(1, &id); }
void TextureDeleter::operator()(std::uint32_t id) const { glDeleteTextures(1, &id); }
void FramebufferDeleter::operator()(std::uint32_t id) const { glDeleteFramebuffers(1, &id); }

Buffer createBuffer(std::uint32_t target, const void* data, std::size_t bytes, bool dynamic) {
  GLuint id = 0;
  glGenBuffers(1, &id);
  glBindBuffer(target, id);
  glBufferData(target, static_cast<GLsizeiptr>(bytes), data, dynamic ? GL_DYNAMIC_DRAW : GL_STATIC_DRAW);
  return Buffer(id);
}

Texture createTexture2D(int width, int height, std::uint32_t internalFormat, std::uint32_t format, std::uint32_t type,
                        std::uint32_t wrap) {
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internalFormat), width, height, 0, format, type, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, static_cast<GLint>(wrap));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, static_cast<GLint>(wrap));
  return Texture(id);
}

VertexArray createVertexArray() {
  GLuint id = 0;
  glGenVertexArrays(1, &id);
  glBindVertexArray(id);
  return VertexArray(id);
}

void drawTriangles(const VertexArray& vertexArray, int indexCount) {
  glBindVertexArray(vertexArray.id());
  glDrawElements(GL_TRIANGLES, indexCount, GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
}

GpuMesh upload(const render::TriangleMesh& mesh) {
  // Interleaved position + normal: one buffer, one cache-friendly stream.
  std::vector<float> interleaved;
  interleaved.reserve(mesh.positions.size() * 6);
  for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    const glm::vec3& n = mesh.normals[i];
    interleaved.insert(interleaved.end(), {p.x, p.y, p.z, n.x, n.y, n.z});
  }
  GpuMesh gpu;
  gpu.vertexArray_ = createVertexArray();
  gpu.vertices_ = createBuffer(GL_ARRAY_BUFFER, interleaved.data(), interleaved.size() * sizeof(float));
  gpu.indices_ = createBuffer(GL_ELEMENT_ARRAY_BUFFER, mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t));
  const GLsizei stride = 6 * sizeof(float);
  glEnableVertexAttribArray(render::kAttribPosition);
  glVertexAttribPointer(render::kAttribPosition, 3, GL_FLOAT, GL_FALSE, stride, nullptr);
  glEnableVertexAttribArray(render::kAttribNormal);
  glVertexAttribPointer(render::kAttribNormal, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(3 * sizeof(float)));
  glBindVertexArray(0);
  gpu.indexCount_ = static_cast<int>(mesh.indices.size());
  if (!mesh.positions.empty()) {
    gpu.boundsMin_ = gpu.boundsMax_ = mesh.positions.front();
    for (const glm::vec3& p : mesh.positions) {
      gpu.boundsMin_ = glm::min(gpu.boundsMin_, p);
      gpu.boundsMax_ = glm::max(gpu.boundsMax_, p);
    }
  }
  return gpu;
}

void GpuMesh::draw() const { drawTriangles(vertexArray_, indexCount_); }

Result<RenderTarget> RenderTarget::create(int width, int height, int samples) {
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    return makeError(fmt::format("cannot render a {}x{} image: width and height must be 1 to 16384", width, height));
  GLint maxSamples = 1;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  RenderTarget target;
  target.width_ = width;
  target.height_ = height;
  target.samples_ = std::clamp(samples, 1, std::max(1, int(maxSamples)));

  GLuint id = 0;
  glGenTextures(1, &id);
  target.msaaColor_ = Texture(id);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, id);
  glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, target.samples_, GL_RGBA8, width, height, GL_TRUE);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
  glGenTextures(1, &id);
  target.msaaDepth_ = Texture(id);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, id);
  glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, target.samples_, GL_DEPTH24_STENCIL8, width, height, GL_TRUE);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);

  glGenFramebuffers(1, &id);
  target.msaaFramebuffer_ = Framebuffer(id);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, target.msaaColor_.id(), 0);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D_MULTISAMPLE, target.msaaDepth_.id(), 0);
  const GLenum msaaStatus = glCheckFramebufferStatus(GL_FRAMEBUFFER);

  target.resolvedColor_ = createTexture2D(width, height, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  glGenFramebuffers(1, &id);
  target.resolvedFramebuffer_ = Framebuffer(id);
  target.changed_ = glm::ivec4(0, 0, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.resolvedColor_.id(), 0);
  const GLenum resolvedStatus = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  if (msaaStatus != GL_FRAMEBUFFER_COMPLETE || resolvedStatus != GL_FRAMEBUFFER_COMPLETE)
    return makeError(fmt::format("the OpenGL driver refused a {}x{} render target with {} samples (status 0x{:x}/0x{:x})",
                                 width, height, target.samples_, msaaStatus, resolvedStatus));
  return target;
}

void RenderTarget::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, msaaFramebuffer_.id());
  glViewport(0, 0, width_, height_);
}

void RenderTarget::bindResolved() const {
  glBindFramebuffer(GL_FRAMEBUFFER, resolvedFramebuffer_.id());
  glViewport(0, 0, width_, height_);
}

glm::ivec4 RenderTarget::clampToTarget(const glm::ivec4& region) const {
  return glm::clamp(region, glm::ivec4(0), glm::ivec4(width_, height_, width_, height_));
}

void RenderTarget::clearSamples(const glm::ivec4& rect) const {
  if (isEmpty(rect)) return;
  bind();
  glEnable(GL_SCISSOR_TEST);
  glScissor(rect.x, rect.y, rect.z - rect.x, rect.w - rect.y);
  glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
  glClearDepth(1.0);
  glDepthMask(GL_TRUE);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
}

void RenderTarget::resolve() const {
  if (overBase_) {
    // The base under the frame's changes (and where an earlier frame changed the picture),
    // then the changes: every pixel of the region drawn again, so resolving twice gives the
    // same picture.
    const glm::ivec4 r = overRegion_, c = unite(r, restore_);
    restore_ = glm::ivec4(0);
    changed_ = r;
    if (isEmpty(c)) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, overBase_->resolvedFramebuffer_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolvedFramebuffer_.id());
    glBlitFramebuffer(c.x, c.y, c.z, c.w, c.x, c.y, c.z, c.w, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (isEmpty(r)) return;
    glBindFramebuffer(GL_FRAMEBUFFER, resolvedFramebuffer_.id());
    glViewport(0, 0, width_, height_);
    glDisable(GL_DEPTH_TEST);
    glDepthMask(GL_FALSE);
    compositor_(Layer{msaaColor_.id(), overDrawn_});
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glUseProgram(0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
    glDepthMask(GL_TRUE);
    glEnable(GL_DEPTH_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return;
  }
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolvedFramebuffer_.id());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaaFramebuffer_.id());
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  changedOver_ = nullptr;  // every pixel is this frame's
}

bool RenderTarget::drawOver(std::shared_ptr<const RenderTarget> base, std::uint64_t baseVersion, const glm::ivec4& region,
                            const glm::ivec4& drawn, Compositor compositor) const {
  drawWhole();
  if (!base || base->width_ != width_ || base->height_ != height_ || !compositor) return false;
  const glm::ivec4 d = clampToTarget(drawn);
  const glm::ivec4 r = unite(clampToTarget(region), d);
  clearSamples(d);
  // Base's pixels come back where an earlier frame changed the picture (all of it after a whole
  // frame or over another base), with the region's, in resolve(): one copy.
  if (changedOver_ != base.get() || changedOverVersion_ != baseVersion) changed_ = glm::ivec4(0, 0, width_, height_);
  restore_ = changed_;
  changedOver_ = base.get();
  changedOverVersion_ = baseVersion;
  markChanged(r);
  overBase_ = std::move(base);
  overRegion_ = r;
  overDrawn_ = d;
  compositor_ = std::move(compositor);
  return true;
}

void RenderTarget::drawWhole() const {
  overBase_.reset();
  compositor_ = nullptr;
  overRegion_ = overDrawn_ = glm::ivec4(0);
}

void RenderTarget::markChanged(const glm::ivec4& region) const { changed_ = unite(changed_, clampToTarget(region)); }

void RenderTarget::copyToWindow(const glm::ivec4& window) const {
  if (isEmpty(window)) return;
  const GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolvedFramebuffer_.id());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  const bool sameSize = window.z - window.x == width_ && window.w - window.y == height_;
  glBlitFramebuffer(0, 0, width_, height_, window.x, window.y, window.z, window.w, GL_COLOR_BUFFER_BIT,
                    sameSize ? GL_NEAREST : GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (scissor) glEnable(GL_SCISSOR_TEST);
}

render::Image RenderTarget::readPixels() const {
  render::Image image(width_, height_);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolvedFramebuffer_.id());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  render::flipVertically(image);
  return image;
}

std::array<std::uint8_t, 4> RenderTarget::readPixel(int x, int y) const {
  std::array<std::uint8_t, 4> pixel{};
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolvedFramebuffer_.id());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, height_ - 1 - y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  return pixel;
}

}  // namespace formviz::gl
