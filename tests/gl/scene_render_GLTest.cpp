#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "gl/golden.h"
#include "render/gl/overlay_renderer.h"
#include "render/gl/scene_renderer.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

class SceneRenderGLTest : public ::testing::TestWithParam<render::ViewPreset> {
 protected:
  static void SetUpTestSuite() { test::glContext(); }

  render::Image renderScene(render::ViewPreset view, int width, int height, bool grid = true, bool shadows = true,
                            bool mirrored = false) {
    auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    EXPECT_TRUE(renderer) << renderer.error().message;
    auto target = gl::RenderTarget::create(width, height, 4);
    EXPECT_TRUE(target) << target.error().message;
    if (!renderer || !target) return {};
    render::OrbitCamera camera;
    camera.setPreset(view);
    const gl::TestObject object = gl::makeTestObject();
    gl::Scene scene;
    object.addTo(scene);
    scene.showGrid = grid;
    if (!shadows) scene.shadowBounds = glm::vec4(0.0f);
    scene.mirrored = mirrored;
    renderer->render(*target, camera, scene);
    return target->readPixels();
  }
};

TEST_P(SceneRenderGLTest, MatchesGolden) {
  const render::Image image = renderScene(GetParam(), 320, 240);
  EXPECT_TRUE(test::matchesGolden(image, std::string("scene_") + render::viewPresetName(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(Views, SceneRenderGLTest,
                         ::testing::Values(render::ViewPreset::Front, render::ViewPreset::Side,
                                           render::ViewPreset::Back, render::ViewPreset::ThreeQuarter),
                         [](const auto& testParam) {
                           std::string name = render::viewPresetName(testParam.param);
                           std::erase(name, '-');
                           return name;
                         });

// Independent of the goldens: the picture has the expected structure.
TEST_F(SceneRenderGLTest, FigureStandsOnTheFloorUnderTheBackdrop) {
  const render::Image image = renderScene(render::ViewPreset::Front, 320, 240);
  ASSERT_EQ(image.width, 320);
  ASSERT_EQ(image.height, 240);
  auto luminance = [&](int x, int y) {
    const std::uint8_t* p = image.at(x, y);
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
  };
  auto isClay = [&](int x, int y) {  // the figure's warm colour: red clearly above blue
    const std::uint8_t* p = image.at(x, y);
    return p[0] > p[2] + 25;
  };
  EXPECT_TRUE(isClay(160, 120)) << "the figure should fill the centre";
  EXPECT_FALSE(isClay(10, 10)) << "the corners show the backdrop";
  EXPECT_FALSE(isClay(310, 230));
  // The backdrop is a gradient: darker at the top than at the horizon.
  EXPECT_LT(luminance(10, 5), luminance(10, 110));
  // Some pixel in the figure's column near the floor is shaded by the contact shadow,
  // darker than the open floor beside it.
  EXPECT_LT(luminance(160 + 40, 200), luminance(300, 200) + 1.0);
}

// The static layer (backdrop and floor drawn once per held camera, each frame drawing only the
// figure and meshes over it and shading its floor) gives the picture of drawing everything: also
// on the next frame after the figure moved (layer reused, shadows and contact shade follow), in a
// mirrored view, with a thin mat lying on the floor (which the floor's shading must leave alone),
// resolved again, with overlays reaching beyond the region the frame changed, and without
// shadows (the contact shade alone).
TEST_F(SceneRenderGLTest, StaticLayerDrawsThePictureOfDrawingEverything) {
  auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
  ASSERT_TRUE(renderer) << renderer.error().message;
  auto overlays = gl::OverlayRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
  ASSERT_TRUE(overlays) << overlays.error().message;
  auto target = gl::RenderTarget::create(320, 240, 4);
  ASSERT_TRUE(target) << target.error().message;
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.zoom(2.0f);  // farther: the figure, its shadow and so the region the frames change fill part of the view
  const gl::TestObject object = gl::makeTestObject();
  const gl::GpuMesh mat = gl::upload(render::makeRoundedBox(glm::vec3(0.6f, 0.008f, 1.0f), 0.003f, 2));
  for (const int pass : {0, 1, 2, 3}) {
    const bool mirrored = pass % 2 == 1, shadows = pass < 2;
    gl::Scene first;
    object.addTo(first);
    first.mirrored = mirrored;
    if (!shadows) first.shadowBounds.w = 0.0f;
    gl::Scene moved = first;
    const glm::mat4 shift = glm::translate(glm::mat4(1.0f), glm::vec3(0.5f, 0.0f, 0.3f));
    for (gl::MeshDraw& draw : moved.meshes) draw.model = shift * draw.model;
    moved.meshes.push_back({&mat, glm::translate(glm::mat4(1.0f), glm::vec3(-0.5f, 0.004f, 0.2f)), glm::vec3(0.25f, 0.3f, 0.4f)});
    moved.contactShadow += glm::vec4(0.5f, 0.3f, 0.0f, 0.0f);
    moved.shadowBounds += glm::vec4(0.5f, 0.0f, 0.3f, 0.0f);

    renderer->setStaticLayer(false);
    renderer->render(*target, camera, moved);
    const render::Image drawn = target->readPixels();
    renderer->setStaticLayer(true);
    renderer->render(*target, camera, first);  // a new view: drawn whole
    renderer->render(*target, camera, first);  // the view held: the layer is drawn
    renderer->render(*target, camera, moved);  // and used again, the figure moved
    const render::Image layered = target->readPixels();
    const render::ImageComparison comparison = render::compareImages(layered, drawn, 2);
    EXPECT_LT(comparison.differingFraction, 0.001) << "mirrored " << mirrored << ", shadows " << shadows;
    EXPECT_LE(comparison.maxChannelDelta, 6) << "mirrored " << mirrored << ", shadows " << shadows;
    // Resolved again (the frame's samples hold only the region it changed, the rest is the
    // layer's): the same picture.
    target->resolve();
    EXPECT_EQ(render::compareImages(target->readPixels(), layered, 0).differingFraction, 0.0) << "mirrored " << mirrored << ", shadows " << shadows;
    // Overlays out to the view's corners (beyond the changed region), over both pictures.
    render::OverlayPrimitives overlay;
    render::OverlayLine line;
    line.points = {{-30.0f, 0.0f, -30.0f}, {0.0f, 1.0f, 0.0f}, {3.0f, 0.0f, 3.0f}};
    overlay.lines.push_back(line);
    overlay.labels.push_back({{-2.5f, 2.5f, 0.0f}, "far", render::kOverlayMeasureColor});
    renderer->setStaticLayer(false);
    renderer->render(*target, camera, moved);
    overlays->render(*target, camera, overlay, glm::mat4(1.0f), mirrored);
    const render::Image drawnOverlay = target->readPixels();
    gl::Scene gridless = first;
    gridless.showGrid = false;
    renderer->render(*target, camera, gridless);  // every sample drawn, a floor without a grid
    renderer->setStaticLayer(true);
    renderer->render(*target, camera, moved, false);  // the layer's view: used again
    overlays->render(*target, camera, overlay, glm::mat4(1.0f), mirrored);
    const render::Image layeredOverlay = target->readPixels();
    EXPECT_GT(render::compareImages(drawnOverlay, drawn, 2).differingFraction, 0.01) << "the overlay should show";
    const render::ImageComparison withOverlay = render::compareImages(layeredOverlay, drawnOverlay, 2);
    EXPECT_LT(withOverlay.differingFraction, 0.001) << "mirrored " << mirrored << ", shadows " << shadows;
    // Where the line passes through the capsule its depth ties with the surface's, and the
    // layer's viewport (placed at the region's corner) can round a sample to the other side
    // of the tie: the line hidden or not there, a pixel or so far off.
    EXPECT_LT(render::compareImages(layeredOverlay, drawnOverlay, 6).differingFraction, 0.0001)
        << "mirrored " << mirrored << ", shadows " << shadows;
    // And the layer did not keep the first frame's floor shading: the figure's old place differs.
    renderer->render(*target, camera, first);
    const render::Image back = target->readPixels();
    EXPECT_GT(render::compareImages(back, layered, 2).differingFraction, 0.01);
    // Where the last frame drew (the moved figure, the mat, the overlay out to the corners) and
    // this one does not, the layer shows again: no trace of the last frame.
    renderer->setStaticLayer(false);
    renderer->render(*target, camera, first);
    const render::ImageComparison cleared = render::compareImages(back, target->readPixels(), 2);
    EXPECT_LT(cleared.differingFraction, 0.001) << "mirrored " << mirrored << ", shadows " << shadows;
    EXPECT_LE(cleared.maxChannelDelta, 6) << "mirrored " << mirrored << ", shadows " << shadows;
  }
}

TEST_F(SceneRenderGLTest, GridCanBeTurnedOff) {
  const render::Image withGrid = renderScene(render::ViewPreset::ThreeQuarter, 160, 120, true);
  const render::Image without = renderScene(render::ViewPreset::ThreeQuarter, 160, 120, false);
  const render::ImageComparison comparison = render::compareImages(withGrid, without, 3);
  EXPECT_GT(comparison.differingFraction, 0.01) << "grid lines should change the floor";
  EXPECT_LT(comparison.differingFraction, 0.5) << "only the floor should change";
}

TEST_F(SceneRenderGLTest, KeyLightShadowFallsBehindTheObjectAwayFromTheLight) {
  const render::Image lit = renderScene(render::ViewPreset::Top, 200, 200, false, false);
  const render::Image shadowed = renderScene(render::ViewPreset::Top, 200, 200, false, true);
  // Seen from above, the light is toward -X (left) and +Z (down on screen): the shadow of the
  // tall object falls up and to the right of it. Sum the darkening in each screen quadrant.
  double upRight = 0.0, downLeft = 0.0;
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 200; ++x) {
      const double d = double(lit.at(x, y)[1]) - double(shadowed.at(x, y)[1]);
      if (x > 100 && y < 100) upRight += d;
      if (x < 100 && y > 100) downLeft += d;
    }
  EXPECT_GT(upRight, 2000.0) << "a visible shadow";
  EXPECT_LT(downLeft, upRight * 0.05) << "nothing on the lit side";
}

TEST_F(SceneRenderGLTest, MirroredViewIsTheViewFlippedLeftToRight) {
  const render::Image normal = renderScene(render::ViewPreset::ThreeQuarter, 200, 150);
  const render::Image mirrored = renderScene(render::ViewPreset::ThreeQuarter, 200, 150, true, true, true);
  render::Image flipped = normal;
  for (int y = 0; y < flipped.height; ++y)
    for (int x = 0; x < flipped.width; ++x)
      std::copy_n(normal.at(flipped.width - 1 - x, y), 4, flipped.at(x, y));
  EXPECT_LT(render::compareImages(mirrored, flipped, 24).differingFraction, 0.01) << "a mirror image, faces still lit";
  EXPECT_GT(render::compareImages(mirrored, normal, 24).differingFraction, 0.05) << "and not the unmirrored view";
}

TEST_F(SceneRenderGLTest, ViewsDiffer) {
  const render::ImageComparison frontBack =
      render::compareImages(renderScene(render::ViewPreset::Front, 160, 120),
                            renderScene(render::ViewPreset::Back, 160, 120), 8);
  EXPECT_GT(frontBack.differingFraction, 0.002) << "the front marker is visible only from the front";
}

TEST_F(SceneRenderGLTest, RenderTargetRejectsImpossibleSizes) {
  auto target = gl::RenderTarget::create(0, 100, 4);
  ASSERT_FALSE(target);
  EXPECT_NE(target.error().message.find("0x100"), std::string::npos) << target.error().message;
}

}  // namespace
}  // namespace formviz
