// [SECTION] Inverse kinematics: analytic two-bone IK and foot/hand contact constraints.
//
// Positions are in model space (whatever space the model matrices are in: include the
// character's world transform in LocalToModelJob::root to work in world space). Joints may
// have uniform scale; non-uniform scale on the chain is not supported (rotations are read
// from normalised matrix columns). Jobs own no buffers.
#pragma once

#include <optional>
#include <span>

#include "anim/skeleton.h"

namespace formviz::anim {

// Solves a start-mid-end chain (hip-knee-ankle, shoulder-elbow-wrist) so that the end
// joint reaches `target`, with the mid joint bending in the plane that contains `pole`.
// The result is two local-space rotations to post-multiply onto the start and mid joints'
// local rotations (pose[start].rotation *= startCorrection, same for mid). The mid joint
// only bends about its current bend axis, so a knee stays a hinge.
// A target beyond reach (farther than the two bone lengths added) gives a straight limb
// pointing at the target; one closer than |upper - lower| gives the tightest fold.
struct TwoBoneIkJob {
  glm::mat4 start{1.0f};  // model matrix of the start joint (hip, shoulder)
  glm::mat4 mid{1.0f};    // model matrix of the mid joint (knee, elbow)
  glm::mat4 end{1.0f};    // model matrix of the end joint (ankle, wrist)
  glm::vec3 target{0.0f}; // where the end joint should be
  glm::vec3 pole{0.0f};   // a point in front of the knee / behind the elbow
  float weight = 1.0f;    // [0, 1], clamped: 0 leaves the pose, 1 solves fully
  glm::quat* startCorrection = nullptr;  // required output
  glm::quat* midCorrection = nullptr;    // required output
  bool* reached = nullptr;               // optional output: the target was within reach

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

// Joint indices of a two-bone chain; `mid` is a descendant of `start`, `end` of `mid`.
struct TwoBoneChain {
  int start = -1;
  int mid = -1;
  int end = -1;
};

// True when the indices are joints of `skeleton` and form a descending chain.
bool isValidChain(const Skeleton& skeleton, const TwoBoneChain& chain);

// A pole that keeps the chain's current bend plane: the mid joint pushed away from the
// start-end line by one upper-bone length. Falls back to mid + `fallback` when straight.
glm::vec3 currentPole(std::span<const glm::mat4> model, const TwoBoneChain& chain, const glm::vec3& fallback);

// Runs TwoBoneIkJob on `chain`, applies the corrections to `local` and refreshes the model
// matrices of the start joint's subtree (using `root` as LocalToModelJob does).
// Returns false when the chain or spans are invalid; `reached` tells whether the target was
// within reach.
bool solveTwoBoneIk(const Skeleton& skeleton, const TwoBoneChain& chain, const glm::vec3& target,
                    const glm::vec3& pole, float weight, std::span<Transform> local, std::span<glm::mat4> model,
                    const glm::mat4& root = glm::mat4(1.0f), bool* reached = nullptr);

// Moves a limb so that a planted joint at or below its end (the ball of the foot: the Toes
// joint under the ankle) reaches `target`, keeping the end joint's model-space rotation (the
// foot keeps the clip's tilt, so a heel raised about the ball stays raised). The whole foot is
// translated by IK on the chain: the ankle goes where the ball's offset puts it. `weight` in
// [0, 1] blends the ankle's goal from where the clip put it (0) to the pinned spot (1). A goal
// beyond 0.9995 of the chain's reach is pulled inside it (off the straight-limb singularity);
// for a limb already straighter than that, in proportion to `weight`, so weight -> 0 changes
// the pose continuously toward nothing.
// Used by anim::Character to pin a clip's planted contacts on another body.
struct PinJointJob {
  const Skeleton* skeleton = nullptr;  // required
  TwoBoneChain chain;                  // hip-knee-ankle (isValidChain)
  int joint = -1;                      // the planted joint: chain.end or one of its descendants
  glm::vec3 target{0.0f};              // model space, metres
  float weight = 1.0f;                 // clamped to [0, 1]
  std::span<Transform> local;          // the pose, updated in place (chain start, mid and end)
  std::span<glm::mat4> model;          // its model matrices, refreshed for the chain's subtree
  // Where the mid joint bends toward (TwoBoneIkJob::pole): e.g. an elbow's own pinned spot when
  // the hand of a forearm on the floor is pinned. None = keep the chain's current bend plane.
  std::optional<glm::vec3> pole;

  bool Validate() const;
  bool Run() const;  // false (changing nothing) when Validate() fails
};

// Turns one bone about its start joint so that its end joint (`joint`, a child of `start`) moves
// toward `target`, by the shortest arc; `joint` keeps its model-space rotation, so what hangs
// under it keeps its direction (a forearm lying on the floor stays flat when the upper arm turns
// to put the elbow back on its spot; a shin keeps its slope when the thigh puts the knee back).
// The bone keeps its length: the joint reaches the point of the sphere around `start` nearest
// the target (exactly the target when it is at bone length from `start`). Used by
// anim::Character to pin an elbow or a knee resting on the floor.
struct AimBoneJob {
  const Skeleton* skeleton = nullptr;  // required
  int start = -1;                      // the bone's start joint (shoulder: upperArm; hip: upperLeg)
  int joint = -1;                      // its child, moved onto the target (lowerArm, lowerLeg)
  glm::vec3 target{0.0f};              // model space, metres
  float weight = 1.0f;                 // clamped to [0, 1]: the share of the turn applied
  std::span<Transform> local;          // updated in place (start and joint)
  std::span<glm::mat4> model;          // refreshed for start's subtree

  bool Validate() const;  // joint's parent is start, both in range, spans as large as the skeleton
  bool Run() const;       // false (changing nothing) when Validate() fails
};

// Keeps a planted foot or hand where it touched down while a clip authored on a body of
// other proportions drives this skeleton. Call update() once a frame after the model
// matrices are computed: on the frame `inContact` turns true the end joint's position is
// recorded as the anchor; while it stays true IK pulls the end joint back to the anchor
// (within 1 mm when reachable); when it turns false the limb follows the clip again.
struct ContactConstraint {
  TwoBoneChain chain;
  bool planted = false;
  glm::vec3 anchor{0.0f};  // model-space position held while planted

  // Plants at an explicit position (e.g. on the floor) instead of the current one.
  void plantAt(const glm::vec3& position) {
    planted = true;
    anchor = position;
  }
  void release() { planted = false; }

  // Returns true when IK was applied this frame. `pole` as for TwoBoneIkJob.
  bool update(bool inContact, const Skeleton& skeleton, std::span<Transform> local, std::span<glm::mat4> model,
              const glm::vec3& pole, const glm::mat4& root = glm::mat4(1.0f));
};

}  // namespace formviz::anim
