#include "core/math.h"

#include <gtest/gtest.h>

namespace formviz {
namespace {

TEST(Math, DegreesAndRadiansRoundTrip) {
  EXPECT_FLOAT_EQ(radians(180.0f), kPi);
  EXPECT_FLOAT_EQ(radians(90.0f), kPi / 2.0f);
  EXPECT_FLOAT_EQ(degrees(kPi / 4.0f), 45.0f);
  EXPECT_NEAR(degrees(radians(123.4f)), 123.4f, 1e-4f);
}

struct WrapCase {
  float in, out;
};
class WrapAngle : public ::testing::TestWithParam<WrapCase> {};
TEST_P(WrapAngle, LandsInMinusPiToPi) { EXPECT_NEAR(wrapAngle(GetParam().in), GetParam().out, 1e-5f); }
INSTANTIATE_TEST_SUITE_P(Table, WrapAngle,
                         ::testing::Values(WrapCase{0.0f, 0.0f}, WrapCase{1.0f, 1.0f}, WrapCase{-1.0f, -1.0f},
                                           WrapCase{kPi + 0.5f, -kPi + 0.5f}, WrapCase{-kPi - 0.5f, kPi - 0.5f},
                                           WrapCase{5.0f * kTwoPi + 0.25f, 0.25f}, WrapCase{kPi, -kPi}));

TEST(Math, DirectionFromYawPitchFollowsTheCameraConvention) {
  EXPECT_TRUE(nearlyEqual(directionFromYawPitch(0.0f, 0.0f), {0, 0, 1}));           // front: from +Z
  EXPECT_TRUE(nearlyEqual(directionFromYawPitch(kPi / 2.0f, 0.0f), {1, 0, 0}));     // side: from +X
  EXPECT_TRUE(nearlyEqual(directionFromYawPitch(kPi, 0.0f), {0, 0, -1}));           // back
  EXPECT_TRUE(nearlyEqual(directionFromYawPitch(0.0f, kPi / 2.0f), {0, 1, 0}));     // straight above
  const glm::vec3 d = directionFromYawPitch(0.7f, -0.3f);
  EXPECT_NEAR(glm::length(d), 1.0f, 1e-6f);
}

TEST(Math, ApproachIsFrameRateIndependent) {
  // Two half steps land where one whole step does.
  const float whole = approach(0.0f, 1.0f, 5.0f, 0.2f);
  const float halves = approach(approach(0.0f, 1.0f, 5.0f, 0.1f), 1.0f, 5.0f, 0.1f);
  EXPECT_NEAR(whole, halves, 1e-6f);
  EXPECT_NEAR(whole, 1.0f - std::exp(-1.0f), 1e-6f);
  EXPECT_FLOAT_EQ(approach(3.0f, 3.0f, 5.0f, 1.0f), 3.0f);
}

}  // namespace
}  // namespace formviz
