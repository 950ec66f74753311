// [SECTION] Character: one skeleton posed each frame, from a clip or its rest pose.
//
// Chains the jobs in the usual order: sample the clip (on its own skeleton) -> retarget by
// joint name when that skeleton is not the character's -> local to model -> skinning
// palette. Owns its buffers (allocated when the skeleton or clip is set, never per frame).
// The skeleton and clip are borrowed and must outlive the character or the next setClip().
#pragma once

#include <span>
#include <vector>

#include "anim/clip.h"
#include "anim/model_space.h"
#include "anim/retarget.h"
#include "anim/sampling.h"

namespace formviz::anim {

class Character {
 public:
  explicit Character(const Skeleton& skeleton);

  // Plays `clip`, whose tracks are indexed like `clipSkeleton` (the character's own
  // skeleton, or one with the same joint names, e.g. another body preset).
  void setClip(const Skeleton& clipSkeleton, const Clip& clip);
  void clearClip();
  const Clip* clip() const { return clip_; }

  // Poses the character at `time` seconds on the clip (the rest pose without a clip).
  void evaluate(float time);

  // Cross-fade into the clip from `from` (a local pose of this skeleton, e.g. the last pose of
  // the clip shown before) over `seconds` (> 0; smoothstep-eased), so switching between the
  // correct clip and a mistake blends instead of jumping. Ignored when `from` does not have one
  // transform per joint. advanceFade() moves the fade on; evaluate() applies it.
  void fadeFrom(std::span<const Transform> from, float seconds);
  void advanceFade(float seconds);
  bool fading() const { return fadeElapsed_ < fadeSeconds_; }

  const Skeleton& skeleton() const { return *skeleton_; }
  std::span<const Transform> localPose() const { return local_; }
  std::span<const glm::mat4> modelMatrices() const { return model_; }  // joint -> model space
  std::span<const glm::mat4> palette() const { return palette_; }      // model * inverseBind
  // Model-space position of joint `joint`.
  glm::vec3 jointPosition(int joint) const { return glm::vec3(model_[static_cast<std::size_t>(joint)][3]); }

 private:
  const Skeleton* skeleton_;
  const Skeleton* clipSkeleton_ = nullptr;
  const Clip* clip_ = nullptr;
  JointMap map_;
  float rootScale_ = 1.0f;
  SamplingCache cache_;
  Pose clipPose_;  // the clip's skeleton's pose, when it differs from ours
  Pose local_;
  Pose fadeFrom_;
  float fadeSeconds_ = 0.0f, fadeElapsed_ = 0.0f;
  std::vector<glm::mat4> model_;
  std::vector<glm::mat4> palette_;
};

}  // namespace formviz::anim
