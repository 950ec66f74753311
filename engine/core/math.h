// [SECTION] Math helpers on top of GLM. Angles are radians unless a name says degrees.
#pragma once

#include <cmath>

#include <glm/glm.hpp>

namespace formviz {

inline constexpr float kPi = 3.14159265358979323846f;
inline constexpr float kTwoPi = 2.0f * kPi;

constexpr float radians(float degrees) { return degrees * (kPi / 180.0f); }
constexpr float degrees(float radians) { return radians * (180.0f / kPi); }

// Wraps an angle into [-pi, pi).
inline float wrapAngle(float angle) {
  float wrapped = std::fmod(angle + kPi, kTwoPi);
  if (wrapped < 0.0f) wrapped += kTwoPi;
  return wrapped - kPi;
}

// Unit direction for a yaw about +Y (0 looks from +Z toward the origin, positive turns
// toward +X) and a pitch above the horizon (positive looks down from above).
inline glm::vec3 directionFromYawPitch(float yaw, float pitch) {
  return {std::sin(yaw) * std::cos(pitch), std::sin(pitch), std::cos(yaw) * std::cos(pitch)};
}

inline bool nearlyEqual(float a, float b, float tolerance = 1e-5f) { return std::abs(a - b) <= tolerance; }
inline bool nearlyEqual(const glm::vec3& a, const glm::vec3& b, float tolerance = 1e-5f) {
  return glm::all(glm::lessThanEqual(glm::abs(a - b), glm::vec3(tolerance)));
}

// Smoothly approaches `target` with an exponential decay: frame-rate independent.
// `rate` is in 1/seconds (about 1/rate seconds to close 63% of the gap).
inline float approach(float current, float target, float rate, float dtSeconds) {
  return target + (current - target) * std::exp(-rate * dtSeconds);
}

}  // namespace formviz
