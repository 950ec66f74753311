// [SECTION] Transform: a joint's local translation, rotation and scale (TRS).
//
// Plain value type, 40 bytes, no heap. Units are the asset's (metres for FormViz bodies).
// Rotation is a unit quaternion (glm stores x, y, z, w; the constructor takes w first).
// Matrices are column-major glm::mat4 acting on column vectors: M = T * R * S.
#pragma once

#include <cmath>

#if defined(__SSE__) || defined(_M_X64)
#include <xmmintrin.h>
#endif

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace formviz::anim {

struct Transform {
  glm::vec3 translation{0.0f};              // in the parent joint's space
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};  // unit length; identity by default
  glm::vec3 scale{1.0f};                    // per axis; 1 = unscaled

  static Transform identity() { return {}; }
};

// T * R * S as an affine matrix (last row 0 0 0 1). Inline: it runs once per joint per frame.
inline glm::mat4 toMatrix(const Transform& transform) {
  const glm::quat& q = transform.rotation;
  const float xx = q.x * q.x, yy = q.y * q.y, zz = q.z * q.z;
  const float xy = q.x * q.y, xz = q.x * q.z, yz = q.y * q.z;
  const float wx = q.w * q.x, wy = q.w * q.y, wz = q.w * q.z;
  const glm::vec3& s = transform.scale;
  glm::mat4 m;
  m[0] = glm::vec4((1.0f - 2.0f * (yy + zz)) * s.x, 2.0f * (xy + wz) * s.x, 2.0f * (xz - wy) * s.x, 0.0f);
  m[1] = glm::vec4(2.0f * (xy - wz) * s.y, (1.0f - 2.0f * (xx + zz)) * s.y, 2.0f * (yz + wx) * s.y, 0.0f);
  m[2] = glm::vec4(2.0f * (xz + wy) * s.z, 2.0f * (yz - wx) * s.z, (1.0f - 2.0f * (xx + yy)) * s.z, 0.0f);
  m[3] = glm::vec4(transform.translation, 1.0f);
  return m;
}

// Decomposes an affine matrix without shear into TRS. Negative determinants put the
// reflection in scale.x. Meant for import, not for per-frame code.
Transform fromMatrix(const glm::mat4& matrix);

// a * b for affine matrices (both last rows 0 0 0 1): skips the work the last row would
// cost. The result's last row is a's (0 0 0 1 for affine input). Written on plain float
// arrays so the compiler vectorises it (glm 0.9.9 has no SIMD without GLM_FORCE_INTRINSICS).
inline glm::mat4 mulAffine(const glm::mat4& a, const glm::mat4& b) {
  glm::mat4 r;
  const float* A = &a[0][0];
  const float* B = &b[0][0];
  float* R = &r[0][0];
  for (int c = 0; c < 4; ++c) {
    const float b0 = B[4 * c + 0], b1 = B[4 * c + 1], b2 = B[4 * c + 2];
    const float b3 = c == 3 ? 1.0f : 0.0f;
    for (int k = 0; k < 4; ++k) R[4 * c + k] = A[k] * b0 + A[4 + k] * b1 + A[8 + k] * b2 + A[12 + k] * b3;
  }
  return r;
}

// Shortest-arc interpolation of unit quaternions, ratio t in [0, 1] (not clamped). Uses a
// normalised lerp whose ratio is corrected to follow slerp's constant angular speed
// (A. Kapoulkine, "Approximating slerp", 2015): exact at t = 0, 0.5 and 1, within
// 0.002 rad of slerp for keys up to 180 degrees apart and under 1e-5 rad below 60 degrees.
// 1 / sqrt(x) for x > 0, to about 2e-7 relative: the SSE estimate refined by one Newton
// step where available (a quarter of the latency of sqrt plus divide), else the exact form.
inline float reciprocalSqrt(float x) {
#if defined(__SSE__) || defined(_M_X64)
  const float estimate = _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(x)));
  return estimate * (1.5f - 0.5f * x * estimate * estimate);
#else
  return 1.0f / std::sqrt(x);
#endif
}

inline glm::quat interpolateRotation(const glm::quat& a, const glm::quat& b, float t) {
  float d = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w;
  const float sign = d < 0.0f ? -1.0f : 1.0f;
  d *= sign;
  const float A = 1.0904f + d * (-3.2452f + d * (3.55645f - d * 1.43519f));
  const float B = 0.848013f + d * (-1.06021f + d * 0.215638f);
  const float u = t - 0.5f;
  const float k = A * u * u + B;
  const float ot = t + t * u * (t - 1.0f) * k;
  const float wa = 1.0f - ot, wb = sign * ot;
  const float x = a.x * wa + b.x * wb, y = a.y * wa + b.y * wb, z = a.z * wa + b.z * wb, w = a.w * wa + b.w * wb;
  const float inv = reciprocalSqrt(x * x + y * y + z * z + w * w);
  return glm::quat(w * inv, x * inv, y * inv, z * inv);
}

// Plain normalised lerp along the shortest arc (for blending, where weights are not times).
inline glm::quat nlerpShortest(const glm::quat& a, const glm::quat& b, float t) {
  const float d = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w;
  const float wa = 1.0f - t, wb = d < 0.0f ? -t : t;
  const float x = a.x * wa + b.x * wb, y = a.y * wa + b.y * wb, z = a.z * wa + b.z * wb, w = a.w * wa + b.w * wb;
  const float inv = 1.0f / std::sqrt(x * x + y * y + z * z + w * w);
  return glm::quat(w * inv, x * inv, y * inv, z * inv);
}

}  // namespace formviz::anim
