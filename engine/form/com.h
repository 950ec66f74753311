// [SECTION] Centre of mass and base of support.
//
// Segment masses and centre-of-mass positions from de Leva (1996), Table 4 (adjusted
// Zatsiorsky-Seluyanov parameters, young adult men and women), mapped onto the FormViz joints:
//   head + neck   centre at the head joint (atlanto-occipital); see docs/FORM.md
//   upper trunk   neck -> chest          (CERV -> XYPH)
//   middle trunk  chest -> spine         (XYPH -> OMPH)
//   lower trunk   spine -> hips          (OMPH -> MIDH)
//   upper arm     UpperArm -> LowerArm   (shoulder -> elbow joint centre)
//   forearm       LowerArm -> Hand       (elbow -> wrist)
//   hand          Hand -> MiddleProximal (wrist -> MET3)
//   thigh         UpperLeg -> LowerLeg   (hip -> knee)
//   shank         LowerLeg -> Foot       (knee -> ankle, standing in for the lateral malleolus)
//   foot          heel -> toe tip contact points (HEEL -> TTIP)
// Each centre lies on the line from the first point to the second at the table's fraction.
// Nothing here allocates except where a function says it does.
#pragma once

#include <array>
#include <span>

#include "form/measures.h"

namespace formviz::form {

enum class Sex : std::uint8_t { Male, Female };

enum class Segment : std::uint8_t {
  HeadNeck,
  UpperTrunk,
  MiddleTrunk,
  LowerTrunk,
  UpperArm,
  Forearm,
  Hand,
  Thigh,
  Shank,
  Foot,
};
inline constexpr int kSegmentCount = 10;

struct SegmentParameters {
  float massFraction;  // of whole-body mass, in [0, 1] (limb segments: one side)
  float comFraction;   // centre of mass along the segment from its first point, in [0, 1]
};

// de Leva (1996) Table 4, indexed by Segment. Masses of both sides' limbs plus head and trunk sum to 1 (within 1e-3).
const std::array<SegmentParameters, kSegmentCount>& deLeva1996(Sex sex);

// Whole-body centre of mass of one frame, model space, metres.
struct CenterOfMassJob {
  const BodyRig* rig = nullptr;      // required
  std::span<const glm::mat4> model;  // required, the skeleton's model matrices
  ContactOffsets offsets;            // for the feet's heel and toe tip (usually rig->contactOffsets)
  Sex sex = Sex::Male;               // which half of Table 4
  glm::vec3* output = nullptr;       // required

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

// Convex hull of `points` (x, z on the floor) by Andrew's monotone chain, counter-clockwise in
// (x, z) coordinates, no collinear vertices. Sorts `points` in place; `hull` must hold
// points.size() + 1 entries and receives the hull at its front. Returns the hull's vertex
// count (0 for no points or a too-small `hull`). Allocates nothing.
int convexHull(std::span<glm::vec2> points, std::span<glm::vec2> hull);

// Signed distance in metres from `p` to the boundary of the convex polygon `hull` (as
// convexHull writes it): + inside, - outside. A 1- or 2-vertex hull has no inside: the result
// is minus the distance to the point or segment. NaN for an empty hull.
float signedDistanceToHull(std::span<const glm::vec2> hull, glm::vec2 p);

}  // namespace formviz::form
