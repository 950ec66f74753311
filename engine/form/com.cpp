#include "form/com.h"

#include <algorithm>
#include <cmath>

namespace formviz::form {

// de Leva P. (1996) Adjustments to Zatsiorsky-Seluyanov's segment inertia parameters.
// J Biomech 29(9):1223-1230, Table 4: mass in % of body mass, CM position in % of the
// segment length from the first landmark (head from VERT; trunk parts from CERV, XYPH, OMPH).
const std::array<SegmentParameters, kSegmentCount>& deLeva1996(Sex sex) {
  static const std::array<SegmentParameters, kSegmentCount> male = {{
      {0.0694f, 1.0f},     // head + neck (CM 59.76% from VERT; placed at the head joint)
      {0.1596f, 0.5066f},  // upper trunk, CERV -> XYPH (SUPR -> XYPH would be 29.99%)
      {0.1633f, 0.4502f},  // middle trunk
      {0.1117f, 0.6115f},  // lower trunk
      {0.0271f, 0.5772f},  // upper arm
      {0.0162f, 0.4574f},  // forearm
      {0.0061f, 0.7900f},  // hand
      {0.1416f, 0.4095f},  // thigh
      {0.0433f, 0.4395f},  // shank, KJC -> AJC (KJC -> LMAL would be 44.59%)
      {0.0137f, 0.4415f},  // foot
  }};
  static const std::array<SegmentParameters, kSegmentCount> female = {{
      {0.0668f, 1.0f},     // head + neck (CM 58.94% from VERT; placed at the head joint)
      {0.1545f, 0.5050f},  // upper trunk, CERV -> XYPH (SUPR -> XYPH would be 20.77%)
      {0.1465f, 0.4512f},  // middle trunk
      {0.1247f, 0.4920f},  // lower trunk
      {0.0255f, 0.5754f},  // upper arm
      {0.0138f, 0.4559f},  // forearm
      {0.0056f, 0.7474f},  // hand
      {0.1478f, 0.3612f},  // thigh
      {0.0481f, 0.4352f},  // shank, KJC -> AJC (KJC -> LMAL would be 44.16%)
      {0.0129f, 0.4014f},  // foot
  }};
  return sex == Sex::Male ? male : female;
}

bool CenterOfMassJob::Validate() const {
  if (rig == nullptr || output == nullptr) return false;
  MeasureJob probe;
  FrameMeasures unused;
  probe.rig = rig;
  probe.model = model;
  probe.output = &unused;
  return probe.Validate();
}

bool CenterOfMassJob::Run() const {
  if (!Validate()) return false;
  const BodyJoints& j = rig->joints;
  const auto& table = deLeva1996(sex);
  auto pos = [&](int joint) { return glm::vec3(model[static_cast<std::size_t>(joint)][3]); };
  glm::vec3 sum(0.0f);
  float mass = 0.0f;
  auto add = [&](Segment segment, const glm::vec3& a, const glm::vec3& b) {
    const SegmentParameters& p = table[static_cast<std::size_t>(segment)];
    sum += p.massFraction * (a + (b - a) * p.comFraction);
    mass += p.massFraction;
  };
  add(Segment::HeadNeck, pos(j.neck), pos(j.head));
  add(Segment::UpperTrunk, pos(j.neck), pos(j.chest));
  add(Segment::MiddleTrunk, pos(j.chest), pos(j.spine));
  add(Segment::LowerTrunk, pos(j.spine), pos(j.hips));
  const ContactFrame contacts = contactPoints(*rig, model, offsets);
  for (Side side : {Side::Left, Side::Right}) {
    const auto s = static_cast<std::size_t>(index(side));
    const BodyJoints::Arm& arm = j.arm[s];
    const BodyJoints::Leg& leg = j.leg[s];
    add(Segment::UpperArm, pos(arm.upperArm), pos(arm.lowerArm));
    add(Segment::Forearm, pos(arm.lowerArm), pos(arm.hand));
    add(Segment::Hand, pos(arm.hand), pos(arm.middleProximal));
    add(Segment::Thigh, pos(leg.upperLeg), pos(leg.lowerLeg));
    add(Segment::Shank, pos(leg.lowerLeg), pos(leg.foot));
    add(Segment::Foot, contacts.get(side, ContactPoint::Heel), contacts.get(side, ContactPoint::ToeTip));
  }
  *output = sum / mass;
  return true;
}

namespace {
float cross2(const glm::vec2& o, const glm::vec2& a, const glm::vec2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}
// The same in double precision: differences and products of floats are (nearly) exact there,
// so the hull's turn tests agree with each other even for nearly collinear points (with float
// rounding the two chains could disagree and the hull outgrow its n + 1 slots).
double cross2Exact(const glm::vec2& o, const glm::vec2& a, const glm::vec2& b) {
  const glm::dvec2 oo(o), aa(a), bb(b);
  return (aa.x - oo.x) * (bb.y - oo.y) - (aa.y - oo.y) * (bb.x - oo.x);
}
float distanceToSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 ab = b - a;
  const float len2 = glm::dot(ab, ab);
  const float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return glm::length(p - (a + ab * t));
}
}  // namespace

int convexHull(std::span<glm::vec2> points, std::span<glm::vec2> hull) {
  const std::size_t n = points.size();
  if (n == 0 || hull.size() < n + 1) return 0;
  std::sort(points.begin(), points.end(),
            [](const glm::vec2& a, const glm::vec2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) {  // lower chain
    while (k >= 2 && cross2Exact(hull[k - 2], hull[k - 1], points[i]) <= 0.0) --k;
    hull[k++] = points[i];
  }
  for (std::size_t i = n - 1, t = k + 1; i-- > 0;) {  // upper chain
    while (k >= t && cross2Exact(hull[k - 2], hull[k - 1], points[i]) <= 0.0) --k;
    if (k == hull.size()) return 0;  // cannot happen with consistent turn tests; never write past `hull`
    hull[k++] = points[i];
  }
  std::size_t count = k > 1 ? k - 1 : k;  // the last point repeats the first
  if (count == 2 && hull[0] == hull[1]) count = 1;  // all points equal
  return static_cast<int>(count);
}

float signedDistanceToHull(std::span<const glm::vec2> hull, glm::vec2 p) {
  const std::size_t n = hull.size();
  if (n == 0) return kNoValue;
  if (n == 1) return -glm::length(p - hull[0]);
  if (n == 2) return -distanceToSegment(p, hull[0], hull[1]);
  bool inside = true;
  float nearest = std::numeric_limits<float>::max();
  for (std::size_t i = 0; i < n; ++i) {
    const glm::vec2 a = hull[i], b = hull[(i + 1) % n];
    if (cross2(a, b, p) < 0.0f) inside = false;
    nearest = std::min(nearest, distanceToSegment(p, a, b));
  }
  return inside ? nearest : -nearest;
}

}  // namespace formviz::form
