#include "render/gl/scene_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include <glad/gl.h>
#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>

#include "core/log.h"
#include "render/lighting.h"
#include "render/shader_source.h"

namespace formviz::gl {
namespace {

// Flips clip-space x for a mirrored view.
glm::mat4 mirror(const Scene& scene) {
  return scene.mirrored ? glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f)) : glm::mat4(1.0f);
}

// Texels of the key light's shadow map: a 2 m sphere over 768 texels is 2.6 mm a texel, finer
// than the filter's blur (four bilinear taps 1.5 texels apart: about 9 mm), so a larger map
// would only cost time (its pass and its memory traffic), not look sharper (1024 texels gave
// the same picture at 2.5x zoom, for 0.3 ms more a frame).
constexpr int kShadowMapSize = 768;
constexpr std::uint32_t kShadowUnit = 1;
// Texels across the floor shadow texture: over the ~3.5 m the shadow of a standing figure can
// reach, 1.4 cm each, each the average of four taps over its square: a soft, smooth edge, at
// a 16th of the shadow map's texels to filter.
constexpr int kFloorShadowSize = 256;
constexpr std::uint32_t kFloorShadowUnit = 2;
constexpr float kFloorHalfSize = 40.0f;  // metres; it fades into the backdrop long before

// A program shared with the frames' compositors (RenderTarget::drawOver), with its samplers set.
Result<std::shared_ptr<const ShaderProgram>> loadShared(const std::filesystem::path& shaderDir, const char* vertex,
                                                       const char* fragment, const std::string& defines) {
  auto program = ShaderProgram::load(shaderDir, vertex, fragment, defines);
  if (!program) return program.error();
  program->use();
  program->set("uSamples", 0);
  program->set("uFloorShadow", int(kFloorShadowUnit));
  return std::make_shared<const ShaderProgram>(std::move(program).value());
}

// The matrix from a view's normalized device coordinates (x, y, 1) to the homogeneous floor
// point (x, z, 1) / w seen there (ground.frag, floor_shade.frag): the inverse of the view's projection of the
// floor plane y = 0, whose points (x, 0, z, 1) go to clip (x, y, w) = M (x, z, 1).
glm::mat3 screenToFloor(const glm::mat4& viewProjection) {
  const auto rows = [&](int column) {
    return glm::vec3(viewProjection[column][0], viewProjection[column][1], viewProjection[column][3]);
  };
  return glm::inverse(glm::mat3(rows(0), rows(2), rows(3)));
}

// The floor as a 3x3 grid of quads (ground.vert places their lines): the inner quad alone,
// or the eight around it. Positions hold column and row numbers 0..3.
render::TriangleMesh makeFloorGrid(bool inner) {
  render::TriangleMesh floor;
  for (int row = 0; row < 4; ++row)
    for (int column = 0; column < 4; ++column) {
      floor.positions.push_back({float(column), 0.0f, float(row)});
      floor.normals.push_back({0.0f, 1.0f, 0.0f});
    }
  for (std::uint32_t row = 0; row < 3; ++row)
    for (std::uint32_t column = 0; column < 3; ++column) {
      if ((row == 1 && column == 1) != inner) continue;
      const std::uint32_t a = row * 4 + column, b = a + 1, c = a + 4, d = c + 1;
      floor.indices.insert(floor.indices.end(), {a, c, d, a, d, b});  // counter-clockwise seen from above
    }
  return floor;
}

// The floor rectangle (x0, z0, x1, z1) the shadow of the sphere `bounds` (centre, radius)
// can fall on: the sphere projected along the key light onto y = 0, an ellipse r / sin(elevation)
// long toward the light and r across, boxed; a little margin for the filter.
glm::vec4 shadowFootprint(const glm::vec4& bounds) {
  const glm::vec3 l = render::kKeyLightDirection;
  const glm::vec3 c(bounds);
  const float r = bounds.w * 1.05f + 0.05f;
  const glm::vec2 centre = glm::vec2(c.x, c.z) - glm::vec2(l.x, l.z) * (c.y / l.y);
  const glm::vec2 along = glm::normalize(glm::vec2(l.x, l.z)), across(-along.y, along.x);
  const float a = r / std::max(l.y, 0.2f), b = r;
  const glm::vec2 half = glm::abs(along) * a + glm::abs(across) * b;
  // Also the sphere's own footprint (where it stands on the floor).
  const glm::vec2 lo = glm::min(centre - half, glm::vec2(c.x, c.z) - r);
  const glm::vec2 hi = glm::max(centre + half, glm::vec2(c.x, c.z) + r);
  const float limit = kFloorHalfSize - 0.01f;
  return glm::vec4(glm::clamp(lo, -limit, limit), glm::clamp(hi, -limit, limit));
}

// A rectangle (x0, y0, x1, y1) of pixels or of the floor (x0, z0, x1, z1); empty when x1 <= x0.
template <typename Rect>
bool isEmpty(const Rect& r) {
  return r.z <= r.x || r.w <= r.y;
}
template <typename Rect>
Rect unite(const Rect& a, const Rect& b) {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return Rect(glm::min(a.x, b.x), glm::min(a.y, b.y), glm::max(a.z, b.z), glm::max(a.w, b.w));
}

float largestScale(const glm::mat4& model) {
  return std::max({glm::length(glm::vec3(model[0])), glm::length(glm::vec3(model[1])), glm::length(glm::vec3(model[2]))});
}

// Every figure's posed bound points and every mesh's box corners.
std::vector<DrawnExtent> sceneExtents(const Scene& scene) {
  std::vector<DrawnExtent> extents;
  for (const FigureDraw& draw : scene.figures) {
    DrawnExtent& e = extents.emplace_back();
    const render::SkinnedBoundPoints& bounds = draw.mesh->boundPoints();
    render::posePoints(bounds, draw.palette->matrices(), draw.model, e.points);
    e.margin = bounds.margin * largestScale(draw.model);
  }
  for (const MeshDraw& draw : scene.meshes) {
    DrawnExtent& e = extents.emplace_back();
    const glm::vec3 lo = draw.mesh->boundsMin(), hi = draw.mesh->boundsMax();
    for (int i = 0; i < 8; ++i)
      e.points.push_back(glm::vec3(draw.model * glm::vec4((i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z, 1.0f)));
  }
  return extents;
}

// The pixels (x0, y0, x1, y1, bottom-left origin, exclusive ends) of a `size` view through
// `viewProjection` that hold `points` and `margin` metres around each, and two pixels for the
// edges' smoothing. None when a point's margin reaches within 5 cm of the eye's plane.
std::optional<glm::ivec4> screenRect(const glm::mat4& viewProjection, const glm::vec2& size, std::span<const glm::vec3> points,
                                     float margin) {
  if (points.empty()) return glm::ivec4(0);
  // Pixels per metre at unit depth: the projection's first two rows' lengths (the view only turns).
  const glm::vec2 perMetre =
      glm::vec2(glm::length(glm::vec3(viewProjection[0][0], viewProjection[1][0], viewProjection[2][0])),
                glm::length(glm::vec3(viewProjection[0][1], viewProjection[1][1], viewProjection[2][1]))) *
      size * 0.5f;
  glm::vec2 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
  for (const glm::vec3& p : points) {
    const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
    if (clip.w - margin < 0.05f) return std::nullopt;
    const glm::vec2 pixel = (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * size;
    const glm::vec2 pad = perMetre * (margin / (clip.w - margin));  // a sphere's outline, a little wider
    lo = glm::min(lo, pixel - pad);
    hi = glm::max(hi, pixel + pad);
  }
  lo = glm::max(glm::floor(lo) - 2.0f, glm::vec2(-1.0f));
  hi = glm::min(glm::ceil(hi) + 2.0f, size + 1.0f);
  return glm::ivec4(int(lo.x), int(lo.y), int(hi.x), int(hi.y));
}

// The floor rectangle (x0, z0, x1, z1) the key light's shadow of `extent` can fall on: its
// points projected along the light onto y = 0, each margin's sphere as its ellipse there, and
// 5 cm for the filters (the shadow map's taps and the floor shadow texture's, ~1 cm each).
glm::vec4 shadowRect(const DrawnExtent& extent) {
  const glm::vec3 l = render::kKeyLightDirection;
  glm::vec2 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
  for (const glm::vec3& p : extent.points) {
    const glm::vec2 q = glm::vec2(p.x, p.z) - glm::vec2(l.x, l.z) * (std::max(p.y, 0.0f) / std::max(l.y, 0.2f));
    lo = glm::min(lo, q);
    hi = glm::max(hi, q);
  }
  const float pad = extent.margin / std::max(l.y, 0.2f) + 0.05f;
  return extent.points.empty() ? glm::vec4(0.0f) : glm::vec4(lo - pad, hi + pad);
}

// The texels (x0, y0, x1, y1) of a `size` square texture over the floor rectangle `floorRect`
// that a bilinear lookup anywhere in `rect` (both x0, z0, x1, z1) reads.
glm::ivec4 floorTexels(const glm::vec4& floorRect, int size, const glm::vec4& rect) {
  const glm::vec2 origin(floorRect), perMetre = float(size) / (glm::vec2(floorRect.z, floorRect.w) - origin);
  const glm::ivec2 lo = glm::clamp(glm::ivec2(glm::floor((glm::vec2(rect) - origin) * perMetre)) - 1, 0, size);
  const glm::ivec2 hi = glm::clamp(glm::ivec2(glm::ceil((glm::vec2(rect.z, rect.w) - origin) * perMetre)) + 1, 0, size);
  return glm::ivec4(lo, glm::max(hi, lo));
}

// sRGB colour to linear light, as the lit shaders want their uniforms.
glm::vec3 toLinear(const glm::vec3& srgb) { return glm::pow(srgb, glm::vec3(2.2f)); }

}  // namespace

Result<SceneRenderer> SceneRenderer::create(const std::filesystem::path& shaderDir) {
  SceneRenderer renderer;
  renderer.shaderDir_ = shaderDir;
  auto background = ShaderProgram::load(shaderDir, "background");
  if (!background) return background.error();
  renderer.background_ = std::move(background).value();
  // The variants every frame uses are built now, so a broken shader file fails here with
  // its error; the others on first use.
  for (const bool shadows : {true, false}) {
    auto ground = ShaderProgram::load(shaderDir, "ground.vert", "ground.frag",
                                      fmt::format("#define FV_SHADOWS {}\n#define FV_GRID 1\n", int(shadows)));
    if (!ground) return ground.error();
    renderer.ground_[std::size_t(shadows) * 2 + 1] = std::move(ground).value();
  }
  auto mesh = ShaderProgram::load(shaderDir, "mesh.vert", "mesh.frag", "#define FV_SHADOWS 1\n");
  if (!mesh) return mesh.error();
  renderer.mesh_[1] = std::move(mesh).value();
  auto figure = ShaderProgram::load(shaderDir, "figure.vert", "figure.frag", "#define FV_SHADOWS 1\n#define FV_FIGURE_PASS 0\n");
  if (!figure) return figure.error();
  renderer.figure_[3] = std::move(figure).value();
  auto shadowMesh = ShaderProgram::load(shaderDir, "shadow_mesh");
  if (!shadowMesh) return shadowMesh.error();
  auto shadowFigure = ShaderProgram::load(shaderDir, "shadow_figure");
  if (!shadowFigure) return shadowFigure.error();
  auto shadowMap = ShadowMap::create(kShadowMapSize);
  if (!shadowMap) return shadowMap.error();
  auto pick = ShaderProgram::load(shaderDir, "figure.vert", "pick.frag");
  if (!pick) return pick.error();
  // The window's compositor programs (RenderTarget::drawOver).
  auto floorShade = loadShared(shaderDir, "ground.vert", "floor_shade.frag", "#define FV_SHADOWS 1\n");
  if (!floorShade) return floorShade.error();
  renderer.floorShade_[1] = std::move(floorShade).value();
  auto layer = loadShared(shaderDir, "background.vert", "layer.frag", "#define FV_SAMPLES 4\n");
  if (!layer) return layer.error();
  renderer.layer_[4] = std::move(layer).value();
  auto floorShadow = FloorShadow::create(kFloorShadowSize);
  if (!floorShadow) return floorShadow.error();
  auto floorShadowProgram = ShaderProgram::load(shaderDir, "floor_shadow");
  if (!floorShadowProgram) return floorShadowProgram.error();
  renderer.floorShadow_ = std::move(floorShadow).value();
  renderer.floorShadowProgram_ = std::move(floorShadowProgram).value();
  renderer.floorShadowProgram_.use();
  renderer.floorShadowProgram_.set("uShadowMap", int(kShadowUnit));
  renderer.floorShadowProgram_.set("uKeyLightDir", render::kKeyLightDirection);
  renderer.shadowMesh_ = std::move(shadowMesh).value();
  renderer.shadowFigure_ = std::move(shadowFigure).value();
  renderer.shadowMap_ = std::move(shadowMap).value();
  renderer.pick_ = std::move(pick).value();
  for (auto* slots : {&renderer.ground_[1], &renderer.ground_[3], &renderer.mesh_[1], &renderer.figure_[3]}) {
    slots->value().use();
    slots->value().set("uShadowMap", int(kShadowUnit));
    slots->value().set("uFloorShadow", int(kFloorShadowUnit));
    slots->value().set("uKeyLightDir", render::kKeyLightDirection);
  }
  renderer.floorInner_ = std::make_shared<const GpuMesh>(upload(makeFloorGrid(true)));
  renderer.floorOuter_ = upload(makeFloorGrid(false));
  renderer.emptyVertexArray_ = createVertexArray();
  glBindVertexArray(0);
  glUseProgram(0);
  return renderer;
}

const ShaderProgram* SceneRenderer::variant(std::optional<ShaderProgram>& slot, const char* vert, const char* frag,
                                            const std::string& defines, bool lit) {
  if (!slot) {
    auto program = ShaderProgram::load(shaderDir_, vert, frag, defines);
    if (!program) {
      // The same files compiled when the renderer was created: only a driver problem gets here.
      log::error("{}", program.error().message);
      return nullptr;
    }
    slot = std::move(program).value();
    if (lit) {
      slot->use();
      slot->set("uShadowMap", int(kShadowUnit));
      slot->set("uFloorShadow", int(kFloorShadowUnit));
      slot->set("uKeyLightDir", render::kKeyLightDirection);
    }
  }
  return &*slot;
}


std::shared_ptr<const ShaderProgram> SceneRenderer::shared(std::shared_ptr<const ShaderProgram>& slot, const char* vertex,
                                                           const char* fragment, const std::string& defines) {
  if (!slot) {
    auto program = loadShared(shaderDir_, vertex, fragment, defines);
    if (!program) {
      // The same files compiled when the renderer was created: only a driver problem gets here.
      log::error("{}", program.error().message);
      return nullptr;
    }
    slot = std::move(program).value();
  }
  return slot;
}

std::shared_ptr<const ShaderProgram> SceneRenderer::floorShadeProgram(bool shadows) {
  return shared(floorShade_[std::size_t(shadows)], "ground.vert", "floor_shade.frag",
                fmt::format("#define FV_SHADOWS {}\n", int(shadows)));
}

std::shared_ptr<const ShaderProgram> SceneRenderer::layerProgram(int samples) {
  return shared(layer_[samples], "background.vert", "layer.frag", fmt::format("#define FV_SAMPLES {}\n", samples));
}

const ShaderProgram* SceneRenderer::ground(bool shadows, bool grid) {
  return variant(ground_[std::size_t(shadows) * 2 + std::size_t(grid)], "ground.vert", "ground.frag",
                 fmt::format("#define FV_SHADOWS {}\n#define FV_GRID {}\n", int(shadows), int(grid)), true);
}

const ShaderProgram* SceneRenderer::mesh(bool shadows) {
  return variant(mesh_[std::size_t(shadows)], "mesh.vert", "mesh.frag", fmt::format("#define FV_SHADOWS {}\n", int(shadows)),
                 true);
}

const ShaderProgram* SceneRenderer::figure(bool shadows, int pass) {
  if (pass == 1) shadows = false;  // the x-ray muscles are self-lit, without shadows
  return variant(figure_[std::size_t(shadows) * 3 + std::size_t(pass)], "figure.vert", "figure.frag",
                 fmt::format("#define FV_SHADOWS {}\n#define FV_FIGURE_PASS {}\n", int(shadows), pass), true);
}

void SceneRenderer::updateShadowMap(const Scene& scene, const glm::mat4& lightViewProjection, const glm::vec4& floorRect,
                                    const glm::ivec4& floorTexels, std::span<const DrawnExtent> extents) {
  // What the map depends on: the light's projection, each caster's mesh, placement and pose,
  // and the floor texels wanted.
  std::vector<std::uint64_t> key{std::uint64_t(floorTexels.x), std::uint64_t(floorTexels.y), std::uint64_t(floorTexels.z),
                                 std::uint64_t(floorTexels.w)};
  auto addFloats = [&](const float* values, int count) {
    for (int i = 0; i < count; ++i) {
      std::uint32_t bits = 0;
      std::memcpy(&bits, &values[i], sizeof bits);
      key.push_back(bits);
    }
  };
  addFloats(&lightViewProjection[0][0], 16);
  for (const MeshDraw& draw : scene.meshes) {
    key.push_back(reinterpret_cast<std::uintptr_t>(draw.mesh));
    key.push_back(std::uint64_t(draw.mesh->indexCount()));
    addFloats(&draw.model[0][0], 16);
  }
  key.push_back(~0ull);  // meshes end, figures begin
  for (const FigureDraw& draw : scene.figures) {
    key.push_back(reinterpret_cast<std::uintptr_t>(draw.mesh));
    key.push_back(std::uint64_t(draw.mesh->indexCount(MeshDetail::Full)));
    key.push_back(std::uint64_t(simplifiedShadowCasters_));
    key.push_back(draw.palette->version());
    addFloats(&draw.model[0][0], 16);
  }
  if (key == shadowKey_) return;  // the casters have not moved: the map is still right
  shadowKey_ = std::move(key);

  glEnable(GL_DEPTH_TEST);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  // Front faces only: every caster is closed, so its nearest surface to the light is a front
  // face and the map holds the same depths for half the triangles rasterized.
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glFrontFace(GL_CCW);
  shadowMap_.beginPass();
  shadowMesh_.use();
  shadowMesh_.set("uLightViewProjection", lightViewProjection);
  for (const MeshDraw& draw : scene.meshes) {
    shadowMesh_.set("uModel", draw.model);
    draw.mesh->draw();
  }
  if (simplifiedShadowCasters_) {
    // The casters' corners, posed on the CPU for the frame's extents (figures come first).
    shadowMesh_.set("uModel", glm::mat4(1.0f));
    for (std::size_t i = 0; i < scene.figures.size(); ++i) scene.figures[i].mesh->drawPosedCaster(extents[i].points);
  } else {
    shadowFigure_.use();
    shadowFigure_.set("uLightViewProjection", lightViewProjection);
    for (const FigureDraw& draw : scene.figures) {
      shadowFigure_.set("uModel", draw.model);
      draw.palette->bind();
      draw.mesh->draw(MeshDetail::Full);
    }
  }

  // The floor's share, filtered once into the floor shadow texture.
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  floorShadow_.beginPass();
  // Only the texels under the floor rectangle the frame shades, the rest lit (a 64 kB clear:
  // a floor pixel whose centre lies just outside the rectangle, on the edge of the frame's
  // inner quad, may still read there).
  glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  glScissor(floorTexels.x, floorTexels.y, floorTexels.z - floorTexels.x, floorTexels.w - floorTexels.y);
  shadowMap_.bindTexture(kShadowUnit);
  floorShadowProgram_.use();
  floorShadowProgram_.set("uLightViewProjection", lightViewProjection);
  floorShadowProgram_.set("uInner", floorRect);
  floorShadowProgram_.set("uTexels", float(kFloorShadowSize));
  glBindVertexArray(emptyVertexArray_.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_DEPTH_TEST);
}

// The backdrop's colours (sRGB): the horizon behind the floor's far edge, the sky above.
constexpr glm::vec3 kHorizon(0.905f, 0.918f, 0.930f);
constexpr glm::vec3 kSky(0.780f, 0.812f, 0.847f);

void SceneRenderer::setStaticLayer(bool enabled) { staticLayerEnabled_ = enabled; }

void SceneRenderer::setSimplifiedShadowCasters(bool enabled) { simplifiedShadowCasters_ = enabled; }

void SceneRenderer::setDisplayLod(bool enabled) { displayLod_ = enabled; }

void SceneRenderer::setGround(const ShaderProgram& program, const glm::mat4& viewProjection, const glm::vec3& eye,
                              const glm::vec2& viewportSize, const glm::vec4& inner, const glm::vec4& contactShadow) const {
  program.use();
  program.set("uTopColor", kSky);
  program.set("uBottomColor", kHorizon);
  program.set("uViewportSize", viewportSize);
  program.set("uViewProjection", viewProjection);
  program.set("uScreenToFloor", screenToFloor(viewProjection));
  program.set("uInner", inner);
  program.set("uHalfSize", kFloorHalfSize);
  program.set("uEye", eye);
  program.set("uGroundColor", glm::vec3(0.945f, 0.945f, 0.940f));
  program.set("uLineColor", glm::vec3(0.70f, 0.72f, 0.75f));
  program.set("uContactShadow", contactShadow);
}

void SceneRenderer::drawBackdrop(const glm::vec2& viewportSize) {
  glDepthMask(GL_FALSE);
  background_.use();
  background_.set("uTopColor", kSky);
  background_.set("uBottomColor", kHorizon);
  background_.set("uViewportSize", viewportSize);
  glBindVertexArray(emptyVertexArray_.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
}

bool SceneRenderer::updateStaticLayer(const RenderTarget& target, const glm::mat4& viewProjection, const glm::vec3& eye,
                                      bool grid) {
  std::vector<std::uint32_t> key{std::uint32_t(target.width()), std::uint32_t(target.height()),
                                 std::uint32_t(target.samples()), std::uint32_t(grid)};
  auto addFloats = [&](const float* values, int count) {
    for (int i = 0; i < count; ++i) {
      std::uint32_t bits = 0;
      std::memcpy(&bits, &values[i], sizeof bits);
      key.push_back(bits);
    }
  };
  addFloats(&viewProjection[0][0], 16);
  addFloats(&eye[0], 3);
  if (key != staticLayerKey_) {
    // A view that differs from the last frame's may move on (an orbit drag, a camera
    // transition) or be a one-off picture: a layer would cost its drawing plus a copy, for
    // nothing. It is drawn when the view holds still for a second frame.
    const bool held = key == lastViewKey_;
    lastViewKey_ = key;
    if (!held) return false;
    // A layer another target is still drawn over (RenderTarget::drawOver) is left to it: a new one.
    if (!staticLayer_ || staticLayer_.use_count() > 1 || staticLayer_->width() != target.width() ||
        staticLayer_->height() != target.height() || staticLayer_->samples() != target.samples()) {
      staticLayer_.reset();
      auto layer = RenderTarget::create(target.width(), target.height(), target.samples());
      if (!layer || layer->samples() != target.samples()) return false;
      staticLayer_ = std::make_shared<RenderTarget>(std::move(layer).value());
    }
    const ShaderProgram* program = ground(false, grid);
    if (!program) return false;
    staticLayerKey_.clear();
    staticLayer_->bind();
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glClearColor(kHorizon.x, kHorizon.y, kHorizon.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    const glm::vec2 viewportSize(target.width(), target.height());
    // The whole floor without shading (contact shade, shadows: floor_shade.frag's, per frame):
    // the 3x3 quads around any inner square.
    setGround(*program, viewProjection, eye, viewportSize, glm::vec4(-1, -1, 1, 1), glm::vec4(0.0f));
    floorInner_->draw();
    floorOuter_.draw();
    drawBackdrop(viewportSize);
    staticLayer_->resolve();
    staticLayerKey_ = std::move(key);
    ++staticLayerVersion_;
  }
  return true;
}

void SceneRenderer::render(const RenderTarget& target, const render::OrbitCamera& camera, const Scene& scene, bool resolve) {
  const bool shadows = scene.shadowBounds.w > 0.0f;
  const glm::mat4 lightViewProjection =
      shadows ? render::shadowViewProjection(render::kKeyLightDirection, glm::vec3(scene.shadowBounds), scene.shadowBounds.w)
              : glm::mat4(1.0f);
  const glm::vec4 inner = shadows ? shadowFootprint(scene.shadowBounds) : glm::vec4(-1, -1, 1, 1);
  const std::vector<DrawnExtent> extents = sceneExtents(scene);
  glm::vec4 shadeRect(0.0f);  // on the floor
  if (shadows) {
    for (const DrawnExtent& extent : extents) shadeRect = unite(shadeRect, shadowRect(extent));
    // The floor shadow texture covers `inner`; beyond it the floor is lit.
    shadeRect = glm::vec4(glm::max(glm::vec2(shadeRect), glm::vec2(inner)), glm::min(glm::vec2(shadeRect.z, shadeRect.w), glm::vec2(inner.z, inner.w)));
  }
  const bool contact = scene.contactShadow.w > 0.0f && scene.contactShadow.z > 0.0f;
  if (contact) {
    const glm::vec2 centre(scene.contactShadow), radius(scene.contactShadow.z);
    shadeRect = unite(shadeRect, glm::vec4(centre - radius, centre + radius));
  }
  shadeRect = glm::clamp(shadeRect, -(kFloorHalfSize - 0.01f), kFloorHalfSize - 0.01f);
  if (shadows) updateShadowMap(scene, lightViewProjection, inner, floorTexels(inner, kFloorShadowSize, shadeRect), extents);
  shadowMap_.bindTexture(kShadowUnit);
  floorShadow_.bindTexture(kFloorShadowUnit);

  const float aspect = static_cast<float>(target.width()) / static_cast<float>(target.height());
  const glm::mat4 viewProjection = mirror(scene) * camera.projection(aspect) * camera.view();
  const glm::vec3 eye = camera.eye();
  const glm::vec2 viewportSize(target.width(), target.height());

  // Over the static layer (backdrop and floor, drawn once per view) a frame draws only what
  // moves, into the target's samples cleared to transparent over the pixels the figures and
  // meshes cover (RenderTarget::drawOver), and the compositor lays them over the static picture
  // after shading its floor (floor_shade.frag) where their shadow and the contact shade fall.
  // Else everything is drawn.
  const glm::ivec4 whole(0, 0, target.width(), target.height());
  // Pixels: where the figures and meshes are drawn, where the floor is shaded (all of the view
  // when part of it reaches behind the eye).
  glm::ivec4 drawn(0), shaded(0);
  for (const DrawnExtent& extent : extents)
    drawn = unite(drawn, screenRect(viewProjection, viewportSize, extent.points, extent.margin).value_or(whole));
  if (!isEmpty(shadeRect)) {
    const std::array<glm::vec3, 4> corners{glm::vec3(shadeRect.x, 0.0f, shadeRect.y), glm::vec3(shadeRect.z, 0.0f, shadeRect.y),
                                           glm::vec3(shadeRect.x, 0.0f, shadeRect.w), glm::vec3(shadeRect.z, 0.0f, shadeRect.w)};
    shaded = screenRect(viewProjection, viewportSize, corners, 0.0f).value_or(whole);
  }
  target.drawWhole();
  bool layered = false;
  if (staticLayerEnabled_ && updateStaticLayer(target, viewProjection, eye, scene.showGrid)) {
    const std::shared_ptr<const ShaderProgram> shade = isEmpty(shaded) ? nullptr : floorShadeProgram(shadows);
    const std::shared_ptr<const ShaderProgram> lay = layerProgram(target.samples());
    const glm::vec4 contactShadow = contact ? scene.contactShadow : glm::vec4(0.0f);
    const glm::mat3 floorOfPixel = screenToFloor(viewProjection);
    const std::uint32_t floorShadow = floorShadow_.texture();
    const std::shared_ptr<const GpuMesh> floorQuad = floorInner_;
    const std::uint32_t fullTarget = emptyVertexArray_.id();  // gl_VertexID draws need a vertex array
    auto compositor = [=](const RenderTarget::Layer& layer) {
      glEnable(GL_BLEND);
      if (shade) {
        // The floor's quad under the shadow and the contact shade, multiplied in.
        shade->use();
        shade->set("uViewProjection", viewProjection);
        shade->set("uInner", shadeRect);
        shade->set("uHalfSize", kFloorHalfSize);
        shade->set("uScreenToFloor", floorOfPixel);
        shade->set("uViewportSize", viewportSize);
        shade->set("uShadowRect", inner);
        shade->set("uEye", eye);
        shade->set("uContactShadow", contactShadow);
        glActiveTexture(GL_TEXTURE0 + kFloorShadowUnit);
        glBindTexture(GL_TEXTURE_2D, floorShadow);
        glActiveTexture(GL_TEXTURE0);
        glBlendFunc(GL_ZERO, GL_SRC_COLOR);
        floorQuad->draw();
      }
      if (!isEmpty(layer.drawn)) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(layer.drawn.x, layer.drawn.y, layer.drawn.z - layer.drawn.x, layer.drawn.w - layer.drawn.y);
        lay->use();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, layer.texture);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
        glBindVertexArray(fullTarget);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glBindVertexArray(0);
      }
    };
    layered = lay && target.drawOver(staticLayer_, staticLayerVersion_, unite(drawn, shaded), drawn, compositor);
  }
  target.bind();
  // A mirrored view reverses every triangle's winding.
  glFrontFace(scene.mirrored ? GL_CW : GL_CCW);
  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  if (!layered) {
    glClearColor(kHorizon.x, kHorizon.y, kHorizon.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  }

  // The figure and meshes first, so the floor and backdrop behind them fail the depth test
  // before their shaders run.
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  if (const ShaderProgram* program = scene.meshes.empty() ? nullptr : mesh(shadows)) {
    program->use();
    program->set("uViewProjection", viewProjection);
    program->set("uEye", eye);
    if (shadows) program->set("uLightViewProjection", lightViewProjection);
    for (const MeshDraw& draw : scene.meshes) {
      program->set("uModel", draw.model);
      program->set("uNormalMatrix", glm::transpose(glm::inverse(glm::mat3(draw.model))));
      program->set("uBaseColor", toLinear(draw.color));
      draw.mesh->draw();
    }
  }

  std::array<glm::vec4, render::kMaxMuscleRegions> regionColors{};
  auto setFigure = [&](const ShaderProgram& program, const FigureDraw& draw) {
    program.use();
    program.set("uViewProjection", viewProjection);
    program.set("uEye", eye);
    if (shadows) program.set("uLightViewProjection", lightViewProjection);
    program.set("uModel", draw.model);
    program.set("uSkinColor", toLinear(draw.skinColor));
    program.set("uShowRegions", draw.regionColors.empty() ? 0 : 1);
    regionColors.fill(glm::vec4(0.0f));
    for (std::size_t i = 0; i < std::min(draw.regionColors.size(), regionColors.size()); ++i)
      regionColors[i] = glm::vec4(toLinear(glm::vec3(draw.regionColors[i])), draw.regionColors[i].w);
    program.set("uRegionColors", regionColors);
    draw.palette->bind();
  };
  for (const FigureDraw& draw : scene.figures) {
    if (draw.xray) continue;
    const ShaderProgram* program = figure(shadows, 0);
    if (!program) continue;
    setFigure(*program, draw);
    draw.mesh->draw(figureDetail());
  }
  glDisable(GL_CULL_FACE);

  if (!layered) {
    // The floor: the shadowed variant (one fetch of the floor shadow texture) only on the
    // inner quad the frame shades (where the shadow can fall, under the figure).
    for (const bool innerQuad : {true, false}) {
      const ShaderProgram* program = ground(shadows && innerQuad, scene.showGrid);
      if (!program) continue;
      setGround(*program, viewProjection, eye, viewportSize, shadeRect, scene.contactShadow);
      program->set("uShadowRect", inner);
      (innerQuad ? *floorInner_ : floorOuter_).draw();
    }
    // Backdrop last, at the far plane: only pixels nothing covered run its shader.
    drawBackdrop(viewportSize);
  }

  // X-ray figures after the backdrop, which they show through: the muscles first, both
  // faces, so those on the far side show too; then the skin blended over them without
  // writing depth.
  for (const FigureDraw& draw : scene.figures) {
    if (!draw.xray) continue;
    const ShaderProgram* muscles = figure(shadows, 1);
    const ShaderProgram* shell = figure(shadows, 2);
    if (!muscles || !shell) continue;
    setFigure(*muscles, draw);
    draw.mesh->draw(figureDetail());
    setFigure(*shell, draw);
    glEnable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    // Alpha as for premultiplied colour, so over a transparent layer the shell composites right.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    glDepthFunc(GL_ALWAYS);
    draw.mesh->draw(figureDetail());
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
  }
  glDisable(GL_CULL_FACE);
  glFrontFace(GL_CCW);
  glUseProgram(0);
  if (resolve) target.resolve();
}

int SceneRenderer::pickRegion(const render::OrbitCamera& camera, glm::ivec2 viewport, glm::vec2 pixel,
                              const Scene& scene) {
  if (pixel.x < 0.0f || pixel.y < 0.0f || pixel.x >= float(viewport.x) || pixel.y >= float(viewport.y)) return -1;
  // The whole view at full size, region ids only, read back at one pixel. (A 1x1 target
  // behind a pixel-zoom matrix would do, but Mesa's clipper then loses the flat region id
  // of the clipped triangles.)
  if (!pickTarget_ || pickTarget_->width() != viewport.x || pickTarget_->height() != viewport.y) {
    auto target = RenderTarget::create(viewport.x, viewport.y, 1);
    if (!target) return -1;
    pickTarget_ = std::move(target).value();
  }
  const float aspect = static_cast<float>(viewport.x) / static_cast<float>(viewport.y);
  pickTarget_->bind();
  // Only the picked pixel is shaded, cleared and resolved: the scissor leaves the viewport
  // (and so Mesa's clipping) as for the whole view.
  glEnable(GL_SCISSOR_TEST);
  glScissor(int(pixel.x), viewport.y - 1 - int(pixel.y), 1, 1);
  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  glEnable(GL_CULL_FACE);
  glClearColor(0, 0, 0, 0);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  pick_.use();
  pick_.set("uViewProjection", mirror(scene) * camera.projection(aspect) * camera.view());
  glFrontFace(scene.mirrored ? GL_CW : GL_CCW);
  for (const FigureDraw& draw : scene.figures) {
    pick_.set("uModel", draw.model);
    draw.palette->bind();
    draw.mesh->draw(figureDetail());
  }
  glDisable(GL_CULL_FACE);
  glFrontFace(GL_CCW);
  glUseProgram(0);
  pickTarget_->resolve();
  glDisable(GL_SCISSOR_TEST);
  const std::array<std::uint8_t, 4> p = pickTarget_->readPixel(int(pixel.x), int(pixel.y));
  return p[1] > 127 ? int(p[0]) : -1;
}

TestObject makeTestObject() {
  TestObject object;
  object.body = upload(render::makeCapsule(0.18f, 1.70f, 48));
  object.frontMarker = upload(render::makeSphere(0.07f, 32));
  return object;
}

std::vector<MeshDraw> TestObject::draws() const {
  return {
      {&body, glm::mat4(1.0f), glm::vec3(0.80f, 0.68f, 0.60f)},
      {&frontMarker, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 1.45f, 0.17f)), glm::vec3(0.93f, 0.45f, 0.15f)},
  };
}

void TestObject::addTo(Scene& scene) const {
  const std::vector<MeshDraw> meshes = draws();
  scene.meshes.insert(scene.meshes.end(), meshes.begin(), meshes.end());
  scene.contactShadow = glm::vec4(0.0f, 0.0f, 0.45f, 0.35f);
  scene.shadowBounds = glm::vec4(0.0f, 0.85f, 0.0f, 0.95f);
}

}  // namespace formviz::gl
