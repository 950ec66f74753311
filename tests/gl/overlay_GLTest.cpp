// Overlays drawn over the body: a squat at the bottom seen from the side with the left knee's
// angle arc and its hip-knee-ankle line (golden), where they land, and the hidden parts.
#include <gtest/gtest.h>

#include <cmath>

#include "anim/character.h"
#include "asset/import.h"
#include "form/body.h"
#include "gl/golden.h"
#include "render/gl/overlay_renderer.h"
#include "render/gl/scene_renderer.h"
#include "render/overlay_builder.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

constexpr int kWidth = 480, kHeight = 360;

class OverlayGLTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    test::glContext();
    auto body = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "models" / "male_175.gltf");
    ASSERT_TRUE(body) << body.error().message;
    auto clips = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "animations" / "bodyweight_squat.gltf");
    ASSERT_TRUE(clips) << clips.error().message;
    model = new asset::ImportedModel(std::move(body).value());
    squat = new asset::ImportedModel(std::move(clips).value());
  }
  static void TearDownTestSuite() {
    delete model;
    delete squat;
    model = squat = nullptr;
  }

  // The squat at its bottom marker, posed.
  anim::Character bottomOfSquat() const {
    anim::Character character(model->skeleton);
    const anim::Clip* clip = nullptr;
    for (const anim::Clip& c : squat->clips)
      if (c.name() == "correct") clip = &c;
    EXPECT_NE(clip, nullptr);
    if (!clip) return character;
    character.setClip(squat->skeleton, *clip);
    const std::optional<float> bottom = clip->markerTime("bottom");
    EXPECT_TRUE(bottom.has_value());
    character.evaluate(bottom.value_or(0.0f));
    return character;
  }

  render::OrbitCamera sideCamera() const {
    render::OrbitCamera camera;
    camera.setPreset(render::ViewPreset::Side);
    camera.frame({0.0f, 0.6f, 0.0f}, 0.75f, float(kWidth) / float(kHeight));
    return camera;
  }

  // The scene, and the same scene with `overlay` drawn over it.
  std::pair<render::Image, render::Image> draw(const anim::Character& character, const render::OverlayPrimitives& overlay) {
    auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    auto overlays = gl::OverlayRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    auto target = gl::RenderTarget::create(kWidth, kHeight, 4);
    auto mesh = gl::upload(model->meshes.front());
    EXPECT_TRUE(renderer && overlays && target && mesh);
    if (!renderer || !overlays || !target || !mesh) return {};
    EXPECT_TRUE(overlays->hasFont()) << "fonts-dejavu-core is a dependency (scripts/install-deps)";
    gl::PaletteBuffer palette = gl::PaletteBuffer::create();
    palette.update(character.palette());
    gl::Scene scene;
    gl::FigureDraw figure;
    figure.mesh = &*mesh;
    figure.palette = &palette;
    scene.figures.push_back(figure);
    scene.contactShadow = glm::vec4(0, 0, 0.5f, 0.35f);
    scene.shadowBounds = glm::vec4(0, 0.6f, 0, 1.0f);
    const render::OrbitCamera camera = sideCamera();
    renderer->render(*target, camera, scene);
    render::Image plain = target->readPixels();
    overlays->render(*target, camera, overlay);
    render::Image drawn = target->readPixels();
    // Kept for a look: <build>/test-output/overlay/<test name>.png
    const fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "overlay";
    fs::create_directories(dir);
    (void)render::savePng(drawn, dir / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".png"));
    return {std::move(plain), std::move(drawn)};
  }

  // Pixel (x right, y down) where a model-space point lands.
  glm::ivec2 project(const glm::vec3& p) const {
    const render::OrbitCamera camera = sideCamera();
    const glm::vec4 clip = camera.projection(float(kWidth) / float(kHeight)) * camera.view() * glm::vec4(p, 1.0f);
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return {int(std::lround((ndc.x * 0.5f + 0.5f) * kWidth)), int(std::lround((0.5f - 0.5f * ndc.y) * kHeight))};
  }

  static asset::ImportedModel* model;
  static asset::ImportedModel* squat;
};
asset::ImportedModel* OverlayGLTest::model = nullptr;
asset::ImportedModel* OverlayGLTest::squat = nullptr;

// How close a pixel is to the overlay's measure colour (0 = exactly it), in 0..255 units.
float fromMeasureColor(const std::uint8_t* p) {
  return glm::length(glm::vec3(p[0], p[1], p[2]) - render::kOverlayMeasureColor * 255.0f);
}

render::OverlayPrimitives build(const anim::Character& character, const form::BodyRig& rig,
                                std::initializer_list<render::OverlayRequest> requests) {
  render::OverlayPrimitives out;
  for (const render::OverlayRequest& request : requests) {
    render::OverlayBuildJob job;
    job.rig = &rig;
    job.model = character.modelMatrices();
    job.request = &request;
    job.output = &out;
    EXPECT_TRUE(job.Run());
  }
  return out;
}

TEST_F(OverlayGLTest, SquatBottomKneeArcAndLineLandOnTheKneeReadably) {
  const anim::Character character = bottomOfSquat();
  auto rig = form::BodyRig::bind(model->skeleton);
  ASSERT_TRUE(rig) << rig.error().message;
  const render::OverlayPrimitives overlay =
      build(character, *rig,
            {{render::OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, render::OverlayRequestSide::Left},
             {render::OverlayRequestKind::Line, {"hip", "knee", "ankle"}, render::OverlayRequestSide::Left}});
  ASSERT_EQ(overlay.labels.size(), 1u);
  EXPECT_EQ(overlay.labels[0].text.rfind("knee ", 0), 0u) << overlay.labels[0].text;
  auto [plain, drawn] = draw(character, overlay);
  ASSERT_EQ(drawn.width, kWidth);

  // The arc is drawn in the measure colour around the projected left knee.
  const glm::vec3 knee = character.jointPosition(model->skeleton.findJoint("leftLowerLeg"));
  const glm::ivec2 k = project(knee);
  int arcPixels = 0;
  for (int y = k.y - 30; y <= k.y + 30; ++y)
    for (int x = k.x - 30; x <= k.x + 30; ++x)
      if (x >= 0 && y >= 0 && x < kWidth && y < kHeight && fromMeasureColor(drawn.at(x, y)) < 60.0f) ++arcPixels;
  EXPECT_GT(arcPixels, 80) << "cyan arc and lines at the knee (" << k.x << ", " << k.y << ")";
  int before = 0;
  for (int y = k.y - 30; y <= k.y + 30; ++y)
    for (int x = k.x - 30; x <= k.x + 30; ++x)
      if (x >= 0 && y >= 0 && x < kWidth && y < kHeight && fromMeasureColor(plain.at(x, y)) < 60.0f) ++before;
  EXPECT_EQ(before, 0) << "nothing cyan without the overlay";

  // The label's dark backdrop sits at its projected anchor.
  const glm::ivec2 l = project(overlay.labels[0].anchor);
  const std::uint8_t* backdrop = drawn.at(std::clamp(l.x, 0, kWidth - 1), std::clamp(l.y, 0, kHeight - 1));
  int dark = 0;
  for (int dy = -4; dy <= 4; ++dy)
    for (int dx = -30; dx <= 30; ++dx) {
      const std::uint8_t* p = drawn.at(std::clamp(l.x + dx, 0, kWidth - 1), std::clamp(l.y + dy, 0, kHeight - 1));
      dark += p[0] < 80 && p[1] < 80 && p[2] < 90;
    }
  EXPECT_GT(dark, 150) << "dark label backdrop around (" << l.x << ", " << l.y << "), centre " << int(backdrop[0]);

  // Anti-aliased: the line's edges have in-between shades, not just line and background.
  int partial = 0;
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x) {
      const std::uint8_t *a = drawn.at(x, y), *b = plain.at(x, y);
      const float changed = glm::length(glm::vec3(a[0], a[1], a[2]) - glm::vec3(b[0], b[1], b[2]));
      const float d = fromMeasureColor(a);
      partial += changed > 30.0f && d > 40.0f && d < 160.0f;  // part line, part halo or background
    }
  EXPECT_GT(partial, 40);
  EXPECT_TRUE(test::matchesGolden(drawn, "overlay_squat_side", {10, 0.01}));
}

TEST_F(OverlayGLTest, PartsBehindTheBodyAreFainterNotGone) {
  const anim::Character character = bottomOfSquat();
  // Seen from the figure's left: a line at hip height, 10 cm beyond the body's midplane, from
  // 70 cm behind the hips (open air) through the pelvis (hidden) to 70 cm in front.
  const glm::vec3 hips = character.jointPosition(model->skeleton.findJoint("hips"));
  render::OverlayPrimitives overlay;
  render::OverlayLine line;
  line.points = {hips + glm::vec3(-0.1f, 0.0f, -0.7f), hips + glm::vec3(-0.1f, 0.0f, 0.7f)};
  overlay.lines.push_back(line);
  auto [plain, drawn] = draw(character, overlay);
  auto strongest = [&](const glm::vec3& p, const render::Image& image) {
    const glm::ivec2 c = project(p);
    float best = 1e9f;
    for (int y = c.y - 3; y <= c.y + 3; ++y)
      for (int x = c.x - 3; x <= c.x + 3; ++x) best = std::min(best, fromMeasureColor(image.at(x, y)));
    return best;
  };
  const glm::vec3 open = hips + glm::vec3(-0.1f, 0.0f, -0.6f), hidden = hips + glm::vec3(-0.1f, 0.0f, 0.0f);
  EXPECT_LT(strongest(open, drawn), 40.0f) << "in the open the line is drawn in full";
  EXPECT_GT(strongest(hidden, drawn), 60.0f) << "behind the body it is fainter";
  EXPECT_LT(strongest(hidden, drawn), strongest(hidden, plain) - 30.0f) << "but still there";
}

}  // namespace
}  // namespace formviz
