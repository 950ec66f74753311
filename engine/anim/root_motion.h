// [SECTION] Root motion: moving the character by the hips' horizontal travel.
//
// A walk or a lunge clip moves the hips forward. To play it in place and move the
// character instead (so loops do not snap back), extract the horizontal travel of the root
// joint's translation track between two playback times, remove it from the pose, and
// apply it to the character's transform. "Horizontal" means perpendicular to `up`, given
// in model space; `parentModel` is the root joint's parent model matrix (identity when the
// root joint is a skeleton root; CesiumMan's Z-up armature node above its hips makes it a
// rotation) and maps the track's values into model space.
#pragma once

#include <span>

#include "anim/clip.h"

namespace formviz::anim {

struct RootMotionSettings {
  int joint = 0;                     // the joint carrying the travel (hips), in [0, jointCount)
  glm::vec3 up{0.0f, 1.0f, 0.0f};    // model-space up axis, unit length
  glm::mat4 parentModel{1.0f};       // model matrix of the joint's parent (affine)
};

// Horizontal model-space travel of the root joint from `fromTime` to `toTime` seconds.
// `wraps` is how many times playback wrapped forward over the loop range
// [rangeStart, rangeEnd] in between (negative when it wrapped backwards; 0 for ping-pong
// turns), each adding the travel of one full loop.
glm::vec3 extractRootMotion(const Clip& clip, const RootMotionSettings& settings, float fromTime, float toTime,
                            int wraps, float rangeStart, float rangeEnd);

// Removes the horizontal travel from a sampled pose so the root stays above where it was
// at `referenceTime` (usually the loop start): the vertical part (hip bob, squat depth) is
// kept. `pose` is indexed like the clip's joints.
void removeRootMotion(const Clip& clip, const RootMotionSettings& settings, float referenceTime,
                      std::span<Transform> pose);

// Moves the character's world transform by a model-space travel `delta` (world * T(delta)).
glm::mat4 applyRootMotion(const glm::mat4& world, const glm::vec3& delta);

}  // namespace formviz::anim
