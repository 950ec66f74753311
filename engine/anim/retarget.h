// [SECTION] Driving one skeleton with another's motion, joint by joint name.
//
// For skeletons built the same way (FormViz's body presets: same joint names and rest
// orientations, different bone lengths): rotations carry over as they are, the root's
// translation is scaled by the ratio of hip heights, and every other joint keeps the
// target's own bone lengths. Joints the source lacks keep the target's rest pose.
#pragma once

#include <span>
#include <vector>

#include "anim/skeleton.h"
#include "anim/transform.h"

namespace formviz::anim {

struct JointMap {
  std::vector<int> sourceOf;  // per target joint: the source joint of the same name, or kNoParent (-1)

  static JointMap byName(const Skeleton& target, const Skeleton& source);
  int matchedCount() const;
};

// Height of the first root joint in the rest pose's model space (metres for our bodies).
float restRootHeight(const Skeleton& skeleton);

struct RetargetJob {
  const Skeleton* target = nullptr;       // required
  const JointMap* map = nullptr;          // required, built for (target, source)
  std::span<const Transform> sourcePose;  // local pose of the source skeleton
  std::span<Transform> targetPose;        // output, size >= target->jointCount()
  float rootScale = 1.0f;                 // target hip height / source hip height

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

}  // namespace formviz::anim
