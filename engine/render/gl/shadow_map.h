// [SECTION] The key light's shadow map: a depth texture compared in the shaders
// (sampler2DShadow, so the hardware filters 2x2 and the shader blurs wider).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "render/gl/resources.h"

namespace formviz::gl {

class ShadowMap {
 public:
  static Result<ShadowMap> create(int size);

  // Binds the depth framebuffer, sets the viewport and clears depth.
  void beginPass() const;
  // Binds the depth texture to `unit` for sampling.
  void bindTexture(std::uint32_t unit) const;
  int size() const { return size_; }

 private:
  int size_ = 0;
  Texture depth_;
  Framebuffer framebuffer_;
};

}  // namespace formviz::gl
