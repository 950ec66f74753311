// [SECTION] Anthropometry: segment table, presets, skeleton and landmarks.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "body.h"

namespace formviz::body {

namespace {

// de Leva (1996) Table 1, lengths in mm. Trunk sub-segments sum to the trunk length.
constexpr SegmentTable kFemale{1735.0f, 243.7f, 614.8f, 228.0f, 205.3f, 181.5f, 275.1f,
                               264.3f, 78.0f, 368.5f, 432.3f, 228.3f};
constexpr SegmentTable kMale{1741.0f, 242.9f, 603.3f, 242.1f, 215.5f, 145.7f, 281.7f,
                             268.9f, 86.2f, 422.2f, 434.0f, 258.1f};

constexpr float kDeg = 3.14159265358979323846f / 180.0f;

// Winter (2009), Biomechanics and Motor Control of Human Movement, Fig. 4.1: ankle
// joint height as a fraction of stature. de Leva gives no floor-to-ankle length.
constexpr float kAnkleHeightRatio = 0.039f;

}  // namespace

const SegmentTable& deLevaTable(Sex sex) { return sex == Sex::Female ? kFemale : kMale; }

const std::vector<Preset>& presets() {
  static const std::vector<Preset> kPresets = {
      {"female_160", "Woman, 1.60 m, slim build", Sex::Female, 1.60f, 0.90f, 0.95f},
      {"male_175", "Man, 1.75 m, average build", Sex::Male, 1.75f, 1.0f, 1.0f},
      {"male_190", "Man, 1.90 m, athletic build", Sex::Male, 1.90f, 1.15f, 0.85f},
  };
  return kPresets;
}

const Preset* findPreset(std::string_view name) {
  for (const Preset& p : presets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

int Skeleton::find(std::string_view name) const {
  for (int i = 0; i < size(); ++i) {
    if (joints[static_cast<size_t>(i)].name == name) return i;
  }
  return -1;
}

const std::vector<std::string>& jointNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n = {"hips", "spine", "chest", "upperChest", "neck", "head"};
    for (const char* side : {"left", "right"}) {
      const std::string s = side;
      for (const char* j : {"Shoulder", "UpperArm", "LowerArm", "Hand", "ThumbProximal", "MiddleProximal"}) {
        n.push_back(s + j);
      }
    }
    for (const char* side : {"left", "right"}) {
      const std::string s = side;
      for (const char* j : {"UpperLeg", "LowerLeg", "Foot", "Toes"}) n.push_back(s + j);
    }
    return n;
  }();
  return kNames;
}

Rig buildRig(const Preset& preset) {
  const SegmentTable& t = deLevaTable(preset.sex);
  const float h = preset.height;
  const float s = h / t.stature;  // mm of the table -> metres of this figure
  const bool female = preset.sex == Sex::Female;

  Rig rig;
  Landmarks& lm = rig.landmarks;
  lm.ankleHeight = kAnkleHeightRatio * h;

  // Legs: hip joint centres apart by a fraction of stature, thighs abducted slightly so
  // the thighs do not touch in the rest pose.
  const float hipHalf = (female ? 0.052f : 0.049f) * h;
  const float legAbduction = 3.0f * kDeg;
  const float thigh = t.thigh * s;
  const float shank = t.shank * s;
  const float legDrop = (thigh + shank) * std::cos(legAbduction);
  // Ankle height: Winter's 0.039 h, or more when the table's head, trunk and legs stack
  // up short of the stature (de Leva's female thigh is short): then the rest goes here.
  const float head = t.head * s;
  const float trunk = t.trunk * s;
  lm.ankleHeight = std::max(lm.ankleHeight, h - head - trunk - legDrop);
  const float hipY = lm.ankleHeight + legDrop;
  lm.midh = {0.0f, hipY, 0.0f};

  // Trunk and head: the vertex is above MIDH, CERV (the C7 spinous process) behind the
  // line by d so that the head and trunk lengths of the table both hold and the vertex
  // lands at the stature: sqrt(head^2 - d^2) + sqrt(trunk^2 - d^2) = h - hipY.
  const float rise = h - hipY;
  float lo = 0.0f, hi = head;
  for (int i = 0; i < 60; ++i) {
    const float d = 0.5f * (lo + hi);
    const float sum = std::sqrt(head * head - d * d) + std::sqrt(trunk * trunk - d * d);
    if (sum > rise) lo = d; else hi = d;
  }
  const float d = 0.5f * (lo + hi);
  lm.vertex = {0.0f, h, 0.0f};
  lm.cerv = {0.0f, hipY + std::sqrt(trunk * trunk - d * d), -d};
  const glm::vec3 trunkAxis = lm.cerv - lm.midh;  // |trunkAxis| == trunk
  lm.omph = lm.midh + trunkAxis * (t.lowerTrunk / t.trunk);
  lm.xyph = lm.midh + trunkAxis * ((t.lowerTrunk + t.middleTrunk) / t.trunk);

  // Joints of the spine sit inside the body on a nearly vertical line over MIDH, at the
  // heights of the table's landmarks, with fixed depths (fractions of stature): the
  // landmarks themselves are on the body's surface, CERV at the back of the neck.
  auto spinePoint = [&](float f, float z) { return glm::vec3(0.0f, (lm.midh + trunkAxis * f).y, z * h); };
  Skeleton& sk = rig.skeleton;
  auto add = [&](const char* name, int parent, glm::vec3 p) {
    sk.joints.push_back(Joint{name, parent, p});
    return sk.size() - 1;
  };
  const float fLow = t.lowerTrunk / t.trunk;
  const float fMid = (t.lowerTrunk + t.middleTrunk) / t.trunk;
  const int hips = add("hips", -1, lm.midh + glm::vec3(0.0f, 0.0f, -0.005f * h));
  const int spine = add("spine", hips, spinePoint(fLow, 0.0075f));
  const int chest = add("chest", spine, spinePoint(fMid, 0.0f));
  const int upperChest = add("upperChest", chest, spinePoint(0.5f * (fMid + 1.0f), 0.0f));
  const glm::vec3 neckBase{0.0f, lm.cerv.y + 0.006f * h, -0.032f * h};
  const int neck = add("neck", upperChest, neckBase);
  const glm::vec3 headJoint{0.0f, h - 0.075f * h, -0.004f * h};
  add("head", neck, headJoint);

  // Arms: shoulder joint centres at Winter's 0.818 h, A-pose 45 degrees below horizontal,
  // palms facing the thighs and thumbs forward.
  const float shoulderHalf = (female ? 0.095f : 0.103f) * h;
  const float shoulderY = 0.818f * h;
  const float shoulderZ = -0.012f * h;
  const float armDown = 45.0f * kDeg;
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const std::string pre = side == 0 ? "left" : "right";
    const glm::vec3 dir{sx * std::cos(armDown), -std::sin(armDown), 0.0f};
    const glm::vec3 sjc{sx * shoulderHalf, shoulderY, shoulderZ};
    const glm::vec3 clav{sx * 0.012f * h, shoulderY - 0.004f * h, shoulderZ + 0.022f * h};
    const int sh = add((pre + "Shoulder").c_str(), upperChest, clav);
    const int ua = add((pre + "UpperArm").c_str(), sh, sjc);
    const glm::vec3 ejc = sjc + dir * (t.upperArm * s);
    const int la = add((pre + "LowerArm").c_str(), ua, ejc);
    const glm::vec3 wjc = ejc + dir * (t.forearm * s);
    const int hand = add((pre + "Hand").c_str(), la, wjc);
    // Thumb: carpometacarpal region forward (+Z) of the wrist, pointing down the hand.
    add((pre + "ThumbProximal").c_str(), hand, wjc + dir * (0.022f * h) + glm::vec3(0.0f, 0.0f, 0.014f * h));
    add((pre + "MiddleProximal").c_str(), hand, wjc + dir * (t.hand * s));
  }

  // Legs.
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const std::string pre = side == 0 ? "left" : "right";
    const glm::vec3 dir{sx * std::sin(legAbduction), -std::cos(legAbduction), 0.0f};
    const glm::vec3 hjc{sx * hipHalf, hipY, 0.0f};
    const int ul = add((pre + "UpperLeg").c_str(), hips, hjc);
    const glm::vec3 kjc = hjc + dir * thigh;
    const int ll = add((pre + "LowerLeg").c_str(), ul, kjc);
    const glm::vec3 ajc = kjc + dir * shank;
    const int foot = add((pre + "Foot").c_str(), ll, ajc);
    // Foot: the heel 24% of the foot length behind the ankle, the toe tip in front;
    // the toe joint (metatarsophalangeal) at 73% of the length, 2 cm up for 1.75 m.
    const float footLength = t.foot * s;
    const glm::vec3 heel{ajc.x, 0.0f, ajc.z - 0.24f * footLength};
    const glm::vec3 toeTip{ajc.x, 0.0f, heel.z + footLength};
    add((pre + "Toes").c_str(), foot, glm::vec3(ajc.x, 0.012f * h, heel.z + 0.73f * footLength));
    if (side == 0) {
      lm.heelLeft = heel;
      lm.toeTipLeft = toeTip;
    }
  }

  // Order check: the list above is depth-first and matches jointNames().
  assert(sk.size() == static_cast<int>(jointNames().size()) && "buildRig: joint list and jointNames() disagree");
  return rig;
}

}  // namespace formviz::body
