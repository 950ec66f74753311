#include "anim/sampling.h"

#include <cmath>
#include <cstring>

#include "anim/track_sampling.h"

namespace formviz::anim {

Pose restPose(const Skeleton& skeleton) {
  const auto rest = skeleton.restPose();
  return Pose(rest.begin(), rest.end());
}

void SamplingCache::resize(int maxJoints) {
  cursors_.assign(static_cast<std::size_t>(maxJoints) * 3u, 0u);
  scratch_.assign(9u * ((static_cast<std::size_t>(maxJoints) + 3u) & ~std::size_t{3}), 0.0f);
  clipId_ = 0;
}

void SamplingCache::invalidate() {
  std::fill(cursors_.begin(), cursors_.end(), 0u);
  clipId_ = 0;
}

namespace {

// Rotation tracks in three steps: (1) per track, find the key interval with its cursor and
// gather the two keys and the ratio into scratch; (2) load four tracks, transpose them to
// structure-of-arrays in registers and interpolate all four at once (shortest arc,
// corrected nlerp, normalise); (3) transpose back and store each result into the pose.
// Keys that need no interpolation (step, cubic, before the first or after the last key)
// go through pass 2 as a == b, ratio 0, which returns them unchanged.
void sampleRotations(const Clip& clip, float time, std::uint32_t* cursors, float* scratch, std::size_t stride,
                     Transform* out) {
  const auto joints = clip.animatedRotations();
  const std::size_t m = joints.size();
  if (m == 0) return;
  const TrackSet<glm::quat>& set = clip.rotations();
  // Scratch layout: key a (x, y, z, w) per track, key b per track, ratio per track.
  float* keyA = scratch;
  float* keyB = keyA + 4 * stride;
  float* ratio = keyB + 4 * stride;
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint16_t j = joints[i];
    const TrackRange& range = set.ranges[j];
    const float* times = set.times.data() + range.firstKey;
    const glm::quat* values = set.values.data() + range.firstValue;
    const std::uint32_t count = range.keyCount;
    const glm::quat* a;
    const glm::quat* b;
    float s = 0.0f;
    glm::quat held;
    if (range.interpolation == Interpolation::Linear && time > times[0] && time < times[count - 1]) {
      const std::uint32_t k = detail::findInterval(times, count, time, cursors[3 * j + 1]);
      cursors[3 * j + 1] = k;
      a = values + k;
      b = values + k + 1;
      s = (time - times[k]) * set.inverseIntervals[range.firstKey + k];
    } else {
      held = detail::sampleTrack(set, j, time, cursors[3 * j + 1], glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
      a = &held;
      b = &held;
    }
    std::memcpy(keyA + 4 * i, a, sizeof(glm::quat));
    std::memcpy(keyB + 4 * i, b, sizeof(glm::quat));
    ratio[i] = s;
  }
#if defined(__SSE__) || defined(_M_X64)
  static_assert(sizeof(glm::quat) == 4 * sizeof(float), "glm::quat must be four packed floats (x, y, z, w)");
  const __m128 one = _mm_set1_ps(1.0f), half = _mm_set1_ps(0.5f), threeHalves = _mm_set1_ps(1.5f);
  const __m128 signMask = _mm_set1_ps(-0.0f);
  for (std::size_t i = 0; i < m; i += 4) {
    __m128 qax = _mm_loadu_ps(keyA + 4 * i), qay = _mm_loadu_ps(keyA + 4 * i + 4),
           qaz = _mm_loadu_ps(keyA + 4 * i + 8), qaw = _mm_loadu_ps(keyA + 4 * i + 12);
    _MM_TRANSPOSE4_PS(qax, qay, qaz, qaw);
    __m128 qbx = _mm_loadu_ps(keyB + 4 * i), qby = _mm_loadu_ps(keyB + 4 * i + 4),
           qbz = _mm_loadu_ps(keyB + 4 * i + 8), qbw = _mm_loadu_ps(keyB + 4 * i + 12);
    _MM_TRANSPOSE4_PS(qbx, qby, qbz, qbw);
    const __m128 t = _mm_loadu_ps(ratio + i);
    const __m128 dot = _mm_add_ps(_mm_add_ps(_mm_mul_ps(qax, qbx), _mm_mul_ps(qay, qby)),
                                  _mm_add_ps(_mm_mul_ps(qaz, qbz), _mm_mul_ps(qaw, qbw)));
    const __m128 sign = _mm_and_ps(dot, signMask);
    const __m128 d = _mm_andnot_ps(signMask, dot);
    // Kapoulkine's ratio correction (see interpolateRotation in transform.h).
    const __m128 A = _mm_add_ps(
        _mm_set1_ps(1.0904f),
        _mm_mul_ps(d, _mm_add_ps(_mm_set1_ps(-3.2452f),
                                 _mm_mul_ps(d, _mm_sub_ps(_mm_set1_ps(3.55645f), _mm_mul_ps(d, _mm_set1_ps(1.43519f)))))));
    const __m128 B = _mm_add_ps(_mm_set1_ps(0.848013f),
                                _mm_mul_ps(d, _mm_add_ps(_mm_set1_ps(-1.06021f), _mm_mul_ps(d, _mm_set1_ps(0.215638f)))));
    const __m128 u = _mm_sub_ps(t, half);
    const __m128 k = _mm_add_ps(_mm_mul_ps(A, _mm_mul_ps(u, u)), B);
    const __m128 ot = _mm_add_ps(t, _mm_mul_ps(_mm_mul_ps(t, u), _mm_mul_ps(_mm_sub_ps(t, one), k)));
    const __m128 wa = _mm_sub_ps(one, ot);
    const __m128 wb = _mm_xor_ps(ot, sign);
    const __m128 x = _mm_add_ps(_mm_mul_ps(qax, wa), _mm_mul_ps(qbx, wb));
    const __m128 y = _mm_add_ps(_mm_mul_ps(qay, wa), _mm_mul_ps(qby, wb));
    const __m128 z = _mm_add_ps(_mm_mul_ps(qaz, wa), _mm_mul_ps(qbz, wb));
    const __m128 w = _mm_add_ps(_mm_mul_ps(qaw, wa), _mm_mul_ps(qbw, wb));
    const __m128 len2 = _mm_add_ps(_mm_add_ps(_mm_mul_ps(x, x), _mm_mul_ps(y, y)),
                                   _mm_add_ps(_mm_mul_ps(z, z), _mm_mul_ps(w, w)));
    __m128 inv = _mm_rsqrt_ps(len2);
    inv = _mm_mul_ps(inv, _mm_sub_ps(threeHalves, _mm_mul_ps(_mm_mul_ps(half, len2), _mm_mul_ps(inv, inv))));
    // Back to x, y, z, w per joint (glm's quat layout), stored straight into the pose.
    __m128 r0 = _mm_mul_ps(x, inv), r1 = _mm_mul_ps(y, inv), r2 = _mm_mul_ps(z, inv), r3 = _mm_mul_ps(w, inv);
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    const __m128 lanes[4] = {r0, r1, r2, r3};
    const std::size_t valid = std::min<std::size_t>(4, m - i);
    for (std::size_t l = 0; l < valid; ++l) _mm_storeu_ps(&out[joints[i + l]].rotation.x, lanes[l]);
  }
#else
  for (std::size_t i = 0; i < m; ++i) {
    glm::quat a, b;
    std::memcpy(&a, keyA + 4 * i, sizeof a);
    std::memcpy(&b, keyB + 4 * i, sizeof b);
    out[joints[i]].rotation = interpolateRotation(a, b, ratio[i]);
  }
#endif
}

}  // namespace

bool SampleJob::Validate() const {
  if (clip == nullptr || cache == nullptr || !std::isfinite(time)) return false;
  const int joints = clip->jointCount();
  return cache->capacity() >= joints && output.size() >= static_cast<std::size_t>(joints);
}

bool SampleJob::Run() const {
  if (!Validate()) return false;
  if (cache->clipId_ != clip->id()) {
    std::fill(cache->cursors_.begin(), cache->cursors_.end(), 0u);
    cache->clipId_ = clip->id();
  }
  std::uint32_t* cursors = cache->cursors_.data();
  // Constant tracks in one copy, then only the tracks that change (no per-joint branching
  // on track kind or key count in the loops below).
  const auto constant = clip->constantPose();
  std::copy(constant.begin(), constant.end(), output.begin());
  Transform* out = output.data();
  const glm::vec3 zero(0.0f), one(1.0f);
  const auto& translations = clip->translations();
  for (const std::uint16_t j : clip->animatedTranslations())
    out[j].translation = detail::sampleTrack(translations, j, time, cursors[3 * j + 0], zero);
  sampleRotations(*clip, time, cursors, cache->scratch_.data(),
                  (static_cast<std::size_t>(cache->capacity()) + 3u) & ~std::size_t{3}, out);
  const auto& scales = clip->scales();
  for (const std::uint16_t j : clip->animatedScales())
    out[j].scale = detail::sampleTrack(scales, j, time, cursors[3 * j + 2], one);
  return true;
}

void fillMissingTracksFromRest(RawClip& clip, const Skeleton& skeleton) {
  const std::size_t count = static_cast<std::size_t>(skeleton.jointCount());
  clip.joints.resize(count);
  const auto rest = skeleton.restPose();
  for (std::size_t j = 0; j < count; ++j) {
    RawJointTracks& tracks = clip.joints[j];
    if (tracks.translation.times.empty()) {
      tracks.translation = {Interpolation::Linear, {0.0f}, {rest[j].translation}};
    }
    if (tracks.rotation.times.empty()) {
      tracks.rotation = {Interpolation::Linear, {0.0f}, {rest[j].rotation}};
    }
    if (tracks.scale.times.empty()) {
      tracks.scale = {Interpolation::Linear, {0.0f}, {rest[j].scale}};
    }
  }
}

}  // namespace formviz::anim
