// [SECTION] The 3D view: backdrop, floor with grid and contact shadow, and the meshes
// of the scene, drawn into a RenderTarget.
#pragma once

#include <filesystem>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "render/gl/resources.h"
#include "render/gl/shader.h"

namespace formviz::gl {

struct SceneOptions {
  bool showGrid = true;
};

// One lit mesh to draw. `mesh` is borrowed for the call.
struct MeshDraw {
  const GpuMesh* mesh = nullptr;
  glm::mat4 model{1.0f};
  glm::vec3 color{0.80f, 0.68f, 0.60f};  // sRGB
};

class SceneRenderer {
 public:
  // Loads the shaders (background, ground, mesh) from `shaderDir`.
  static Result<SceneRenderer> create(const std::filesystem::path& shaderDir);

  // Clears `target` and draws the backdrop, the floor and `meshes` seen by `camera`.
  // `contactShadow` is the floor shadow under the figure: xz centre, radius, strength.
  void render(const RenderTarget& target, const render::OrbitCamera& camera, const std::vector<MeshDraw>& meshes,
              const glm::vec4& contactShadow, const SceneOptions& options) const;

 private:
  ShaderProgram background_;
  ShaderProgram ground_;
  ShaderProgram mesh_;
  GpuMesh floor_;
  VertexArray emptyVertexArray_;  // core profile needs a bound VAO even for gl_VertexID draws
};

// A stand-in figure until the body model lands: a clay-coloured capsule of a standing
// adult's height, with a marker on its front (+Z) so every view preset is recognisable.
struct TestObject {
  GpuMesh body;
  GpuMesh frontMarker;
  std::vector<MeshDraw> draws() const;
};
TestObject makeTestObject();

}  // namespace formviz::gl
