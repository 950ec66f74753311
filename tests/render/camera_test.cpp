#include "render/camera.h"

#include <gtest/gtest.h>

#include "core/math.h"

namespace formviz::render {
namespace {

// The eye seen from above (x right, z toward the viewer of this sketch):
//
//            back (-Z)
//               |
//   right(-X) --o-- side (+X, the figure's left)
//               |
//            front (+Z)
struct PresetCase {
  ViewPreset preset;
  const char* name;
  glm::vec3 eyeDirection;  // horizontal direction from target to eye
};
class Presets : public ::testing::TestWithParam<PresetCase> {};

TEST_P(Presets, EyeSitsOnTheNamedSide) {
  OrbitCamera camera;
  camera.setPreset(GetParam().preset);
  glm::vec3 offset = camera.eye() - camera.target;
  offset.y = 0.0f;
  EXPECT_TRUE(nearlyEqual(glm::normalize(offset), GetParam().eyeDirection, 1e-4f))
      << offset.x << " " << offset.z;
  EXPECT_EQ(viewPresetFromName(GetParam().name), GetParam().preset);
  EXPECT_STREQ(viewPresetName(GetParam().preset), GetParam().name);
}

INSTANTIATE_TEST_SUITE_P(Table, Presets,
                         ::testing::Values(PresetCase{ViewPreset::Front, "front", {0, 0, 1}},
                                           PresetCase{ViewPreset::Side, "side", {1, 0, 0}},
                                           PresetCase{ViewPreset::Back, "back", {0, 0, -1}},
                                           PresetCase{ViewPreset::ThreeQuarter, "three-quarter",
                                                      {std::sin(radians(40.0f)), 0, std::cos(radians(40.0f))}}));

TEST(OrbitCamera, UnknownPresetNameIsRejected) {
  EXPECT_FALSE(viewPresetFromName("diagonal"));
  EXPECT_FALSE(viewPresetFromName(""));
  EXPECT_FALSE(viewPresetFromName("Front"));  // names are lower case, as on the command line
}

TEST(OrbitCamera, TopViewLooksDown) {
  OrbitCamera camera;
  camera.setPreset(ViewPreset::Top);
  EXPECT_GT(camera.eye().y - camera.target.y, 0.9f * camera.distance);
}

TEST(OrbitCamera, EyeKeepsItsDistanceWhileOrbiting) {
  OrbitCamera camera;
  for (int i = 0; i < 50; ++i) {
    camera.orbit(0.37f, 0.05f);
    EXPECT_NEAR(glm::length(camera.eye() - camera.target), camera.distance, 1e-4f);
  }
}

TEST(OrbitCamera, PitchIsClampedAndYawWraps) {
  OrbitCamera camera;
  camera.orbit(0.0f, 10.0f);
  EXPECT_FLOAT_EQ(camera.pitch, OrbitCamera::kMaxPitch);
  camera.orbit(0.0f, -20.0f);
  EXPECT_FLOAT_EQ(camera.pitch, OrbitCamera::kMinPitch);
  camera.orbit(7.0f, 0.0f);
  EXPECT_GE(camera.yaw, -kPi);
  EXPECT_LT(camera.yaw, kPi);
  EXPECT_NEAR(camera.yaw, 7.0f - kTwoPi, 1e-5f);
}

TEST(OrbitCamera, ZoomIsClamped) {
  OrbitCamera camera;
  camera.zoom(0.5f);
  EXPECT_FLOAT_EQ(camera.distance, 1.8f);
  camera.zoom(1e-4f);
  EXPECT_FLOAT_EQ(camera.distance, OrbitCamera::kMinDistance);
  camera.zoom(1e6f);
  EXPECT_FLOAT_EQ(camera.distance, OrbitCamera::kMaxDistance);
}

TEST(OrbitCamera, PanMovesTheTargetInTheViewPlane) {
  OrbitCamera camera;  // front view: right is +X, up is roughly +Y
  camera.pitch = 0.0f;
  const glm::vec3 before = camera.target;
  const float viewHeight = 2.0f * camera.distance * std::tan(camera.fovY * 0.5f);
  camera.pan(0.5f, 0.0f);
  EXPECT_TRUE(nearlyEqual(camera.target - before, {0.5f * viewHeight, 0, 0}, 1e-4f));
  camera.pan(0.0f, -0.25f);
  EXPECT_TRUE(nearlyEqual(camera.target - before, {0.5f * viewHeight, -0.25f * viewHeight, 0}, 1e-4f));
}

TEST(OrbitCamera, TargetProjectsToTheCentreAndUpIsUp) {
  OrbitCamera camera;
  camera.setPreset(ViewPreset::ThreeQuarter);
  const glm::mat4 vp = camera.projection(16.0f / 9.0f) * camera.view();
  auto ndc = [&](glm::vec3 p) {
    const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
    return glm::vec3(clip) / clip.w;
  };
  EXPECT_TRUE(nearlyEqual(ndc(camera.target), {0, 0, ndc(camera.target).z}, 1e-5f));
  EXPECT_GT(ndc(camera.target + glm::vec3(0, 0.5f, 0)).y, 0.1f);  // higher in the world is higher on screen
  const float z = ndc(camera.target).z;
  EXPECT_GT(z, -1.0f);
  EXPECT_LT(z, 1.0f);
}

TEST(OrbitCamera, AStandingAdultFitsTheDefaultView) {
  OrbitCamera camera;
  for (ViewPreset preset : {ViewPreset::Front, ViewPreset::Side, ViewPreset::Back, ViewPreset::ThreeQuarter}) {
    camera.setPreset(preset);
    const glm::mat4 vp = camera.projection(16.0f / 9.0f) * camera.view();
    for (const glm::vec3 p : {glm::vec3(0, 0, 0), glm::vec3(0, 1.8f, 0)}) {
      const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
      EXPECT_LT(std::abs(clip.y / clip.w), 0.95f) << viewPresetName(preset);
    }
  }
}

}  // namespace
}  // namespace formviz::render

namespace formviz::render {
namespace {

TEST(OrbitCamera, FrameFitsTheSphereInEveryPresetAndAspect) {
  for (const float aspect : {0.5f, 1.0f, 16.0f / 9.0f}) {
    for (ViewPreset preset : {ViewPreset::Front, ViewPreset::Side, ViewPreset::ThreeQuarter, ViewPreset::Top}) {
      OrbitCamera camera;
      camera.setPreset(preset);
      const glm::vec3 centre(0.3f, 0.9f, -0.2f);
      const float radius = 1.0f;
      camera.frame(centre, radius, aspect);
      EXPECT_TRUE(nearlyEqual(camera.target, centre));
      const glm::mat4 vp = camera.projection(aspect) * camera.view();
      // Points on the sphere along the view's right and up axes land inside the view, near its edge.
      const glm::mat4 view = camera.view();
      const glm::vec3 right(view[0][0], view[1][0], view[2][0]);
      const glm::vec3 up(view[0][1], view[1][1], view[2][1]);
      float largest = 0.0f;
      for (const glm::vec3& p : {centre + right * radius, centre - right * radius, centre + up * radius, centre - up * radius}) {
        const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
        const glm::vec2 ndc = glm::vec2(clip) / clip.w;
        EXPECT_LE(std::max(std::abs(ndc.x), std::abs(ndc.y)), 1.0f) << aspect << " " << viewPresetName(preset);
        largest = std::max(largest, std::max(std::abs(ndc.x), std::abs(ndc.y)));
      }
      EXPECT_GT(largest, 0.75f) << "the sphere should fill most of the view";
    }
  }
}

}  // namespace
}  // namespace formviz::render
