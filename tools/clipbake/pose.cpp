// [SECTION] index
//   helpers    quaternions from degrees, frames from two directions
//   rig        the reference skeleton
//   build      joint-level parameters -> local pose (forward kinematics by segment directions)
//   measures   engine/form's angle definitions
//   keys       solveKey: Newton on the thigh angles, the body placed on the anchor foot, IK
//   frames     interpolateKeys
#include "pose.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <glm/gtc/quaternion.hpp>

#include "anim/ik.h"
#include "anim/model_space.h"
#include "body.h"

namespace formviz::clipbake {
namespace {

// [SECTION] helpers

constexpr glm::vec3 kX{1.0f, 0.0f, 0.0f}, kY{0.0f, 1.0f, 0.0f}, kZ{0.0f, 0.0f, 1.0f};

float rad(float degrees) { return glm::radians(degrees); }
float deg(float radians) { return glm::degrees(radians); }
glm::quat aa(float degrees, const glm::vec3& axis) { return glm::angleAxis(rad(degrees), glm::normalize(axis)); }
float sideSign(int side) { return side == kLeft ? 1.0f : -1.0f; }
float mixAngle(float a, float b, float u) { return a + (b - a) * u; }
std::size_t at(int i) { return static_cast<std::size_t>(i); }

glm::vec3 orthogonalTo(const glm::vec3& v, const glm::vec3& axis) { return glm::normalize(v - glm::dot(v, axis) * axis); }

// Rotation taking the orthonormal pair (side0, axis0) to (side1, axis1).
glm::quat frameRotation(const glm::vec3& side0, const glm::vec3& axis0, const glm::vec3& side1, const glm::vec3& axis1) {
  const glm::mat3 m0(side0, axis0, glm::cross(side0, axis0));
  const glm::mat3 m1(side1, axis1, glm::cross(side1, axis1));
  return glm::normalize(glm::quat_cast(m1 * glm::transpose(m0)));
}

float angleBetween(const glm::vec3& a, const glm::vec3& b) {
  const float c = glm::dot(glm::normalize(a), glm::normalize(b));
  return deg(std::acos(std::clamp(c, -1.0f, 1.0f)));
}

// Signed angle from a to b about `axis` (both projected on the plane perpendicular to it).
float signedAngle(const glm::vec3& a, const glm::vec3& b, const glm::vec3& axis) {
  const glm::vec3 pa = a - glm::dot(a, axis) * axis, pb = b - glm::dot(b, axis) * axis;
  return deg(std::atan2(glm::dot(glm::cross(pa, pb), axis), glm::dot(pa, pb)));
}

glm::vec3 position(const std::vector<glm::mat4>& model, int joint) { return glm::vec3(model[at(joint)][3]); }

// Signed twist, degrees in (-180, 180], of `bone` (a rotation from the rest) about its posed
// axis bone * axis0, measured from the shortest swing taking axis0 there in `parent`'s frame
// (parent and bone both rotations from the rest, world space): the axial turn a bone carries
// against its parent beyond what pointing it needs.
float armTwist(const glm::quat& parent, const glm::vec3& axis0, const glm::quat& bone) {
  const glm::vec3 d = bone * axis0;
  const glm::vec3 local = glm::inverse(parent) * d;
  const glm::vec3 c = glm::cross(axis0, local);
  const float s = glm::length(c), cosine = glm::dot(axis0, local);
  const glm::quat swing =
      s < 1e-6f ? glm::quat(1, 0, 0, 0) : glm::angleAxis(std::atan2(s, cosine), c / s);
  const glm::quat twist = glm::inverse(bone) * parent * swing;  // about axis0, in the rest frame
  float t = deg(2.0f * std::atan2(glm::dot(glm::vec3(twist.x, twist.y, twist.z), axis0), twist.w));
  if (t > 180.0f) t -= 360.0f;
  if (t <= -180.0f) t += 360.0f;
  return t;
}

// [SECTION] build

// Everything that decides a pose: the source's parameters plus what the solver found.
struct State {
  PoseParams p;
  float pitch = 0.0f;
  std::array<LegSolution, 2> legs{};
  std::array<glm::quat, 2> footLocal{glm::quat(1, 0, 0, 0), glm::quat(1, 0, 0, 0)};  // foot against shank, free feet
  glm::vec3 pelvis{0.0f};
};

// The body frame's lateral axis, as engine/form defines it: the hip line made horizontal, or
// the hip line itself when the body lies on its side (within 30 degrees of vertical).
glm::vec3 bodyLateral(const Rig& rig, const std::vector<glm::mat4>& model, bool* lying = nullptr) {
  const glm::vec3 axis =
      glm::normalize(position(model, rig.legs[kLeft].upper) - position(model, rig.legs[kRight].upper));
  const bool side = std::abs(axis.y) > std::cos(rad(30.0f));
  if (lying) *lying = side;
  if (side) return axis;
  return glm::normalize(glm::vec3(axis.x, 0.0f, axis.z));
}

glm::vec3 trunkLine(const Rig& rig, const std::vector<glm::mat4>& model) {
  const glm::vec3 lateral = bodyLateral(rig, model);
  const glm::vec3 line = glm::normalize(position(model, rig.neck) - position(model, rig.hips));
  return glm::normalize(glm::angleAxis(rig.trunkRestTilt, lateral) * line);
}

anim::Pose build(const Rig& rig, const State& s) {
  const int n = rig.skeleton.jointCount();
  std::vector<glm::quat> world(at(n), glm::quat(1, 0, 0, 0));
  const PoseParams& p = s.p;
  const glm::quat yaw = aa(p.pelvisRotation, kY);
  const glm::quat pelvis = yaw * aa(p.pelvisDrop, kZ) * aa(s.pitch, kX);
  world[at(rig.hips)] = pelvis;
  const float share[3] = {0.4f, 0.3f, 0.3f};
  const int spine[3] = {rig.spine, rig.chest, rig.upperChest};
  glm::quat q = pelvis;
  for (int i = 0; i < 3; ++i) {
    q = q * aa(p.trunkRotation * share[i], kY) * aa(-p.trunkLean * share[i], kZ) * aa(p.trunkFlexion * share[i], kX);
    world[at(spine[i])] = q;
  }
  world[at(rig.neck)] = q * aa(p.headFlexion * 0.5f, kX);
  world[at(rig.head)] = world[at(rig.neck)] * aa(p.headFlexion * 0.5f, kX);

  // Positions needed for the limb frames: hips, hip joints, trunk line.
  auto restOffset = [&](int j) { return rig.rest[at(j)] - rig.rest[at(rig.skeleton.parent(j))]; };
  const glm::vec3 hipsPos = s.pelvis;
  // Trunk line without forward kinematics: hips -> neck through the spine chain.
  glm::vec3 neckPos = hipsPos;
  for (int j : {rig.spine, rig.chest, rig.upperChest, rig.neck})
    neckPos += world[at(rig.skeleton.parent(j))] * restOffset(j);
  const glm::vec3 lateralBody = yaw * kX;
  const glm::vec3 trunkUp =
      glm::normalize(glm::angleAxis(rig.trunkRestTilt, lateralBody) * glm::normalize(neckPos - hipsPos));

  // Arms, in the thorax frame: the shoulder-to-shoulder line lateral, the trunk line made
  // perpendicular to it up (as the measure projects them).
  glm::vec3 chestPos = hipsPos;
  for (int j : {rig.spine, rig.chest, rig.upperChest}) chestPos += world[at(rig.skeleton.parent(j))] * restOffset(j);
  auto shoulderPos = [&](int side) {
    return chestPos + world[at(rig.upperChest)] * (rig.rest[at(rig.arms[at(side)].upper)] - rig.rest[at(rig.upperChest)]);
  };
  const glm::vec3 lt = glm::normalize(shoulderPos(kLeft) - shoulderPos(kRight));
  const glm::vec3 armUp = orthogonalTo(trunkUp, lt);
  const glm::vec3 ft = glm::cross(lt, armUp);
  for (int side : {kLeft, kRight}) {
    const Rig::Arm& arm = rig.arms[at(side)];
    const ArmParams& a = p.arms[at(side)];
    const float sg = sideSign(side);
    world[at(arm.shoulder)] = world[at(rig.upperChest)] * aa(sg * a.shrug, kZ);
    const glm::vec3 sag = -std::cos(rad(a.shoulder)) * armUp + std::sin(rad(a.shoulder)) * ft;
    const glm::vec3 d = glm::normalize(std::cos(rad(a.abduction)) * sag + std::sin(rad(a.abduction)) * sg * lt);
    glm::vec3 ant = std::cos(rad(a.shoulder)) * ft + std::sin(rad(a.shoulder)) * armUp;
    ant = orthogonalTo(ant, d);
    const glm::vec3 fore = glm::normalize(std::cos(rad(a.elbow)) * d + std::sin(rad(a.elbow)) * ant);
    const glm::vec3 bend = glm::normalize(glm::cross(d, ant));
    const glm::vec3 d0 = glm::normalize(rig.rest[at(arm.lower)] - rig.rest[at(arm.upper)]);
    const glm::vec3 b0 = glm::normalize(glm::cross(d0, orthogonalTo(kZ, d0)));
    const glm::vec3 f0 = glm::normalize(rig.rest[at(arm.hand)] - rig.rest[at(arm.lower)]);
    const glm::vec3 fb0 = glm::normalize(glm::cross(f0, orthogonalTo(kZ, f0)));
    const glm::quat upper = frameRotation(b0, d0, bend, d), forearm = frameRotation(fb0, f0, bend, fore);
    // Raised past 90 degrees, the humerus gives back kArmUntwist of its axial twist against the
    // shortest swing from the rest (in the chest's frame) and the forearm half of that, so the
    // chest-upper arm, elbow and wrist bands each turn a part of it (the hand keeps its
    // orientation). The frame above, flexion after the A-pose, stands an arm raised overhead
    // nearly a half turn about its own axis from that swing: the palm faces in rather than out.
    const float raise = std::clamp((a.shoulder - 90.0f) / 90.0f, 0.0f, 1.0f);
    const float untwist = kArmUntwist * raise * armTwist(world[at(rig.chest)], d0, upper);
    world[at(arm.upper)] = aa(untwist, d) * upper;
    world[at(arm.lower)] = aa(0.5f * untwist, fore) * forearm;
    world[at(arm.hand)] = forearm;
  }

  // Legs, in the leg frame: the body's frame turned outward by kneeTrack.
  for (int side : {kLeft, kRight}) {
    const Rig::Leg& leg = rig.legs[at(side)];
    const LegSolution& l = s.legs[at(side)];
    const float sg = sideSign(side);
    const glm::quat legYaw = yaw * aa(sg * l.kneeTrack, kY);
    const glm::vec3 fl = legYaw * kZ, ll = legYaw * kX;
    const float th = rad(l.theta), ab = rad(l.abduction);
    glm::vec3 d = glm::normalize(std::cos(ab) * (-std::cos(th) * kY + std::sin(th) * fl) + std::sin(ab) * sg * ll);
    glm::vec3 k = orthogonalTo(std::cos(th) * fl + std::sin(th) * kY, d);
    glm::vec3 ds = glm::normalize(std::cos(rad(l.knee)) * d - std::sin(rad(l.knee)) * k);
    if (l.valgus != 0.0f) {
      const float thigh = glm::length(rig.rest[at(leg.lower)] - rig.rest[at(leg.upper)]);
      const float shank = glm::length(rig.rest[at(leg.foot)] - rig.rest[at(leg.lower)]);
      const glm::quat r = aa(sg * l.valgus, thigh * d + shank * ds);
      d = r * d;
      k = r * k;
      ds = r * ds;
    }
    const glm::vec3 bend = glm::normalize(glm::cross(k, d));
    const glm::vec3 d0 = glm::normalize(rig.rest[at(leg.lower)] - rig.rest[at(leg.upper)]);
    const glm::vec3 b0 = glm::normalize(glm::cross(orthogonalTo(kZ, d0), d0));
    const glm::vec3 s0 = glm::normalize(rig.rest[at(leg.foot)] - rig.rest[at(leg.lower)]);
    const glm::vec3 sb0 = glm::normalize(glm::cross(orthogonalTo(kZ, s0), s0));
    world[at(leg.upper)] = frameRotation(b0, d0, bend, d);
    world[at(leg.lower)] = frameRotation(sb0, s0, bend, ds);
    world[at(leg.foot)] = world[at(leg.lower)] * s.footLocal[at(side)];
    world[at(leg.toes)] = world[at(leg.foot)];
  }
  // Hands' children and anything else follow their parents.
  anim::Pose local = anim::restPose(rig.skeleton);
  for (int j = 0; j < n; ++j) {
    const int parent = rig.skeleton.parent(j);
    if (parent < 0) {
      local[at(j)].rotation = world[at(j)];
      local[at(j)].translation = s.pelvis;
      continue;
    }
    const bool posed = j == rig.hips || j == rig.spine || j == rig.chest || j == rig.upperChest || j == rig.neck ||
                       j == rig.head;
    bool limb = false;
    for (int side : {kLeft, kRight}) {
      const Rig::Arm& a = rig.arms[at(side)];
      const Rig::Leg& l = rig.legs[at(side)];
      limb = limb || j == a.shoulder || j == a.upper || j == a.lower || j == a.hand || j == l.upper || j == l.lower ||
             j == l.foot || j == l.toes;
    }
    if (!posed && !limb) world[at(j)] = world[at(parent)];
    local[at(j)].rotation = glm::normalize(glm::inverse(world[at(parent)]) * world[at(j)]);
  }
  return local;
}

// World rotation of a planted foot: turned out, heel raised about the ball, then rolled onto
// its outer edge about the ball's horizontal forward line (a raised heel swings out with the
// ankle: the weight on the little toes reads from behind as shins bowing out; rolled about the
// foot's own long axis, which a raised heel tilts up, the ankle hardly moved).
glm::quat plantedFootRotation(const FootParams& f, int side) {
  return aa(sideSign(side) * f.toeOut, kY) * aa(-sideSign(side) * f.roll, kZ) * aa(f.heelRise, kX);
}

glm::vec3 ankleTarget(const Rig& rig, const FootParams& f, int side) {
  const Rig::Leg& leg = rig.legs[at(side)];
  return ballTarget(rig, f, side) - plantedFootRotation(f, side) * (rig.rest[at(leg.toes)] - rig.rest[at(leg.foot)]);
}

// Sets a planted foot flat (or on its ball) and the toes flat on the floor.
void orientPlantedFoot(const Rig& rig, const FootParams& f, int side, anim::Pose& local, std::vector<glm::mat4>& model) {
  const Rig::Leg& leg = rig.legs[at(side)];
  const glm::quat shank = glm::quat_cast(glm::mat3(model[at(leg.lower)]));
  const glm::quat foot = plantedFootRotation(f, side);
  local[at(leg.foot)].rotation = glm::normalize(glm::inverse(shank) * foot);
  // Toes flat on the floor; a foot rolled onto its instep keeps its toes in line.
  local[at(leg.toes)].rotation = f.heelRise > 90.0f ? glm::quat(1, 0, 0, 0)
                                                    : glm::normalize(glm::inverse(foot) * aa(sideSign(side) * f.toeOut, kY));
  anim::LocalToModelJob job{&rig.skeleton, local, model};
  job.from = leg.foot;
  job.to = leg.foot + rig.skeleton.subtreeSize(leg.foot);
  job.Run();
}

// Height of the lowest of a foot's heel, ball and toe tip (bodygen proportions: heel 0.49 and
// toe tip 0.55 of the ankle-to-ball distance behind the ankle and ahead of the ball).
float lowestSolePoint(const Rig& rig, const std::vector<glm::mat4>& model, int side) {
  const Rig::Leg& leg = rig.legs[at(side)];
  const glm::vec3 ankle = rig.rest[at(leg.foot)], toes = rig.rest[at(leg.toes)];
  const float length = glm::length(glm::vec2(toes.x - ankle.x, toes.z - ankle.z));
  const glm::mat4& foot = model[at(leg.foot)];
  const glm::mat4& toe = model[at(leg.toes)];
  const float heel = (foot * glm::vec4(0.0f, -ankle.y, -0.49f * length, 1.0f)).y;
  const float ball = (toe * glm::vec4(0.0f, -toes.y, 0.0f, 1.0f)).y;
  const float tip = (toe * glm::vec4(0.0f, -toes.y, 0.55f * length, 1.0f)).y;
  return std::min(heel, std::min(ball, tip));
}

// A foot that slides along the floor from key a's spot to key b's (FootParams::slide).
bool slides(const PoseParams& a, const PoseParams& b, int side) {
  const FootParams &fa = a.feet[at(side)], &fb = b.feet[at(side)];
  return fb.slide && fa.contact == Contact::Planted && fb.contact == Contact::Planted && fa.lift == fb.lift;
}

bool plantedSame(const FootParams& a, const FootParams& b) {
  return a.contact == Contact::Planted && b.contact == Contact::Planted && a.at == b.at && a.toeOut == b.toeOut &&
         a.lift == b.lift;
}

}  // namespace

// [SECTION] rig

const Rig& Rig::reference() {
  static const Rig rig = [] {
    const body::Rig body = body::buildRig(*body::findPreset("male_175"));
    Rig r;
    anim::RawSkeleton raw;
    for (const body::Joint& j : body.skeleton.joints) {
      raw.names.push_back(j.name);
      raw.parents.push_back(j.parent);
      anim::Transform t;
      t.translation = j.parent < 0 ? j.position : j.position - body.skeleton.joints[at(j.parent)].position;
      raw.restPose.push_back(t);
      r.rest.push_back(j.position);
    }
    r.skeleton = std::move(anim::Skeleton::build(std::move(raw))).value();
    auto find = [&](const std::string& name) { return r.skeleton.findJoint(name); };
    r.hips = find("hips");
    r.spine = find("spine");
    r.chest = find("chest");
    r.upperChest = find("upperChest");
    r.neck = find("neck");
    r.head = find("head");
    for (int side : {kLeft, kRight}) {
      const std::string s = side == kLeft ? "left" : "right";
      r.legs[at(side)] = {find(s + "UpperLeg"), find(s + "LowerLeg"), find(s + "Foot"), find(s + "Toes")};
      r.arms[at(side)] = {find(s + "Shoulder"), find(s + "UpperArm"), find(s + "LowerArm"), find(s + "Hand"),
                          find(s + "MiddleProximal")};
    }
    const glm::vec3 line = r.rest[at(r.neck)] - r.rest[at(r.hips)];
    r.trunkRestTilt = std::atan2(-line.z, line.y);
    return r;
  }();
  return rig;
}

glm::vec3 ballTarget(const Rig& rig, const FootParams& foot, int side) {
  const Rig::Leg& leg = rig.legs[at(side)];
  const glm::vec3 offset = rig.rest[at(leg.toes)] - rig.rest[at(leg.foot)];
  const glm::vec3 turned = aa(sideSign(side) * foot.toeOut, kY) * glm::vec3(offset.x, 0.0f, offset.z);
  return glm::vec3(foot.at.x + turned.x, rig.rest[at(leg.toes)].y + foot.lift, foot.at.y + turned.z);
}

int supportJoint(const Rig& rig, const Support& support) {
  const Rig::Arm& arm = rig.arms[at(support.side)];
  const Rig::Leg& leg = rig.legs[at(support.side)];
  switch (support.point) {
    case SupportPoint::Elbow: return arm.lower;
    case SupportPoint::Hand: return arm.hand;
    case SupportPoint::Knee: return leg.lower;
    case SupportPoint::Foot: return leg.foot;
    case SupportPoint::Hip: return leg.upper;
  }
  return arm.lower;
}

std::string supportName(const Support& support) {
  static const char* const names[] = {"Elbow", "Hand", "Knee", "Foot", "Hip"};
  return fmt::format("{}{}", support.side == kLeft ? "left" : "right", names[static_cast<int>(support.point)]);
}

glm::vec3 supportPoint(const Rig& rig, std::span<const glm::mat4> model, const Support& support) {
  const Rig::Arm& arm = rig.arms[at(support.side)];
  auto pos = [&](int j) { return glm::vec3(model[at(j)][3]); };
  switch (support.point) {
    case SupportPoint::Elbow: return pos(arm.lower) - 0.035f * kY;
    case SupportPoint::Hand: return 0.5f * (pos(arm.hand) + pos(arm.middleProximal)) - 0.025f * kY;
    case SupportPoint::Knee: return pos(rig.legs[at(support.side)].lower) - 0.05f * kY;
    case SupportPoint::Foot: return pos(rig.legs[at(support.side)].foot) - 0.047f * kY;
    case SupportPoint::Hip: return pos(rig.legs[at(support.side)].upper) - 0.09f * kY;
  }
  return pos(arm.lower);
}

std::vector<glm::mat4> modelOf(const Rig& rig, std::span<const anim::Transform> local) {
  std::vector<glm::mat4> model(at(rig.skeleton.jointCount()));
  anim::LocalToModelJob job{&rig.skeleton, local, model};
  job.Run();
  return model;
}

// [SECTION] measures

Angles measure(const Rig& rig, std::span<const glm::mat4> modelSpan) {
  const std::vector<glm::mat4> model(modelSpan.begin(), modelSpan.end());
  Angles a;
  const glm::vec3 up = trunkLine(rig, model);
  bool lying = false;
  const glm::vec3 lateral = bodyLateral(rig, model, &lying);
  // Lying on the side: U = the trunk line made perpendicular to L, and the inclination is the
  // unsigned 3-D angle from vertical (engine/form's definitions).
  const glm::vec3 forward = lying ? glm::normalize(glm::cross(lateral, orthogonalTo(up, lateral))) : glm::cross(lateral, kY);
  a.trunkInclination = angleBetween(up, kY) * (lying || glm::dot(up, forward) >= 0.0f ? 1.0f : -1.0f);
  a.trunkSagittal = signedAngle(glm::cross(forward, lateral), up, lateral);
  const glm::vec3 armLateral =
      glm::normalize(position(model, rig.arms[kLeft].upper) - position(model, rig.arms[kRight].upper));
  for (int side : {kLeft, kRight}) {
    const Rig::Leg& leg = rig.legs[at(side)];
    const glm::vec3 hip = position(model, leg.upper), knee = position(model, leg.lower), ankle = position(model, leg.foot);
    a.hip[at(side)] = signedAngle(-up, knee - hip, -lateral);
    a.knee[at(side)] = angleBetween(knee - hip, ankle - knee);
    const glm::vec3 sole = glm::mat3(model[at(leg.foot)]) * kZ;
    a.ankle[at(side)] = 90.0f - angleBetween(knee - ankle, sole);
    // FPPA: frontal projections (perpendicular to forward).
    auto proj = [&](const glm::vec3& v) { return v - glm::dot(v, forward) * forward; };
    const glm::vec3 ph = proj(hip), pk = proj(knee), pa = proj(ankle);
    const float inner = angleBetween(ph - pk, pa - pk);
    const glm::vec3 axis = glm::normalize(pa - ph);
    const glm::vec3 offset = (pk - ph) - glm::dot(pk - ph, axis) * axis;
    const float medial = glm::dot(offset, -sideSign(side) * lateral);
    a.fppa[at(side)] = (180.0f - inner) * (medial >= 0.0f ? 1.0f : -1.0f);
    const Rig::Arm& arm = rig.arms[at(side)];
    const glm::vec3 sh = position(model, arm.upper), el = position(model, arm.lower), wr = position(model, arm.hand);
    float flex = signedAngle(-up, el - sh, -armLateral);
    if (flex <= -90.0f) flex += 360.0f;
    a.shoulder[at(side)] = flex;
    a.elbow[at(side)] = angleBetween(el - sh, wr - el);
  }
  return a;
}

// [SECTION] keys

namespace {

struct Built {
  anim::Pose local;
  std::vector<glm::mat4> model;
  Angles angles;
};

Built evaluate(const Rig& rig, const State& s) {
  Built b;
  b.local = build(rig, s);
  b.model = modelOf(rig, b.local);
  b.angles = measure(rig, b.model);
  return b;
}

int firstPlanted(const PoseParams& p) {
  for (int side : {kLeft, kRight})
    if (p.feet[at(side)].contact == Contact::Planted) return side;
  return -1;
}

// Rolls an upright pose (local, with its model matrices) about the pelvis's forward axis and
// puts it down on its supports (see BodyParams). Returns the roll used, degrees.
// The roll is about +Z (the way an unturned figure faces), so a lying pose's pelvis.rotation
// turns the body about its own long axis (+ its front toward its left side).
float placeLying(const Rig& rig, const BodyParams& body, float roll, anim::Pose& local, std::vector<glm::mat4>& model) {
  const glm::quat upright = local[at(rig.hips)].rotation;
  const glm::vec3 forward = kZ;
  auto pose = [&](float r) {
    local[at(rig.hips)].rotation = glm::normalize(aa(-r, forward) * upright);
    model = modelOf(rig, local);
  };
  if (body.supports.size() >= 2) {
    // Secant-free Newton on one unknown: the second support's height minus the first's.
    auto gap = [&](float r) {
      pose(r);
      return supportPoint(rig, model, body.supports[1]).y - supportPoint(rig, model, body.supports[0]).y;
    };
    for (int it = 0; it < 12; ++it) {
      const float g0 = gap(roll);
      if (std::abs(g0) < 1e-5f) break;
      const float slope = (gap(roll + 0.1f) - g0) / 0.1f;
      if (std::abs(slope) < 1e-6f) break;
      roll -= std::clamp(g0 / slope, -10.0f, 10.0f);
    }
  }
  pose(roll);
  const glm::vec3 delta = glm::vec3(body.at.x, 0.0f, body.at.y) - supportPoint(rig, model, body.supports[0]);
  local[at(rig.hips)].translation += delta;
  for (glm::mat4& m : model) m[3] += glm::vec4(delta, 0.0f);
  return roll;
}

// The thorax frame hands are placed in: origin midway between the shoulder joints, x toward the
// figure's left along the shoulder line, y the trunk line made perpendicular to it, z forward.
glm::mat4 chestFrame(const Rig& rig, const std::vector<glm::mat4>& model) {
  const glm::vec3 l = position(model, rig.arms[kLeft].upper), r = position(model, rig.arms[kRight].upper);
  const glm::vec3 x = glm::normalize(l - r);
  const glm::vec3 y = orthogonalTo(trunkLine(rig, model), x);
  return glm::mat4(glm::vec4(x, 0.0f), glm::vec4(y, 0.0f), glm::vec4(glm::cross(x, y), 0.0f), glm::vec4(0.5f * (l + r), 1.0f));
}

constexpr float kReachShare = 0.999f;  // of the arm's length: the farthest a hand target is put

// Moves the wrists onto their targets with the two-bone IK: each key's target (a chest-frame
// target is blended in the chest frame), weighted in or out where only one key has one.
void reachHands(const Rig& rig, const PoseParams& pa, const PoseParams& pb, float u, anim::Pose& local,
                std::vector<glm::mat4>& model) {
  for (int side : {kLeft, kRight}) {
    const ArmParams &a = pa.arms[at(side)], &b = pb.arms[at(side)];
    using F = ArmParams::HandFrame;
    if (a.handFrame == F::None && b.handFrame == F::None) continue;
    const glm::mat4 chest = chestFrame(rig, model);
    auto world = [&](const ArmParams& arm) {
      return arm.handFrame == F::Chest ? glm::vec3(chest * glm::vec4(arm.hand, 1.0f)) : arm.hand;
    };
    glm::vec3 target;
    float weight = 1.0f;
    if (a.handFrame == b.handFrame) {
      const glm::vec3 mixed = glm::mix(a.hand, b.hand, u);
      target = a.handFrame == F::Chest ? glm::vec3(chest * glm::vec4(mixed, 1.0f)) : mixed;
    } else if (a.handFrame != F::None && b.handFrame != F::None) {
      target = glm::mix(world(a), world(b), u);
    } else {
      target = world(a.handFrame != F::None ? a : b);
      weight = a.handFrame != F::None ? 1.0f - u : u;
    }
    if (weight <= 0.0f) continue;
    const Rig::Arm& arm = rig.arms[at(side)];
    const anim::TwoBoneChain chain{arm.upper, arm.lower, arm.hand};
    // The elbow keeps the side the arm angles bend it to (a straight arm's elbow goes back),
    // or points the way a key's `pole` asks (the later key's when both give one).
    glm::vec3 pole = anim::currentPole(model, chain, glm::vec3(0.0f, -0.1f, -0.3f));
    if (a.hasPole || b.hasPole) {
      const ArmParams& k = b.hasPole ? b : a;
      const glm::vec3 dir = k.handFrame == F::Chest ? glm::mat3(chest) * k.pole : k.pole;
      pole = position(model, arm.upper) + 0.3f * glm::normalize(dir);
    }
    // A target at or past full reach is pulled just inside it (0.5 mm at most on an arm): a
    // limb the IK straightens exactly keeps no bend plane, and the side it then turns the elbow
    // to (the upper arm about itself) follows rounding noise, up to half a turn in one frame.
    const glm::vec3 sh = position(model, arm.upper);
    const float reach = kReachShare * (glm::length(position(model, arm.lower) - sh) +
                                       glm::length(position(model, arm.hand) - position(model, arm.lower)));
    if (glm::length(target - sh) > reach) target = sh + reach * glm::normalize(target - sh);
    anim::solveTwoBoneIk(rig.skeleton, chain, target, pole, weight, local, model);
  }
}

// Lays the hands flat, palm down, fingers forward (ArmParams::palmDown), blended in or out
// where only one key asks for it.
void layHands(const Rig& rig, const PoseParams& pa, const PoseParams& pb, float u, anim::Pose& local,
              std::vector<glm::mat4>& model) {
  for (int side : {kLeft, kRight}) {
    const bool a = pa.arms[at(side)].palmDown, b = pb.arms[at(side)].palmDown;
    if (!a && !b) continue;
    const float weight = a && b ? 1.0f : a ? 1.0f - u : u;
    const Rig::Arm& arm = rig.arms[at(side)];
    // Rest hand frame: wrist -> MET3, the palm facing the thigh (bodygen's A-pose).
    const glm::vec3 h0 = glm::normalize(rig.rest[at(arm.middleProximal)] - rig.rest[at(arm.hand)]);
    const glm::vec3 n0 = orthogonalTo(-sideSign(side) * kX, h0);
    const glm::vec3 forward = aa(mixAngle(pa.pelvisRotation, pb.pelvisRotation, u), kY) * kZ;
    const glm::quat flat = frameRotation(n0, h0, -kY, forward);
    const glm::quat forearm = glm::quat_cast(glm::mat3(model[at(arm.lower)]));
    const glm::quat current = forearm * local[at(arm.hand)].rotation;
    const glm::quat world = anim::interpolateRotation(current, flat, weight);
    local[at(arm.hand)].rotation = glm::normalize(glm::inverse(forearm) * world);
    anim::LocalToModelJob job{&rig.skeleton, local, model};
    job.from = arm.hand;
    job.to = arm.hand + rig.skeleton.subtreeSize(arm.hand);
    job.Run();
  }
}

}  // namespace

Result<KeySolution> solveKey(const Rig& rig, const PoseParams& pose, const std::string& where) {
  State s;
  s.p = pose;
  s.pelvis = rig.rest[at(rig.hips)];
  s.pitch = pose.trunkInclination;
  const int anchor = pose.anchor >= 0 ? pose.anchor : std::max(0, firstPlanted(pose));
  const glm::quat yaw = aa(pose.pelvisRotation, kY);
  const glm::vec3 lateral = yaw * kX, forward = yaw * kZ;
  for (int side : {kLeft, kRight}) {
    const LegParams& lp = pose.legs[at(side)];
    LegSolution& l = s.legs[at(side)];
    l.knee = lp.knee;
    l.kneeTrack = lp.hasKneeTrack ? lp.kneeTrack : pose.feet[at(side)].toeOut;
    l.abduction = lp.abduction;
    l.theta = lp.hip - pose.trunkInclination;
    l.ankle = lp.ankle;
    s.footLocal[at(side)] = aa(-lp.ankle, kX);
  }
  // Lateral position of the body: over the middle of the planted feet (of both when none is).
  float lateralTarget = 0.0f;
  int planted = 0;
  for (int side : {kLeft, kRight})
    if (pose.feet[at(side)].contact == Contact::Planted) {
      lateralTarget += glm::dot(glm::vec3(pose.feet[at(side)].at.x, 0.0f, pose.feet[at(side)].at.y), lateral);
      ++planted;
    }
  if (planted == 0)
    lateralTarget = glm::dot(glm::vec3(pose.feet[0].at.x + pose.feet[1].at.x, 0.0f, pose.feet[0].at.y + pose.feet[1].at.y), lateral) * 0.5f;
  else
    lateralTarget /= static_cast<float>(planted);

  for (int outer = 0; outer < 8; ++outer) {
    for (int i = 0; i < 4; ++i) {
      const Angles now = evaluate(rig, s).angles;
      s.pitch += pose.trunkInclination - (pose.body.lying ? now.trunkSagittal : now.trunkInclination);
    }
    for (int side : {kLeft, kRight}) {
      const LegParams& lp = pose.legs[at(side)];
      if (!lp.hasAngles) continue;  // a planted leg left to the IK
      const bool footPlanted = pose.feet[at(side)].contact == Contact::Planted;
      const bool valgus = lp.fppa != 0.0f;
      // Unknowns: theta, then abduction (planted feet), then valgus (when an FPPA is asked for).
      auto residual = [&](const State& st) {
        const Built b = evaluate(rig, st);
        std::array<float, 3> r{b.angles.hip[at(side)] - lp.hip, 0.0f, 0.0f};
        if (footPlanted) {
          const glm::vec3 ankle = position(b.model, rig.legs[at(side)].foot);
          r[1] = glm::dot(ankle - ankleTarget(rig, pose.feet[at(side)], side), lateral) * 100.0f;  // cm
        }
        if (valgus) r[2] = b.angles.fppa[at(side)] - lp.fppa;
        return r;
      };
      float* vars[3] = {&s.legs[at(side)].theta, &s.legs[at(side)].abduction, &s.legs[at(side)].valgus};
      const bool active[3] = {true, footPlanted, valgus};
      for (int it = 0; it < 6; ++it) {
        const std::array<float, 3> r0 = residual(s);
        glm::mat3 jac(1.0f);  // jac[col][row]
        for (int c = 0; c < 3; ++c) {
          if (!active[c]) continue;
          State d = s;
          float* v = c == 0 ? &d.legs[at(side)].theta : c == 1 ? &d.legs[at(side)].abduction : &d.legs[at(side)].valgus;
          *v += 0.05f;
          const std::array<float, 3> r1 = residual(d);
          for (int row = 0; row < 3; ++row) jac[c][row] = active[row] ? (r1[at(row)] - r0[at(row)]) / 0.05f : (row == c ? 1.0f : 0.0f);
        }
        for (int row = 0; row < 3; ++row)
          if (!active[row]) {
            for (int c = 0; c < 3; ++c) jac[c][row] = c == row ? 1.0f : 0.0f;
          }
        const glm::vec3 rv(active[0] ? r0[0] : 0.0f, active[1] ? r0[1] : 0.0f, active[2] ? r0[2] : 0.0f);
        if (std::abs(glm::determinant(jac)) < 1e-9f) break;
        const glm::vec3 step = glm::inverse(jac) * rv;
        for (int c = 0; c < 3; ++c)
          if (active[c]) *vars[c] -= std::clamp(step[c], -20.0f, 20.0f);
      }
    }
    // Place the body: the anchor foot on its spot (its ball when no foot is planted).
    const Built b = evaluate(rig, s);
    glm::vec3 delta;
    if (planted > 0) {
      delta = ankleTarget(rig, pose.feet[at(anchor)], anchor) - position(b.model, rig.legs[at(anchor)].foot);
    } else {
      delta = ballTarget(rig, pose.feet[at(anchor)], anchor) - position(b.model, rig.legs[at(anchor)].toes);
    }
    const float lateralNow = glm::dot(s.pelvis, lateral);
    s.pelvis += glm::dot(delta, forward) * forward + glm::dot(delta, kY) * kY + (lateralTarget - lateralNow) * lateral;
    s.pelvis.y += pose.lift;
    if (planted == 0 && pose.hasPelvisAt) s.pelvis = pose.pelvisAt;
  }

  // The knee opens about the hip-ankle line after the leg is solved: `hip` is the closed leg's.
  for (int side : {kLeft, kRight})
    if (pose.legs[at(side)].kneeOpen != 0.0f) s.legs[at(side)].valgus = -pose.legs[at(side)].kneeOpen;

  KeySolution key;
  key.params = pose;
  key.pelvisPitch = s.pitch;
  key.legs = s.legs;
  key.pelvis = s.pelvis;
  key.anchor = planted > 0 ? anchor : -1;
  // Legs left to the IK: a first solve finds their angles; the key is then posed again from
  // those angles, as the frames around it will be, so the thigh's twist matches theirs.
  bool autoLegs = false;
  for (int side : {kLeft, kRight}) autoLegs = autoLegs || !pose.legs[at(side)].hasAngles;
  if (autoLegs) {
    Built first = evaluate(rig, s);
    for (int side : {kLeft, kRight}) {
      if (pose.legs[at(side)].hasAngles || pose.feet[at(side)].contact != Contact::Planted) continue;
      const Rig::Leg& leg = rig.legs[at(side)];
      const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
      const glm::vec3 pole = anim::currentPole(first.model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
      anim::solveTwoBoneIk(rig.skeleton, chain, ankleTarget(rig, pose.feet[at(side)], side), pole, 1.0f, first.local,
                           first.model);
      const Angles solved = measure(rig, first.model);
      s.legs[at(side)].knee = solved.knee[at(side)];
      s.legs[at(side)].theta = solved.hip[at(side)] - solved.trunkInclination;
    }
    key.legs = s.legs;
  }
  Built b = evaluate(rig, s);
  const Angles before = b.angles;
  for (int side : {kLeft, kRight}) {
    const FootParams& f = pose.feet[at(side)];
    if (f.contact != Contact::Planted) continue;
    const Rig::Leg& leg = rig.legs[at(side)];
    const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
    const glm::vec3 target = ankleTarget(rig, f, side);
    const glm::vec3 pole = anim::currentPole(b.model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
    bool reached = false;
    anim::solveTwoBoneIk(rig.skeleton, chain, target, pole, 1.0f, b.local, b.model, glm::mat4(1.0f), &reached);
    if (glm::length(position(b.model, leg.foot) - target) > 0.002f)
      return makeError(fmt::format("{}: the {} foot cannot reach its spot ({:.3f} m short); shorten the stance or "
                                   "bend the knee more",
                                   where, side == kLeft ? "left" : "right",
                                   glm::length(position(b.model, leg.foot) - target)));
    orientPlantedFoot(rig, f, side, b.local, b.model);
  }
  b.angles = measure(rig, b.model);
  const float inclination = pose.body.lying ? b.angles.trunkSagittal : b.angles.trunkInclination;
  if (std::abs(inclination - pose.trunkInclination) > 1.0f)
    return makeError(fmt::format("{}: trunk.inclination {:.1f} cannot be reached (it is the 3-D angle of the trunk line "
                                 "from vertical, so a lateral lean of {:.1f} alone gives about that much); the pose "
                                 "reads {:.1f}",
                                 where, pose.trunkInclination, pose.trunkLean, inclination));
  for (int side : {kLeft, kRight}) {
    const char* name = side == kLeft ? "left" : "right";
    const float dh = b.angles.hip[at(side)] - before.hip[at(side)], dk = b.angles.knee[at(side)] - before.knee[at(side)];
    if (pose.legs[at(side)].hasAngles && (std::abs(dh) > 1.0f || std::abs(dk) > 1.0f))
      return makeError(fmt::format("{}: with its foot planted the {} leg needs hip {:.1f} and knee {:.1f} (the source "
                                   "says {:.1f} and {:.1f}); make the pose consistent with the stance",
                                   where, name, b.angles.hip[at(side)], b.angles.knee[at(side)], pose.legs[at(side)].hip,
                                   pose.legs[at(side)].knee));
    const LegParams& lp = pose.legs[at(side)];
    if (lp.hasAnkle && std::abs(b.angles.ankle[at(side)] - lp.ankle) > 1.0f)
      return makeError(fmt::format("{}: legs.{}.ankle is {:.1f} but the pose gives {:.1f} with the foot {}", where,
                                   name, lp.ankle, b.angles.ankle[at(side)],
                                   pose.feet[at(side)].contact == Contact::Planted ? "planted" : "free"));
  }
  // Feet planted: keep their local rotations for interpolation; free feet keep the source angle.
  for (int side : {kLeft, kRight}) key.legs[at(side)].ankle = pose.legs[at(side)].ankle;
  if (pose.body.lying) {
    key.roll = placeLying(rig, pose.body, pose.body.roll, b.local, b.model);
    for (std::size_t i = 2; i < pose.body.supports.size(); ++i) {
      const float height = supportPoint(rig, b.model, pose.body.supports[i]).y;
      if (std::abs(height) > 0.01f)
        return makeError(fmt::format("{}: body.supports[{}] ({}) is {:.3f} m {} the floor once the body rests on {} and {} "
                                     "(roll {:.1f}); change the pose or drop the support",
                                     where, i, supportName(pose.body.supports[i]), std::abs(height),
                                     height > 0.0f ? "above" : "below", supportName(pose.body.supports[0]),
                                     supportName(pose.body.supports[1]), key.roll));
    }
  }
  reachHands(rig, pose, pose, 0.0f, b.local, b.model);
  layHands(rig, pose, pose, 0.0f, b.local, b.model);
  key.local = std::move(b.local);
  key.model = std::move(b.model);
  return key;
}

// [SECTION] frames

anim::Pose interpolateKeys(const Rig& rig, const KeySolution& a, const KeySolution& b, float u) {
  if (u <= 0.0f) return a.local;
  if (u >= 1.0f) return b.local;
  auto mix = [u](float x, float y) { return x + (y - x) * u; };
  State s;
  const PoseParams &pa = a.params, &pb = b.params;
  std::array<bool, 2> swing{false, false};  // a step with a swing ankle
  s.p = pa;
  s.p.trunkInclination = mix(pa.trunkInclination, pb.trunkInclination);
  s.p.trunkFlexion = mix(pa.trunkFlexion, pb.trunkFlexion);
  s.p.trunkLean = mix(pa.trunkLean, pb.trunkLean);
  s.p.trunkRotation = mix(pa.trunkRotation, pb.trunkRotation);
  s.p.pelvisRotation = mix(pa.pelvisRotation, pb.pelvisRotation);
  s.p.pelvisDrop = mix(pa.pelvisDrop, pb.pelvisDrop);
  s.p.headFlexion = mix(pa.headFlexion, pb.headFlexion);
  for (int side : {kLeft, kRight}) {
    ArmParams& arm = s.p.arms[at(side)];
    arm.shoulder = mix(pa.arms[at(side)].shoulder, pb.arms[at(side)].shoulder);
    arm.abduction = mix(pa.arms[at(side)].abduction, pb.arms[at(side)].abduction);
    arm.elbow = mix(pa.arms[at(side)].elbow, pb.arms[at(side)].elbow);
    arm.shrug = mix(pa.arms[at(side)].shrug, pb.arms[at(side)].shrug);
    FootParams& foot = s.p.feet[at(side)];
    foot.heelRise = mix(pa.feet[at(side)].heelRise, pb.feet[at(side)].heelRise);
    foot.roll = mix(pa.feet[at(side)].roll, pb.feet[at(side)].roll);
    foot.toeOut = mix(pa.feet[at(side)].toeOut, pb.feet[at(side)].toeOut);
    foot.at = glm::mix(pa.feet[at(side)].at, pb.feet[at(side)].at, u);
    LegSolution& l = s.legs[at(side)];
    const LegSolution &la = a.legs[at(side)], &lb = b.legs[at(side)];
    l.theta = mix(la.theta, lb.theta);
    l.abduction = mix(la.abduction, lb.abduction);
    l.knee = mix(la.knee, lb.knee);
    l.kneeTrack = mix(la.kneeTrack, lb.kneeTrack);
    l.valgus = mix(la.valgus, lb.valgus);
    // A foot that steps from one spot to another lifts: the knee and hip bend on the way.
    const bool stays = plantedSame(pa.feet[at(side)], pb.feet[at(side)]);
    const bool steps = !stays && !slides(pa, pb, side) &&
                       (pa.feet[at(side)].contact == Contact::Planted || pb.feet[at(side)].contact == Contact::Planted) &&
                       (pa.feet[at(side)].at != pb.feet[at(side)].at || pa.feet[at(side)].lift != pb.feet[at(side)].lift);
    const float bump = steps ? std::sin(glm::pi<float>() * u) : 0.0f;
    l.knee += 35.0f * bump;
    l.theta += 18.0f * bump;
    // Free feet: blend the keys' foot rotations against the shank; a step with a swing ankle
    // passes through it at mid-swing (FootParams::swingAnkle).
    const Rig::Leg& leg = rig.legs[at(side)];
    s.footLocal[at(side)] = anim::interpolateRotation(a.local[at(leg.foot)].rotation, b.local[at(leg.foot)].rotation, u);
    swing[at(side)] = steps && pb.feet[at(side)].hasSwingAnkle;
    if (swing[at(side)])
      s.footLocal[at(side)] =
          anim::interpolateRotation(s.footLocal[at(side)], aa(-pb.feet[at(side)].swingAnkle, kX), bump);
  }
  s.pitch = mix(a.pelvisPitch, b.pelvisPitch);

  // The anchor: a foot planted on the same spot through the whole transition.
  auto stays = [&](int side) { return side >= 0 && plantedSame(pa.feet[at(side)], pb.feet[at(side)]); };
  int anchor = -1;
  if (stays(b.anchor)) anchor = b.anchor;
  else if (stays(a.anchor)) anchor = a.anchor;
  else if (stays(kLeft)) anchor = kLeft;
  else if (stays(kRight)) anchor = kRight;

  // Where the anchor puts the body for a state, and how far the keys' own placement differs
  // from it (blended away so the keys are met exactly).
  auto place = [&](State st, const glm::vec3& guess) {
    st.pelvis = guess;
    if (anchor < 0) return guess;
    const std::vector<glm::mat4> model = modelOf(rig, build(rig, st));
    return guess + ankleTarget(rig, st.p.feet[at(anchor)], anchor) - position(model, rig.legs[at(anchor)].foot);
  };
  s.pelvis = glm::mix(a.pelvis, b.pelvis, u);
  if (anchor >= 0) {
    State sa = s, sb = s;
    sa.p = pa;
    sa.legs = a.legs;
    sa.pitch = a.pelvisPitch;
    sb.p = pb;
    sb.legs = b.legs;
    sb.pitch = b.pelvisPitch;
    for (int side : {kLeft, kRight}) {
      sa.footLocal[at(side)] = a.local[at(rig.legs[at(side)].foot)].rotation;
      sb.footLocal[at(side)] = b.local[at(rig.legs[at(side)].foot)].rotation;
    }
    const glm::vec3 errA = a.pelvis - place(sa, a.pelvis), errB = b.pelvis - place(sb, b.pelvis);
    s.pelvis = place(s, s.pelvis) + glm::mix(errA, errB, u);
  }
  anim::Pose local = build(rig, s);
  std::vector<glm::mat4> model = modelOf(rig, local);
  // A foot stepping off or onto a spot: forward kinematics puts it near, not exactly on, the
  // key's spot; the difference at each end is blended in, so the foot meets the key.
  for (int side : {kLeft, kRight}) {
    if (stays(side) || slides(pa, pb, side)) continue;
    const Rig::Leg& leg = rig.legs[at(side)];
    // Where the key's solved pose has this ankle, against forward kinematics of its parameters.
    auto offsetAt = [&](const KeySolution& key) {
      if (key.params.feet[at(side)].contact != Contact::Planted) return glm::vec3(0.0f);
      State st = s;
      st.p = key.params;
      st.legs = key.legs;
      st.pitch = key.pelvisPitch;
      st.pelvis = key.pelvis;
      const std::vector<glm::mat4> m = modelOf(rig, build(rig, st));
      return position(key.model, leg.foot) - position(m, leg.foot);
    };
    // The toes bend back to flat as a foot arrives on its ball (and the reverse as it leaves).
    local[at(leg.toes)].rotation =
        anim::interpolateRotation(a.local[at(leg.toes)].rotation, b.local[at(leg.toes)].rotation, u);
    model[at(leg.toes)] = anim::mulAffine(model[at(leg.foot)], anim::toMatrix(local[at(leg.toes)]));
    const glm::vec3 correction = offsetAt(a) * (1.0f - u) + offsetAt(b) * u;
    const bool aPlanted = a.params.feet[at(side)].contact == Contact::Planted;
    const bool bPlanted = b.params.feet[at(side)].contact == Contact::Planted;
    anim::LocalToModelJob job{&rig.skeleton, local, model};
    if (glm::length(correction) >= 1e-6f) {
      const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
      const glm::vec3 pole = anim::currentPole(model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
      const glm::quat footWorld = glm::quat_cast(glm::mat3(model[at(leg.foot)]));
      const glm::quat keyFootA = glm::quat_cast(glm::mat3(a.model[at(leg.foot)]));
      const glm::quat keyFootB = glm::quat_cast(glm::mat3(b.model[at(leg.foot)]));
      anim::solveTwoBoneIk(rig.skeleton, chain, position(model, leg.foot) + correction, pole, 1.0f, local, model);
      // The foot turns toward its planted orientation as it arrives (or leaves).
      // Weights fall to 0 at mid-swing from each end, so the orientation is continuous. A step
      // with a swing ankle keeps the blend against the shank instead (the ankle then moves from
      // the key it leaves through the swing angle to the next, never past them).
      const float wa = aPlanted && !swing[at(side)] ? std::max(0.0f, 1.0f - 2.0f * u) : 0.0f;
      const float wb = bPlanted && !swing[at(side)] ? std::max(0.0f, 2.0f * u - 1.0f) : 0.0f;
      const glm::quat target = wa > 0.0f ? anim::interpolateRotation(footWorld, keyFootA, wa * wa)
                                         : anim::interpolateRotation(footWorld, keyFootB, wb * wb);
      const glm::quat shank = glm::quat_cast(glm::mat3(model[at(leg.lower)]));
      local[at(leg.foot)].rotation = glm::normalize(glm::inverse(shank) * target);
      job.from = leg.foot;
      job.to = leg.foot + rig.skeleton.subtreeSize(leg.foot);
      job.Run();
    }
    // A foot landing from the air: its toes turn flat (as at the landing key) over the last
    // part of the descent, so the toe tips are not below the ball when it reaches the floor
    // (and a ball pinned onto the floor a frame early, as anim::Character's pin fades in
    // before the contact span, does not push pointed toe tips under it: jump squat).
    if (!aPlanted && bPlanted && b.params.feet[at(side)].heelRise <= 90.0f) {
      const float x = std::clamp((u - 0.4f) / 0.3f, 0.0f, 1.0f);
      const float wt = x * x * (3.0f - 2.0f * x);
      if (wt > 0.0f) {
        const glm::quat footNow = glm::quat_cast(glm::mat3(model[at(leg.foot)]));
        const glm::quat toesNow = glm::quat_cast(glm::mat3(model[at(leg.toes)]));
        const glm::quat toesKey = glm::quat_cast(glm::mat3(b.model[at(leg.toes)]));
        local[at(leg.toes)].rotation =
            glm::normalize(glm::inverse(footNow) * anim::interpolateRotation(toesNow, toesKey, wt));
        job.from = leg.toes;
        job.to = leg.toes + rig.skeleton.subtreeSize(leg.toes);
        job.Run();
      }
    }
  }
  for (int side : {kLeft, kRight}) {
    if (slides(pa, pb, side)) {
      // A sliding foot is on the floor at the blended spot all the way (a linear path).
      const Rig::Leg& leg = rig.legs[at(side)];
      const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
      const glm::vec3 pole = anim::currentPole(model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
      anim::solveTwoBoneIk(rig.skeleton, chain, ankleTarget(rig, s.p.feet[at(side)], side), pole, 1.0f, local, model);
      orientPlantedFoot(rig, s.p.feet[at(side)], side, local, model);
      continue;
    }
    if (!stays(side) && pa.body.lying) continue;  // lying: the feet are free and the floor comes after the roll
    if (!stays(side)) {
      // A moving foot never dips into the floor (or the box it steps onto): lift it by IK.
      const Rig::Leg& leg = rig.legs[at(side)];
      // The surface under it: the lower of the box or floor it leaves and lands on (a free
      // foot's lift is not a surface).
      auto surfaceOf = [&](const FootParams& f) { return f.contact == Contact::Planted ? f.lift : 0.0f; };
      const float surface = std::min(surfaceOf(pa.feet[at(side)]), surfaceOf(pb.feet[at(side)]));
      for (int iteration = 0; iteration < 6; ++iteration) {
        const float lowest = lowestSolePoint(rig, model, side);
        if (lowest >= surface) break;
        const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
        const glm::vec3 pole = anim::currentPole(model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
        const glm::vec3 target = position(model, leg.foot) + glm::vec3(0.0f, surface - lowest + 0.0005f, 0.0f);
        const glm::quat footWorld = glm::quat_cast(glm::mat3(model[at(leg.foot)]));
        anim::solveTwoBoneIk(rig.skeleton, chain, target, pole, 1.0f, local, model);
        // Keep the foot's orientation, so the lift moves the sole straight up.
        const glm::quat shank = glm::quat_cast(glm::mat3(model[at(leg.lower)]));
        local[at(leg.foot)].rotation = glm::normalize(glm::inverse(shank) * footWorld);
        anim::LocalToModelJob job{&rig.skeleton, local, model};
        job.from = leg.foot;
        job.to = leg.foot + rig.skeleton.subtreeSize(leg.foot);
        job.Run();
      }
      continue;
    }
    const Rig::Leg& leg = rig.legs[at(side)];
    const anim::TwoBoneChain chain{leg.upper, leg.lower, leg.foot};
    const glm::vec3 pole = anim::currentPole(model, chain, glm::vec3(0.0f, 0.0f, 0.3f));
    anim::solveTwoBoneIk(rig.skeleton, chain, ankleTarget(rig, s.p.feet[at(side)], side), pole, 1.0f, local, model);
    orientPlantedFoot(rig, s.p.feet[at(side)], side, local, model);
  }
  if (pb.body.lying) placeLying(rig, pb.body, mix(a.roll, b.roll), local, model);
  reachHands(rig, pa, pb, u, local, model);
  layHands(rig, pa, pb, u, local, model);
  return local;
}

}  // namespace formviz::clipbake
