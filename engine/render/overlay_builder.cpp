#include "render/overlay_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "form/measures.h"

// [SECTION] Joint lookup
// [SECTION] Geometry helpers
// [SECTION] Angles, lines, contacts

constexpr float kFppaLabelMaxKnee = 60.0f;  // degrees of knee flexion
// [SECTION] The job

namespace formviz::render {
namespace {

using form::Measure;
using form::Side;

constexpr std::array<std::string_view, 13> kJoints = {"head", "neck",   "shoulder", "elbow", "wrist", "chest", "spine",
                                                      "pelvis", "hip",  "knee",     "ankle", "heel",  "toe"};
bool isSided(std::string_view name) {
  return name == "shoulder" || name == "elbow" || name == "wrist" || name == "hip" || name == "knee" ||
         name == "ankle" || name == "heel" || name == "toe";
}

// [SECTION] Joint lookup

struct Frame {
  const form::BodyRig* rig;
  std::span<const glm::mat4> model;
  form::ContactFrame contacts;
  form::FrameMeasures measures;
};

glm::vec3 jointPosition(const Frame& f, int joint) { return glm::vec3(f.model[static_cast<std::size_t>(joint)][3]); }

glm::vec3 sidedPoint(const Frame& f, std::string_view name, Side side) {
  const auto& arm = f.rig->joints.arm[static_cast<std::size_t>(form::index(side))];
  const auto& leg = f.rig->joints.leg[static_cast<std::size_t>(form::index(side))];
  if (name == "shoulder") return jointPosition(f, arm.upperArm);
  if (name == "elbow") return jointPosition(f, arm.lowerArm);
  if (name == "wrist") return jointPosition(f, arm.hand);
  if (name == "hip") return jointPosition(f, leg.upperLeg);
  if (name == "knee") return jointPosition(f, leg.lowerLeg);
  if (name == "ankle") return jointPosition(f, leg.foot);
  if (name == "heel") return f.contacts.get(side, form::ContactPoint::Heel);
  return jointPosition(f, leg.toes);  // "toe": the ball of the foot, where the toes bend
}

glm::vec3 centralPoint(const Frame& f, std::string_view name) {
  const form::BodyJoints& j = f.rig->joints;
  if (name == "head") return jointPosition(f, j.head);
  if (name == "neck") return jointPosition(f, j.neck);
  if (name == "chest") return jointPosition(f, j.chest);
  if (name == "spine") return jointPosition(f, j.spine);
  return jointPosition(f, j.hips);  // "pelvis"
}

// [SECTION] Geometry helpers

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
  const float len = glm::length(v);
  return len > 1e-6f ? v / len : fallback;
}

float angleBetween(const glm::vec3& a, const glm::vec3& b) {
  return glm::degrees(std::acos(std::clamp(glm::dot(a, b), -1.0f, 1.0f)));
}

// Points of the arc of radius `r` around `centre` from unit direction u0 to unit direction u1
// (the shorter way), `segments` pieces.
std::vector<glm::vec3> arcPoints(const glm::vec3& centre, const glm::vec3& u0, const glm::vec3& u1, float r, int segments) {
  const float angle = std::acos(std::clamp(glm::dot(u0, u1), -1.0f, 1.0f));
  // An orthonormal basis of the arc's plane: u0 and the part of u1 perpendicular to it.
  glm::vec3 v = u1 - u0 * glm::dot(u0, u1);
  v = safeNormalize(v, safeNormalize(glm::cross(u0, glm::vec3(0.0f, 1.0f, 0.0f)), glm::vec3(1.0f, 0.0f, 0.0f)));
  std::vector<glm::vec3> points;
  for (int i = 0; i <= segments; ++i) {
    const float a = angle * static_cast<float>(i) / static_cast<float>(segments);
    points.push_back(centre + r * (std::cos(a) * u0 + std::sin(a) * v));
  }
  return points;
}

OverlayLine line(std::vector<glm::vec3> points, glm::vec3 color, float width, bool dashed = false) {
  OverlayLine l;
  l.points = std::move(points);
  l.color = color;
  l.width = width;
  l.dashed = dashed;
  return l;
}

// [SECTION] Angles, lines, contacts

constexpr float kFppaLabelMaxKnee = 60.0f;  // degrees of knee flexion

struct MeasuredAngle {
  std::array<std::string_view, 3> joints;
  Measure measure;
  std::string_view label;
};
constexpr std::array<MeasuredAngle, 4> kMeasuredAngles{{
    {{"hip", "knee", "ankle"}, Measure::KneeFlexion, "knee"},
    {{"shoulder", "elbow", "wrist"}, Measure::ElbowFlexion, "elbow"},
    {{"shoulder", "hip", "knee"}, Measure::HipFlexion, "hip"},
    {{"knee", "ankle", "toe"}, Measure::AnkleDorsiflexion, "ankle"},
}};

void addAngle(const Frame& f, const std::vector<std::string>& names, const std::array<glm::vec3, 3>& p,
              std::optional<Side> side, OverlayPrimitives& out) {
  const glm::vec3 a = p[0] - p[1], c = p[2] - p[1];
  const float la = glm::length(a), lc = glm::length(c);
  if (la < 1e-4f || lc < 1e-4f) return;
  const glm::vec3 ua = a / la, uc = c / lc;
  const float r = std::clamp(0.32f * std::min(la, lc), 0.05f, 0.11f);

  const MeasuredAngle* measured = nullptr;
  if (side)
    for (const MeasuredAngle& m : kMeasuredAngles)
      if (names[0] == m.joints[0] && names[1] == m.joints[1] && names[2] == m.joints[2]) measured = &m;

  // The two segments, thin, so the arc's legs are clear even where the body hides the bones.
  out.lines.push_back(line({p[0], p[1], p[2]}, kOverlayMeasureColor, 3.0f));
  glm::vec3 from = ua;
  std::string text;
  if (measured) {
    // Flexion: from the first segment's extension past the vertex to the second segment.
    from = -ua;
    out.lines.push_back(line({p[1], p[1] + from * (r * 1.35f)}, kOverlayGuideColor, 2.0f, true));
    const float value = f.measures.get(measured->measure, *side);
    if (std::isfinite(value)) {
      if (measured->measure == Measure::AnkleDorsiflexion && value < -0.5f)
        text = fmt::format("ankle {:.0f}° plantar", -value);
      else
        text = angleLabel(measured->label, value);
    }
  } else {
    text = angleLabel(names[1], angleBetween(ua, uc));
  }
  out.lines.push_back(line(arcPoints(p[1], from, uc, r, 24), kOverlayMeasureColor, 4.0f));
  if (!text.empty()) {
    glm::vec3 bisector = from + uc;
    bisector = safeNormalize(bisector, safeNormalize(glm::cross(from, glm::vec3(0.0f, 0.0f, 1.0f)), glm::vec3(1, 0, 0)));
    out.labels.push_back({p[1] + bisector * (r * 2.1f), std::move(text), kOverlayMeasureColor});
  }
}

void addLine(const Frame& f, const std::vector<std::string>& names, const std::vector<glm::vec3>& p,
             std::optional<Side> side, bool alternating, OverlayPrimitives& out) {
  // The reference first, so where the joints are in line the solid line covers it.
  if (p.size() >= 3) out.lines.push_back(line({p.front(), p.back()}, kOverlayGuideColor, 2.0f, true));
  out.lines.push_back(line(p, kOverlayMeasureColor, 4.0f));

  std::string text;
  glm::vec3 anchor = p[p.size() / 2];
  auto is = [&](std::initializer_list<std::string_view> list) {
    return std::equal(names.begin(), names.end(), list.begin(), list.end());
  };
  if (side && is({"shoulder", "hip", "ankle"})) {
    const float v = f.measures.get(Measure::BodyLine, *side);
    if (std::isfinite(v)) text = fmt::format("body line {:.0f}°", v);
  } else if (side && is({"hip", "knee", "ankle"})) {
    // FPPA is the 2-D video measure of landings and shallow knee bends: in deep flexion it
    // mixes hip rotation in (docs/FORM.md, Limitations), so it is labelled up to 60 degrees.
    const float v = f.measures.get(Measure::KneeFppa, *side);
    if (std::isfinite(v) && f.measures.get(Measure::KneeFlexion, *side) <= kFppaLabelMaxKnee) text = std::lround(v) == 0 ? std::string("knee in line")
                                 : v > 0.0f          ? fmt::format("knee {:.0f}° in", v)
                                                     : fmt::format("knee {:.0f}° out", -v);
  } else if (side && is({"shoulder", "hip"})) {
    const float v = f.measures.get(Measure::TrunkInclination, *side);
    if (std::isfinite(v)) text = fmt::format("trunk {:.0f}°", v);
    anchor = (p[0] + p[1]) * 0.5f;
  } else if (alternating && is({"hip", "hip"})) {
    const float v = f.measures.get(Measure::PelvicDrop, Side::Left);
    if (std::isfinite(v))
      text = std::lround(std::abs(v)) == 0 ? std::string("pelvis level")
                                           : fmt::format("{} hip {:.0f}° low", v > 0.0f ? "left" : "right", std::abs(v));
    anchor = (p[0] + p[1]) * 0.5f;
  }
  if (!text.empty()) out.labels.push_back({anchor + glm::vec3(0.0f, 0.09f, 0.0f), std::move(text), kOverlayMeasureColor});
}

void addContacts(const Frame& f, float height, OverlayPrimitives& out) {
  constexpr float kRing = 0.03f;  // metres
  using form::ContactPoint;
  for (Side side : {Side::Left, Side::Right}) {
    // One ring per grounded part: heel, forefoot (ball and toe tip together), palm, elbow, knee.
    std::vector<glm::vec3> grounded;
    auto down = [&](ContactPoint c) { return f.contacts.get(side, c).y <= height; };
    for (ContactPoint c : {ContactPoint::Heel, ContactPoint::Palm, ContactPoint::Elbow, ContactPoint::Knee})
      if (down(c)) grounded.push_back(f.contacts.get(side, c));
    if (down(ContactPoint::Ball) && down(ContactPoint::ToeTip))
      grounded.push_back(0.5f * (f.contacts.get(side, ContactPoint::Ball) + f.contacts.get(side, ContactPoint::ToeTip)));
    else if (down(ContactPoint::Ball) || down(ContactPoint::ToeTip))
      grounded.push_back(f.contacts.get(side, down(ContactPoint::Ball) ? ContactPoint::Ball : ContactPoint::ToeTip));
    for (const glm::vec3& p : grounded) {
      OverlayLine ring;
      for (int i = 0; i < 32; ++i) {
        const float a = 2.0f * 3.14159265f * static_cast<float>(i) / 32.0f;
        ring.points.push_back(glm::vec3(p.x + kRing * std::cos(a), 0.004f, p.z + kRing * std::sin(a)));
      }
      ring.closed = true;
      ring.color = kOverlayContactColor;
      ring.width = 3.0f;
      out.lines.push_back(std::move(ring));
    }
  }
}

}  // namespace

bool isOverlayJoint(std::string_view name) { return std::find(kJoints.begin(), kJoints.end(), name) != kJoints.end(); }

std::string angleLabel(std::string_view joint, float degrees) { return fmt::format("{} {:.0f}°", joint, degrees); }

// [SECTION] The job

bool OverlayBuildJob::Validate() const {
  if (!rig || !request || !output) return false;
  const form::BodyJoints& j = rig->joints;
  int highest = std::max({j.hips, j.spine, j.chest, j.upperChest, j.neck, j.head});
  for (int s = 0; s < form::kSideCount; ++s) {
    const auto& arm = j.arm[static_cast<std::size_t>(s)];
    const auto& leg = j.leg[static_cast<std::size_t>(s)];
    highest = std::max({highest, arm.shoulder, arm.upperArm, arm.lowerArm, arm.hand, arm.middleProximal, leg.upperLeg,
                        leg.lowerLeg, leg.foot, leg.toes});
  }
  if (highest < 0 || model.size() <= static_cast<std::size_t>(highest)) return false;
  for (const std::string& name : request->joints)
    if (!isOverlayJoint(name)) return false;
  const std::size_t n = request->joints.size();
  switch (request->kind) {
    case OverlayRequestKind::Angle: return n == 3;
    case OverlayRequestKind::Line: return n >= 2;
    case OverlayRequestKind::Contacts: return true;
  }
  return false;
}

bool OverlayBuildJob::Run() const {
  if (!Validate()) return false;
  Frame f{rig, model, {}, {}};
  form::MeasureJob measure;
  measure.rig = rig;
  measure.model = model;
  measure.offsets = rig->contactOffsets;
  measure.output = &f.measures;
  measure.contacts = &f.contacts;
  if (!measure.Run()) return false;

  OverlayPrimitives built;
  if (request->kind == OverlayRequestKind::Contacts) {
    addContacts(f, contactHeight, built);
    output->append(built);
    return true;
  }

  const std::vector<std::string>& names = request->joints;
  auto count = [&](const std::string& name) { return std::count(names.begin(), names.end(), name); };
  bool repeats = false, sided = false;
  for (const std::string& name : names) {
    repeats = repeats || (isSided(name) && count(name) > 1);
    sided = sided || isSided(name);
  }

  // One pass per side, or one pass with alternating/mid-point sides (see the header).
  std::vector<std::optional<Side>> passes;
  if (repeats || !sided) passes.push_back(std::nullopt);
  else if (request->side == OverlayRequestSide::Both) passes = {Side::Left, Side::Right};
  else passes.push_back(request->side == OverlayRequestSide::Left ? Side::Left : Side::Right);

  for (const std::optional<Side>& side : passes) {
    std::vector<glm::vec3> points;
    std::vector<int> seen(names.size(), 0);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string& name = names[i];
      if (!isSided(name)) {
        points.push_back(centralPoint(f, name));
      } else if (side) {
        points.push_back(sidedPoint(f, name, *side));
      } else if (count(name) > 1) {
        int k = 0;
        for (std::size_t j = 0; j < i; ++j) k += names[j] == name ? 1 : 0;
        points.push_back(sidedPoint(f, name, k % 2 == 0 ? Side::Left : Side::Right));
      } else {
        points.push_back(0.5f * (sidedPoint(f, name, Side::Left) + sidedPoint(f, name, Side::Right)));
      }
    }
    if (request->kind == OverlayRequestKind::Angle)
      addAngle(f, names, {points[0], points[1], points[2]}, side, built);
    else
      addLine(f, names, points, side, repeats, built);
  }
  output->append(built);
  return true;
}

}  // namespace formviz::render
