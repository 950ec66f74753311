// [SECTION] Overlay builder: turns a posed figure and an overlay request (angle arc,
// alignment line, ground contacts) into OverlayPrimitives, with the form checker's numbers.
//
// Plain C++ on engine/form: the joints come from form::BodyRig, the values from
// form::MeasureJob on the same model-space pose, so "knee 95°" on screen is the number the
// checker judges (docs/FORM.md). Joint names are the catalog's (docs/SESSIONS.md): head, neck,
// shoulder, elbow, wrist, chest, spine, pelvis, hip, knee, ankle, heel, toe.
//
// Sides. Sided joints (shoulder, elbow, wrist, hip, knee, ankle, heel, toe) take the request's
// side; `Both` draws the overlay once per side, except when the list names a sided joint more
// than once ("hip, hip"; "wrist, shoulder, shoulder, wrist"): then the repeats alternate left,
// right (the pelvis line, the shoulder line), and a sided joint named once in such a list is
// the mid-point of its two sides ("knee, hip, knee": the angle between the thighs at mid-hip).
//
// Angles. Three joints A, B, C draw an arc at B. When the triple is one the checker measures,
// the arc shows that measure the way the checker defines it and is labelled with its value:
//   hip, knee, ankle        -> kneeFlexion   "knee 95°"   (arc from the thigh's extension to the shank)
//   shoulder, elbow, wrist  -> elbowFlexion  "elbow 90°"
//   shoulder, hip, knee     -> hipFlexion    "hip 80°"    (arc from the trunk's extension to the thigh)
//   knee, ankle, toe        -> ankleDorsiflexion "ankle 20°", "ankle 30° plantar" when negative
// A dashed line continues the first segment past B, so the arc's start is visible. Any other
// triple shows the plain 3-D angle ABC, arc between the two segments ("hip 35°").
// Lines. Two or more joints: a polyline through them, plus a dashed straight reference from the
// first to the last when there are three or more (how far the middle joints are off the line).
// Labelled when the checker measures it: shoulder, hip, ankle -> bodyLine "body line 176°";
// hip, knee, ankle -> kneeFppa "knee 8° in" / "4° out" (nothing when undefined, or with the
// knee bent over 60 degrees, where the 2-D measure mixes in hip rotation); hip, hip ->
// pelvicDrop "pelvis level" or "left hip 6° low"; shoulder, hip -> trunkInclination "trunk 45°".
// Contacts: a ring on the floor under every grounded part within `contactHeight` of the floor:
// heel, forefoot (ball and toe tip), palm, elbow, knee.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "form/body.h"
#include "render/overlay.h"

namespace formviz::render {

enum class OverlayRequestKind { Angle, Line, Contacts };
enum class OverlayRequestSide { Left, Right, Both };

struct OverlayRequest {
  OverlayRequestKind kind = OverlayRequestKind::Angle;
  std::vector<std::string> joints;  // catalog joint names; Angle: exactly 3, Line: 2+, Contacts: none
  OverlayRequestSide side = OverlayRequestSide::Both;
};

// Joint names an overlay may use (the catalog's list).
bool isOverlayJoint(std::string_view name);

// Builds the primitives of one request on one frame. Does not clear `output`: appends.
struct OverlayBuildJob {
  const form::BodyRig* rig = nullptr;          // required, bound to the posed skeleton
  std::span<const glm::mat4> model;            // required: the frame's model-space joint matrices
  const OverlayRequest* request = nullptr;     // required
  float contactHeight = 0.03f;                 // metres: contact points this close to y = 0 get a ring
  OverlayPrimitives* output = nullptr;         // required

  // False when an input is missing, `model` is too small for the rig, or the request is
  // malformed (unknown joint, wrong joint count).
  bool Validate() const;
  // False (appending nothing) when Validate() fails.
  bool Run() const;
};

// The label text for an angle: "knee 95°" (rounded to whole degrees).
std::string angleLabel(std::string_view joint, float degrees);

}  // namespace formviz::render
