// [SECTION] Measures: joint angles and floor contact of one frame, from model-space joints.
//
// MeasureJob reads one frame's model-space joint matrices (anim::Character::modelMatrices()
// or LocalToModelJob output) and writes every per-frame measure. It owns no buffers: the rig,
// the matrices and the outputs belong to the caller, and Run() does not allocate.
//
// Body frame (all sagittal/frontal projections use it, never world X/Z, so a figure turned
// about the vertical measures the same):
//   lateral  L = the pelvis's left-right axis (rightUpperLeg -> leftUpperLeg) made horizontal;
//   up       U = +Y (world vertical);
//   forward  F = L x U (the way the pelvis faces).
//   When the pelvis axis is within 30 degrees of vertical (lying on the side: side plank,
//   clamshell), L is the pelvis axis itself and U is the trunk line made perpendicular to it.
// Sagittal plane = perpendicular to L; frontal plane = perpendicular to F.
// Trunk line = hips -> neck joint, rotated forward about L by BodyRig::trunkRestTilt (so the
// rest pose reads 0; the neck joint stands in for C7).
//
// Sign conventions (degrees unless noted; see docs/FORM.md for sketches). Side-specific
// measures have one value per side; the others store the same value in both slots.
//   hipFlexion        thigh (hip -> knee) vs the trunk line pointing down, projected on the
//                     sagittal plane: 0 standing, + thigh forward (flexion), - behind (extension).
//   kneeFlexion       180 - the 3-D hip-knee-ankle angle: 0 straight, + flexed, - hyperextended
//                     (the bend is mostly about the foot's lateral axis, with the shank forward).
//   ankleDorsiflexion 90 - the 3-D angle between the shank (ankle -> knee) and the sole line
//                     (heel -> toe, from the Foot joint's rotation): 0 = shank perpendicular to the
//                     sole, + dorsiflexion (shin over the toes), - plantar flexion.
//   kneeFppa          frontal-plane projection angle: 180 - the hip-knee-ankle angle projected on
//                     the frontal plane; + valgus (knee medial to the hip-ankle line), - varus.
//                     NaN when thigh or shank is within about 15 degrees of pointing straight
//                     forward or back (its frontal projection is under a quarter of its length).
//   elbowFlexion      180 - the 3-D shoulder-elbow-wrist angle: 0 straight, + flexed.
//   shoulderFlexion   upper arm (shoulder -> elbow) vs the trunk line pointing down, projected on
//                     the thorax's sagittal plane (perpendicular to the shoulder-to-shoulder line):
//                     0 arm down, + forward/up (90 = forward horizontal, 180 = overhead),
//                     - behind (extension); range (-90, 270]. Unstable when the arm points
//                     straight sideways (its sagittal projection vanishes).
//   bodyLine          3-D angle at the mid-hip between the mid-shoulder (UpperArm joints) and the
//                     mid-ankle: 180 = straight line (plank), smaller = sag or pike (use
//                     hipFlexion to tell them apart). Mid-points, so the shoulders being wider
//                     than the hips does not bend the line (front and side plank alike). The
//                     hip -> shoulder line is rotated forward about L by BodyRig::shoulderRestTilt,
//                     so the rest pose (standing tall) reads 180.
//   pelvicDrop        obliquity: angle of the hip line against the horizontal; per side, + when
//                     that side's hip is lower than the other (left value = - right value).
//   trunkInclination  trunk line vs vertical in the sagittal plane (the vertical plane through
//                     F): + leaning forward, - leaning back (prone reads 90, supine -90); a side
//                     lean is trunkLateralLean, not this. When the trunk points mostly sideways
//                     (lying on the side) it is the unsigned 3-D angle from vertical.
//   trunkLateralLean  trunk line vs U in the frontal plane: + toward the figure's left; NaN when
//                     the trunk is more than 60 degrees out of the frontal plane (lying prone/supine).
//   pelvicRotation    yaw of F about +Y relative to a reference facing: + turned toward the
//                     figure's left (counter-clockwise seen from above), in [-180, 180).
//   spineFlexion      thorax (upperChest joint) relative to pelvis (hips joint), from their
//   spineLateralFlexion  rotations relative to the rest pose, read in the pelvis's frame:
//   spineRotation     flexion = the thorax's up axis tipped toward the pelvis's front (+ flexion,
//                     - extension, e.g. rib flare); lateral = tipped toward the pelvis's left
//                     (+ left); rotation = the thorax's forward axis turned toward the pelvis's
//                     left (+ left). Projections, not Euler angles: exact for one motion at a time.
//   kneeMedialShift   metres the knee joint lies medial (+) or lateral (-) of the foot's line: the
//                     vertical plane through the ankle along the sole's horizontal forward
//                     direction (the second-toe line). The video cue "knee over the 2nd-3rd
//                     toe" as a distance; unlike kneeFppa it is defined in deep flexion (a
//                     lunge's front knee). NaN when the sole is more than 60 degrees from flat.
//   armElevation      3-D angle between the upper arm (shoulder -> elbow) and the trunk line
//                     pointing down, in any plane (humerothoracic elevation): 0 arm down, 90 at
//                     shoulder height, 180 overhead. Unlike shoulderFlexion it does not depend on
//                     the plane the arm moves in (a band pull-apart sweeps from front to side).
//   shoulderHorizontalAbduction  the plane of the upper arm: its projection on the thorax's
//                     transverse plane (perpendicular to the trunk line), measured from the thorax's
//                     forward direction toward its own side: 0 arm in front, 90 straight out to the
//                     side, - across the body, past 180 behind it; range (-90, 270]. NaN when the arm
//                     is within about 15 degrees of the trunk line (hanging down or overhead: its
//                     transverse projection is short).
//   shoulderShrug     metres the shoulder joint (UpperArm) sits above its rest position along the
//                     thorax's up axis, in the thorax's (upperChest's) frame: the shoulder girdle
//                     lifting toward the ears (+), or pressed down (-). 0 at rest.
//   footInversion     roll of the sole about its own heel-toe axis, against the level roll (the
//                     sole's medial-lateral axis horizontal): + the medial (big-toe) edge up, the
//                     weight on the outer edge (inversion); - eversion. A heel raise (pitch about
//                     the sole's lateral axis) does not change it, nor does the pitch change the
//                     roll's reading. NaN when the heel-toe line is over 60 degrees from horizontal.
//   heelRise          pitch of the sole (heel -> toe) against the floor: + heel above the toes
//                     (calf raise, a lunge's rear foot on its ball), - toes up.
//   ankleSeparation   metres between the two ankle joint centres: heels together in a clamshell
//                     (stacked feet: about one ankle width), stance width standing. One value for
//                     the body. The joints, not the heel contact points: those sit under the sole
//                     and swing with the foot's turn, the ankles do not.
//   kneeMedialOffset  metres the knee joint lies medial (+) or lateral (-) of the straight hip ->
//                     ankle line, along the pelvis's left-right axis L: knees caving in, as a
//                     distance, in any posture where L is known (supine bridge, where FPPA is
//                     meaningless and the foot turns with the knee).
//   handShinDistance  metres the grip (mid-point of Hand and MiddleProximal) lies ahead (+) of
//                     the shin (knee -> ankle), horizontally along F, at the grip's height (above
//                     the knee: the knee; below the ankle: the ankle). "The bar stays against the
//                     legs": about 0 to 0.1 m, measured from the shin's bone axis, not its skin.
//   handAheadOfShoulder  metres the grip lies ahead (+) of the shoulder joint, horizontally along
//                     F: 0 with the arms hanging plumb (a hinge's bar under the shoulders), + the
//                     arms swung forward (the bar drifting away from the legs), - pulled back.
//   floorPenetration  metres the lowest contact point of that side (heel, toe tip, ball, palm,
//                     elbow, knee: see ContactOffsets) is below y = 0; 0 when none is.
// Measures computed by the CheckJob from the contact declarations (NaN from MeasureJob):
//   contactSlide      metres of horizontal drift of a planted contact point since its contact
//                     began (max over that side's planted points).
//   contactHeight     metres the highest planted contact point of that side is above y = 0.
//   comMargin         metres from the centre of mass's floor projection to the edge of the base
//                     of support (convex hull of planted contact points): + inside, - outside.
//   hipFlexionSpeed   degrees per second: how fast hipFlexion changes (absolute central difference
//                     over the neighbouring frames), the speed of the thigh swinging at the hip.
//                     Tempo: a rushed repetition swings the same range in a fraction of the time.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

#include "form/body.h"

namespace formviz::form {

enum class Measure : std::uint8_t {
  HipFlexion,
  KneeFlexion,
  AnkleDorsiflexion,
  KneeFppa,
  ElbowFlexion,
  ShoulderFlexion,
  BodyLine,
  PelvicDrop,
  TrunkInclination,
  TrunkLateralLean,
  PelvicRotation,
  SpineFlexion,
  SpineLateralFlexion,
  SpineRotation,
  FloorPenetration,
  ContactSlide,
  ContactHeight,
  ComMargin,
  KneeMedialShift,
  ArmElevation,
  ShoulderHorizontalAbduction,
  ShoulderShrug,
  FootInversion,
  HeelRise,
  AnkleSeparation,
  KneeMedialOffset,
  HandShinDistance,
  HandAheadOfShoulder,
  HipFlexionSpeed,
};
inline constexpr int kMeasureCount = 29;

// JSON/report name ("hipFlexion", ...), and back (nullopt for unknown names).
std::string_view measureName(Measure measure);
std::optional<Measure> measureFromName(std::string_view name);
bool isSided(Measure measure);   // one value per side (false: the same value in both slots)
bool isLength(Measure measure);  // metres
bool isSpeed(Measure measure);   // degrees per second (neither: degrees)

inline constexpr float kNoValue = std::numeric_limits<float>::quiet_NaN();

// Every measure of one frame: values[measure][side]; NaN = undefined in this frame.
struct FrameMeasures {
  std::array<std::array<float, kSideCount>, kMeasureCount> values;
  FrameMeasures() { clear(); }
  void clear() {
    for (auto& v : values) v = {kNoValue, kNoValue};
  }
  float get(Measure m, Side s) const { return values[static_cast<std::size_t>(m)][static_cast<std::size_t>(index(s))]; }
  void set(Measure m, Side s, float v) { values[static_cast<std::size_t>(m)][static_cast<std::size_t>(index(s))] = v; }
  void setBoth(Measure m, float v) { values[static_cast<std::size_t>(m)] = {v, v}; }
};

// Contact points of the body, derived from joints (see ContactOffsets).
enum class ContactPoint : std::uint8_t { Heel, ToeTip, Ball, Palm, Elbow, Knee };
inline constexpr int kContactPointCount = 6;

// Model-space contact points of one frame: points[side][ContactPoint], metres.
struct ContactFrame {
  std::array<std::array<glm::vec3, kContactPointCount>, kSideCount> points{};
  glm::vec3 get(Side s, ContactPoint p) const {
    return points[static_cast<std::size_t>(index(s))][static_cast<std::size_t>(p)];
  }
};

// Computes every contact point of one frame. `model` holds the skeleton's model matrices.
ContactFrame contactPoints(const BodyRig& rig, std::span<const glm::mat4> model, const ContactOffsets& offsets);

// Sole directions of one foot in model space (unit vectors): forward = heel -> toe, up = out of the sole.
struct SoleFrame {
  glm::vec3 forward{0.0f, 0.0f, 1.0f};
  glm::vec3 up{0.0f, 1.0f, 0.0f};
};
SoleFrame soleFrame(const BodyRig& rig, std::span<const glm::mat4> model, Side side);

// Measures one frame. Run() writes every measure MeasureJob defines (contactSlide,
// contactHeight, comMargin and hipFlexionSpeed, which need the clip, are left NaN) and, if `contacts` is set, the contact points.
struct MeasureJob {
  const BodyRig* rig = nullptr;           // required
  std::span<const glm::mat4> model;       // required; size >= the rig's highest joint index + 1
  ContactOffsets offsets;                 // contact geometry (usually rig->contactOffsets)
  // Reference facing for pelvicRotation: yaw in radians about +Y (0 = facing +Z, + toward
  // +X). NaN = the mean horizontal sole direction of the feet within 60 degrees of flat; the
  // result is NaN when neither foot is (on the toes in a plank, feet in the air).
  float referenceYaw = kNoValue;
  FrameMeasures* output = nullptr;        // required
  ContactFrame* contacts = nullptr;       // optional output

  bool Validate() const;  // false when a required input is missing or `model` is too small
  bool Run() const;       // false (writing nothing) when Validate() fails
};

}  // namespace formviz::form
