#include "anim/blending.h"

#include <algorithm>

namespace formviz::anim {
namespace {

float clamp01(float w) { return std::clamp(w, 0.0f, 1.0f); }

}  // namespace

bool CrossFadeJob::Validate() const {
  return a.size() == b.size() && output.size() >= a.size() && (jointWeights.empty() || jointWeights.size() == a.size());
}

bool CrossFadeJob::Run() const {
  if (!Validate()) return false;
  const float w = clamp01(weight);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const float t = jointWeights.empty() ? w : w * clamp01(jointWeights[i]);
    const Transform& ta = a[i];
    const Transform& tb = b[i];
    Transform out;
    if (t <= 0.0f) {
      out = ta;
    } else if (t >= 1.0f) {
      out = tb;
    } else {
      out.translation = ta.translation + (tb.translation - ta.translation) * t;
      out.rotation = nlerpShortest(ta.rotation, tb.rotation, t);
      out.scale = ta.scale + (tb.scale - ta.scale) * t;
    }
    output[i] = out;
  }
  return true;
}

bool MakeAdditiveJob::Validate() const { return pose.size() == reference.size() && delta.size() >= pose.size(); }

bool MakeAdditiveJob::Run() const {
  if (!Validate()) return false;
  for (std::size_t i = 0; i < pose.size(); ++i) {
    const Transform& p = pose[i];
    const Transform& r = reference[i];
    Transform d;
    d.translation = p.translation - r.translation;
    d.rotation = glm::normalize(glm::conjugate(r.rotation) * p.rotation);
    for (int c = 0; c < 3; ++c) d.scale[c] = r.scale[c] != 0.0f ? p.scale[c] / r.scale[c] : 1.0f;
    delta[i] = d;
  }
  return true;
}

bool AddLayerJob::Validate() const {
  return pose.size() >= delta.size() && (jointWeights.empty() || jointWeights.size() == delta.size());
}

bool AddLayerJob::Run() const {
  if (!Validate()) return false;
  const float w = clamp01(weight);
  const glm::quat identity(1.0f, 0.0f, 0.0f, 0.0f);
  for (std::size_t i = 0; i < delta.size(); ++i) {
    const float t = jointWeights.empty() ? w : w * clamp01(jointWeights[i]);
    if (t <= 0.0f) continue;
    const Transform& d = delta[i];
    Transform& p = pose[i];
    p.translation += d.translation * t;
    p.rotation = glm::normalize(p.rotation * (t >= 1.0f ? d.rotation : interpolateRotation(identity, d.rotation, t)));
    p.scale *= glm::vec3(1.0f) + (d.scale - glm::vec3(1.0f)) * t;
  }
  return true;
}

}  // namespace formviz::anim
