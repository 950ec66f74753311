#include "render/gl/scene_renderer.h"

#include <algorithm>
#include <array>

#include <glad/gl.h>
#include <glm/gtc/matrix_transform.hpp>

#include "render/lighting.h"
#include "render/shader_source.h"

namespace formviz::gl {
namespace {

// Flips clip-space x for a mirrored view.
glm::mat4 mirror(const Scene& scene) {
  return scene.mirrored ? glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f)) : glm::mat4(1.0f);
}

// Texels of the key light's shadow map: enough for a soft edge on a figure-sized area.
constexpr int kShadowMapSize = 2048;
constexpr std::uint32_t kShadowUnit = 1;

render::TriangleMesh makeFloor(float halfSize) {
  render::TriangleMesh floor;
  floor.positions = {{-halfSize, 0, -halfSize}, {-halfSize, 0, halfSize}, {halfSize, 0, halfSize}, {halfSize, 0, -halfSize}};
  floor.normals.assign(4, glm::vec3(0, 1, 0));
  floor.indices = {0, 1, 2, 0, 2, 3};
  return floor;
}

}  // namespace

Result<SceneRenderer> SceneRenderer::create(const std::filesystem::path& shaderDir) {
  SceneRenderer renderer;
  auto background = ShaderProgram::load(shaderDir, "background");
  if (!background) return background.error();
  auto ground = ShaderProgram::load(shaderDir, "ground");
  if (!ground) return ground.error();
  auto mesh = ShaderProgram::load(shaderDir, "mesh");
  if (!mesh) return mesh.error();
  auto figure = ShaderProgram::load(shaderDir, "figure");
  if (!figure) return figure.error();
  auto shadowMesh = ShaderProgram::load(shaderDir, "shadow_mesh");
  if (!shadowMesh) return shadowMesh.error();
  auto shadowFigure = ShaderProgram::load(shaderDir, "shadow_figure");
  if (!shadowFigure) return shadowFigure.error();
  auto shadowMap = ShadowMap::create(kShadowMapSize);
  if (!shadowMap) return shadowMap.error();
  auto pick = ShaderProgram::load(shaderDir, "figure.vert", "pick.frag");
  if (!pick) return pick.error();
  renderer.background_ = std::move(background).value();
  renderer.ground_ = std::move(ground).value();
  renderer.mesh_ = std::move(mesh).value();
  renderer.figure_ = std::move(figure).value();
  renderer.shadowMesh_ = std::move(shadowMesh).value();
  renderer.shadowFigure_ = std::move(shadowFigure).value();
  renderer.shadowMap_ = std::move(shadowMap).value();
  renderer.pick_ = std::move(pick).value();
  // Every lit program samples the shadow map from the same unit.
  for (const ShaderProgram* program : {&renderer.ground_, &renderer.mesh_, &renderer.figure_}) {
    program->use();
    program->set("uShadowMap", int(kShadowUnit));
    program->set("uKeyLightDir", render::kKeyLightDirection);
  }
  renderer.floor_ = upload(makeFloor(40.0f));
  renderer.emptyVertexArray_ = createVertexArray();
  glBindVertexArray(0);
  return renderer;
}

void SceneRenderer::render(const RenderTarget& target, const render::OrbitCamera& camera, const Scene& scene) {
  const bool shadows = scene.shadowBounds.w > 0.0f;
  const glm::mat4 lightViewProjection =
      shadows ? render::shadowViewProjection(render::kKeyLightDirection, glm::vec3(scene.shadowBounds), scene.shadowBounds.w)
              : glm::mat4(1.0f);
  if (shadows) {
    glEnable(GL_DEPTH_TEST);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);  // both faces: thin parts (hands, feet) still cast
    shadowMap_.beginPass();
    shadowMesh_.use();
    shadowMesh_.set("uLightViewProjection", lightViewProjection);
    for (const MeshDraw& draw : scene.meshes) {
      shadowMesh_.set("uModel", draw.model);
      draw.mesh->draw();
    }
    shadowFigure_.use();
    shadowFigure_.set("uLightViewProjection", lightViewProjection);
    for (const FigureDraw& draw : scene.figures) {
      shadowFigure_.set("uModel", draw.model);
      draw.palette->bind();
      draw.mesh->draw();
    }
  }
  shadowMap_.bindTexture(kShadowUnit);
  for (const ShaderProgram* program : {&ground_, &mesh_, &figure_}) {
    program->use();
    program->set("uShadows", shadows ? 1 : 0);
    program->set("uLightViewProjection", lightViewProjection);
  }

  target.bind();
  const float aspect = static_cast<float>(target.width()) / static_cast<float>(target.height());
  const glm::mat4 viewProjection = mirror(scene) * camera.projection(aspect) * camera.view();
  // A mirrored view reverses every triangle's winding.
  glFrontFace(scene.mirrored ? GL_CW : GL_CCW);
  const glm::vec3 eye = camera.eye();
  const glm::vec3 horizon(0.905f, 0.918f, 0.930f);

  glDisable(GL_BLEND);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
  glClearColor(horizon.x, horizon.y, horizon.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

  const glm::vec3 sky(0.780f, 0.812f, 0.847f);
  const glm::vec2 viewportSize(target.width(), target.height());
  for (const ShaderProgram* program : {&background_, &ground_}) {
    program->use();
    program->set("uTopColor", sky);
    program->set("uBottomColor", horizon);
    program->set("uViewportSize", viewportSize);
  }

  ground_.use();
  ground_.set("uViewProjection", viewProjection);
  ground_.set("uEye", eye);
  ground_.set("uGroundColor", glm::vec3(0.945f, 0.945f, 0.940f));
  ground_.set("uLineColor", glm::vec3(0.70f, 0.72f, 0.75f));
  ground_.set("uShowGrid", scene.showGrid ? 1 : 0);
  ground_.set("uContactShadow", scene.contactShadow);
  floor_.draw();

  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  mesh_.use();
  mesh_.set("uViewProjection", viewProjection);
  mesh_.set("uEye", eye);
  for (const MeshDraw& draw : scene.meshes) {
    mesh_.set("uModel", draw.model);
    mesh_.set("uNormalMatrix", glm::transpose(glm::inverse(glm::mat3(draw.model))));
    mesh_.set("uBaseColor", draw.color);
    draw.mesh->draw();
  }

  figure_.use();
  figure_.set("uViewProjection", viewProjection);
  figure_.set("uEye", eye);
  std::array<glm::vec4, render::kMaxMuscleRegions> regionColors{};
  auto drawFigure = [&](const FigureDraw& draw, int pass) {
    figure_.set("uPass", pass);
    draw.mesh->draw();
  };
  auto setFigure = [&](const FigureDraw& draw) {
    figure_.set("uModel", draw.model);
    figure_.set("uSkinColor", draw.skinColor);
    figure_.set("uShowRegions", draw.regionColors.empty() ? 0 : 1);
    regionColors.fill(glm::vec4(0.0f));
    std::copy_n(draw.regionColors.begin(), std::min(draw.regionColors.size(), regionColors.size()),
                regionColors.begin());
    figure_.set("uRegionColors", regionColors);
    draw.palette->bind();
  };
  for (const FigureDraw& draw : scene.figures) {
    if (draw.xray) continue;
    setFigure(draw);
    drawFigure(draw, 0);
  }

  // Backdrop last, at the far plane: only pixels nothing covered run its shader.
  glDisable(GL_CULL_FACE);
  glDepthMask(GL_FALSE);
  background_.use();
  glBindVertexArray(emptyVertexArray_.id());
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);

  // X-ray figures after the backdrop, which they show through: the muscles first, both
  // faces, so those on the far side show too; then the skin blended over them without
  // writing depth.
  for (const FigureDraw& draw : scene.figures) {
    if (!draw.xray) continue;
    figure_.use();
    setFigure(draw);
    drawFigure(draw, 1);
    glEnable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    glDepthFunc(GL_ALWAYS);
    drawFigure(draw, 2);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
  }
  glDisable(GL_CULL_FACE);
  glFrontFace(GL_CCW);
  glUseProgram(0);
  target.resolve();
}

int SceneRenderer::pickRegion(const render::OrbitCamera& camera, glm::ivec2 viewport, glm::vec2 pixel,
                              const Scene& scene) {
  if (pixel.x < 0.0f || pixel.y < 0.0f || pixel.x >= float(viewport.x) || pixel.y >= float(viewport.y)) return -1;
  // The whole view at full size, region ids only, read back at one pixel. (A 1x1 target
  // behind a pixel-zoom matrix is cheaper, but Mesa's clipper then loses the flat region id
  // of the clipped triangles.)
  if (!pickTarget_ || pickTarget_->width() != viewport.x || pickTarget_->height() != viewport.y) {
    auto target = RenderTarget::create(viewport.x, viewport.y, 1);
    if (!target) return -1;
    pickTarget_ = std::move(target).value();
  }
  const float aspect = static_cast<float>(viewport.x) / static_cast<float>(viewport.y);
  pickTarget_->bind();
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
    draw.mesh->draw();
  }
  glDisable(GL_CULL_FACE);
  glFrontFace(GL_CCW);
  glUseProgram(0);
  pickTarget_->resolve();
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
