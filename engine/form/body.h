// [SECTION] BodyRig: the FormViz body's joints looked up once by name, plus the rest-pose
// calibration the measures need.
//
// The form checker works on any skeleton that carries the VRM humanoid joint names of
// tools/bodygen (hips, spine, chest, upperChest, neck, head, {left,right}{Shoulder, UpperArm,
// LowerArm, Hand, MiddleProximal, UpperLeg, LowerLeg, Foot, Toes}). Extra joints are ignored.
// Joint positions: UpperLeg = hip joint centre, LowerLeg = knee, Foot = ankle, Toes = ball of
// the foot, UpperArm = shoulder joint, LowerArm = elbow, Hand = wrist, MiddleProximal = third
// metacarpal head (MET3).
//
// The rest pose must stand upright on the floor y = 0, facing +Z, feet flat (bodygen's A-pose
// does). From it BodyRig::bind() takes:
//   - the sole's forward and up directions in the Foot and Toes joints' local frames, so heel
//     and toe tip can be placed and ankle dorsiflexion measured against the sole;
//   - the rest tilt of the trunk line (hips -> neck), so that standing reads trunk 0 and hip 0,
//     and of the mid-hip -> mid-shoulder line, so that standing reads body line 180;
//   - default contact offsets (heel, toe tip, ball) scaled to this body's feet.
#pragma once

#include <array>
#include <cstdint>

#include "anim/skeleton.h"
#include "core/result.h"

namespace formviz::form {

enum class Side : std::uint8_t { Left = 0, Right = 1 };
inline constexpr int kSideCount = 2;
inline constexpr int index(Side side) { return static_cast<int>(side); }
inline constexpr Side other(Side side) { return side == Side::Left ? Side::Right : Side::Left; }
const char* sideName(Side side);  // "left" / "right"

// Joint indices into the skeleton (all valid after a successful bind).
struct BodyJoints {
  int hips = -1, spine = -1, chest = -1, upperChest = -1, neck = -1, head = -1;
  struct Arm {
    int shoulder = -1, upperArm = -1, lowerArm = -1, hand = -1, middleProximal = -1;
  };
  struct Leg {
    int upperLeg = -1, lowerLeg = -1, foot = -1, toes = -1;
  };
  std::array<Arm, kSideCount> arm;  // indexed by index(Side)
  std::array<Leg, kSideCount> leg;
};

// Where the body touches the floor, relative to its joints. Distances in metres, all >= 0.
// Feet offsets are along the sole (forward) and perpendicular to it (down), in the foot's own
// frame, so they follow the foot when it tilts. Hands, elbows and knees are spheres around
// the joint: their contact point is the sphere's lowest point (joint - radius * Y).
// The member defaults are bodygen's male_175 figure; BodyRig::bind() scales the foot values
// to the skeleton's own feet (see BodyRig::contactOffsets).
struct ContactOffsets {
  float heelBack = 0.062f;    // heel behind the ankle, along the sole (24% of a 0.259 m foot)
  float heelDown = 0.068f;    // heel below the ankle, perpendicular to the sole (ankle height)
  float toeForward = 0.070f;  // toe tip ahead of the Toes joint (ball), along the sole
  float toeDown = 0.021f;     // toe tip and ball below the Toes joint (its height over the floor)
  float handRadius = 0.025f;  // palm: sphere around the mid-point of Hand and MiddleProximal
  float elbowRadius = 0.035f; // forearm resting on the floor: sphere around the elbow
  float kneeRadius = 0.050f;  // kneeling on the patella: sphere around the knee
};

struct BodyRig {
  BodyJoints joints;
  // Unit sole directions in the Foot joint's local frame (forward = heel -> toe, up = out of
  // the sole) and the same in the Toes joint's frame; indexed by index(Side).
  std::array<glm::vec3, kSideCount> footForwardLocal{}, footUpLocal{};
  std::array<glm::vec3, kSideCount> toesForwardLocal{}, toesUpLocal{};
  // Rest-pose backward tilt of the trunk line hips -> neck, radians (> 0 leans back; about
  // 0.08 rad on bodygen figures, whose neck joint sits behind the hips). Measures rotate the
  // trunk line forward by it, so the rest pose reads trunk inclination 0 and hip flexion 0.
  float trunkRestTilt = 0.0f;
  // Rest-pose backward tilt of the line mid-hip (UpperLeg joints) -> mid-shoulder (UpperArm
  // joints), radians (about 0.04 rad on bodygen figures, whose shoulder joints sit 2 cm
  // behind the hip joints). bodyLine rotates that line forward by it: standing reads 180.
  float shoulderRestTilt = 0.0f;
  // Inverse rest rotations (model space) of the hips and upperChest joints: the spine measures
  // compare the two joints' rotations relative to the rest pose.
  glm::mat3 hipsRestInverse{1.0f}, upperChestRestInverse{1.0f};
  // Rest offset of each shoulder joint (UpperArm) from the upperChest joint, model space,
  // metres. shoulderShrug turns the current offset back by the thorax's rotation from rest and
  // compares heights (+Y is the thorax's up axis at rest).
  std::array<glm::vec3, kSideCount> shoulderRestOffset{};
  // Foot offsets derived from this skeleton's rest pose (heel/toe heights from the ankle and
  // Toes joint heights; heel/toe lengths from the ankle-to-ball distance with bodygen's
  // proportions: heel 0.49x behind the ankle, toe tip 0.55x ahead of the ball).
  ContactOffsets contactOffsets;

  // Looks up every required joint by name and calibrates from the rest pose. Errors name the
  // missing joint(s) or the rest-pose problem (e.g. "leftToes is not ahead of leftFoot").
  static Result<BodyRig> bind(const anim::Skeleton& skeleton);
};

}  // namespace formviz::form
