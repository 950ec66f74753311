// [SECTION] Blending poses: cross-fade with optional per-joint mask, additive layers.
//
// Jobs own no buffers; all spans are caller-owned and may alias only where stated.
// Weights are in [0, 1] and clamped. Rotations blend by normalised lerp on the shortest
// arc (cheap and smooth for blend weights, which are not times).
#pragma once

#include <span>

#include "anim/transform.h"

namespace formviz::anim {

// output[i] = mix(a[i], b[i], weight * mask[i]): weight 0 gives `a`, 1 gives `b`.
// Use for switching between the correct clip and a mistake clip.
struct CrossFadeJob {
  std::span<const Transform> a;         // size n
  std::span<const Transform> b;         // size n
  float weight = 0.0f;                  // [0, 1], clamped; share of `b`
  std::span<const float> jointWeights;  // empty (all 1) or size n, each in [0, 1]: a per-joint mask
  std::span<Transform> output;          // size >= n; may alias `a` or `b`

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

// delta[i] = the change from reference[i] to pose[i]: translation pose - reference,
// rotation inverse(reference) * pose, scale pose / reference (a zero reference scale
// gives 1). Build it once from an additive clip's pose and its reference pose.
struct MakeAdditiveJob {
  std::span<const Transform> pose;       // size n
  std::span<const Transform> reference;  // size n
  std::span<Transform> delta;            // size >= n; output, may alias `pose`

  bool Validate() const;
  bool Run() const;
};

// Applies a delta from MakeAdditiveJob on top of `pose`, in place, scaled by
// weight * jointWeights[i]: translation += w * d, rotation = rotation * slerp(identity, d, w),
// scale *= mix(1, d, w). Weight 1 applied to the reference gives the additive clip's pose.
struct AddLayerJob {
  std::span<const Transform> delta;     // size n
  float weight = 1.0f;                  // [0, 1], clamped
  std::span<const float> jointWeights;  // empty (all 1) or size n
  std::span<Transform> pose;            // size >= n; input and output

  bool Validate() const;
  bool Run() const;
};

}  // namespace formviz::anim
