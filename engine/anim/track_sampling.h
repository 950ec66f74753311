// [SECTION] Internal: sampling one track of a TrackSet. Used by Clip and SampleJob;
// not part of the public API (inline so the per-frame loop can inline it).
#pragma once

#include <algorithm>
#include <cstdint>

#include "anim/clip.h"

namespace formviz::anim::detail {

// Index k of the key interval with times[k] <= t < times[k + 1]. Preconditions: count >= 2
// and times[0] <= t < times[count - 1]. `cursor` is the previous answer: forward playback
// finds the interval in a step or two (O(1) a track); a jump backwards or far forwards
// falls back to a binary search.
inline std::uint32_t findInterval(const float* times, std::uint32_t count, float t, std::uint32_t cursor) {
  if (cursor < count - 1 && times[cursor] <= t) {
    for (int steps = 0; steps < 4; ++steps) {
      if (t < times[cursor + 1]) return cursor;
      ++cursor;
    }
    if (t < times[cursor + 1]) return cursor;
    const float* it = std::upper_bound(times + cursor + 1, times + count, t);
    return static_cast<std::uint32_t>(it - times) - 1u;
  }
  const float* it = std::upper_bound(times, times + count, t);
  return static_cast<std::uint32_t>(it - times) - 1u;
}

inline glm::vec3 lerpValue(const glm::vec3& a, const glm::vec3& b, float s) { return a + (b - a) * s; }
inline glm::quat lerpValue(const glm::quat& a, const glm::quat& b, float s) { return interpolateRotation(a, b, s); }
inline glm::vec3 finishCubic(const glm::vec3& v) { return v; }
inline glm::quat finishCubic(const glm::quat& q) { return glm::normalize(q); }

// Samples track `joint` of `set` at `t` seconds; `neutral` for an empty track.
template <typename T>
inline T sampleTrack(const TrackSet<T>& set, std::size_t joint, float t, std::uint32_t& cursor, const T& neutral) {
  const TrackRange& range = set.ranges[joint];
  const std::uint32_t count = range.keyCount;
  if (count == 0) return neutral;
  const float* times = set.times.data() + range.firstKey;
  const T* values = set.values.data() + range.firstValue;
  const bool cubic = range.interpolation == Interpolation::CubicSpline;
  const std::uint32_t stride = cubic ? 3u : 1u;
  const std::uint32_t offset = cubic ? 1u : 0u;
  if (count == 1 || !(t > times[0])) {  // also a NaN time: the first key
    cursor = 0;
    return values[offset];
  }
  if (t >= times[count - 1]) {
    cursor = count - 1;
    return values[(count - 1) * stride + offset];
  }
  const std::uint32_t k = findInterval(times, count, t, cursor);
  cursor = k;
  const float s = (t - times[k]) * set.inverseIntervals[range.firstKey + k];
  switch (range.interpolation) {
    case Interpolation::Step:
      return values[k];
    case Interpolation::Linear:
      return lerpValue(values[k], values[k + 1], s);
    case Interpolation::CubicSpline: {
      const float dt = times[k + 1] - times[k];
      const float s2 = s * s, s3 = s2 * s;
      const T& v0 = values[3 * k + 1];
      const T& out0 = values[3 * k + 2];
      const T& in1 = values[3 * k + 3];
      const T& v1 = values[3 * k + 4];
      const T result = v0 * (2.0f * s3 - 3.0f * s2 + 1.0f) + out0 * (dt * (s3 - 2.0f * s2 + s)) +
                       v1 * (-2.0f * s3 + 3.0f * s2) + in1 * (dt * (s3 - s2));
      return finishCubic(result);
    }
  }
  return neutral;
}

}  // namespace formviz::anim::detail
