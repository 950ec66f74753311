#include "anim/character.h"

#include <algorithm>

#include <cassert>

#include "anim/blending.h"
#include "anim/ik.h"
#include "anim/mirror.h"

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
  computePins();
}

void Character::clearClip() {
  clip_ = nullptr;
  clipSkeleton_ = nullptr;
  pins_.clear();
}

void Character::setMirrored(bool on) {
  mirrored_ = on;
  if (on && mirrorOf_.empty()) {
    mirrorOf_ = mirrorJoints(*skeleton_);
    mirrorScratch_.resize(local_.size());
  }
  computePins();
}

void Character::setContactPinning(bool on) {
  pinning_ = on;
  computePins();
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

void Character::samplePose(float time, bool fade) {
  if (!clip_) {
    const auto rest = skeleton_->restPose();
    std::copy(rest.begin(), rest.end(), local_.begin());
  } else if (clipSkeleton_ == skeleton_) {
    SampleJob{clip_, time, &cache_, local_}.Run();
  } else {
    SampleJob{clip_, time, &cache_, clipPose_}.Run();
    RetargetJob{skeleton_, &map_, clipPose_, local_, rootScale_}.Run();
  }
  if (mirrored_ && clip_) {
    MirrorPoseJob{mirrorOf_, local_, mirrorScratch_}.Run();
    std::swap(local_, mirrorScratch_);
  }
  if (fade && fading()) {
    const float u = fadeElapsed_ / fadeSeconds_;
    CrossFadeJob{fadeFrom_, local_, u * u * (3.0f - 2.0f * u), {}, local_}.Run();
  }
  LocalToModelJob toModel;
  toModel.skeleton = skeleton_;
  toModel.local = local_;
  toModel.model = model_;
  toModel.Run();
}

namespace {
// Model-space rest height (y) of every joint.
std::vector<float> restHeights(const Skeleton& skeleton) {
  std::vector<glm::mat4> model(static_cast<std::size_t>(skeleton.jointCount()));
  LocalToModelJob job;
  job.skeleton = &skeleton;
  job.local = skeleton.restPose();
  job.model = model;
  job.Run();
  std::vector<float> heights(model.size());
  for (std::size_t j = 0; j < model.size(); ++j) heights[j] = model[j][3].y;
  return heights;
}
}  // namespace

void Character::computePins() {
  pins_.clear();
  if (!pinning_ || !clip_ || clipSkeleton_ == skeleton_ || clip_->contacts().empty()) return;
  const std::vector<float> ours = restHeights(*skeleton_), theirs = restHeights(*clipSkeleton_);
  // Sampling the span starts below overwrites the pose: keep the one shown until evaluate().
  const Pose shownLocal = local_;
  const std::vector<glm::mat4> shownModel = model_;
  for (const ContactSpan& span : clip_->contacts()) {
    // Only a foot's ball is pinned (the leg above its ankle is the chain); a lying body's
    // supports and IK'd hands have no such chain (the one above an elbow is the spine's).
    if (!span.point.empty()) continue;
    Pin pin;
    // A mirrored clip plants the other side's joint where the clip plants this one.
    pin.joint = skeleton_->findJoint(mirrored_ ? mirrorJointName(span.joint) : span.joint);
    const int source = clipSkeleton_->findJoint(span.joint);
    if (pin.joint < 0 || source < 0) continue;
    // The leg above the planted joint: its parent (ankle), knee and hip.
    pin.end = skeleton_->parent(pin.joint);
    pin.mid = pin.end >= 0 ? skeleton_->parent(pin.end) : -1;
    pin.start = pin.mid >= 0 ? skeleton_->parent(pin.mid) : -1;
    if (!isValidChain(*skeleton_, TwoBoneChain{pin.start, pin.mid, pin.end})) continue;
    pin.from = span.start;
    pin.to = span.end;
    samplePose(span.start, false);  // the clip's own pose, no cross-fade
    const glm::vec3 here(model_[static_cast<std::size_t>(pin.joint)][3]);
    const float surface = span.position.y - theirs[static_cast<std::size_t>(source)];
    pin.anchor = glm::vec3(here.x, surface + ours[static_cast<std::size_t>(pin.joint)], here.z);
    pin.sliding = span.to.has_value();
    pins_.push_back(pin);
  }
  local_ = shownLocal;
  model_ = shownModel;
}

void Character::applyPins(float time) {
  const float duration = clip_->duration();
  // Per planted joint, the pin with the largest weight at `time` (1 inside a span).
  for (std::size_t i = 0; i < pins_.size(); ++i) {
    const Pin& pin = pins_[i];
    bool first = true;  // handle each joint once, at its first pin
    for (std::size_t k = 0; k < i; ++k) first = first && pins_[k].joint != pin.joint;
    if (!first) continue;
    const Pin* best = nullptr;
    float bestWeight = 0.0f;
    for (std::size_t k = i; k < pins_.size(); ++k) {
      const Pin& p = pins_[k];
      if (p.joint != pin.joint) continue;
      float w = 0.0f;
      if (time >= p.from && time <= p.to) w = 1.0f;
      else if (time > p.to && p.to < duration - 1e-4f && time < p.to + kPinBlend) w = 1.0f - (time - p.to) / kPinBlend;
      else if (time < p.from && p.from > 1e-4f && time > p.from - kPinBlend) w = 1.0f - (p.from - time) / kPinBlend;
      w = w * w * (3.0f - 2.0f * w);  // smoothstep
      if (w > bestWeight) {
        bestWeight = w;
        best = &p;
      }
    }
    if (best == nullptr) continue;
    PinJointJob job;
    job.skeleton = skeleton_;
    job.chain = TwoBoneChain{best->start, best->mid, best->end};
    job.joint = best->joint;
    job.target = best->anchor;
    // A sliding foot (a travelling move baked in place) keeps the clip's path along the floor:
    // only its height is held, on the surface (docs/FORM.md, planted feet on other bodies).
    if (best->sliding) {
      const glm::vec3 now(model_[static_cast<std::size_t>(best->joint)][3]);
      job.target = glm::vec3(now.x, best->anchor.y, now.z);
    }
    job.weight = bestWeight;
    job.local = local_;
    job.model = model_;
    job.Run();
  }
}

void Character::evaluate(float time) {
  samplePose(time, true);
  if (!pins_.empty()) applyPins(time);
  SkinningPaletteJob{model_, skeleton_->inverseBind(), palette_}.Run();
}

}  // namespace formviz::anim
