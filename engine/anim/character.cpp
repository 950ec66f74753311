#include "anim/character.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <limits>

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
  rootScale_ = bodyScale(*skeleton_, clipSkeleton);
  cache_.resize(clip.jointCount());
  clipPose_ = restPose(clipSkeleton);
  clipModel_.resize(static_cast<std::size_t>(clipSkeleton.jointCount()));
  computePins();
}

void Character::clearClip() {
  clip_ = nullptr;
  rootScale_ = 1.0f;
  clipSkeleton_ = nullptr;
  pins_.clear();
  active_.clear();
  guards_.clear();
  limbGuards_.clear();
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
// Lowest height (y) of each of `joints` (clip skeleton indices, -1 = none) over the clip played
// on its own skeleton, sampled at 30 per second and at the end.
std::vector<float> lowestHeights(const Skeleton& skeleton, const Clip& clip, std::span<const int> joints) {
  std::vector<float> lowest(joints.size(), std::numeric_limits<float>::infinity());
  SamplingCache cache(clip.jointCount());
  Pose pose = restPose(skeleton);
  std::vector<glm::mat4> model(static_cast<std::size_t>(skeleton.jointCount()));
  const int frames = static_cast<int>(std::ceil(clip.duration() * 30.0f));
  for (int f = 0; f <= frames; ++f) {
    SampleJob{&clip, std::min(static_cast<float>(f) / 30.0f, clip.duration()), &cache, pose}.Run();
    LocalToModelJob toModel;
    toModel.skeleton = &skeleton;
    toModel.local = pose;
    toModel.model = model;
    toModel.Run();
    for (std::size_t k = 0; k < joints.size(); ++k)
      if (joints[k] >= 0) lowest[k] = std::min(lowest[k], model[static_cast<std::size_t>(joints[k])][3].y);
  }
  return lowest;
}
// Model matrices of `skeleton` posed by `clip` at `time` seconds.
std::vector<glm::mat4> clipModelAt(const Skeleton& skeleton, const Clip& clip, float time) {
  SamplingCache cache(clip.jointCount());
  Pose pose = restPose(skeleton);
  SampleJob{&clip, time, &cache, pose}.Run();
  std::vector<glm::mat4> model(static_cast<std::size_t>(skeleton.jointCount()));
  LocalToModelJob toModel;
  toModel.skeleton = &skeleton;
  toModel.local = pose;
  toModel.model = model;
  toModel.Run();
  return model;
}
}  // namespace

// Where the clip has `pin`'s joint (clip model space, metres) in this body's world: the clip's
// world scaled (x negated when mirrored), heights as the pin's anchor maps them.
glm::vec3 Character::mapped(const Pin& pin, const glm::vec3& clipped) const {
  glm::vec3 there = clipped * glm::vec3(mirrored_ ? -rootScale_ : rootScale_, 1.0f, rootScale_);
  there.y = clipped.y * pin.heightScale + pin.lift;
  return there;
}

void Character::computePins() {
  pins_.clear();
  active_.clear();
  guards_.clear();
  limbGuards_.clear();
  if (!pinning_ || !clip_ || clipSkeleton_ == skeleton_) return;
  computeLimbGuards();
  if (clip_->contacts().empty()) return;
  const std::vector<float> ours = restHeights(*skeleton_), theirs = restHeights(*clipSkeleton_);
  // The clip's world on this body, mirrored with the clip.
  const glm::vec3 world = glm::vec3(mirrored_ ? -rootScale_ : rootScale_, 1.0f, rootScale_);
  for (const ContactSpan& span : clip_->contacts()) {
    Pin pin;
    // A mirrored clip plants the other side's joint where the clip plants this one.
    pin.joint = skeleton_->findJoint(mirrored_ ? mirrorJointName(span.joint) : span.joint);
    const int source = clipSkeleton_->findJoint(span.joint);
    if (pin.joint < 0 || source < 0) continue;
    const auto parentOf = [&](int j) { return j >= 0 ? skeleton_->parent(j) : -1; };
    if (span.point.empty()) {  // the ball of a foot: the leg above its ankle
      pin.limb = Pin::Limb::TwoBone;
      pin.end = parentOf(pin.joint);
    } else if (span.point == "hand" || span.point == "foot") {  // the wrist, the ankle: the arm, the leg
      pin.limb = Pin::Limb::TwoBone;
      pin.end = pin.joint;
    } else if (span.point == "elbow" || span.point == "knee") {  // the upper arm, the thigh turns
      pin.limb = Pin::Limb::OneBone;
      pin.start = parentOf(pin.joint);
    } else {  // "hip" (the side of the pelvis), or anything else: only the body moves
      pin.limb = Pin::Limb::Body;
    }
    if (pin.limb == Pin::Limb::TwoBone) {
      pin.mid = parentOf(pin.end);
      pin.start = parentOf(pin.mid);
      if (!isValidChain(*skeleton_, TwoBoneChain{pin.start, pin.mid, pin.end})) continue;
    }
    if (pin.limb == Pin::Limb::OneBone && pin.start < 0) continue;
    pin.from = span.start;
    pin.to = span.end;
    const glm::vec3 spot = span.position * world;
    if (span.point.empty()) {
      // A foot's ball stands on a surface (0 for the floor, a box's top) that scales with the
      // body, as the props do; the ball's own height over it is this body's foot's.
      const float surface = (span.position.y - theirs[static_cast<std::size_t>(source)]) * rootScale_;
      pin.anchor = glm::vec3(spot.x, surface + ours[static_cast<std::size_t>(pin.joint)], spot.z);
    } else if (pin.limb == Pin::Limb::Body) {
      // The side of the pelvis: its height over the floor is half the pelvis's width, which
      // scales with the body like everything else in the clip's world.
      pin.anchor = span.position * glm::vec3(world.x, rootScale_, world.z);
    } else {
      // A supporting limb joint keeps the clip's height over the floor: the limb's thickness
      // there (engine/form's elbow, palm and knee radii are the same on every body).
      pin.anchor = spot;
    }
    pin.sliding = span.to.has_value();
    pin.source = source;
    pin.heightScale = span.point.empty() || pin.limb == Pin::Limb::Body ? rootScale_ : 1.0f;
    pin.lift = pin.anchor.y - span.position.y * pin.heightScale;
    // The correction at the span's edges (what fades in before it and out after it).
    const auto at = [&](float time) {
      return mapped(pin, glm::vec3(clipModelAt(*clipSkeleton_, *clip_, time)[static_cast<std::size_t>(source)][3]));
    };
    pin.shiftIn = pin.anchor - at(pin.from);
    pin.shiftOut = pin.anchor - at(pin.to);
    pins_.push_back(pin);
  }
  active_.reserve(pins_.size());
  // Every leg with a planted ball somewhere in the clip is guarded against the floor while it is
  // free (see applyPins).
  for (const Pin& pin : pins_) {
    if (pin.limb != Pin::Limb::TwoBone || pin.end == pin.joint) continue;  // balls only
    bool known = false;
    for (const Guard& g : guards_) known = known || g.ball == pin.joint;
    if (known) continue;
    Guard g;
    g.ball = pin.joint;
    g.chain = TwoBoneChain{pin.start, pin.mid, pin.end};
    g.sourceBall = pin.source;
    g.sourceAnkle = clipSkeleton_->parent(pin.source);
    if (g.sourceAnkle < 0) continue;
    const auto at = [](const std::vector<float>& h, int j) { return h[static_cast<std::size_t>(j)]; };
    g.ballLift = at(ours, g.ball) - at(theirs, g.sourceBall) * rootScale_;
    g.ankleLift = at(ours, pin.end) - at(theirs, g.sourceAnkle) * rootScale_;
    guards_.push_back(g);
  }
}

void Character::computeLimbGuards() {
  // Hands (wrist and middle knuckle), elbows and knees the clip puts within kLimbGuardReach of
  // the floor at some time: resting on it (a plank's forearms, a bird dog's hands and knees, a
  // bridge's arms) or about to.
  struct Candidate {
    const char* joint;
    const char* knuckle;  // hands: the second point kept up
    LimbGuard::Kind kind;
  };
  static constexpr Candidate kCandidates[] = {
      {"leftHand", "leftMiddleProximal", LimbGuard::Kind::Hand},   {"rightHand", "rightMiddleProximal", LimbGuard::Kind::Hand},
      {"leftLowerArm", nullptr, LimbGuard::Kind::Elbow},           {"rightLowerArm", nullptr, LimbGuard::Kind::Elbow},
      {"leftLowerLeg", nullptr, LimbGuard::Kind::Knee},            {"rightLowerLeg", nullptr, LimbGuard::Kind::Knee},
  };
  std::vector<int> sources;
  for (const Candidate& c : kCandidates) {
    sources.push_back(clipSkeleton_->findJoint(c.joint));
    sources.push_back(c.knuckle ? clipSkeleton_->findJoint(c.knuckle) : -1);
  }
  const std::vector<float> lowest = lowestHeights(*clipSkeleton_, *clip_, sources);
  for (std::size_t i = 0; i < std::size(kCandidates); ++i) {
    const Candidate& c = kCandidates[i];
    const float low = lowest[2 * i];
    if (!(low < kLimbGuardReach)) continue;
    const auto ours = [&](const char* name) {
      return skeleton_->findJoint(mirrored_ ? mirrorJointName(name) : std::string(name));
    };
    LimbGuard g;
    g.kind = c.kind;
    g.joint = ours(c.joint);
    g.start = g.joint >= 0 ? skeleton_->parent(g.joint) : -1;
    if (g.start < 0) continue;
    g.floor = low;
    if (c.kind == LimbGuard::Kind::Hand) {
      g.mid = g.start;  // the forearm: lowerArm
      g.start = skeleton_->parent(g.mid);
      g.knuckle = ours(c.knuckle);
      g.knuckleFloor = lowest[2 * i + 1];
      if (!isValidChain(*skeleton_, TwoBoneChain{g.start, g.mid, g.joint})) continue;
    }
    limbGuards_.push_back(g);
  }
}

// How far a joint is held on its spot by a pin, or a knee by its planted foot (the largest such
// pin weight, 0..1): a held joint is left to the pins, and while its pin fades in or out the
// guard lifts it by (1 - that) of what it lacks, so the guard takes over continuously (it used
// to wait for the weight to reach 0: a bird dog's lifting hand on female_160, 14 mm low at the
// end of the fade, then moved its elbow 5 cm in one frame).
float Character::held(const LimbGuard& g) const {
  float weight = 0.0f;
  for (const Active& a : active_)
    if (a.pin->joint == g.joint || (g.kind == LimbGuard::Kind::Knee && a.pin->mid == g.joint)) weight = std::max(weight, a.weight);
  return weight;
}

// Metres the guarded joint (or a hand's knuckle) is below the lowest the clip has it; <= 0: none.
float Character::guardRaise(const LimbGuard& g) const {
  float raise = g.floor - jointPosition(g.joint).y;
  if (g.knuckle >= 0 && std::isfinite(g.knuckleFloor)) raise = std::max(raise, g.knuckleFloor - jointPosition(g.knuckle).y);
  return raise;
}

void Character::applyLimbGuards() {
  for (const LimbGuard& g : limbGuards_) {
    const float free = 1.0f - held(g);
    if (free <= 0.0f) continue;
    const glm::vec3 at = jointPosition(g.joint);
    const float raise = guardRaise(g) * free;
    if (raise <= kGuardSlack) continue;
    const glm::vec3 lifted = at + glm::vec3(0.0f, raise, 0.0f);
    if (g.kind == LimbGuard::Kind::Hand) placeOnChain(TwoBoneChain{g.start, g.mid, g.joint}, g.joint, lifted);
    else aimBone(g.start, g.joint, lifted);
  }
  // What the limb could not lift (an upper arm hanging straight under the shoulder cannot raise
  // its elbow: a plank's forearms) is lifted by pivoting the whole body about its planted feet,
  // about the horizontal axis across the line from the feet to those joints; the feet are then
  // pinned again. The joint angles stay the clip's; the body line tilts by about
  // asin(lift / distance) (~1.4 degrees for 3 cm over 1.3 m).
  float worst = 0.0f, raised = 0.0f;
  glm::vec3 worstAt(0.0f);  // where the joints still too low are, weighted by how low
  for (const LimbGuard& g : limbGuards_) {
    const float raise = guardRaise(g) * (1.0f - held(g));
    if (raise <= 0.0f) continue;
    worst = std::max(worst, raise);
    worstAt += raise * jointPosition(g.joint);
    raised += raise;
  }
  if (worst < 1e-4f) return;
  worstAt /= raised;
  glm::vec3 pivot(0.0f);
  float feet = 0.0f;
  for (const Active& a : active_)
    if (a.pin->limb == Pin::Limb::TwoBone && a.pin->end != a.pin->joint && !a.pin->sliding) {
      pivot += a.weight * a.target;
      feet += a.weight;
    }
  if (feet < 1e-3f) return;
  pivot /= feet;
  glm::vec3 along = worstAt - pivot;
  along.y = 0.0f;
  const float distance = glm::length(along);
  if (distance < 0.2f) return;  // the joint is over the feet: pivoting would not lift it
  const glm::vec3 axis = glm::normalize(glm::cross(along / distance, glm::vec3(0.0f, 1.0f, 0.0f)));
  const glm::quat turn = glm::angleAxis(std::asin(std::min(worst / distance, 0.5f)) * std::min(feet, 1.0f), axis);
  for (int j = 0; j < skeleton_->jointCount(); ++j) {
    if (skeleton_->parent(j) != kNoParent) continue;
    Transform& root = local_[static_cast<std::size_t>(j)];
    root.translation = pivot + turn * (root.translation - pivot);
    root.rotation = glm::normalize(turn * root.rotation);
  }
  LocalToModelJob toModel;
  toModel.skeleton = skeleton_;
  toModel.local = local_;
  toModel.model = model_;
  toModel.Run();
  for (const Active& a : active_)
    if (a.pin->limb == Pin::Limb::TwoBone) solveTwoBonePin(a);
}

void Character::solveTwoBonePin(const Active& a) {
  const Pin& pin = *a.pin;
  glm::vec3 target = a.target;
  // A sliding foot (a travelling move baked in place) keeps the clip's path along the floor:
  // only its height is held, on the surface (docs/FORM.md, planted feet on other bodies).
  if (pin.sliding) {
    const glm::vec3 now = jointPosition(pin.joint);
    target = glm::vec3(now.x, a.target.y, now.z);
  }
  std::optional<glm::vec3> pole;
  for (const Active& b : active_)
    if (b.pin->joint == pin.mid && b.pin->limb == Pin::Limb::OneBone) pole = b.target;
  placeOnChain(TwoBoneChain{pin.start, pin.mid, pin.end}, pin.joint, target, a.weight, pole);
}

void Character::placeOnChain(const TwoBoneChain& chain, int joint, const glm::vec3& target, float weight,
                             std::optional<glm::vec3> pole) {
  PinJointJob job;
  job.skeleton = skeleton_;
  job.chain = chain;
  job.joint = joint;
  job.target = target;
  job.weight = weight;
  job.pole = pole;
  job.local = local_;
  job.model = model_;
  job.Run();
}

void Character::aimBone(int start, int joint, const glm::vec3& target, float weight) {
  AimBoneJob job;
  job.skeleton = skeleton_;
  job.start = start;
  job.joint = joint;
  job.target = target;
  job.weight = weight;
  job.local = local_;
  job.model = model_;
  job.Run();
}

void Character::applyPins(float time) {
  const float duration = clip_->duration();
  // Per planted joint, the pin with the largest weight at `time` (1 inside a span).
  active_.clear();
  for (std::size_t i = 0; i < pins_.size(); ++i) {
    const Pin& pin = pins_[i];
    bool first = true;  // handle each joint once, at its first pin
    for (std::size_t k = 0; k < i; ++k) first = first && pins_[k].joint != pin.joint;
    if (!first) continue;
    const Pin* best = nullptr;
    float bestWeight = 0.0f;
    int bestEdge = 0;  // 0: inside the span; -1: fading in before it; 1: fading out after it
    for (std::size_t k = i; k < pins_.size(); ++k) {
      const Pin& p = pins_[k];
      if (p.joint != pin.joint) continue;
      float w = 0.0f;
      int edge = 0;
      if (time >= p.from && time <= p.to) {
        w = 1.0f;
      } else if (time > p.to && p.to < duration - 1e-4f && time < p.to + kPinBlend) {
        w = 1.0f - (time - p.to) / kPinBlend;
        edge = 1;
      } else if (time < p.from && p.from > 1e-4f && time > p.from - kPinBlend) {
        w = 1.0f - (p.from - time) / kPinBlend;
        edge = -1;
      }
      w = w * w * (3.0f - 2.0f * w);  // smoothstep
      if (w > bestWeight) {
        bestWeight = w;
        best = &p;
        bestEdge = edge;
      }
    }
    if (best != nullptr) active_.push_back({best, bestWeight, bestEdge, glm::vec3(0.0f), glm::vec3(0.0f)});
  }
  // Where the clip has its joints now (on the clip's body): what the pins and guards go by.
  LocalToModelJob clipToModel;
  clipToModel.skeleton = clipSkeleton_;
  clipToModel.local = clipPose_;
  clipToModel.model = clipModel_;
  clipToModel.Run();
  if (active_.empty()) return;

  // 1. The body: the root moves by what the active pins lack in common (a sliding foot only in
  // height), so the clip's joint angles carry over whole and the limbs below take what is left.
  // What a pin lacks is measured against where the clip puts its joint now (on the clip's body,
  // in the scaled world), not against the pin's spot: a foot about to land is still in the air
  // in the clip, and that height is the clip's motion, not a difference between the bodies.
  glm::vec3 mean(0.0f);
  float total = 0.0f;
  for (Active& a : active_) {
    const Pin& pin = *a.pin;
    // The pin's anchor while the clip holds the joint.
    const glm::vec3 there = mapped(pin, glm::vec3(clipModel_[static_cast<std::size_t>(pin.source)][3]));
    // Inside the span the limb goes onto the anchor. Fading in or out, only the correction fades:
    // the limb is drawn (with the pin's weight) toward where the clip has the joint now plus
    // the anchor's offset from where the clip had it at the span's edge, so a foot leaving the
    // floor or about to land follows the clip's path instead of being pulled onto its spot.
    a.target = a.edge == 0 ? pin.anchor : there + (a.edge < 0 ? pin.shiftIn : pin.shiftOut);
    a.miss = there - jointPosition(pin.joint);
    if (pin.sliding) a.miss = glm::vec3(0.0f, a.miss.y, 0.0f);
    mean += a.weight * a.miss;
    total += a.weight;
  }
  mean /= total;
  // Per axis the body moves only as far as the pins agree: the weighted mean shortened by the
  // weighted mean deviation from it, never past zero. Pins that miss alike (both feet of a squat)
  // move it all the way; two that disagree (a lunge's front foot wants the body higher, its rear
  // foot lower) move it to the smaller of the two or not at all, and the legs take the rest.
  // Continuous in the weights; pins fading in or out (total under 1) move it proportionally less.
  glm::vec3 spread(0.0f);
  for (const Active& a : active_) spread += a.weight * glm::abs(a.miss - mean);
  spread /= total;
  glm::vec3 offset(0.0f);
  for (int axis = 0; axis < 3; ++axis)
    offset[axis] = std::copysign(std::max(0.0f, std::abs(mean[axis]) - spread[axis]), mean[axis]) * std::min(total, 1.0f);
  // A joint only the body can move (the side of the pelvis of a body lying on it) has its way:
  // the body goes where those pins put it (their weighted mean), blended in with their weight.
  glm::vec3 bodyMiss(0.0f);
  float bodyWeight = 0.0f;
  for (const Active& a : active_)
    if (a.pin->limb == Pin::Limb::Body) {
      bodyMiss += a.weight * a.miss;
      bodyWeight += a.weight;
    }
  if (bodyWeight > 0.0f) offset = glm::mix(offset, bodyMiss / bodyWeight, std::min(bodyWeight, 1.0f));
  for (int j = 0; j < skeleton_->jointCount(); ++j)
    if (skeleton_->parent(j) == kNoParent) local_[static_cast<std::size_t>(j)].translation += offset;
  LocalToModelJob toModel;
  toModel.skeleton = skeleton_;
  toModel.local = local_;
  toModel.model = model_;
  toModel.Run();

  // 2. The limbs, each onto its spot: two-bone chains first (a pinned elbow or knee on the same
  // limb is the chain's pole, so the arm or leg bends toward it), then the single bones whose
  // limb no chain has solved.
  for (const Active& a : active_)
    if (a.pin->limb == Pin::Limb::TwoBone) solveTwoBonePin(a);
  for (const Active& a : active_) {
    const Pin& pin = *a.pin;
    if (pin.limb != Pin::Limb::OneBone) continue;
    bool solved = false;  // a two-bone pin below this joint already bent the limb toward it
    for (const Active& b : active_) solved = solved || (b.pin->limb == Pin::Limb::TwoBone && b.pin->mid == pin.joint);
    if (solved) continue;
    aimBone(pin.start, pin.joint, a.target, a.weight);
  }
}

// 3. A free foot is never lower over the floor than the clip has it (its ball and ankle heights
// mapped as a planted ball's are): on a body of other proportions, moving the body onto the
// planted foot can swing the other foot through the floor, which the clip's author kept clear.
// Also while no pin is in force (it once stopped then: bounding's free foot on female_160 fell
// 17 mm in one frame when the last pin had faded out).
void Character::applyFootGuards() {
  for (const Guard& g : guards_) {
    float pinned = 0.0f;
    for (const Active& a : active_)
      if (a.pin->joint == g.ball) pinned = a.weight;
    if (pinned >= 1.0f) continue;
    const float ballFloor = clipModel_[static_cast<std::size_t>(g.sourceBall)][3].y * rootScale_ + g.ballLift;
    const float ankleFloor = clipModel_[static_cast<std::size_t>(g.sourceAnkle)][3].y * rootScale_ + g.ankleLift;
    const glm::vec3 ball = jointPosition(g.ball);
    // Whole as soon as the ball's pin fades (weight < 1), so the foot is never lower than the
    // clip has it once it is free there. The price: inside a span the ball keeps the clip's foot
    // tilt, which on a foot of other proportions can leave the ankle under its mapped height
    // (female_160's raised heel at take-off: 4 mm in the jump squat, 5 in bounding), lifted in
    // one frame as the span ends (her jump-squat knee moves 25 mm between two frames at 240 Hz).
    const float raise = std::max(ballFloor - ball.y, ankleFloor - jointPosition(g.chain.end).y);
    if (raise <= kGuardSlack) continue;
    placeOnChain(g.chain, g.ball, ball + glm::vec3(0.0f, raise, 0.0f));
  }
}

void Character::evaluate(float time) {
  samplePose(time, true);
  if (!pins_.empty()) {
    applyPins(time);
    applyFootGuards();
  } else {
    active_.clear();
  }
  if (!limbGuards_.empty()) applyLimbGuards();
  SkinningPaletteJob{model_, skeleton_->inverseBind(), palette_}.Run();
}

}  // namespace formviz::anim
