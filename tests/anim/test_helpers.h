// Shared builders and matchers for the anim tests.
#pragma once

#include <cmath>
#include <string>

#include <glm/gtc/matrix_transform.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "anim/anim.h"

namespace formviz::anim::test {

inline glm::quat axisAngle(float degrees, glm::vec3 axis) {
  return glm::angleAxis(glm::radians(degrees), glm::normalize(axis));
}

// Angle in radians between two rotations (0 when equal, sign-insensitive).
// Uses atan2 of the relative rotation, which stays accurate for tiny angles (acos does not).
inline float angleBetween(const glm::quat& a, const glm::quat& b) {
  const glm::quat r = glm::conjugate(glm::normalize(a)) * glm::normalize(b);
  return 2.0f * std::atan2(glm::length(glm::vec3(r.x, r.y, r.z)), std::abs(r.w));
}

inline ::testing::AssertionResult near(const glm::vec3& a, const glm::vec3& b, float tolerance) {
  if (glm::length(a - b) <= tolerance) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "(" << a.x << ", " << a.y << ", " << a.z << ") vs (" << b.x << ", " << b.y
                                       << ", " << b.z << "), distance " << glm::length(a - b);
}

inline ::testing::AssertionResult near(const glm::quat& a, const glm::quat& b, float toleranceRadians) {
  const float angle = angleBetween(a, b);
  if (angle <= toleranceRadians) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "rotations differ by " << angle << " rad";
}

inline ::testing::AssertionResult near(const glm::mat4& a, const glm::mat4& b, float tolerance) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      if (std::abs(a[c][r] - b[c][r]) > tolerance)
        return ::testing::AssertionFailure() << "element [" << c << "][" << r << "]: " << a[c][r] << " vs " << b[c][r];
  return ::testing::AssertionSuccess();
}

// A chain of `count` joints along +Y, each `length` above its parent: j0 at the origin.
inline RawSkeleton chainSkeleton(int count, float length = 1.0f) {
  RawSkeleton raw;
  for (int i = 0; i < count; ++i) {
    raw.names.push_back(fmt::format("j{}", i));
    raw.parents.push_back(i - 1);
    Transform t;
    t.translation = i == 0 ? glm::vec3(0.0f) : glm::vec3(0.0f, length, 0.0f);
    raw.restPose.push_back(t);
  }
  return raw;
}

inline Skeleton buildOrDie(RawSkeleton raw) {
  Result<Skeleton> result = Skeleton::build(std::move(raw));
  if (!result) ADD_FAILURE() << result.error().message;
  return result ? std::move(result).value() : Skeleton{};
}

inline Clip buildOrDie(const RawClip& raw) {
  Result<Clip> result = Clip::build(raw);
  if (!result) ADD_FAILURE() << result.error().message;
  return result ? std::move(result).value() : Clip{};
}

inline std::vector<glm::mat4> modelMatrices(const Skeleton& skeleton, const Pose& pose) {
  std::vector<glm::mat4> model(static_cast<std::size_t>(skeleton.jointCount()));
  LocalToModelJob job;
  job.skeleton = &skeleton;
  job.local = pose;
  job.model = model;
  EXPECT_TRUE(job.Run());
  return model;
}

inline glm::vec3 position(const glm::mat4& m) { return glm::vec3(m[3]); }

}  // namespace formviz::anim::test
