// Blending: cross-fade end points and masks, additive layers.
#include "test_helpers.h"

namespace formviz::anim {
namespace {

using test::axisAngle;
using test::near;

Pose poseA() {
  Pose p(2);
  p[0].translation = {0, 1, 0};
  p[0].rotation = axisAngle(10.0f, {0, 0, 1});
  p[1].translation = {0, 0.5f, 0};
  p[1].rotation = axisAngle(-40.0f, {1, 0, 0});
  return p;
}

Pose poseB() {
  Pose p(2);
  p[0].translation = {2, 1, 0};
  p[0].rotation = axisAngle(90.0f, {0, 0, 1});
  p[0].scale = glm::vec3(2.0f);
  p[1].translation = {0, 0.5f, 0.4f};
  p[1].rotation = axisAngle(80.0f, {1, 0, 0});
  return p;
}

void expectSame(const Pose& actual, const Pose& expected, float tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_TRUE(near(actual[i].translation, expected[i].translation, tolerance)) << "joint " << i;
    EXPECT_TRUE(near(actual[i].rotation, expected[i].rotation, tolerance)) << "joint " << i;
    EXPECT_TRUE(near(actual[i].scale, expected[i].scale, tolerance)) << "joint " << i;
  }
}

TEST(CrossFade, InvalidInputsAreRefused) {
  const Pose a = poseA(), b = poseB(), one(1);
  Pose out(2);
  const float mask[] = {1.0f};
  EXPECT_FALSE((CrossFadeJob{a, one, 0.5f, {}, out}.Validate()));
  EXPECT_FALSE((CrossFadeJob{a, b, 0.5f, mask, out}.Validate()));
  Pose small(1);
  EXPECT_FALSE((CrossFadeJob{a, b, 0.5f, {}, small}.Run()));
}

TEST(CrossFade, WeightZeroAndOneEqualTheInputs) {
  const Pose a = poseA(), b = poseB();
  Pose out(2);
  ASSERT_TRUE((CrossFadeJob{a, b, 0.0f, {}, out}.Run()));
  expectSame(out, a, 0.0f);
  ASSERT_TRUE((CrossFadeJob{a, b, 1.0f, {}, out}.Run()));
  expectSame(out, b, 0.0f);
  ASSERT_TRUE((CrossFadeJob{a, b, -3.0f, {}, out}.Run()));  // clamped
  expectSame(out, a, 0.0f);
}

TEST(CrossFade, HalfwayAndMask) {
  const Pose a = poseA(), b = poseB();
  Pose out(2);
  ASSERT_TRUE((CrossFadeJob{a, b, 0.5f, {}, out}.Run()));
  EXPECT_TRUE(near(out[0].translation, glm::vec3(1, 1, 0), 1e-6f));
  EXPECT_TRUE(near(out[0].rotation, axisAngle(50.0f, {0, 0, 1}), 1e-5f));
  EXPECT_TRUE(near(out[0].scale, glm::vec3(1.5f), 1e-6f));
  // Mask: joint 0 follows only `a`, joint 1 fully blends.
  const float mask[] = {0.0f, 1.0f};
  ASSERT_TRUE((CrossFadeJob{a, b, 1.0f, mask, out}.Run()));
  EXPECT_TRUE(near(out[0].translation, a[0].translation, 0.0f));
  EXPECT_TRUE(near(out[1].rotation, b[1].rotation, 0.0f));
}

TEST(Additive, DeltaOfPoseAgainstReferenceReappliesToThePose) {
  const Pose reference = poseA(), pose = poseB();
  Pose delta(2);
  ASSERT_TRUE((MakeAdditiveJob{pose, reference, delta}.Run()));
  Pose layered = reference;
  ASSERT_TRUE((AddLayerJob{delta, 1.0f, {}, layered}.Run()));
  expectSame(layered, pose, 1e-5f);
  Pose unchanged = reference;
  ASSERT_TRUE((AddLayerJob{delta, 0.0f, {}, unchanged}.Run()));
  expectSame(unchanged, reference, 0.0f);
}

TEST(Additive, HalfWeightAndMask) {
  Pose reference(1), pose(1);
  pose[0].translation = {0, 0, 2};
  pose[0].rotation = axisAngle(60.0f, {0, 1, 0});
  Pose delta(1);
  ASSERT_TRUE((MakeAdditiveJob{pose, reference, delta}.Run()));
  Pose base(1);
  base[0].rotation = axisAngle(90.0f, {1, 0, 0});
  ASSERT_TRUE((AddLayerJob{delta, 0.5f, {}, base}.Run()));
  EXPECT_TRUE(near(base[0].translation, glm::vec3(0, 0, 1), 1e-6f));
  EXPECT_TRUE(near(base[0].rotation, axisAngle(90.0f, {1, 0, 0}) * axisAngle(30.0f, {0, 1, 0}), 1e-5f));
  const float mask[] = {0.0f};
  Pose masked(1);
  ASSERT_TRUE((AddLayerJob{delta, 1.0f, mask, masked}.Run()));
  EXPECT_TRUE(near(masked[0].translation, glm::vec3(0.0f), 0.0f));
  const float badMask[] = {1.0f, 1.0f};
  EXPECT_FALSE((AddLayerJob{delta, 1.0f, badMask, masked}.Validate()));
  Pose shorter(0);
  EXPECT_FALSE((MakeAdditiveJob{pose, reference, shorter}.Validate()));
}

}  // namespace
}  // namespace formviz::anim
