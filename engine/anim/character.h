// [SECTION] Character: one skeleton posed each frame, from a clip or its rest pose.
//
// Chains the jobs in the usual order: sample the clip (on its own skeleton) -> retarget by
// joint name when that skeleton is not the character's -> local to model -> pin planted
// contacts (retargeted clips only, see below) -> skinning palette. Owns its buffers (allocated when the skeleton or clip is set, never per frame).
// The skeleton and clip are borrowed and must outlive the character or the next setClip().
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "anim/clip.h"
#include "anim/ik.h"
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
  // The scale of the clip's world on this body (anim::bodyScale: this body's hip height over
  // the clip body's; 1 without a clip): the hips' path, the surfaces of planted contacts and
  // the props placed in the world all scale by it.
  float worldScale() const { return rootScale_; }

  // Poses the character at `time` seconds on the clip (the rest pose without a clip).
  void evaluate(float time);

  // Cross-fade into the clip from `from` (a local pose of this skeleton, e.g. the last pose of
  // the clip shown before) over `seconds` (> 0; smoothstep-eased), so switching between the
  // correct clip and a mistake blends instead of jumping. Ignored when `from` does not have one
  // transform per joint. advanceFade() moves the fade on; evaluate() applies it.
  void fadeFrom(std::span<const Transform> from, float seconds);
  void advanceFade(float seconds);
  bool fading() const { return fadeElapsed_ < fadeSeconds_; }

  // Contact pinning. A clip made on another body (a retargeted preset) keeps the author's
  // joint rotations, so limbs of other proportions move planted contacts (feet up to ~3.5 cm
  // on female_160) and put supports through the floor. With pinning on (the default):
  //  - The clip's world is scaled by worldScale() (bodyScale: the hip-height ratio, about the
  //    leg-length ratio): the hips' path, the contact spots and the surfaces they are on, as
  //    the app scales the props placed in the world. Every Clip::contacts() span whose joint
  //    this skeleton has gets a Pin with its anchor there: a ball of a foot ("leftToes", no
  //    `point`) at the scaled surface height + this foot's ball height; a supporting limb
  //    joint (elbow, hand, knee, foot edge) at the clip's height over the floor (the limb's
  //    radius); a pelvis support ("hip") at its scaled height.
  //  - Each evaluate() first moves the body (the root joints' translation) by what the pins in
  //    force lack in common: per pin, where the clip has its joint now (scaled) less where this
  //    body has it; per axis the weighted mean shortened by the weighted mean deviation, never
  //    past zero. Where the pins agree (both feet of a squat) the clip's joint angles carry
  //    over whole instead of being re-bent by IK; where they disagree (a lunge's two feet) the
  //    limbs share the rest. A pelvis support, which no limb can move, places the body outright.
  //  - Then each limb is put on its spot: a ball, hand or foot edge by two-bone IK on the leg or
  //    arm (PinJointJob; the foot or hand keeps the clip's model rotation, so a raised heel
  //    stays raised; bending toward the elbow's or knee's own spot when that is pinned too), a
  //    lone elbow or knee by turning the upper arm or thigh (AimBoneJob). A sliding span holds
  //    only its height.
  //  - Last, the floor guards: a foot that is planted somewhere in the clip is, while free, no
  //    lower than the clip has its ball and ankle; a hand, elbow or knee the clip brings within
  //    kLimbGuardReach of the floor is no lower than the lowest the clip has it, lifted by its
  //    arm or thigh, or, when its bone cannot lift it (an upper arm hanging straight down), by
  //    pivoting the body about its planted feet. The foot guards work whenever the foot's pin is
  //    not at full weight (also with no pin in force at all); a hand, elbow or knee guard is
  //    eased in as its pin fades out (by 1 - the pin's weight), so it takes over without a jump.
  // Pins fade in over kPinBlend seconds before a span and out after it (smoothstep), and the
  // body's move with them, so nothing jumps. What fades is the pin's correction, not its spot:
  // outside the span the limb is drawn, with the pin's weight, toward where the clip has the
  // joint now (mapped as the anchor is) plus the anchor's offset from where the clip had it at
  // the span's edge (Pin::shiftIn, shiftOut; ~0 where the clip holds its contact still). A foot leaving the floor or about to land follows the clip's path
  // instead of being pulled back onto its floor spot (which straightened the jump squat's knee
  // by 3.6 degrees for 0.15 s after take-off and before landing on male_175, the clip's own
  // proportions, where the pins should correct nothing and now leave every joint within 1 mm of
  // the clip's). Evaluation stays a pure function of time (anchors
  // and guards are computed in setClip()). On the clip's own skeleton object nothing is pinned:
  // the clip already holds its contacts (a preset loaded from models/ is another object, so
  // male_175 is pinned too, with scale 1 and nothing to correct).
  static constexpr float kPinBlend = 0.15f;  // seconds
  void setContactPinning(bool on);

  // Plays the clip mirrored left to right (anim/mirror.h), e.g. a single-leg clip made for the
  // left leg shown on the right. Contacts are pinned on the mirrored joints.
  void setMirrored(bool on);
  bool mirrored() const { return mirrored_; }
  bool contactPinning() const { return pinning_; }
  // The pinned spots, one per contact span pinned on this body (for tests and overlays).
  struct Pin {
    // What holds the joint on its spot after the body has moved: a two-bone chain (start, mid,
    // end: hip-knee-ankle for a foot's ball or its edge, shoulder-elbow-wrist for a hand), one
    // bone turning about `start` (the upper arm for an elbow, the thigh for a knee), or only
    // the body (the side of the pelvis).
    enum class Limb { TwoBone, OneBone, Body };
    Limb limb = Limb::TwoBone;
    int joint = -1;            // the planted joint (our skeleton)
    int start = -1, mid = -1;  // the chain's start and mid joints (OneBone: start only)
    int end = -1;              // the chain's end: parent(joint) for a ball, else the joint itself
    float from = 0.0f, to = 0.0f;  // seconds: the span
    glm::vec3 anchor{0.0f};        // model space, metres
    bool sliding = false;          // a sliding span (ContactSpan::to): only anchor.y is held
    int source = -1;               // the joint on the clip's skeleton (unmirrored)
    // The anchor from the clip's joint: anchor = clip position * (s, heightScale, s) + (0, lift, 0)
    // (s = worldScale(); x negated when mirrored): for a ball heightScale = s and lift = this
    // foot's ball height - s * the clip foot's; for a supporting joint 1 and 0.
    float heightScale = 1.0f, lift = 0.0f;
    // The pin's correction at the span's start and end: anchor less where the clip has the joint
    // then (mapped as above). While the pin fades in or out it carries the joint along the clip's
    // path (mapped) plus this, so a foot leaving or nearing the floor is not pulled onto its spot;
    // ~0 where the clip holds its contact still (a sliding span: only y is used).
    glm::vec3 shiftIn{0.0f}, shiftOut{0.0f};
  };
  std::span<const Pin> pins() const { return pins_; }

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
  std::vector<glm::mat4> clipModel_;  // its model matrices (while pins are in force)
  Pose local_;
  Pose fadeFrom_;
  float fadeSeconds_ = 0.0f, fadeElapsed_ = 0.0f;
  std::vector<glm::mat4> model_;
  std::vector<glm::mat4> palette_;
  bool pinning_ = true;
  bool mirrored_ = false;
  std::vector<int> mirrorOf_;  // filled the first time mirroring is switched on
  Pose mirrorScratch_;
  std::vector<Pin> pins_;
  struct Active {
    const Pin* pin;
    float weight;
    int edge = 0;  // 0: inside the span; -1: fading in before it; 1: fading out after it
    glm::vec3 miss{0.0f};  // where the clip has the joint now, less where this body has it
    glm::vec3 target{0.0f};  // where the limb is solved toward with `weight` (the anchor inside the span)
  };
  std::vector<Active> active_;
  struct Guard {  // a leg kept above the floor while its foot is free
    int ball = -1;
    TwoBoneChain chain;
    int sourceBall = -1, sourceAnkle = -1;  // on the clip's skeleton
    float ballLift = 0.0f, ankleLift = 0.0f;  // this body's rest height - worldScale * the clip body's
  };
  std::vector<Guard> guards_;
  // A hand, elbow or knee the clip brings down to the floor is never lower than the lowest the
  // clip has it (on another body its arms or thighs would put it through the floor): lifted by
  // the arm's two-bone IK (a hand, keeping its rotation) or by turning the upper arm or thigh
  // (AimBoneJob), after the pins.
  static constexpr float kLimbGuardReach = 0.10f;  // metres: joints the clip brings lower are guarded
  // Metres a guarded joint may be lower than its floor before it is lifted: float noise on the
  // clip's own proportions (a joint exactly where the clip has it reads up to ~1e-6 low) must
  // not start a lift, whose IK bends a limb the clip holds straight (PinJointJob keeps 0.9995
  // of the reach: 8.7 mm at the elbow) and lets it snap back a frame later.
  static constexpr float kGuardSlack = 1e-4f;
  struct LimbGuard {
    enum class Kind { Hand, Elbow, Knee };
    Kind kind = Kind::Hand;
    int joint = -1, start = -1, mid = -1;  // Hand: shoulder-elbow-wrist; Elbow, Knee: start = the bone's start
    int knuckle = -1;                      // Hand: the middle finger's first joint
    float floor = 0.0f, knuckleFloor = 0.0f;  // metres: the lowest the clip has them
  };
  std::vector<LimbGuard> limbGuards_;
  void computeLimbGuards();
  void applyLimbGuards();
  float held(const LimbGuard& g) const;
  float guardRaise(const LimbGuard& g) const;
  glm::vec3 mapped(const Pin& pin, const glm::vec3& clipped) const;
  void solveTwoBonePin(const Active& a);  // per evaluate(): the pins in force (reserved in computePins())
  // PinJointJob / AimBoneJob on this character's pose (weight 1: all the way).
  void placeOnChain(const TwoBoneChain& chain, int joint, const glm::vec3& target, float weight = 1.0f,
                    std::optional<glm::vec3> pole = std::nullopt);
  void aimBone(int start, int joint, const glm::vec3& target, float weight = 1.0f);

  void samplePose(float time, bool fade);  // clip (or rest) [-> cross-fade] -> local_ -> model_
  void computePins();
  void applyPins(float time);       // steps 1 and 2: the body, the limbs; fills active_ and clipModel_
  void applyFootGuards();           // step 3, after applyPins()
};

}  // namespace formviz::anim
