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

// How big `body` is against `clipBody`, the body a clip was made on: the ratio of their rest
// hip heights (about the leg length; 1 when either is 0). A clip played on another body plays
// in a world scaled by this ratio about the origin: the hips' path (RetargetJob::rootScale),
// the surfaces planted feet stand on (anim::Character's pins) and the props placed in the world
// (the step-up box, the split-squat bench, a band's anchor: the app's resolveProps). A coach
// picks a box or bench for the athlete's legs (the thigh about level on the box), so a 30 cm
// box for male_175 is a 27 cm box for female_160. One function, so that what is drawn and what
// is measured agree.
float bodyScale(const Skeleton& body, const Skeleton& clipBody);

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
