// [SECTION] OverlayRenderer: draws render::OverlayPrimitives (angle arcs, alignment lines,
// contact rings, labels) over a scene already drawn into a RenderTarget.
//
// Lines are screen-space quads built on the CPU (the points projected with the scene's camera),
// shaded in shaders/overlay.frag as capsules with a smooth one-pixel edge: a dark halo first,
// then the coloured core, so a line stays readable over skin, muscle colours and floor. They
// are drawn over the resolved picture, one sample a pixel (their edges are smoothed by the
// shader, not by multisampling), and tested against the scene's depth in the shader, with the
// line pulled 15 cm toward the eye (joint centres sit inside the limbs): parts behind the body
// are drawn at a third of their strength instead of vanishing. Labels are drawn last, without depth, as text on a dark rounded backdrop, from a
// glyph atlas baked with stb_truetype (render/overlay_text.h), so the window and the headless
// `formviz render` show the same labels.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "render/gl/resources.h"
#include "render/gl/shader.h"
#include "render/overlay.h"
#include "render/overlay_text.h"

namespace formviz::gl {

class OverlayRenderer {
 public:
  // Loads shaders/overlay.{vert,frag} and bakes the label font (`font`; empty: DejaVu Sans as
  // render::Font::findDejaVuSans finds it; not found or unreadable: labels are skipped with a
  // warning, lines still draw).
  static Result<OverlayRenderer> create(const std::filesystem::path& shaderDir, std::filesystem::path font = {});

  // Resolves `target`, which holds the scene drawn with the same camera (so the scene can be
  // drawn without its own resolve: SceneRenderer::render, resolve false), and draws `overlay`
  // over the resolved picture, tested against the scene's depth. `model` maps the primitives'
  // space to the world (the figure's model matrix); `mirrored` as gl::Scene::mirrored (text
  // stays readable).
  void render(const RenderTarget& target, const render::OrbitCamera& camera, const render::OverlayPrimitives& overlay,
              const glm::mat4& model = glm::mat4(1.0f), bool mirrored = false);

  bool hasFont() const { return atlas_.has_value(); }

 private:
  std::array<ShaderProgram, 3> programs_;  // by Kind (overlay_renderer.cpp): halos, cores, labels
  std::optional<render::GlyphAtlas> atlas_;
  Texture atlasTexture_;
  VertexArray vertexArray_;
  Buffer vertices_;
};

}  // namespace formviz::gl
