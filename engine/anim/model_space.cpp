#include "anim/model_space.h"

namespace formviz::anim {
namespace {

// out = parent * T * R * S, with parent affine. The same as mulAffine(parent, toMatrix(t)),
// written so that each column of the result is three broadcasts into SSE registers.
inline void parentTimesTrs(const glm::mat4& parent, const Transform& t, glm::mat4& out) {
  const glm::quat& q = t.rotation;
  const glm::vec3& s = t.scale;
  const float x2 = q.x + q.x, y2 = q.y + q.y, z2 = q.z + q.z;
  const float xx = q.x * x2, yy = q.y * y2, zz = q.z * z2;
  const float xy = q.x * y2, xz = q.x * z2, yz = q.y * z2;
  const float wx = q.w * x2, wy = q.w * y2, wz = q.w * z2;
#if defined(__SSE__) || defined(_M_X64)
  const __m128 p0 = _mm_loadu_ps(&parent[0][0]), p1 = _mm_loadu_ps(&parent[1][0]);
  const __m128 p2 = _mm_loadu_ps(&parent[2][0]), p3 = _mm_loadu_ps(&parent[3][0]);
  auto column = [&](float a, float b, float c) {
    return _mm_add_ps(_mm_add_ps(_mm_mul_ps(p0, _mm_set1_ps(a)), _mm_mul_ps(p1, _mm_set1_ps(b))),
                      _mm_mul_ps(p2, _mm_set1_ps(c)));
  };
  _mm_storeu_ps(&out[0][0], column((1.0f - (yy + zz)) * s.x, (xy + wz) * s.x, (xz - wy) * s.x));
  _mm_storeu_ps(&out[1][0], column((xy - wz) * s.y, (1.0f - (xx + zz)) * s.y, (yz + wx) * s.y));
  _mm_storeu_ps(&out[2][0], column((xz + wy) * s.z, (yz - wx) * s.z, (1.0f - (xx + yy)) * s.z));
  _mm_storeu_ps(&out[3][0], _mm_add_ps(column(t.translation.x, t.translation.y, t.translation.z), p3));
#else
  out = mulAffine(parent, toMatrix(t));
  (void)xx, (void)yy, (void)zz, (void)xy, (void)xz, (void)yz, (void)wx, (void)wy, (void)wz;
#endif
}

}  // namespace

bool LocalToModelJob::Validate() const {
  if (skeleton == nullptr) return false;
  const int n = skeleton->jointCount();
  const int end = to < 0 ? n : to;
  return local.size() >= static_cast<std::size_t>(n) && model.size() >= static_cast<std::size_t>(n) && from >= 0 &&
         from <= end && end <= n;
}

bool LocalToModelJob::Run() const {
  if (!Validate()) return false;
  const int n = skeleton->jointCount();
  const std::size_t end = static_cast<std::size_t>(to < 0 ? n : to);
  const std::int16_t* parents = skeleton->parents().data();
  const Transform* in = local.data();
  glm::mat4* out = model.data();
  for (std::size_t i = static_cast<std::size_t>(from); i < end; ++i) {
    const int p = parents[i];
    parentTimesTrs(p == kNoParent ? root : out[p], in[i], out[i]);
  }
  return true;
}

bool SkinningPaletteJob::Validate() const {
  return model.size() == inverseBind.size() && palette.size() >= model.size();
}

bool SkinningPaletteJob::Run() const {
  if (!Validate()) return false;
  const std::size_t n = model.size();
  for (std::size_t i = 0; i < n; ++i) palette[i] = mulAffine(model[i], inverseBind[i]);
  return true;
}

}  // namespace formviz::anim
