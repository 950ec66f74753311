// [SECTION] Clip sources: an exercise as phases between key poses given in coaching terms.
//
// Index:
//   [SECTION] Pose parameters   trunk, pelvis, legs, arms, feet (degrees and metres)
//   [SECTION] Exercise source   stance, props, poses, phases, mistakes
//   [SECTION] Parsing           parseSource(): JSON text -> ExerciseSource, errors name file and JSON path
//
// The format is documented for authors in docs/CLIPS.md. Conventions: degrees for angles,
// metres for lengths, the figure faces +Z with its left at +X, the floor is y = 0.
// Angle definitions follow engine/form's measures (hip flexion against the trunk line,
// knee flexion 180 - hip-knee-ankle angle, ankle dorsiflexion shank against the sole, FPPA).
// Offline only: never linked into the app.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace formviz::clipbake {

// [SECTION] Pose parameters

inline constexpr int kLeft = 0;
inline constexpr int kRight = 1;

enum class Easing { Linear, In, Out, InOut };

// One leg. For a planted leg, hip abduction is solved so the foot lands where the stance
// puts it and the ankle follows from the foot being on the floor; `ankle` is then only a
// check (the baker refuses the source when the solved value differs by more than 1 degree).
struct LegParams {
  float hip = 0.0f;        // hip flexion, sagittal, against the trunk line pointing down; + flexion
  float knee = 0.0f;       // knee flexion, 0 straight
  float abduction = 0.0f;  // free legs only: thigh out of the sagittal plane, + away from the midline
  float kneeTrack = 0.0f;  // yaw of the leg's bend plane, + knee points outward (default: the foot's toe-out)
  float fppa = 0.0f;       // frontal-plane projection angle to produce, + valgus (knee falls in)
  float ankle = 0.0f;      // free feet: dorsiflexion (+) / plantar flexion (-) against the shank
  float kneeOpen = 0.0f;   // degrees the bent leg turns about the hip-ankle line, + the knee swings out
                           // and the foot stays (a clamshell's opening: hip external rotation and abduction).
                           // Applied after the leg is solved: `hip` and `abduction` are the closed leg's.
  bool hasAnkle = false;   // planted feet: `ankle` was given as a check
  bool hasKneeTrack = false;
  // Both hip and knee given. A planted leg other than the anchor may leave them out: IK then
  // decides them (clipbake --report prints the result).
  bool hasAngles = false;
};

// One arm, in the thorax frame.
struct ArmParams {
  float shoulder = 0.0f;   // shoulder flexion, sagittal, against the trunk line pointing down; 90 = forward
  float abduction = 10.0f; // upper arm out of the thorax's sagittal plane, + away from the midline
  float elbow = 0.0f;      // elbow flexion, 0 straight
  float shrug = 0.0f;      // shoulder girdle elevation: the Shoulder (clavicle) joint turned up, degrees;
                           // the arm keeps its direction, its root rises (a shrug)
  // Hand placed by the two-bone IK of engine/anim (the angles above give the starting pose and
  // the elbow's side): the wrist (Hand joint) is moved onto `hand`. Frames between two keys that
  // both place the hand follow the blended target; a key without a target blends the IK out.
  enum class HandFrame { None, World, Chest };
  HandFrame handFrame = HandFrame::None;
  // World: metres in model space (a hand or forearm on the floor, a fixed handle). Chest: metres
  // in the thorax frame, origin midway between the shoulder joints, x toward the figure's left,
  // y up the trunk line, z forward (hands holding a weight at the chest, on a pressed handle).
  glm::vec3 hand{0.0f};
  // Where the elbow points while the IK holds the hand (a direction in the hand's frame, e.g.
  // [1, 0, -0.3] in the chest frame: out to the side and a little back, the forearm folding in
  // the horizontal plane). Unset: the elbow keeps the side the arm angles bend it to.
  bool hasPole = false;
  glm::vec3 pole{0.0f};
  // The hand laid flat, palm down, fingers pointing the way the pelvis faces (hands on the floor
  // in a quadruped); otherwise the hand continues the forearm.
  bool palmDown = false;
};

enum class Contact { Free, Planted };

// Where a body that is not standing on its feet touches the floor (engine/form's contact points
// where it has them): each is a joint minus a radius straight down (world -Y), the point of the
// limb's surface that rests on the floor.
enum class SupportPoint {
  Elbow,  // forearm on the floor: elbow - 0.035 m (engine/form's elbowRadius)
  Hand,   // palm: mid-point of the wrist and MiddleProximal - 0.025 m (engine/form's handRadius)
  Knee,   // knee - 0.05 m (engine/form's kneeRadius)
  Foot,   // the side of the foot (side-lying): ankle - 0.047 m, the outer edge of bodygen's foot
  Hip,    // the side of the pelvis (side-lying): hip joint - 0.09 m, bodygen's greater trochanter
};
struct Support {
  int side = 0;  // kLeft / kRight
  SupportPoint point = SupportPoint::Elbow;
};

// A body turned about its forward axis onto one side (side plank, clamshell). The key pose is
// solved upright with every foot free, then the whole figure is rolled about the pelvis's
// forward axis and put down on its supports: with two or more supports the roll is solved
// (starting from `roll`) so the second rests at the first's height, then the body is moved so
// the first lands on `at`. Further supports are checks: each must end within 1 cm of the floor.
struct BodyParams {
  bool lying = false;
  float roll = 0.0f;          // degrees about the forward axis, + onto the figure's left side
  std::vector<Support> supports;
  glm::vec2 at{0.0f};         // (x, z) metres: the first support's floor spot
};

// One foot: where it stands and how. `at` is the ankle's floor position with the foot flat;
// a planted foot pivots about its ball, so heelRise lifts the heel and keeps the ball put.
struct FootParams {
  Contact contact = Contact::Planted;
  glm::vec2 at{0.0f};      // (x, z) metres of the ankle over the floor when the foot is flat
  float toeOut = 0.0f;     // degrees, + toes turned outward
  float roll = 0.0f;       // degrees a planted foot rolls onto its outer edge (inversion) about its long axis
  float heelRise = 0.0f;   // degrees the foot is pitched up about the ball (0 = flat; over 90 the foot
                           // rolls over onto its instep: the rear foot of a split squat, laces on the bench)
  float lift = 0.0f;       // metres the ball is above the floor: the top of a box or bench for a
                           // planted foot, the height of a free foot's ball when no foot is planted
  // A planted foot that reached this key's spot by sliding along the floor from the previous
  // key's spot (a travelling move baked in place: the stance foot moves back under a body that
  // stays over the origin, as on a treadmill). Without it, a planted foot that changes spot steps.
  bool slide = false;
  // A foot that steps to this key's spot from another planted spot: its ankle's dorsiflexion
  // (degrees, + dorsiflexion, against the shank) at mid-swing. The foot's rotation against the
  // shank is then blended from the key it leaves through this angle to the key it reaches (a
  // sine bump, like the lift), instead of being carried at its planted tilt: a sideways step
  // out of a quarter squat keeps the free foot near neutral. Unset: the planted tilt is carried.
  bool hasSwingAnkle = false;
  float swingAnkle = 0.0f;
};

struct PoseParams {
  float trunkInclination = 0.0f;  // trunk line (hips -> neck) from vertical, + forward
  float trunkFlexion = 0.0f;      // spinal rounding spread over spine, chest, upperChest; + flexion
  float trunkLean = 0.0f;         // lateral bend, + toward the figure's left
  float trunkRotation = 0.0f;     // thorax yaw against the pelvis, + toward the figure's left
  float pelvisRotation = 0.0f;    // pelvis yaw, + toward the figure's left
  float pelvisDrop = 0.0f;        // pelvis obliquity, + the right hip lower
  float lift = 0.0f;              // metres the whole body is raised (flight)
  bool hasPelvisAt = false;       // no foot planted: the hips joint is put at pelvisAt
  glm::vec3 pelvisAt{0.0f};       // metres, model space
  float headFlexion = 0.0f;       // + chin down, against the thorax
  std::array<LegParams, 2> legs{};
  std::array<ArmParams, 2> arms{};
  std::array<FootParams, 2> feet{};
  int anchor = -1;                // foot that places the body (kLeft/kRight); -1 = first planted
  BodyParams body;                // lying on the side
  // Limbs resting on the floor of a body that is not lying on its side (a quadruped's hands
  // and knees, a plank's forearms, a supine body's arms): no effect on the pose; the baker
  // lists each as a contact for every phase ending at this pose through which it stays within
  // 1 mm (as it does a lying body's supports), so other bodies pin it there.
  std::vector<Support> rests;
};

// [SECTION] Exercise source

struct Prop {
  std::string kind;     // box, bench, dumbbell, kettlebell, band, mat, cable
  std::string attach;   // "world" or a joint name (leftHand, rightHand, ...)
  glm::vec3 position{0.0f};  // world position, or offset in the joint's frame
  glm::vec3 size{0.0f};      // metres (box/bench/mat extents; x = length for handles)
  std::string to;            // band/cable: the other end, "world" or a joint name
  glm::vec3 toPosition{0.0f};
};

struct Phase {
  std::string name;   // marker name at the phase's start
  std::string to;     // key pose reached at the phase's end
  float duration = 0.0f;  // seconds, a whole number of 1/30 s frames
  Easing easing = Easing::InOut;
};

struct ClipSpec {
  std::string name;  // "correct" or "mistake_<slug>"
  std::string description;
  std::vector<std::string> poseNames;  // in file order
  std::vector<PoseParams> poses;       // one per name
  std::vector<Phase> phases;           // a cycle: the first phase starts at the last phase's pose
};

struct ExerciseSource {
  std::string id;      // snake_case exercise id, the file stem
  std::string title;
  std::string side;    // "both", or the working side "left" / "right" of a unilateral exercise
  // Keys per second: 30, or 60 for fast travelling moves (bounding), whose 30 fps keys would
  // let the linear interpolation between them cut a sliding foot into the floor.
  float frameRate = 30.0f;
  std::vector<Prop> props;
  std::vector<ClipSpec> clips;  // correct first, then each mistake
};

// [SECTION] Parsing

// Parses a source file's text. `file` names the file in error messages, which also give the
// JSON path of the problem ("animations/src/x.json: poses.bottom.legs.both.knee: ...").
Result<ExerciseSource> parseSource(const std::string& text, const std::string& file);
Result<ExerciseSource> loadSource(const std::string& path);

}  // namespace formviz::clipbake
