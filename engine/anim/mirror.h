// [SECTION] Mirroring poses left to right: a unilateral clip made for one side played for the
// other (a split squat on the right leg from a clip of the left).
//
// The reflection is across the figure's sagittal plane (x -> -x; the figure faces +Z, its left
// is +X). Each joint takes the reflected local transform of its mirror joint (leftFoot <->
// rightFoot by name; unpaired joints map to themselves): translation (-x, y, z), rotation
// (w, x, -y, -z). This is exact when the skeleton's rest pose is itself symmetric with identity
// rest rotations, as bodygen's VRM skeletons are; the job does not check it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "anim/skeleton.h"
#include "anim/transform.h"

namespace formviz::anim {

// The other side's name: "leftUpperLeg" <-> "rightUpperLeg"; a name without a side is itself.
std::string mirrorJointName(std::string_view name);

// mirrorOf[i] = the joint on the other side of joint i (i itself when unpaired or when the
// skeleton lacks the other side's joint).
std::vector<int> mirrorJoints(const Skeleton& skeleton);

// A transform reflected across the x = 0 plane (of its parent's space).
Transform reflectX(const Transform& t);

// output[i] = reflectX(input[mirrorOf[i]]). Owns no buffers; output must not alias input.
struct MirrorPoseJob {
  std::span<const int> mirrorOf;        // size n, from mirrorJoints
  std::span<const Transform> input;     // size n
  std::span<Transform> output;          // size >= n, not aliasing input

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

}  // namespace formviz::anim
