#include "anim/character.h"

#include <algorithm>

#include "anim/blending.h"

#include <cassert>

namespace formviz::anim {

Character::Character(const Skeleton& skeleton)
    : skeleton_(&skeleton),
      local_(restPose(skeleton)),
      model_(static_cast<std::size_t>(skeleton.jointCount())),
      palette_(static_cast<std::size_t>(skeleton.jointCount())) {
  evaluate(0.0f);
}

void Character::setClip(const Skeleton& clipSkeleton, const Clip& clip) {
  assert(clip.jointCount() == clipSkeleton.jointCount() && "Character::setClip: clip and skeleton do not match");
  clipSkeleton_ = &clipSkeleton;
  clip_ = &clip;
  map_ = JointMap::byName(*skeleton_, clipSkeleton);
  const float sourceHeight = restRootHeight(clipSkeleton);
  rootScale_ = sourceHeight > 1e-6f ? restRootHeight(*skeleton_) / sourceHeight : 1.0f;
  cache_.resize(clip.jointCount());
  clipPose_ = restPose(clipSkeleton);
}

void Character::clearClip() {
  clip_ = nullptr;
  clipSkeleton_ = nullptr;
}

void Character::fadeFrom(std::span<const Transform> from, float seconds) {
  if (from.size() != local_.size() || !(seconds > 0.0f)) return;
  fadeFrom_.assign(from.begin(), from.end());
  fadeSeconds_ = seconds;
  fadeElapsed_ = 0.0f;
}

void Character::advanceFade(float seconds) {
  if (fading()) fadeElapsed_ = std::min(fadeSeconds_, fadeElapsed_ + std::max(seconds, 0.0f));
}

void Character::evaluate(float time) {
  if (!clip_) {
    const auto rest = skeleton_->restPose();
    std::copy(rest.begin(), rest.end(), local_.begin());
  } else if (clipSkeleton_ == skeleton_) {
    SampleJob{clip_, time, &cache_, local_}.Run();
  } else {
    SampleJob{clip_, time, &cache_, clipPose_}.Run();
    RetargetJob{skeleton_, &map_, clipPose_, local_, rootScale_}.Run();
  }
  if (fading()) {
    const float u = fadeElapsed_ / fadeSeconds_;
    CrossFadeJob{fadeFrom_, local_, u * u * (3.0f - 2.0f * u), {}, local_}.Run();
  }
  LocalToModelJob toModel;
  toModel.skeleton = skeleton_;
  toModel.local = local_;
  toModel.model = model_;
  toModel.Run();
  SkinningPaletteJob{model_, skeleton_->inverseBind(), palette_}.Run();
}

}  // namespace formviz::anim
