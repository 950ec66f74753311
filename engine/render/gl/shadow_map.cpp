#include "render/gl/shadow_map.h"

#include <glad/gl.h>
#include <fmt/format.h>

namespace formviz::gl {

Result<ShadowMap> ShadowMap::create(int size) {
  ShadowMap map;
  map.size_ = size;
  // Outside the map counts as lit: a border depth of 1 compares as "not in shadow".
  map.depth_ = createTexture2D(size, size, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_FLOAT, GL_CLAMP_TO_BORDER);
  const float border[4] = {1.0f, 1.0f, 1.0f, 1.0f};
  glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
  glBindTexture(GL_TEXTURE_2D, 0);

  GLuint id = 0;
  glGenFramebuffers(1, &id);
  map.framebuffer_ = Framebuffer(id);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, map.depth_.id(), 0);
  glDrawBuffer(GL_NONE);
  glReadBuffer(GL_NONE);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    return makeError(fmt::format("the OpenGL driver refused a {}x{} shadow map (status 0x{:x})", size, size, status));
  return map;
}

void ShadowMap::beginPass() const {
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.id());
  glViewport(0, 0, size_, size_);
  glClear(GL_DEPTH_BUFFER_BIT);
}

void ShadowMap::bindTexture(std::uint32_t unit) const {
  glActiveTexture(GL_TEXTURE0 + unit);
  glBindTexture(GL_TEXTURE_2D, depth_.id());
  glActiveTexture(GL_TEXTURE0);
}

Result<FloorShadow> FloorShadow::create(int size) {
  FloorShadow shadow;
  shadow.size_ = size;
  shadow.visibility_ = createTexture2D(size, size, GL_R8, GL_RED, GL_UNSIGNED_BYTE, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  GLuint id = 0;
  glGenFramebuffers(1, &id);
  shadow.framebuffer_ = Framebuffer(id);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, shadow.visibility_.id(), 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    return makeError(fmt::format("the OpenGL driver refused a {}x{} floor shadow texture (status 0x{:x})", size, size, status));
  return shadow;
}

void FloorShadow::beginPass() const {
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.id());
  glViewport(0, 0, size_, size_);
}

void FloorShadow::bindTexture(std::uint32_t unit) const {
  glActiveTexture(GL_TEXTURE0 + unit);
  glBindTexture(GL_TEXTURE_2D, visibility_.id());
  glActiveTexture(GL_TEXTURE0);
}

}  // namespace formviz::gl
