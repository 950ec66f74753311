// [SECTION] Posing the reference body from coaching parameters, and measuring it back.
//
// Index:
//   [SECTION] Rig        the reference skeleton (bodygen's male_175) and its joint indices
//   [SECTION] Measures   joint angles as engine/form defines them (degrees)
//   [SECTION] Keys       a key pose solved into joint-level parameters (KeySolution)
//   [SECTION] Frames     one frame between two keys: interpolate, place the body, IK the planted feet
//
// A key pose is solved once (solveKey): the pelvis pitch that gives the trunk inclination,
// per leg the thigh angles that give the hip flexion (and the FPPA, and for a planted foot
// the lateral foot position), and the body's position from the anchor foot. Frames between
// keys interpolate those joint-level parameters and re-place the body on the anchor foot,
// then pull every other planted foot to its spot with the two-bone IK of engine/anim, so
// planted feet stay exactly put. Offline only.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "anim/sampling.h"
#include "anim/skeleton.h"
#include "source.h"

namespace formviz::clipbake {

// [SECTION] Rig

struct Rig {
  anim::Skeleton skeleton;
  std::vector<glm::vec3> rest;  // model-space rest position of every joint
  int hips = -1, spine = -1, chest = -1, upperChest = -1, neck = -1, head = -1;
  struct Leg {
    int upper = -1, lower = -1, foot = -1, toes = -1;
  };
  struct Arm {
    int shoulder = -1, upper = -1, lower = -1, hand = -1, middleProximal = -1;
  };
  std::array<Leg, 2> legs;
  std::array<Arm, 2> arms;
  float trunkRestTilt = 0.0f;  // radians the rest trunk line (hips -> neck) leans back

  // The reference body the clips are baked on: bodygen's male_175.
  static const Rig& reference();
};

// [SECTION] Measures

// Joint angles of one frame, degrees, with engine/form's definitions (see pose.cpp).
struct Angles {
  float trunkInclination = 0.0f;
  // The trunk line projected on the sagittal plane, from up toward forward (+): what a lying
  // pose's trunk.inclination means before the roll (a side lean or a twist does not count).
  float trunkSagittal = 0.0f;
  std::array<float, 2> hip{}, knee{}, ankle{}, fppa{};
  std::array<float, 2> shoulder{}, elbow{};
};
Angles measure(const Rig& rig, std::span<const glm::mat4> model);

// An arm raised past 90 degrees of flexion gives back this share of its humerus' axial twist
// (against the shortest swing from the rest in the chest's frame), ramped in from 90 to 180
// degrees; the forearm gives back half as much (see build in pose.cpp).
inline constexpr float kArmUntwist = 0.75f;

// [SECTION] Keys

// Per leg: the joint-level parameters the solver found.
struct LegSolution {
  float theta = 0.0f;      // thigh's sagittal angle from straight down in the leg frame, degrees
  float abduction = 0.0f;  // degrees
  float knee = 0.0f;       // degrees
  float kneeTrack = 0.0f;  // degrees
  float valgus = 0.0f;     // rotation of the knee about the hip-ankle line, degrees, + medial
  float ankle = 0.0f;      // free feet: dorsiflexion against the shank
};

struct KeySolution {
  PoseParams params;     // the source's pose (feet, contacts, arms, trunk)
  float pelvisPitch = 0.0f;  // degrees about the pelvis's lateral axis
  std::array<LegSolution, 2> legs{};
  glm::vec3 pelvis{0.0f};    // model-space position of the hips joint (before a lying body's roll)
  float roll = 0.0f;         // lying: the solved roll, degrees (see BodyParams)
  int anchor = -1;
  anim::Pose local;          // the solved pose
  std::vector<glm::mat4> model;
};

// Solves one key pose. Errors (a planted leg that cannot keep its source angles, a leg that
// cannot reach, a check value that disagrees) name `where` (file and JSON path).
Result<KeySolution> solveKey(const Rig& rig, const PoseParams& pose, const std::string& where);

// [SECTION] Frames

// The pose a fraction `u` (already eased, in [0, 1]) of the way from key `a` to key `b`.
// u = 0 and u = 1 return the keys' own poses exactly.
anim::Pose interpolateKeys(const Rig& rig, const KeySolution& a, const KeySolution& b, float u);

// Model matrices of a local pose on the rig.
std::vector<glm::mat4> modelOf(const Rig& rig, std::span<const anim::Transform> local);

// The floor point of a planted foot's ball (Toes joint), from its parameters.
glm::vec3 ballTarget(const Rig& rig, const FootParams& foot, int side);

// Where a support touches the floor in a posed frame (see SupportPoint), metres.
glm::vec3 supportPoint(const Rig& rig, std::span<const glm::mat4> model, const Support& support);

// The name of a support in engine/form's contact style ("leftElbow", ...) and the joint it hangs from.
std::string supportName(const Support& support);
int supportJoint(const Rig& rig, const Support& support);

}  // namespace formviz::clipbake
