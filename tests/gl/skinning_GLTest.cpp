#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "gl/golden.h"
#include "render/gl/scene_renderer.h"
#include "render/mesh.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

// A 1.6 m upright bar of two "bones" (sketch, front view):
//
//   y=1.6  +--+   joint 1 (weights 1 above y=0.8)
//          |  |
//   y=0.8  +--+   <- joint 1's pivot
//          |  |   joint 0 (weights 1 below)
//   y=0    +--+
asset::MeshData twoBoneBar() {
  render::TriangleMesh bar = render::makeCapsule(0.08f, 1.6f, 24, 32);
  asset::MeshData mesh;
  mesh.name = "bar";
  mesh.positions = bar.positions;
  mesh.normals = bar.normals;
  mesh.indices = bar.indices;
  for (const glm::vec3& p : bar.positions) {
    const bool upper = p.y > 0.8f;
    mesh.joints.push_back(glm::u16vec4(upper ? 1 : 0, 0, 0, 0));
    mesh.weights.push_back(glm::vec4(1, 0, 0, 0));
    mesh.uv1.push_back(glm::vec2(upper ? 2.0f : 1.0f, 1.0f));  // region 1 below, region 2 above
  }
  return mesh;
}

class SkinningGLTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::glContext(); }

  // Renders the bar with joint 1 rotated by `angle` about +Z around its pivot; returns the
  // picture and where world points land in it.
  render::Image renderBar(float angle, std::span<const glm::vec4> regionColors = {}) {
    auto renderer = gl::SceneRenderer::create(fs::path(FORMVIZ_SOURCE_DIR) / "shaders");
    EXPECT_TRUE(renderer) << renderer.error().message;
    auto target = gl::RenderTarget::create(kWidth, kHeight, 1);
    auto mesh = gl::upload(twoBoneBar());
    EXPECT_TRUE(mesh) << mesh.error().message;
    if (!renderer || !target || !mesh) return {};
    gl::PaletteBuffer palette = gl::PaletteBuffer::create();
    const glm::vec3 pivot(0, 0.8f, 0);
    const std::array<glm::mat4, 2> matrices{
        glm::mat4(1.0f),
        glm::translate(glm::mat4(1.0f), pivot) * glm::rotate(glm::mat4(1.0f), angle, glm::vec3(0, 0, 1)) *
            glm::translate(glm::mat4(1.0f), -pivot)};
    palette.update(matrices);
    camera.setPreset(render::ViewPreset::Front);
    camera.pitch = 0.0f;
    gl::Scene scene;
    gl::FigureDraw figure;
    figure.mesh = &*mesh;
    figure.palette = &palette;
    figure.regionColors = regionColors;
    scene.figures.push_back(figure);
    scene.showGrid = false;
    renderer->render(*target, camera, scene);
    render::Image image = target->readPixels();
    (void)render::savePng(image, fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "skinning" /
                                     (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".png"));
    return image;
  }

  glm::ivec2 pixelOf(glm::vec3 world) const {
    const glm::vec4 clip = camera.projection(float(kWidth) / float(kHeight)) * camera.view() * glm::vec4(world, 1.0f);
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return {int((ndc.x * 0.5f + 0.5f) * kWidth), int((0.5f - ndc.y * 0.5f) * kHeight)};
  }

  static bool isFigure(const render::Image& image, glm::ivec2 p) {
    const std::uint8_t* c = image.at(p.x, p.y);
    return c[0] > c[2] + 25;  // warm skin, unlike the grey-blue backdrop
  }

  static constexpr int kWidth = 240, kHeight = 240;
  render::OrbitCamera camera;
};

TEST_F(SkinningGLTest, RestPaletteLeavesTheBarUpright) {
  const render::Image image = renderBar(0.0f);
  EXPECT_TRUE(isFigure(image, pixelOf({0, 0.4f, 0})));
  EXPECT_TRUE(isFigure(image, pixelOf({0, 1.4f, 0})));
  EXPECT_FALSE(isFigure(image, pixelOf({0.5f, 0.8f, 0})));
}

TEST_F(SkinningGLTest, RotatedJointBendsOnlyItsVertices) {
  // -90 degrees about +Z turns the upper half toward +X (screen right in the front view).
  const render::Image image = renderBar(-glm::half_pi<float>());
  EXPECT_TRUE(isFigure(image, pixelOf({0, 0.4f, 0}))) << "the lower half stays";
  EXPECT_FALSE(isFigure(image, pixelOf({0, 1.4f, 0}))) << "the upper half left its rest place";
  EXPECT_TRUE(isFigure(image, pixelOf({0.5f, 0.8f, 0}))) << "and now points along +X";
  EXPECT_FALSE(isFigure(image, pixelOf({-0.5f, 0.8f, 0})));
}

TEST_F(SkinningGLTest, RegionColoursFollowTheRegionAttribute) {
  std::array<glm::vec4, 3> colors{glm::vec4(0), glm::vec4(0.1f, 0.3f, 0.9f, 1.0f), glm::vec4(0)};  // region 1 blue
  const render::Image image = renderBar(0.0f, colors);
  const std::uint8_t* lower = image.at(pixelOf({0, 0.4f, 0}).x, pixelOf({0, 0.4f, 0}).y);
  const std::uint8_t* upper = image.at(pixelOf({0, 1.3f, 0}).x, pixelOf({0, 1.3f, 0}).y);
  EXPECT_GT(lower[2], lower[0] + 40) << "region 1 is tinted blue";
  EXPECT_GT(upper[0], upper[2] + 25) << "region 2 has no colour: plain skin";
}

TEST(SkinningUpload, RejectsJointsBeyondThePalette) {
  test::glContext();
  asset::MeshData mesh = twoBoneBar();
  mesh.joints[3] = glm::u16vec4(200, 0, 0, 0);
  auto gpu = gl::upload(mesh);
  ASSERT_FALSE(gpu);
  EXPECT_NE(gpu.error().message.find("200"), std::string::npos) << gpu.error().message;

  mesh = twoBoneBar();
  mesh.weights.pop_back();
  EXPECT_FALSE(gl::upload(mesh));
}

}  // namespace
}  // namespace formviz
