#include "form/measures.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/quaternion.hpp>

#include "core/math.h"

namespace formviz::form {
namespace {

constexpr std::array<std::string_view, kMeasureCount> kNames = {
    "hipFlexion",      "kneeFlexion",      "ankleDorsiflexion", "kneeFppa",     "elbowFlexion",
    "shoulderFlexion", "bodyLine",         "pelvicDrop",        "trunkInclination",
    "trunkLateralLean", "pelvicRotation",  "spineFlexion",      "spineLateralFlexion", "spineRotation",
    "floorPenetration",  "contactSlide", "contactHeight",
    "comMargin",         "kneeMedialShift",
    "armElevation",      "shoulderHorizontalAbduction", "shoulderShrug",  "footInversion",  "heelRise",
    "ankleSeparation",   "kneeMedialOffset",  "handShinDistance", "handAheadOfShoulder", "hipFlexionSpeed"};

constexpr glm::vec3 kUp(0.0f, 1.0f, 0.0f);

glm::mat3 rotationOf(const glm::mat4& m) {
  return glm::mat3(glm::normalize(glm::vec3(m[0])), glm::normalize(glm::vec3(m[1])), glm::normalize(glm::vec3(m[2])));
}

// Angle in degrees between two vectors, in [0, 180]; accurate near 0 and 180.
float angleBetween(const glm::vec3& a, const glm::vec3& b) {
  return degrees(std::atan2(glm::length(glm::cross(a, b)), glm::dot(a, b)));
}

// Signed angle in degrees from a to b about `axis` (both projected on the plane normal to it).
float signedAngle(const glm::vec3& a, const glm::vec3& b, const glm::vec3& axis) {
  const glm::vec3 pa = a - axis * glm::dot(a, axis);
  const glm::vec3 pb = b - axis * glm::dot(b, axis);
  return degrees(std::atan2(glm::dot(glm::cross(pa, pb), axis), glm::dot(pa, pb)));
}

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
  const float len = glm::length(v);
  return len > 1e-6f ? v / len : fallback;
}

}  // namespace

std::string_view measureName(Measure measure) { return kNames[static_cast<std::size_t>(measure)]; }

std::optional<Measure> measureFromName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Measure>(i);
  return std::nullopt;
}

bool isSided(Measure measure) {
  switch (measure) {
    case Measure::TrunkInclination:
    case Measure::TrunkLateralLean:
    case Measure::PelvicRotation:
    case Measure::SpineFlexion:
    case Measure::SpineLateralFlexion:
    case Measure::SpineRotation:
    case Measure::BodyLine:
    case Measure::ComMargin:
    case Measure::AnkleSeparation:
      return false;
    default:
      return true;
  }
}

bool isLength(Measure measure) {
  return measure == Measure::FloorPenetration || measure == Measure::ContactSlide ||
         measure == Measure::ContactHeight || measure == Measure::ComMargin || measure == Measure::KneeMedialShift ||
         measure == Measure::ShoulderShrug || measure == Measure::AnkleSeparation ||
         measure == Measure::KneeMedialOffset || measure == Measure::HandShinDistance ||
         measure == Measure::HandAheadOfShoulder;
}

bool isSpeed(Measure measure) { return measure == Measure::HipFlexionSpeed; }

SoleFrame soleFrame(const BodyRig& rig, std::span<const glm::mat4> model, Side side) {
  const auto s = static_cast<std::size_t>(index(side));
  const glm::mat3 r = rotationOf(model[static_cast<std::size_t>(rig.joints.leg[s].foot)]);
  return {glm::normalize(r * rig.footForwardLocal[s]), glm::normalize(r * rig.footUpLocal[s])};
}

ContactFrame contactPoints(const BodyRig& rig, std::span<const glm::mat4> model, const ContactOffsets& offsets) {
  ContactFrame frame;
  auto pos = [&](int joint) { return glm::vec3(model[static_cast<std::size_t>(joint)][3]); };
  for (Side side : {Side::Left, Side::Right}) {
    const auto s = static_cast<std::size_t>(index(side));
    const BodyJoints::Leg& leg = rig.joints.leg[s];
    const BodyJoints::Arm& arm = rig.joints.arm[s];
    const SoleFrame sole = soleFrame(rig, model, side);
    const glm::mat3 toes = rotationOf(model[static_cast<std::size_t>(leg.toes)]);
    const glm::vec3 toesForward = glm::normalize(toes * rig.toesForwardLocal[s]);
    const glm::vec3 toesUp = glm::normalize(toes * rig.toesUpLocal[s]);
    auto& p = frame.points[s];
    p[static_cast<std::size_t>(ContactPoint::Heel)] =
        pos(leg.foot) - sole.forward * offsets.heelBack - sole.up * offsets.heelDown;
    p[static_cast<std::size_t>(ContactPoint::ToeTip)] =
        pos(leg.toes) + toesForward * offsets.toeForward - toesUp * offsets.toeDown;
    // The floor under the MTP joints, on the toes' pad: with the toes flat and the heel up, the
    // foot rolls about the MTP joint and this point stays put (a point fixed to the sole would
    // roll toeDown * sin(heel rise) back: 13 mm at a 38 deg calf raise, without any slip).
    p[static_cast<std::size_t>(ContactPoint::Ball)] = pos(leg.toes) - toesUp * offsets.toeDown;
    p[static_cast<std::size_t>(ContactPoint::Palm)] =
        0.5f * (pos(arm.hand) + pos(arm.middleProximal)) - kUp * offsets.handRadius;
    p[static_cast<std::size_t>(ContactPoint::Elbow)] = pos(arm.lowerArm) - kUp * offsets.elbowRadius;
    p[static_cast<std::size_t>(ContactPoint::Knee)] = pos(leg.lowerLeg) - kUp * offsets.kneeRadius;
  }
  return frame;
}

bool MeasureJob::Validate() const {
  if (rig == nullptr || output == nullptr) return false;
  const BodyJoints& j = rig->joints;
  int highest = std::max({j.hips, j.spine, j.chest, j.upperChest, j.neck, j.head});
  for (int s = 0; s < kSideCount; ++s) {
    const auto& a = j.arm[static_cast<std::size_t>(s)];
    const auto& l = j.leg[static_cast<std::size_t>(s)];
    highest = std::max({highest, a.shoulder, a.upperArm, a.lowerArm, a.hand, a.middleProximal, l.upperLeg,
                        l.lowerLeg, l.foot, l.toes});
  }
  return highest >= 0 && model.size() > static_cast<std::size_t>(highest);
}

bool MeasureJob::Run() const {
  if (!Validate()) return false;
  const BodyJoints& j = rig->joints;
  auto pos = [&](int joint) { return glm::vec3(model[static_cast<std::size_t>(joint)][3]); };
  FrameMeasures& out = *output;
  out.clear();

  // Body frame.
  const glm::vec3 hipL = pos(j.leg[0].upperLeg), hipR = pos(j.leg[1].upperLeg);
  const glm::vec3 pelvisAxis = safeNormalize(hipL - hipR, glm::vec3(1, 0, 0));
  const glm::vec3 rawTrunk = pos(j.neck) - pos(j.hips);
  glm::vec3 lateral, up;
  glm::vec3 horizontal = pelvisAxis - kUp * glm::dot(pelvisAxis, kUp);
  if (glm::length(horizontal) > 0.5f) {  // pelvis axis within 60 degrees of horizontal
    lateral = glm::normalize(horizontal);
    up = kUp;
  } else {
    lateral = pelvisAxis;
    up = safeNormalize(rawTrunk - lateral * glm::dot(rawTrunk, lateral), kUp);
  }
  const glm::vec3 forward = glm::cross(lateral, up);
  // Trunk line, rotated forward by the rest tilt about the pelvis axis.
  const glm::vec3 trunk = glm::angleAxis(rig->trunkRestTilt, lateral) * rawTrunk;
  const glm::vec3 trunkDir = safeNormalize(trunk, up);

  // Trunk.
  {
    // Sagittal: in the vertical plane through F. A trunk pointing mostly sideways (lying on
    // the side) has no sagittal angle: there it is the unsigned 3-D angle from vertical.
    const glm::vec3 facing = safeNormalize(forward - kUp * glm::dot(forward, kUp), forward);
    const glm::vec2 sagittal(glm::dot(trunkDir, facing), glm::dot(trunkDir, kUp));
    out.setBoth(Measure::TrunkInclination, glm::length(sagittal) >= 0.5f ? degrees(std::atan2(sagittal.x, sagittal.y))
                                                                         : angleBetween(trunkDir, kUp));
    // Lateral lean needs a trunk near the frontal plane (not lying prone or supine).
    const glm::vec2 frontal(glm::dot(trunkDir, lateral), glm::dot(trunkDir, up));
    if (glm::length(frontal) >= 0.5f) out.setBoth(Measure::TrunkLateralLean, degrees(std::atan2(frontal.x, frontal.y)));
  }

  // Pelvic rotation against the reference facing.
  {
    float reference = referenceYaw;
    if (std::isnan(reference)) {  // the mean horizontal direction of the feet that are near flat
      glm::vec3 feet(0.0f);
      for (Side side : {Side::Left, Side::Right}) {
        glm::vec3 f = soleFrame(*rig, model, side).forward;
        f.y = 0.0f;
        if (glm::length(f) >= 0.5f) feet += glm::normalize(f);  // within 60 degrees of horizontal
      }
      if (glm::length(feet) > 0.5f) reference = std::atan2(feet.x, feet.z);
    }
    glm::vec3 facing = forward;
    facing.y = 0.0f;
    if (!std::isnan(reference) && glm::length(facing) > 1e-3f)
      out.setBoth(Measure::PelvicRotation, degrees(wrapAngle(std::atan2(facing.x, facing.z) - reference)));
  }

  {  // Spine: thorax axes in the pelvis's frame, both relative to their rest orientation.
    const glm::mat3 pelvis = rotationOf(model[static_cast<std::size_t>(j.hips)]) * rig->hipsRestInverse;
    const glm::mat3 thorax = rotationOf(model[static_cast<std::size_t>(j.upperChest)]) * rig->upperChestRestInverse;
    const glm::mat3 relative = glm::transpose(pelvis) * thorax;  // columns: thorax x, y, z in pelvis axes
    const glm::vec3 thoraxUp = relative[1], thoraxForward = relative[2];
    out.setBoth(Measure::SpineFlexion, degrees(std::atan2(thoraxUp.z, thoraxUp.y)));
    out.setBoth(Measure::SpineLateralFlexion, degrees(std::atan2(thoraxUp.x, thoraxUp.y)));
    out.setBoth(Measure::SpineRotation, degrees(std::atan2(thoraxForward.x, thoraxForward.z)));
    // Shrug: each shoulder joint's offset from the upperChest joint, turned back by the thorax's
    // rotation from rest, against its rest offset; the height difference is the girdle's lift.
    for (Side side : {Side::Left, Side::Right}) {
      const auto s = static_cast<std::size_t>(index(side));
      const glm::vec3 offset = pos(j.arm[s].upperArm) - pos(j.upperChest);
      out.set(Measure::ShoulderShrug, side, (glm::transpose(thorax) * offset - rig->shoulderRestOffset[s]).y);
    }
  }

  const ContactFrame points = contactPoints(*rig, model, offsets);
  if (contacts != nullptr) *contacts = points;

  {  // Body line through the mid-points.
    const glm::vec3 midShoulder = 0.5f * (pos(j.arm[0].upperArm) + pos(j.arm[1].upperArm));
    const glm::vec3 midHip = 0.5f * (hipL + hipR);
    const glm::vec3 midAnkle = 0.5f * (pos(j.leg[0].foot) + pos(j.leg[1].foot));
    const glm::vec3 upper = glm::angleAxis(rig->shoulderRestTilt, lateral) * (midShoulder - midHip);
    out.setBoth(Measure::BodyLine, angleBetween(upper, midAnkle - midHip));
  }
  out.setBoth(Measure::AnkleSeparation, glm::length(pos(j.leg[0].foot) - pos(j.leg[1].foot)));

  // Thorax lateral axis (shoulder to shoulder, perpendicular to the trunk line).
  const glm::vec3 shoulders = pos(j.arm[0].upperArm) - pos(j.arm[1].upperArm);
  const glm::vec3 thoraxLateral = safeNormalize(shoulders - trunkDir * glm::dot(shoulders, trunkDir), lateral);
  const glm::vec3 thoraxForward = glm::cross(thoraxLateral, trunkDir);  // as F = L x U

  for (Side side : {Side::Left, Side::Right}) {
    const auto s = static_cast<std::size_t>(index(side));
    const BodyJoints::Leg& leg = j.leg[s];
    const BodyJoints::Arm& arm = j.arm[s];
    const glm::vec3 hip = pos(leg.upperLeg), knee = pos(leg.lowerLeg), ankle = pos(leg.foot);
    const glm::vec3 thigh = knee - hip, shank = ankle - knee;

    out.set(Measure::HipFlexion, side, signedAngle(thigh, -trunkDir, lateral));

    const SoleFrame sole = soleFrame(*rig, model, side);
    const glm::vec3 footLateral = glm::cross(sole.up, sole.forward);
    const float knee3d = angleBetween(thigh, shank);
    // Hyperextension: the bend is mostly about the foot's lateral axis, and backwards.
    const glm::vec3 bend = glm::cross(thigh, shank);
    out.set(Measure::KneeFlexion, side, glm::dot(bend, footLateral) < -0.5f * glm::length(bend) * glm::length(footLateral) ? -knee3d : knee3d);

    out.set(Measure::AnkleDorsiflexion, side, 90.0f - angleBetween(knee - ankle, sole.forward));

    {  // Frontal plane: coordinates (medial, up).
      const glm::vec3 medial = side == Side::Left ? -lateral : lateral;
      auto flat = [&](const glm::vec3& v) { return glm::vec2(glm::dot(v, medial), glm::dot(v, up)); };
      const glm::vec2 d1 = flat(thigh), d2 = flat(shank);
      const float cross = d1.x * d2.y - d1.y * d2.x;
      // Undefined when thigh or shank points within 15 degrees of straight forward/back.
      if (glm::length(d1) >= 0.25f * glm::length(thigh) && glm::length(d2) >= 0.25f * glm::length(shank))
        out.set(Measure::KneeFppa, side, -degrees(std::atan2(cross, glm::dot(d1, d2))));
    }

    {  // The sole against the floor: pitch (heel rise) and roll about its own long axis.
      out.set(Measure::HeelRise, side, degrees(std::asin(std::clamp(-sole.forward.y, -1.0f, 1.0f))));
      // Roll: the sole's medial axis against the level one (horizontal, perpendicular to the
      // sole's heel-toe line), about that line; undefined for a heel-toe line over 60 degrees
      // from horizontal (a plank's or a supine leg's foot: no roll against the floor to read).
      const glm::vec3 level = glm::cross(kUp, sole.forward);  // the figure's left when facing +Z
      if (glm::length(level) >= 0.5f) {
        const glm::vec3 levelMedial = glm::normalize(side == Side::Left ? -level : level);
        const glm::vec3 soleMedial = side == Side::Left ? -footLateral : footLateral;  // footLateral: the figure's left
        const glm::vec3 rise = glm::normalize(kUp - sole.forward * glm::dot(kUp, sole.forward));
        out.set(Measure::FootInversion, side,
                degrees(std::atan2(glm::dot(soleMedial, rise), glm::dot(soleMedial, levelMedial))));
      }
    }

    {  // Knee against the straight hip -> ankle line, along the pelvis axis.
      const glm::vec3 line = ankle - hip;
      const float length2 = glm::dot(line, line);
      if (length2 > 1e-8f) {
        const glm::vec3 nearest = hip + line * std::clamp(glm::dot(knee - hip, line) / length2, 0.0f, 1.0f);
        const glm::vec3 medial = side == Side::Left ? -lateral : lateral;
        out.set(Measure::KneeMedialOffset, side, glm::dot(knee - nearest, medial));
      }
    }

    {  // Knee against the foot's line, on the floor plane.
      glm::vec3 along = sole.forward;
      along.y = 0.0f;
      if (glm::length(along) >= 0.5f) {  // the sole within 60 degrees of flat
        along = glm::normalize(along);
        const glm::vec3 footLeft = glm::cross(kUp, along);  // facing +Z: +X, the figure's left
        const glm::vec3 medial = side == Side::Left ? -footLeft : footLeft;
        out.set(Measure::KneeMedialShift, side, glm::dot(knee - ankle, medial));
      }
    }

    const glm::vec3 shoulder = pos(arm.upperArm), elbow = pos(arm.lowerArm), wrist = pos(arm.hand);
    out.set(Measure::ElbowFlexion, side, angleBetween(elbow - shoulder, wrist - elbow));
    float flexion = signedAngle(elbow - shoulder, -trunkDir, thoraxLateral);
    if (flexion <= -90.0f) flexion += 360.0f;
    out.set(Measure::ShoulderFlexion, side, flexion);
    const glm::vec3 upperArm = elbow - shoulder;
    out.set(Measure::ArmElevation, side, angleBetween(upperArm, -trunkDir));
    {  // Plane of elevation: the upper arm on the thorax's transverse plane.
      const glm::vec2 transverse(glm::dot(upperArm, thoraxForward),
                                 glm::dot(upperArm, side == Side::Left ? thoraxLateral : -thoraxLateral));
      if (glm::length(transverse) >= 0.25f * glm::length(upperArm)) {  // not within ~15 deg of the trunk line
        float abduction = degrees(std::atan2(transverse.y, transverse.x));
        if (abduction <= -90.0f) abduction += 360.0f;  // behind the body reads past 180, not -180
        out.set(Measure::ShoulderHorizontalAbduction, side, abduction);
      }
    }
    {  // The grip against the shin at the grip's height, along F.
      const glm::vec3 grip = 0.5f * (wrist + pos(arm.middleProximal));
      const float span = knee.y - ankle.y;
      const float along = std::abs(span) > 1e-4f ? std::clamp((grip.y - ankle.y) / span, 0.0f, 1.0f)
                                                 : (grip.y > knee.y ? 1.0f : 0.0f);
      out.set(Measure::HandShinDistance, side, glm::dot(grip - (ankle + along * (knee - ankle)), forward));
      out.set(Measure::HandAheadOfShoulder, side, glm::dot(grip - shoulder, forward));
    }

    const glm::vec3 across = pos(j.leg[static_cast<std::size_t>(index(other(side)))].upperLeg) - hip;
    const float acrossLength = glm::length(across);
    out.set(Measure::PelvicDrop, side,
            acrossLength > 1e-6f ? degrees(std::asin(std::clamp(across.y / acrossLength, -1.0f, 1.0f))) : kNoValue);

    float lowest = 0.0f;
    for (const glm::vec3& p : points.points[s]) lowest = std::min(lowest, p.y);
    out.set(Measure::FloorPenetration, side, std::max(0.0f, -lowest));  // never -0
  }
  return true;
}

}  // namespace formviz::form
