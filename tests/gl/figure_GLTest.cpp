// The body from models/ drawn by the engine: view modes, highlight placement, sides.
#include <optional>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "anim/character.h"
#include "anim/model_space.h"
#include "anim/sampling.h"

#include <glm/gtc/constants.hpp>
#include "asset/import.h"
#include "core/muscle_regions.h"
#include "gl/golden.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

class FigureGLTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    test::glContext();
    auto imported = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "models" / "male_175.gltf");
    ASSERT_TRUE(imported) << imported.error().message;
    model = new asset::ImportedModel(std::move(imported).value());
  }
  static void TearDownTestSuite() {
    delete model;
    model = nullptr;
  }

  struct Picture {
    render::Image image;
    glm::mat4 viewProjection;
  };

  Picture renderBody(render::ViewPreset view, std::span<const glm::vec4> regionColors, bool xray = false,
                     int width = 240, int height = 320) {
    auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    EXPECT_TRUE(renderer) << renderer.error().message;
    auto target = gl::RenderTarget::create(width, height, 4);
    auto mesh = gl::upload(model->meshes.front());
    EXPECT_TRUE(mesh) << mesh.error().message;
    if (!renderer || !target || !mesh) return {};
    anim::Character character(model->skeleton);
    gl::PaletteBuffer palette = gl::PaletteBuffer::create();
    palette.update(character.palette());
    render::OrbitCamera camera;
    camera.setPreset(view);
    camera.frame({0, 0.9f, 0}, 1.0f, float(width) / float(height));
    gl::Scene scene = oneFigure(*mesh, palette, regionColors, xray);
    scene.contactShadow = glm::vec4(0, 0, 0.5f, 0.35f);
    scene.shadowBounds = glm::vec4(0, 0.9f, 0, 1.0f);
    renderer->render(*target, camera, scene);
    return {target->readPixels(), camera.projection(float(width) / float(height)) * camera.view()};
  }

  static std::vector<glm::vec4> highlight(std::initializer_list<std::pair<int, render::MuscleRole>> regions) {
    std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
    for (auto [id, role] : regions) roles[static_cast<std::size_t>(id)] = role;
    return render::highlightColors(roles);
  }

  static gl::Scene oneFigure(const gl::SkinnedGpuMesh& mesh, const gl::PaletteBuffer& palette,
                             std::span<const glm::vec4> regionColors = {}, bool xray = false) {
    gl::Scene scene;
    gl::FigureDraw draw;
    draw.mesh = &mesh;
    draw.palette = &palette;
    draw.regionColors = regionColors;
    draw.xray = xray;
    scene.figures.push_back(draw);
    return scene;
  }

  // A renderer, a 480x480 target and the body's palette at the bottom of the bodyweight squat's
  // correct clip: the hips and knees bent most, the thighs and arms shadowing the body.
  struct SquatBottom {
    gl::SceneRenderer renderer;
    gl::RenderTarget target;
    gl::PaletteBuffer palette;
  };
  static std::optional<SquatBottom> squatBottom() {
    auto clips = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "animations" / "bodyweight_squat.gltf");
    auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    auto target = gl::RenderTarget::create(480, 480, 4);
    const anim::Clip* clip = nullptr;
    if (clips)
      for (const anim::Clip& c : clips->clips)
        if (c.name() == "correct") clip = &c;
    if (!clips || !clip || !renderer || !target) {
      ADD_FAILURE() << "the squat's clip, the renderer or the target: "
                    << (!clips ? clips.error().message : !renderer ? renderer.error().message : !target ? target.error().message : "no correct clip");
      return std::nullopt;
    }
    anim::Character character(model->skeleton);
    character.setClip(clips->skeleton, *clip);
    character.evaluate(clip->markerTime("bottom").value_or(0.0f));
    SquatBottom out{std::move(renderer).value(), std::move(target).value(), gl::PaletteBuffer::create()};
    out.palette.update(character.palette());
    return out;
  }

  // Pixels close to the primary highlight colour (reddish, clearly not skin).
  static bool isPrimary(const std::uint8_t* p) { return p[0] > 150 && p[1] < 120 && p[2] < 90; }

  static asset::ImportedModel* model;
};
asset::ImportedModel* FigureGLTest::model = nullptr;

using body::MuscleGroup;
using body::RegionSide;
using body::regionId;

TEST_F(FigureGLTest, HighlightedRegionShowsWhereItsCentroidProjects) {
  const int region = regionId(MuscleGroup::Quadriceps, RegionSide::Left);
  const Picture picture = renderBody(render::ViewPreset::Front, highlight({{region, render::MuscleRole::Primary}}));
  // Centroid of the region's vertices (weighted), rest pose = bind pose for our bodies.
  const asset::MeshData& mesh = model->meshes.front();
  glm::vec3 sum(0.0f);
  float weight = 0.0f;
  for (std::size_t i = 0; i < mesh.positions.size(); ++i)
    if (int(mesh.uv1[i].x + 0.5f) == region) {
      sum += mesh.positions[i] * mesh.uv1[i].y;
      weight += mesh.uv1[i].y;
    }
  ASSERT_GT(weight, 0.0f);
  const glm::vec4 clip = picture.viewProjection * glm::vec4(sum / weight, 1.0f);
  const glm::vec2 expected((clip.x / clip.w * 0.5f + 0.5f) * 240.0f, (0.5f - clip.y / clip.w * 0.5f) * 320.0f);
  glm::vec2 found(0.0f);
  int count = 0;
  for (int y = 0; y < 320; ++y)
    for (int x = 0; x < 240; ++x)
      if (isPrimary(picture.image.at(x, y))) {
        found += glm::vec2(x, y);
        ++count;
      }
  ASSERT_GT(count, 50) << "the highlighted thigh should be clearly visible";
  found /= float(count);
  EXPECT_LT(glm::length(found - expected), 12.0f) << "highlight at " << found.x << "," << found.y << ", centroid projects to "
                                                  << expected.x << "," << expected.y;
}

// The shadow map is drawn from a simplified body (a quarter of the triangles, the same
// vertices): the picture, self-shadows on the body and its shadow on the floor, stays that of
// the full body's shadows. Squatting, so the thighs and arms shadow the body.
TEST_F(FigureGLTest, SimplifiedShadowCasterCastsTheFullBodysShadows) {
  auto mesh = gl::upload(model->meshes.front());
  ASSERT_TRUE(mesh) << mesh.error().message;
  const int all = mesh->indexCount(gl::MeshDetail::Full), caster = int(mesh->boundPoints().triangles.size());
  EXPECT_GT(caster, all / 6);
  EXPECT_LT(caster, all / 3);
  EXPECT_EQ(caster % 3, 0);

  auto rig = squatBottom();
  ASSERT_TRUE(rig);
  gl::SceneRenderer* renderer = &rig->renderer;
  gl::RenderTarget* target = &rig->target;
  const gl::PaletteBuffer& palette = rig->palette;
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.6f, 0}, 0.9f, 1.0f);
  gl::Scene scene = oneFigure(*mesh, palette);
  scene.shadowBounds = glm::vec4(0, 0.6f, 0, 1.0f);
  renderer->setSimplifiedShadowCasters(false);
  renderer->render(*target, camera, scene);
  const render::Image full = target->readPixels();
  gl::Scene unshadowed = scene;
  unshadowed.shadowBounds = glm::vec4(0.0f);
  renderer->render(*target, camera, unshadowed);
  const render::Image noShadows = target->readPixels();
  renderer->setSimplifiedShadowCasters(true);
  renderer->render(*target, camera, scene);
  const render::Image simplified = target->readPixels();
  const double shadowed = render::compareImages(full, noShadows, 8).differingFraction;
  const double changed = render::compareImages(simplified, full, 8).differingFraction;  // 0.1%: 2% of them
  EXPECT_GT(shadowed, 0.03) << "the scene should show shadows";  // 6% of the pixels
  EXPECT_LT(changed, 0.05 * shadowed) << "the simplified caster's shadows should be the full body's";
}

// The figure is drawn with its display mesh (under half the triangles, render/mesh_lod.h): in
// a squat's bottom, where the hips and knees bend most, from the front and the side, in the
// anatomy colours (every region's border shows) and x-ray, the picture stays the full mesh's
// but for a few pixels along the silhouette and the regions' soft edges.
TEST_F(FigureGLTest, DisplayMeshDrawsThePictureOfTheFullMesh) {
  auto mesh = gl::upload(model->meshes.front());
  ASSERT_TRUE(mesh) << mesh.error().message;
  const int display = mesh->indexCount(gl::MeshDetail::Display), all = mesh->indexCount(gl::MeshDetail::Full);
  EXPECT_LT(display, all / 2) << "the display mesh should draw under half the triangles";
  EXPECT_GT(display, all / 4);

  auto rig = squatBottom();
  ASSERT_TRUE(rig);
  gl::SceneRenderer* renderer = &rig->renderer;
  gl::RenderTarget* target = &rig->target;
  const gl::PaletteBuffer& palette = rig->palette;
  const std::vector<glm::vec4> colors = render::anatomyColors();
  for (const render::ViewPreset view : {render::ViewPreset::Front, render::ViewPreset::Side})
    for (const bool xray : {false, true}) {
      SCOPED_TRACE(fmt::format("view {}, x-ray {}", int(view), xray));
      render::OrbitCamera camera;
      camera.setPreset(view);
      camera.frame({0, 0.6f, 0}, 0.9f, 1.0f);
      gl::Scene scene = oneFigure(*mesh, palette, colors, xray);
      scene.shadowBounds = glm::vec4(0, 0.6f, 0, 1.0f);
      renderer->setDisplayLod(false);
      renderer->render(*target, camera, scene);
      const render::Image full = target->readPixels();
      renderer->setDisplayLod(true);
      renderer->render(*target, camera, scene);
      const render::Image displayed = target->readPixels();
      gl::Scene empty = scene;
      empty.figures.clear();
      renderer->render(*target, camera, empty);
      const double figure = render::compareImages(full, target->readPixels(), 8).differingFraction;
      const render::ImageComparison change = render::compareImages(displayed, full, 24);
      EXPECT_GT(figure, 0.08) << "the figure should fill a good part of the view";
      // X-ray shows each muscle's cut-out outline through the skin, front and back: twice the edges.
      EXPECT_LT(change.differingFraction, (xray ? 0.03 : 0.02) * figure) << "largest channel difference " << change.maxChannelDelta;
    }
}

// A clip playing under a held camera is drawn over the static layer (only the rectangles the
// posed body and its shadow cover, found from its skinned bound points) and gives the picture of
// drawing everything: in each phase of the squat, with its highlight, in x-ray (the shell blended
// over the muscles), and in a mirrored view.
TEST_F(FigureGLTest, FramesOverTheStaticLayerDrawTheWholePicture) {
  auto mesh = gl::upload(model->meshes.front());
  ASSERT_TRUE(mesh) << mesh.error().message;
  auto clips = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "animations" / "bodyweight_squat.gltf");
  ASSERT_TRUE(clips) << clips.error().message;
  auto layered = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
  auto whole = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
  ASSERT_TRUE(layered && whole);
  whole->setStaticLayer(false);
  auto target = gl::RenderTarget::create(400, 300, 4);
  ASSERT_TRUE(target) << target.error().message;
  const std::vector<glm::vec4> colors = highlight({{regionId(MuscleGroup::Quadriceps, RegionSide::Left), render::MuscleRole::Primary},
                                                   {regionId(MuscleGroup::Quadriceps, RegionSide::Right), render::MuscleRole::Primary},
                                                   {regionId(MuscleGroup::GluteusMaximus, RegionSide::Left), render::MuscleRole::Secondary}});
  const anim::Clip& clip = clips->clips.front();
  anim::Character character(model->skeleton);
  character.setClip(clips->skeleton, clip);
  gl::PaletteBuffer palette = gl::PaletteBuffer::create();
  for (const bool xray : {false, true})
    for (const bool mirrored : {false, true}) {
      render::OrbitCamera camera;
      camera.setPreset(render::ViewPreset::ThreeQuarter);
      camera.frame({0, 0.8f, 0}, 1.1f, 400.0f / 300.0f);
      double changed = 0.0;  // the largest share of the view a frame changed
      for (int step = 0; step < 6; ++step) {
        SCOPED_TRACE(fmt::format("x-ray {}, mirrored {}, step {}", xray, mirrored, step));
        character.evaluate(clip.duration() * float(step) / 6.0f);
        palette.update(character.palette());
        gl::Scene scene = oneFigure(*mesh, palette, colors, xray);
        scene.mirrored = mirrored;
        scene.contactShadow = glm::vec4(0, 0, 0.5f, 0.35f);
        scene.shadowBounds = glm::vec4(0, 0.9f, 0, 1.1f);
        whole->render(*target, camera, scene);
        const render::Image expected = target->readPixels();
        gl::Scene empty = scene;
        empty.figures.clear();
        whole->render(*target, camera, empty);
        changed = std::max(changed, render::compareImages(expected, target->readPixels(), 2).differingFraction);
        layered->render(*target, camera, scene);  // the first frame draws whole, the next ones over the layer
        const render::ImageComparison comparison = render::compareImages(target->readPixels(), expected, 2);
        EXPECT_LT(comparison.differingFraction, 0.001) << "largest channel difference " << comparison.maxChannelDelta;
        EXPECT_LE(comparison.maxChannelDelta, 6);
      }
      EXPECT_GT(changed, 0.05) << "the body and its shadow should fill a good part of the view";
    }
}

TEST_F(FigureGLTest, LeftOnlyHighlightLightsOnlyTheLeftLeg) {
  // The figure's left is +X: on the right half of a front view.
  const Picture picture = renderBody(render::ViewPreset::Front,
                                     highlight({{regionId(MuscleGroup::Quadriceps, RegionSide::Left), render::MuscleRole::Primary},
                                                {regionId(MuscleGroup::TibialisAnterior, RegionSide::Left), render::MuscleRole::Primary}}));
  int left = 0, right = 0;
  for (int y = 0; y < 320; ++y)
    for (int x = 0; x < 240; ++x)
      if (isPrimary(picture.image.at(x, y))) (x >= 120 ? left : right)++;
  EXPECT_GT(left, 100);
  EXPECT_EQ(right, 0);
}

TEST_F(FigureGLTest, XRayShowsBackMusclesFromTheFront) {
  const auto glutes = highlight({{regionId(MuscleGroup::GluteusMaximus, RegionSide::Left), render::MuscleRole::Primary},
                                 {regionId(MuscleGroup::GluteusMaximus, RegionSide::Right), render::MuscleRole::Primary}});
  auto count = [&](const render::Image& image) {
    int n = 0;
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) n += isPrimary(image.at(x, y));
    return n;
  };
  EXPECT_EQ(count(renderBody(render::ViewPreset::Front, glutes).image), 0) << "the glutes are hidden from the front";
  EXPECT_GT(count(renderBody(render::ViewPreset::Front, glutes, true).image), 100) << "x-ray shows them";
}

TEST_F(FigureGLTest, PickingFindsTheRegionUnderThePixelOnThePosedBody) {
  auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
  ASSERT_TRUE(renderer) << renderer.error().message;
  auto mesh = gl::upload(model->meshes.front());
  ASSERT_TRUE(mesh);
  const anim::Skeleton& skeleton = model->skeleton;
  const int hip = skeleton.findJoint("leftUpperLeg"), knee = skeleton.findJoint("leftLowerLeg"),
            ankle = skeleton.findJoint("leftFoot");
  ASSERT_GE(std::min({hip, knee, ankle}), 0);

  // Pose: the left knee bent 90 degrees (flexion is +X on the lower leg, docs/BODY.md).
  anim::Pose pose = anim::restPose(skeleton);
  pose[static_cast<std::size_t>(knee)].rotation = glm::angleAxis(glm::half_pi<float>(), glm::vec3(1, 0, 0));
  std::vector<glm::mat4> modelMatrices(pose.size()), paletteMatrices(pose.size());
  anim::LocalToModelJob toModel;
  toModel.skeleton = &skeleton;
  toModel.local = pose;
  toModel.model = modelMatrices;
  ASSERT_TRUE(toModel.Run());
  ASSERT_TRUE((anim::SkinningPaletteJob{modelMatrices, skeleton.inverseBind(), paletteMatrices}.Run()));
  gl::PaletteBuffer palette = gl::PaletteBuffer::create();
  palette.update(paletteMatrices);
  auto at = [&](int joint, const std::vector<glm::mat4>& m) { return glm::vec3(m[static_cast<std::size_t>(joint)][3]); };

  gl::Scene scene;
  gl::FigureDraw draw;
  draw.mesh = &*mesh;
  draw.palette = &palette;
  scene.figures.push_back(draw);
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::Side);  // from +X: the figure's left side faces the camera
  camera.pitch = 0.0f;
  camera.frame({0, 0.9f, 0}, 1.0f, 0.75f);
  const glm::ivec2 viewport(240, 320);
  const glm::mat4 vp = camera.projection(0.75f) * camera.view();
  auto pixelOf = [&](glm::vec3 p) {
    const glm::vec4 c = vp * glm::vec4(p, 1.0f);
    return glm::vec2((c.x / c.w * 0.5f + 0.5f) * 240.0f, (0.5f - c.y / c.w * 0.5f) * 320.0f);
  };
  auto isLeftLowerLeg = [](int id) {
    const MuscleGroup g = body::regionGroup(id);
    return id == 0 || (body::regionSide(id) == RegionSide::Left &&
                       (g == MuscleGroup::Gastrocnemius || g == MuscleGroup::Soleus || g == MuscleGroup::TibialisAnterior));
  };
  std::vector<glm::mat4> restModel(pose.size());
  anim::Pose rest = anim::restPose(skeleton);
  toModel.local = rest;
  toModel.model = restModel;
  ASSERT_TRUE(toModel.Run());

  const glm::vec2 bentShin = pixelOf((at(knee, modelMatrices) + at(ankle, modelMatrices)) * 0.5f);
  const glm::vec2 restShin = pixelOf((at(knee, restModel) + at(ankle, restModel)) * 0.5f);
  const int picked = renderer->pickRegion(camera, viewport, bentShin, scene);
  EXPECT_TRUE(picked >= 0 && isLeftLowerLeg(picked)) << "picked " << picked << " where the bent shin is";
  const int where = renderer->pickRegion(camera, viewport, restShin, scene);
  EXPECT_TRUE(where < 0 || !isLeftLowerLeg(where) || where == 0) << "picked " << where << " where the shin was at rest";
  // The thigh above is still the left quadriceps or hamstrings side: a left thigh region.
  const glm::vec2 thigh = pixelOf((at(hip, modelMatrices) + at(knee, modelMatrices)) * 0.5f);
  const int thighRegion = renderer->pickRegion(camera, viewport, thigh, scene);
  EXPECT_TRUE(thighRegion == 0 || body::regionSide(thighRegion) == RegionSide::Left) << thighRegion;
  EXPECT_EQ(renderer->pickRegion(camera, viewport, glm::vec2(5, 5), scene), -1);
  EXPECT_EQ(renderer->pickRegion(camera, viewport, glm::vec2(-3, 5), scene), -1) << "outside the view";
}

struct ModeCase {
  const char* name;
  render::ViewMode mode;
  render::ViewPreset view;
};
class FigureModesGLTest : public FigureGLTest, public ::testing::WithParamInterface<ModeCase> {};

TEST_P(FigureModesGLTest, MatchesGolden) {
  // A squat's working muscles: glutes and quads primary; hamstrings, adductors, calves secondary.
  std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
  for (int id = 1; id < body::kMuscleRegionCount; ++id) {
    const MuscleGroup g = body::regionGroup(id);
    if (g == MuscleGroup::GluteusMaximus || g == MuscleGroup::Quadriceps) roles[id] = render::MuscleRole::Primary;
    if (g == MuscleGroup::Hamstrings || g == MuscleGroup::Adductors || g == MuscleGroup::Soleus)
      roles[id] = render::MuscleRole::Secondary;
  }
  const render::ViewMode mode = GetParam().mode;
  const std::vector<glm::vec4> colors = mode == render::ViewMode::Anatomy ? render::anatomyColors()
                                        : mode == render::ViewMode::Plain ? std::vector<glm::vec4>()
                                                                          : render::highlightColors(roles);
  const Picture picture = renderBody(GetParam().view, colors, mode == render::ViewMode::XRay);
  EXPECT_TRUE(test::matchesGolden(picture.image, std::string("figure_") + GetParam().name));
}

INSTANTIATE_TEST_SUITE_P(
    Modes, FigureModesGLTest,
    ::testing::Values(ModeCase{"highlight_front", render::ViewMode::Highlight, render::ViewPreset::Front},
                      ModeCase{"highlight_back", render::ViewMode::Highlight, render::ViewPreset::Back},
                      ModeCase{"anatomy_front", render::ViewMode::Anatomy, render::ViewPreset::Front},
                      ModeCase{"anatomy_back", render::ViewMode::Anatomy, render::ViewPreset::Back},
                      ModeCase{"plain_three_quarter", render::ViewMode::Plain, render::ViewPreset::ThreeQuarter},
                      ModeCase{"xray_side", render::ViewMode::XRay, render::ViewPreset::Side}),
    [](const auto& testParam) { return std::string(testParam.param.name); });

}  // namespace
}  // namespace formviz
