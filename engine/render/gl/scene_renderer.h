// [SECTION] The 3D view: backdrop, floor with grid and contact shadow, and the meshes
// of the scene, drawn into a RenderTarget.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/camera.h"
#include "render/gl/resources.h"
#include "render/gl/shader.h"
#include "render/gl/shadow_map.h"
#include "render/gl/skinned_mesh.h"

namespace formviz::gl {

// One lit static mesh to draw. `mesh` is borrowed for the call.
struct MeshDraw {
  const GpuMesh* mesh = nullptr;
  glm::mat4 model{1.0f};
  glm::vec3 color{0.80f, 0.68f, 0.60f};  // sRGB
};

// One skinned figure to draw, posed by its palette. Pointers are borrowed for the call.
struct FigureDraw {
  const SkinnedGpuMesh* mesh = nullptr;
  const PaletteBuffer* palette = nullptr;
  glm::mat4 model{1.0f};
  glm::vec3 skinColor{0.80f, 0.68f, 0.60f};  // sRGB
  // Per muscle region id: sRGB colour and strength in [0, 1] (0 = plain skin). Empty: plain figure.
  std::span<const glm::vec4> regionColors;
  // Draw the skin as a translucent shell over the coloured muscles, so they show from any side.
  bool xray = false;
};

// Everything one view shows.
struct Scene {
  std::vector<MeshDraw> meshes;
  std::vector<FigureDraw> figures;
  glm::vec4 contactShadow{0.0f};  // floor shadow under the figure: xz centre, radius (m), strength
  glm::vec4 shadowBounds{0.0f};   // a sphere holding what casts shadows: centre, radius (m); radius 0: no shadows
  bool showGrid = true;
  bool mirrored = false;          // show the view as in a mirror (left and right swapped)
};

// What one figure or mesh of a Scene covers in a frame (the renderer's own bookkeeping):
// points in world space (a figure's posed bound points, a mesh's box corners) and how far its
// surface may lie beyond them (metres).
struct DrawnExtent {
  std::vector<glm::vec3> points;
  float margin = 0.0f;
};

class SceneRenderer {
 public:
  // Loads the shaders (background, ground, mesh, figure) from `shaderDir`.
  static Result<SceneRenderer> create(const std::filesystem::path& shaderDir);

  // Draws the key light's shadow map, then clears `target`, draws `scene` seen by
  // `camera` and resolves the target (`resolve` false: left for the caller, e.g.
  // OverlayRenderer, which resolves before drawing over the picture: one resolve a frame).
  void render(const RenderTarget& target, const render::OrbitCamera& camera, const Scene& scene, bool resolve = true);

  // The static layer (on by default): the backdrop and the floor with its grid depend only on
  // the camera and the target, so they are drawn once into a picture of the target's size, and
  // each frame draws only over it (RenderTarget::drawOver): the figures and meshes into the
  // samples of the rectangle their posed bound points cover (render/skinned_bounds.h), the
  // floor's shading (contact shade, the key light's shadow) into the rectangle the shadow can
  // reach, and nothing elsewhere. The layer is drawn on the second frame in a row with the same
  // view (a playing clip, a still window): a one-off picture or a moving camera draws
  // everything, as with it off. The picture is the same either way.
  void setStaticLayer(bool enabled);
  // Figures cast their shadow map with their simplified caster (SkinnedGpuMesh::drawPosedCaster,
  // on by default; a quarter of the triangles, the same shadows within the lookups' blur); off,
  // with the full mesh.
  void setSimplifiedShadowCasters(bool enabled);
  // Figures are drawn (and picked) with their display mesh (MeshDetail::Display, on by default:
  // under half the triangles, the same picture within a few pixels); off, with every triangle.
  void setDisplayLod(bool enabled);

  // The muscle region under `pixel` (top-left origin) in a `viewport`-sized view of the
  // scene's figures, exact on the posed mesh: the region id, 0 for skin outside any
  // muscle, -1 where no figure is.
  int pickRegion(const render::OrbitCamera& camera, glm::ivec2 viewport, glm::vec2 pixel, const Scene& scene);

 private:
  // Compile-time variants of the lit shaders (llvmpipe pays for code behind uniform
  // branches on every pixel): [shadows] for ground (x grid), mesh and figure (x pass).
  // Compiled on first use, so a renderer that never draws x-ray never builds its shaders.
  const ShaderProgram* ground(bool shadows, bool grid);
  const ShaderProgram* mesh(bool shadows);
  const ShaderProgram* figure(bool shadows, int pass);
  const ShaderProgram* variant(std::optional<ShaderProgram>& slot, const char* vert, const char* frag,
                               const std::string& defines, bool lit);
  // Renders the key light's shadow map, and from it the floor shadow texture over `floorRect`
  // (x0, z0, x1, z1; only its `floorTexels`, x0, y0, x1, y1: where the frame shades the floor),
  // unless they already hold this scene's casters.
  // `extents`: the scene's (figures first, in order; their points are the casters' corners).
  void updateShadowMap(const Scene& scene, const glm::mat4& lightViewProjection, const glm::vec4& floorRect,
                       const glm::ivec4& floorTexels, std::span<const DrawnExtent> extents);
  // The floor's uniforms (ground.vert/.frag) for a view.
  void setGround(const ShaderProgram& program, const glm::mat4& viewProjection, const glm::vec3& eye,
                 const glm::vec2& viewportSize, const glm::vec4& inner, const glm::vec4& contactShadow) const;
  // The backdrop, at the far plane, where nothing drew yet.
  void drawBackdrop(const glm::vec2& viewportSize);
  // Draws the static layer for this view (backdrop and floor, no shading) unless it holds it
  // already. False (no layer) if the camera, the target's size or the grid changed since the
  // last frame, or the layer cannot be made.
  bool updateStaticLayer(const RenderTarget& target, const glm::mat4& viewProjection, const glm::vec3& eye, bool grid);
  // The compositor's programs (RenderTarget::drawOver), shared with the frames' compositors;
  // null if they fail.
  std::shared_ptr<const ShaderProgram> shared(std::shared_ptr<const ShaderProgram>& slot, const char* vertex,
                                              const char* fragment, const std::string& defines);
  std::shared_ptr<const ShaderProgram> floorShadeProgram(bool shadows);
  std::shared_ptr<const ShaderProgram> layerProgram(int samples);

  std::filesystem::path shaderDir_;
  ShaderProgram background_;
  std::array<std::optional<ShaderProgram>, 4> ground_;   // [shadows * 2 + grid]
  std::array<std::optional<ShaderProgram>, 2> mesh_;     // [shadows]
  std::array<std::optional<ShaderProgram>, 6> figure_;   // [shadows * 3 + pass]
  ShaderProgram shadowMesh_;
  ShaderProgram shadowFigure_;
  ShadowMap shadowMap_;
  FloorShadow floorShadow_;
  ShaderProgram floorShadowProgram_;
  std::vector<std::uint64_t> shadowKey_;  // what the shadow map was last drawn from (empty: nothing)
  ShaderProgram pick_;
  std::optional<RenderTarget> pickTarget_;  // region ids of the last picked view
  // The floor's inner quad (where shadows fall; shared with the frames' compositors) and the 8 around it.
  std::shared_ptr<const GpuMesh> floorInner_;
  GpuMesh floorOuter_;
  VertexArray emptyVertexArray_;  // core profile needs a bound VAO even for gl_VertexID draws
  bool staticLayerEnabled_ = true;
  bool simplifiedShadowCasters_ = true;
  bool displayLod_ = true;
  MeshDetail figureDetail() const { return displayLod_ ? MeshDetail::Display : MeshDetail::Full; }
  std::shared_ptr<RenderTarget> staticLayer_;    // backdrop + floor + grid; shared with the targets drawn
                                                 // over it (RenderTarget::drawOver)
  std::uint64_t staticLayerVersion_ = 0;         // counts its drawings
  std::vector<std::uint32_t> staticLayerKey_;    // the view it was drawn for (empty: none)
  std::vector<std::uint32_t> lastViewKey_;       // the last frame's view
  std::array<std::shared_ptr<const ShaderProgram>, 2> floorShade_;  // [shadows]
  std::map<int, std::shared_ptr<const ShaderProgram>> layer_;       // by samples
};

// A stand-in figure until the body model lands: a clay-coloured capsule of a standing
// adult's height, with a marker on its front (+Z) so every view preset is recognisable.
struct TestObject {
  GpuMesh body;
  GpuMesh frontMarker;
  std::vector<MeshDraw> draws() const;
  // Adds the object to `scene` with its contact and cast shadows.
  void addTo(Scene& scene) const;
};
TestObject makeTestObject();

}  // namespace formviz::gl
