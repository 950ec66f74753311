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

// The key light's shadow on the floor, filtered once into a small texture over the floor
// rectangle it can fall on: the floor then pays one bilinear fetch per pixel instead of the
// shadow map's four filtered comparisons, and it is redrawn only with the shadow map.
class FloorShadow {
 public:
  static Result<FloorShadow> create(int size);
  // Binds its framebuffer and sets the viewport.
  void beginPass() const;
  void bindTexture(std::uint32_t unit) const;
  std::uint32_t texture() const { return visibility_.id(); }
  int size() const { return size_; }

 private:
  int size_ = 0;
  Texture visibility_;  // R8: 1 lit, 0 in shadow
  Framebuffer framebuffer_;
};

}  // namespace formviz::gl
