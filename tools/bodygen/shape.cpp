// [SECTION] Shape: the body as a signed distance field of anatomical primitives.
//
// Bones get tapered capsules (round cones); major muscles, fat pads and bony landmarks
// get ellipsoids placed in the bone's frame (axis along the bone, front toward +Z,
// lateral away from the midline). Within a group (trunk and head, each arm, each leg)
// primitives are smoothly unioned in order; the trunk is smoothly unioned with each
// limb separately and the results hard-unioned, so the two thighs, or a hand and a
// thigh, never grow a web between them.
#include <algorithm>
#include <cmath>

#include "body.h"

namespace formviz::body {

namespace {

float signOf(float v) { return v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : 0.0f); }

// Inigo Quilez's exact round cone distance.
float roundCone(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float r1, float r2) {
  const glm::vec3 ba = b - a;
  const float l2 = glm::dot(ba, ba);
  const float rr = r1 - r2;
  const float a2 = l2 - rr * rr;
  const float il2 = 1.0f / l2;
  const glm::vec3 pa = p - a;
  const float y = glm::dot(pa, ba);
  const float z = y - l2;
  const glm::vec3 xv = pa * l2 - ba * y;
  const float x2 = glm::dot(xv, xv);
  const float y2 = y * y * l2;
  const float z2 = z * z * l2;
  const float k = signOf(rr) * rr * rr * x2;
  if (signOf(z) * a2 * z2 > k) return std::sqrt(x2 + z2) * il2 - r2;
  if (signOf(y) * a2 * y2 < k) return std::sqrt(x2 + y2) * il2 - r1;
  return (std::sqrt(x2 * a2 * il2) + y * rr) * il2 - r1;
}

// Inigo Quilez's ellipsoid bound: exact on the surface, good enough near it.
float ellipsoid(const glm::vec3& p, const glm::mat3& axes, const glm::vec3& c, const glm::vec3& r) {
  const glm::vec3 q = glm::transpose(axes) * (p - c);
  const float k0 = glm::length(q / r);
  const float k1 = glm::length(q / (r * r));
  if (k1 <= 1e-12f) return -std::min(r.x, std::min(r.y, r.z));
  return k0 * (k0 - 1.0f) / k1;
}

float smin(float a, float b, float k) {
  if (k <= 0.0f) return std::min(a, b);
  const float hh = std::max(k - std::abs(a - b), 0.0f) / k;
  return std::min(a, b) - hh * hh * k * 0.25f;
}

float primitiveDistance(const Primitive& q, const glm::vec3& p) {
  if (q.kind == Primitive::Kind::RoundCone) return roundCone(p, q.a, q.b, q.ra, q.rb);
  return ellipsoid(p, q.axes, q.center, q.radii);
}

constexpr int kGroups = 5;

// An orthonormal frame on a bone: u along the bone, f toward +Z (front), l lateral.
struct Frame {
  glm::vec3 origin, u, f, l;
  float length;
  glm::vec3 at(float t, float front, float lateral) const { return origin + u * (t * length) + f * front + l * lateral; }
  glm::mat3 axes() const { return glm::mat3(l, u, f); }
};

Frame boneFrame(const glm::vec3& a, const glm::vec3& b, float side, glm::vec3 frontHint = {0.0f, 0.0f, 1.0f}) {
  Frame fr;
  fr.origin = a;
  fr.length = glm::length(b - a);
  fr.u = (b - a) / fr.length;
  fr.f = glm::normalize(frontHint - fr.u * glm::dot(fr.u, frontHint));
  fr.l = glm::normalize(glm::cross(fr.u, fr.f));
  if (fr.l.x * side < 0.0f) fr.l = -fr.l;
  return fr;
}

glm::mat3 rotationX(float radians) {
  const float c = std::cos(radians), s = std::sin(radians);
  return glm::mat3(glm::vec3(1, 0, 0), glm::vec3(0, c, s), glm::vec3(0, -s, c));
}
glm::mat3 rotationZ(float radians) {
  const float c = std::cos(radians), s = std::sin(radians);
  return glm::mat3(glm::vec3(c, s, 0), glm::vec3(-s, c, 0), glm::vec3(0, 0, 1));
}

}  // namespace

float Shape::distance(const glm::vec3& p) const {
  // A primitive whose bounding sphere is at least `blend` beyond the group's current
  // value cannot change it (smooth-min is then exactly min), so it is skipped: exact.
  float group[kGroups];
  for (float& g : group) g = 1e9f;
  for (const Primitive& q : primitives) {
    float& g = group[q.group];
    const float lower = glm::length(p - q.boundCenter) - q.boundRadius;
    if (q.subtract) {
      if (lower >= q.blend - g) continue;
      g = -smin(-g, primitiveDistance(q, p), q.blend);
    } else {
      if (lower >= g + q.blend) continue;
      g = smin(g, primitiveDistance(q, p), q.blend);
    }
  }
  float result = group[0];
  for (int i = 1; i < kGroups; ++i) result = std::min(result, smin(group[0], group[i], limbBlend));
  return result;
}

int Shape::owner(const glm::vec3& p) const {
  float best = 1e9f;
  int bone = 0;
  for (const Primitive& q : primitives) {
    if (q.subtract || glm::length(p - q.boundCenter) - q.boundRadius >= best) continue;
    const float d = primitiveDistance(q, p);
    if (d < best) {
      best = d;
      bone = q.bone;
    }
  }
  return bone;
}

void Shape::bounds(glm::vec3& lo, glm::vec3& hi) const {
  lo = glm::vec3(1e9f);
  hi = glm::vec3(-1e9f);
  for (const Primitive& q : primitives) {
    if (q.kind == Primitive::Kind::RoundCone) {
      lo = glm::min(lo, glm::min(q.a - q.ra, q.b - q.rb));
      hi = glm::max(hi, glm::max(q.a + q.ra, q.b + q.rb));
    } else {
      const float r = std::max(q.radii.x, std::max(q.radii.y, q.radii.z));
      lo = glm::min(lo, q.center - r);
      hi = glm::max(hi, q.center + r);
    }
  }
  lo -= glm::vec3(0.04f);
  hi += glm::vec3(0.04f);
}

Shape buildShape(const Preset& preset, const Rig& rig) {
  const Skeleton& sk = rig.skeleton;
  const float k = preset.height / 1.75f;  // sizes below are for a 1.75 m figure
  const float m = preset.muscle;
  const float fat = preset.fat;
  const bool female = preset.sex == Sex::Female;
  const float girth = 0.5f * (m + fat);
  auto J = [&](const char* name) {
    const int i = sk.find(name);
    return sk.joints[static_cast<size_t>(i)].position;
  };
  auto B = [&](const char* name) { return sk.find(name); };

  Shape shape;
  shape.limbBlend = 0.035f * k;
  auto& prims = shape.primitives;
  auto cone = [&](glm::vec3 a, glm::vec3 b, float ra, float rb, int bone, int group, float blend) {
    Primitive q;
    q.kind = Primitive::Kind::RoundCone;
    q.a = a;
    q.b = b;
    q.ra = ra;
    q.rb = rb;
    q.bone = bone;
    q.group = group;
    q.blend = blend;
    prims.push_back(q);
    return prims.size() - 1;
  };
  auto ell = [&](glm::vec3 c, glm::mat3 axes, glm::vec3 radii, int bone, int group, float blend) {
    Primitive q;
    q.kind = Primitive::Kind::Ellipsoid;
    q.center = c;
    q.axes = axes;
    q.radii = radii;
    q.bone = bone;
    q.group = group;
    q.blend = blend;
    prims.push_back(q);
    return prims.size() - 1;
  };
  const glm::mat3 I(1.0f);
  const glm::vec3 hips = J("hips"), spine = J("spine"), chest = J("chest"), upperChest = J("upperChest");
  const glm::vec3 neck = J("neck"), head = J("head");
  const float h = preset.height;

  // ---- Trunk (group 0): pelvis, abdomen, ribcage, shoulder girdle, back and chest muscles.
  const float hipW = (female ? 0.148f : 0.128f) * k * std::sqrt(fat);
  const float waistW = (female ? 0.115f : 0.124f) * k * fat;
  const float chestW = (female ? 0.128f : 0.142f) * k * std::sqrt(m);
  ell(hips + glm::vec3(0.0f, 0.025f, 0.0f) * k, I, glm::vec3(hipW, 0.105f * k, 0.098f * k * std::sqrt(fat)), B("hips"), 0, 0.0f);
  ell(spine + glm::vec3(0.0f, -0.005f, 0.005f) * k, I, glm::vec3(waistW, 0.13f * k, 0.088f * k * fat), B("spine"), 0, 0.06f * k);
  // Belly: a soft front pad below the navel.
  ell(spine + glm::vec3(0.0f, -0.04f, 0.03f) * k, I, glm::vec3(0.09f, 0.08f, 0.055f * fat) * k, B("spine"), 0, 0.05f * k);
  ell(chest + glm::vec3(0.0f, 0.03f, 0.0f) * k, I, glm::vec3(chestW, 0.175f * k, 0.1f * k * std::sqrt(girth)), B("chest"), 0, 0.09f * k);
  ell(upperChest + glm::vec3(0.0f, 0.03f, -0.02f) * k, I, glm::vec3(chestW * 1.02f, 0.08f * k, 0.085f * k), B("upperChest"), 0, 0.05f * k);
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const std::string pre = side == 0 ? "left" : "right";
    const int shoulderBone = B((pre + "Shoulder").c_str());
    // Pectorals: a flattened lens on the front of the upper chest.
    ell(upperChest + glm::vec3(sx * 0.066f, -0.01f, 0.066f) * k, rotationZ(sx * 0.25f),
        glm::vec3(0.075f, 0.055f, 0.04f * m) * k, B("upperChest"), 0, 0.065f * k);
    if (female) {
      ell(chest + glm::vec3(sx * 0.076f, 0.11f, 0.085f) * k, I, glm::vec3(0.056f, 0.052f, 0.045f * fat) * k, B("chest"), 0, 0.05f * k);
    }
    // Latissimus dorsi: long pads on the back and flanks.
    ell(chest + glm::vec3(sx * 0.085f, 0.07f, -0.045f) * k, rotationZ(sx * 0.18f),
        glm::vec3(0.04f, 0.14f, 0.055f * m) * k, B("chest"), 0, 0.07f * k);
    // Scapulae and rhomboids.
    ell(upperChest + glm::vec3(sx * 0.07f, 0.02f, -0.075f) * k, rotationZ(sx * -0.2f),
        glm::vec3(0.06f, 0.075f, 0.03f) * k, B("upperChest"), 0, 0.04f * k);
    // Erector spinae: two columns beside the spine from sacrum to mid-back.
    cone(hips + glm::vec3(sx * 0.03f, 0.02f, -0.085f) * k, chest + glm::vec3(sx * 0.03f, 0.06f, -0.088f) * k,
         0.024f * k * m, 0.02f * k * m, B("spine"), 0, 0.05f * k);
    // Trapezius: from the neck down to the acromion.
    const glm::vec3 acromion = J((pre + "UpperArm").c_str()) + glm::vec3(sx * -0.01f, 0.045f, -0.005f) * k;
    cone(neck + glm::vec3(sx * 0.028f, -0.03f, -0.028f) * k, acromion, 0.03f * k * m, 0.026f * k, shoulderBone, 0, 0.045f * k);
    // Clavicle: a slim bar under the skin, then the shoulder cap.
    cone(J((pre + "Shoulder").c_str()) + glm::vec3(0.0f, 0.012f, 0.012f) * k, acromion + glm::vec3(0.0f, -0.01f, 0.02f) * k,
         0.014f * k, 0.02f * k, shoulderBone, 0, 0.03f * k);
    // Gluteus maximus and medius.
    ell(hips + glm::vec3(sx * 0.072f, -0.05f, -0.068f) * k, rotationZ(sx * 0.3f),
        glm::vec3(0.078f, 0.09f, 0.062f * std::sqrt(m * fat)) * k, B("hips"), 0, 0.05f * k);
    ell(hips + glm::vec3(sx * 0.1f, 0.045f, -0.035f) * k, I, glm::vec3(0.04f, 0.055f, 0.055f) * k, B("hips"), 0, 0.05f * k);
  }
  // Neck and head.
  cone(neck + glm::vec3(0.0f, -0.03f, -0.005f) * k, head + glm::vec3(0.0f, 0.01f, -0.008f) * k, 0.054f * k * std::sqrt(m),
       0.045f * k, B("neck"), 0, 0.02f * k);
  const int headBone = B("head");
  const float top = h;
  auto hp = [&](float x, float below, float z) { return glm::vec3(x * k, top - below * k, z * k); };
  ell(hp(0.0f, 0.1f, -0.006f), I, glm::vec3(0.075f, 0.1f, 0.098f) * k, headBone, 0, 0.03f * k);               // cranium
  ell(hp(0.0f, 0.15f, 0.014f), rotationX(-0.15f), glm::vec3(0.052f, 0.062f, 0.062f) * k, headBone, 0, 0.035f * k);  // face, jaw
  ell(hp(0.0f, 0.212f, 0.056f), I, glm::vec3(0.022f, 0.019f, 0.02f) * k, headBone, 0, 0.02f * k);           // chin
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    cone(hp(sx * 0.018f, 0.21f, 0.048f), hp(sx * 0.047f, 0.174f, -0.014f), 0.014f * k, 0.016f * k, headBone, 0, 0.022f * k);  // jaw line
    ell(hp(sx * 0.042f, 0.13f, 0.06f), I, glm::vec3(0.015f, 0.01f, 0.015f) * k, headBone, 0, 0.02f * k);  // cheekbone
    ell(hp(sx * 0.077f, 0.125f, -0.012f), rotationX(0.2f), glm::vec3(0.011f, 0.03f, 0.018f) * k, headBone, 0, 0.012f * k);  // ear
  }
  cone(hp(-0.034f, 0.102f, 0.084f), hp(0.034f, 0.102f, 0.084f), 0.012f * k, 0.012f * k, headBone, 0, 0.025f * k);  // brow
  cone(hp(0.0f, 0.116f, 0.088f), hp(0.0f, 0.148f, 0.102f), 0.008f * k, 0.011f * k, headBone, 0, 0.014f * k);   // nose
  ell(hp(0.0f, 0.175f, 0.075f), I, glm::vec3(0.02f, 0.009f, 0.01f) * k, headBone, 0, 0.012f * k);              // lips
  for (int side = 0; side < 2; ++side) {  // eye sockets
    const float sx = side == 0 ? 1.0f : -1.0f;
    const size_t i = ell(hp(sx * 0.031f, 0.12f, 0.102f), I, glm::vec3(0.015f, 0.009f, 0.01f) * k, headBone, 0, 0.012f * k);
    prims[i].subtract = true;
  }

  // ---- Arms (groups 1 and 2).
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const int g = 1 + side;
    const std::string pre = side == 0 ? "left" : "right";
    const int ua = B((pre + "UpperArm").c_str()), la = B((pre + "LowerArm").c_str()), hd = B((pre + "Hand").c_str());
    const int th = B((pre + "ThumbProximal").c_str()), mid = B((pre + "MiddleProximal").c_str());
    const Frame upper = boneFrame(J((pre + "UpperArm").c_str()), J((pre + "LowerArm").c_str()), sx);
    const Frame lower = boneFrame(J((pre + "LowerArm").c_str()), J((pre + "Hand").c_str()), sx);
    const Frame hand = boneFrame(J((pre + "Hand").c_str()), J((pre + "MiddleProximal").c_str()), sx);
    const float am = std::sqrt(m);
    cone(upper.at(0.0f, 0.0f, 0.0f), upper.at(1.0f, 0.0f, 0.0f), 0.05f * k * girth, 0.04f * k * am, ua, g, 0.0f);
    ell(upper.at(0.1f, 0.0f, 0.012f * k), upper.axes(), glm::vec3(0.06f * m, 0.1f, 0.058f * m) * k, ua, g, 0.04f * k);  // deltoid
    ell(upper.at(0.55f, 0.018f * k, 0.0f), upper.axes(), glm::vec3(0.036f * m, 0.1f, 0.036f * m) * k, ua, g, 0.03f * k);  // biceps
    ell(upper.at(0.42f, -0.02f * k, 0.0f), upper.axes(), glm::vec3(0.038f * m, 0.115f, 0.036f * m) * k, ua, g, 0.03f * k);  // triceps
    cone(lower.at(0.0f, 0.0f, 0.0f), lower.at(1.0f, 0.0f, 0.0f), 0.04f * k * am, 0.025f * k, la, g, 0.025f * k);
    ell(lower.at(0.28f, 0.0f, 0.004f * k), lower.axes(), glm::vec3(0.037f * am, 0.105f, 0.043f * am) * k, la, g, 0.035f * k);  // forearm
    // Mitten hand: palm, finger block curled slightly toward the palm, thumb.
    ell(hand.at(0.55f, 0.0f, 0.0f), hand.axes(), glm::vec3(0.016f, 0.052f, 0.041f) * k, hd, g, 0.02f * k);
    const glm::vec3 knuckles = J((pre + "MiddleProximal").c_str());
    const glm::vec3 curl = -hand.l * 0.012f * k;  // toward the palm, which faces the thigh
    ell(knuckles + hand.u * (0.038f * k) + curl * 0.6f, hand.axes(), glm::vec3(0.0135f, 0.048f, 0.037f) * k, mid, g, 0.02f * k);
    cone(knuckles + hand.u * (0.06f * k) + curl, knuckles + hand.u * (0.072f * k) + curl * 1.6f, 0.011f * k, 0.009f * k, mid, g,
         0.02f * k);
    const glm::vec3 thumbBase = J((pre + "ThumbProximal").c_str());
    const glm::vec3 thumbTip = thumbBase + (hand.u * 0.05f + hand.f * 0.03f - hand.l * 0.006f) * k;
    cone(thumbBase, thumbTip, 0.0135f * k, 0.0095f * k, th, g, 0.015f * k);
  }

  // ---- Legs (groups 3 and 4).
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const int g = 3 + side;
    const std::string pre = side == 0 ? "left" : "right";
    const int ul = B((pre + "UpperLeg").c_str()), ll = B((pre + "LowerLeg").c_str());
    const int ft = B((pre + "Foot").c_str()), to = B((pre + "Toes").c_str());
    const Frame thigh = boneFrame(J((pre + "UpperLeg").c_str()), J((pre + "LowerLeg").c_str()), sx);
    const Frame shank = boneFrame(J((pre + "LowerLeg").c_str()), J((pre + "Foot").c_str()), sx);
    const float lm = std::sqrt(m * fat);
    cone(thigh.at(0.05f, 0.0f, 0.0f), thigh.at(1.0f, 0.0f, 0.0f), 0.074f * k * lm, 0.047f * k, ul, g, 0.0f);
    ell(thigh.at(0.52f, 0.026f * k, 0.01f * k), thigh.axes(), glm::vec3(0.058f * m, 0.2f, 0.052f * m) * k, ul, g, 0.05f * k);  // quadriceps
    ell(thigh.at(0.8f, 0.018f * k, -0.024f * k), thigh.axes(), glm::vec3(0.034f, 0.07f, 0.032f) * k * m, ul, g, 0.03f * k);    // vastus medialis
    ell(thigh.at(0.45f, -0.03f * k, 0.0f), thigh.axes(), glm::vec3(0.054f * m, 0.19f, 0.048f * m) * k, ul, g, 0.05f * k);     // hamstrings
    ell(thigh.at(0.24f, 0.0f, -0.03f * k), thigh.axes(), glm::vec3(0.045f, 0.14f, 0.052f) * k * lm, ul, g, 0.05f * k);         // adductors
    ell(thigh.at(0.16f, 0.01f * k, 0.036f * k), thigh.axes(), glm::vec3(0.042f, 0.11f, 0.055f) * k * lm, ul, g, 0.05f * k);    // outer hip
    ell(thigh.at(1.0f, 0.036f * k, 0.0f), thigh.axes(), glm::vec3(0.026f, 0.03f, 0.016f) * k, ll, g, 0.02f * k);  // patella
    ell(thigh.at(1.0f, -0.004f * k, 0.0f), thigh.axes(), glm::vec3(0.05f, 0.045f, 0.045f) * k, ll, g, 0.03f * k);  // condyles
    cone(shank.at(0.0f, 0.0f, 0.0f), shank.at(1.0f, 0.0f, 0.0f), 0.043f * k, 0.027f * k, ll, g, 0.02f * k);
    ell(shank.at(0.3f, -0.036f * k, -0.014f * k), shank.axes(), glm::vec3(0.034f, 0.105f, 0.04f) * k * m, ll, g, 0.04f * k);  // gastroc medial
    ell(shank.at(0.27f, -0.034f * k, 0.016f * k), shank.axes(), glm::vec3(0.03f, 0.095f, 0.036f) * k * m, ll, g, 0.04f * k);  // gastroc lateral
    ell(shank.at(0.55f, -0.022f * k, 0.004f * k), shank.axes(), glm::vec3(0.038f, 0.13f, 0.032f) * k * m, ll, g, 0.04f * k);  // soleus
    ell(shank.at(0.35f, 0.018f * k, 0.016f * k), shank.axes(), glm::vec3(0.022f, 0.13f, 0.022f) * k * m, ll, g, 0.03f * k);   // tibialis
    cone(shank.at(0.72f, -0.03f * k, 0.0f), shank.at(1.0f, -0.045f * k, 0.0f) + glm::vec3(0.0f, -0.01f, 0.0f) * k, 0.014f * k,
         0.014f * k, ll, g, 0.03f * k);  // Achilles tendon
    const glm::vec3 ankle = J((pre + "Foot").c_str());
    const glm::vec3 toes = J((pre + "Toes").c_str());
    ell(ankle + glm::vec3(sx * 0.026f, -0.008f, -0.004f) * k, I, glm::vec3(0.013f) * k, ft, g, 0.015f * k);  // lateral malleolus
    ell(ankle + glm::vec3(sx * -0.022f, 0.002f, 0.002f) * k, I, glm::vec3(0.013f) * k, ft, g, 0.015f * k);  // medial malleolus
    // Foot: heel pad, midfoot arch, forefoot and toes; soles on the floor (y = 0).
    const glm::vec3 heel = glm::vec3(ankle.x, 0.04f * k, ankle.z - 0.034f * k);
    ell(heel, I, glm::vec3(0.03f, 0.034f, 0.038f) * k, ft, g, 0.02f * k);
    const glm::vec3 mid = 0.5f * (heel + glm::vec3(toes.x, 0.032f * k, toes.z));
    ell(mid + glm::vec3(sx * 0.004f, 0.0f, 0.0f) * k, rotationX(0.18f), glm::vec3(0.036f, 0.03f, 0.085f) * k, ft, g, 0.035f * k);
    ell(glm::vec3(toes.x + sx * 0.002f * k, 0.027f * k, toes.z - 0.01f * k), I, glm::vec3(0.045f, 0.022f, 0.03f) * k, ft, g, 0.03f * k);
    ell(glm::vec3(toes.x - sx * 0.004f * k, 0.021f * k, toes.z + 0.03f * k), rotationZ(sx * -0.1f), glm::vec3(0.041f, 0.015f, 0.038f) * k,
        to, g, 0.022f * k);
    cone(ankle + glm::vec3(0.0f, 0.01f, 0.0f) * k, mid + glm::vec3(0.0f, 0.01f, -0.01f) * k, 0.03f * k, 0.025f * k, ft, g, 0.03f * k);
  }
  for (Primitive& q : prims) {
    if (q.kind == Primitive::Kind::RoundCone) {
      q.boundCenter = 0.5f * (q.a + q.b);
      q.boundRadius = 0.5f * glm::length(q.b - q.a) + std::max(q.ra, q.rb);
    } else {
      q.boundCenter = q.center;
      q.boundRadius = std::max(q.radii.x, std::max(q.radii.y, q.radii.z));
    }
  }
  return shape;
}

}  // namespace formviz::body
