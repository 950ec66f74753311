// [SECTION] Regions: which muscle each vertex lies on, placed relative to the bones.
//
// A limb region is a window on a bone: a range of t (0 at the joint, 1 at the child
// joint) and a sector of angle around the bone axis (0 = front, +90 = lateral, 180 =
// back, -90 = medial). A trunk region is a window of height between landmarks and a
// sector around the trunk's vertical axis (0 = front midline, 90 = flank, 180 = back
// midline), measured on the region's own side. A region only takes vertices whose
// surface belongs to the listed bones on its side. Inside a window the weight is 1,
// fading to 0 over the outer quarter; each vertex takes the region of highest weight.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "body.h"

namespace formviz::body {

namespace {

float smoothstep(float e0, float e1, float x) {
  const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

// 1 inside [lo, hi] away from the ends, fading to 0 at the ends over `fade` of the range.
float window(float x, float lo, float hi, float fade = 0.25f) {
  const float e = fade * (hi - lo);
  return smoothstep(lo, lo + e, x) * (1.0f - smoothstep(hi - e, hi, x));
}

float angleWindow(float angleDeg, float centerDeg, float halfDeg) {
  float d = std::fmod(angleDeg - centerDeg + 540.0f, 360.0f) - 180.0f;  // in [-180, 180)
  return window(d, -halfDeg, halfDeg, 0.3f);
}

enum class Frame { Limb, Trunk };

struct RegionSpec {
  MuscleGroup group;
  Frame frame;
  const char* bone;    // limb: joint suffix of the bone ("UpperLeg"); trunk: unused
  const char* owners;  // space-separated joint names or suffixes that may carry the region
  float lo, hi;        // limb: t range; trunk: height range in metres relative to `ref`
  const char* ref;     // trunk: landmark the heights are measured from
  const char* refHi;   // trunk: landmark for hi (nullptr: same as ref)
  float center, half;  // angle sector, degrees
};

// Heights (trunk) are in metres for a 1.75 m figure and scale with stature.
const RegionSpec kSpecs[] = {
    {MuscleGroup::GluteusMaximus, Frame::Trunk, nullptr, "hips UpperLeg", -0.14f, 0.065f, "hips", nullptr, 150.0f, 42.0f},
    {MuscleGroup::HipStabilizers, Frame::Trunk, nullptr, "hips UpperLeg", -0.03f, 0.11f, "hips", nullptr, 100.0f, 30.0f},
    {MuscleGroup::HipFlexors, Frame::Limb, "UpperLeg", "hips spine UpperLeg", -0.16f, 0.2f, nullptr, nullptr, -5.0f, 40.0f},
    {MuscleGroup::Quadriceps, Frame::Limb, "UpperLeg", "UpperLeg LowerLeg", 0.16f, 0.93f, nullptr, nullptr, 35.0f, 80.0f},
    {MuscleGroup::Adductors, Frame::Limb, "UpperLeg", "UpperLeg", 0.0f, 0.62f, nullptr, nullptr, -95.0f, 48.0f},
    {MuscleGroup::Hamstrings, Frame::Limb, "UpperLeg", "UpperLeg LowerLeg", 0.17f, 0.95f, nullptr, nullptr, 178.0f, 62.0f},
    {MuscleGroup::Gastrocnemius, Frame::Limb, "LowerLeg", "LowerLeg", 0.04f, 0.52f, nullptr, nullptr, 180.0f, 78.0f},
    {MuscleGroup::Soleus, Frame::Limb, "LowerLeg", "LowerLeg", 0.45f, 0.82f, nullptr, nullptr, 180.0f, 105.0f},
    {MuscleGroup::TibialisAnterior, Frame::Limb, "LowerLeg", "LowerLeg", 0.08f, 0.82f, nullptr, nullptr, 38.0f, 36.0f},
    {MuscleGroup::RectusAbdominis, Frame::Trunk, nullptr, "hips spine chest", -0.02f, 0.05f, "hips", "xyph", 0.0f, 26.0f},
    {MuscleGroup::Obliques, Frame::Trunk, nullptr, "hips spine chest", 0.05f, 0.03f, "hips", "xyph", 68.0f, 40.0f},
    {MuscleGroup::ErectorSpinae, Frame::Trunk, nullptr, "hips spine chest", 0.0f, 0.02f, "hips", "chest", 180.0f, 30.0f},
    {MuscleGroup::LatissimusDorsi, Frame::Trunk, nullptr, "spine chest upperChest", -0.1f, -0.045f, "chest", "sjc", 122.0f, 44.0f},
    {MuscleGroup::UpperBack, Frame::Trunk, nullptr, "chest upperChest Shoulder", 0.0f, 0.04f, "chest", "sjc", 180.0f, 52.0f},
    {MuscleGroup::UpperTrapezius, Frame::Trunk, nullptr, "upperChest neck Shoulder", 0.01f, 0.045f, "sjc", "cerv", 145.0f, 70.0f},
    {MuscleGroup::DeltoidFront, Frame::Limb, "UpperArm", "UpperArm Shoulder", -0.14f, 0.42f, nullptr, nullptr, 30.0f, 62.0f},
    {MuscleGroup::DeltoidRear, Frame::Limb, "UpperArm", "UpperArm Shoulder", -0.14f, 0.42f, nullptr, nullptr, 150.0f, 62.0f},
    {MuscleGroup::Pectorals, Frame::Trunk, nullptr, "chest upperChest Shoulder", 0.03f, 0.0f, "xyph", "sjc", 32.0f, 40.0f},
    {MuscleGroup::Biceps, Frame::Limb, "UpperArm", "UpperArm", 0.36f, 0.9f, nullptr, nullptr, 0.0f, 58.0f},
    {MuscleGroup::Triceps, Frame::Limb, "UpperArm", "UpperArm", 0.3f, 0.9f, nullptr, nullptr, 180.0f, 72.0f},
    {MuscleGroup::Forearms, Frame::Limb, "LowerArm", "LowerArm", 0.0f, 0.78f, nullptr, nullptr, 0.0f, 181.0f},
};

bool ownerAllowed(const std::string& ownerName, const char* owners, const std::string& sidePrefix) {
  std::string list = owners;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(' ', start);
    if (end == std::string::npos) end = list.size();
    const std::string item = list.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    if (std::isupper(static_cast<unsigned char>(item[0]))) {
      if (ownerName == sidePrefix + item) return true;
    } else if (ownerName == item) {
      return true;
    }
  }
  return false;
}

}  // namespace

void assignRegions(const Shape& shape, const Rig& rig, Mesh& mesh) {
  const Skeleton& sk = rig.skeleton;
  const Landmarks& lm = rig.landmarks;
  const float k = lm.vertex.y / 1.75f;
  auto J = [&](const std::string& name) { return sk.joints[static_cast<size_t>(sk.find(name))].position; };
  auto landmarkY = [&](const char* name) -> float {
    const std::string n = name;
    if (n == "xyph") return lm.xyph.y;
    if (n == "cerv") return lm.cerv.y;
    if (n == "sjc") return J("leftUpperArm").y;
    return J(n).y;
  };
  const glm::vec3 hips = J("hips");
  const glm::vec3 neck = J("neck");
  mesh.regions.assign(mesh.positions.size(), glm::vec2(0.0f));

  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    const glm::vec3 p = mesh.positions[v];
    const std::string& ownerName = sk.joints[static_cast<size_t>(shape.owner(p))].name;
    const RegionSide side = p.x >= 0.0f ? RegionSide::Left : RegionSide::Right;
    const float sx = side == RegionSide::Left ? 1.0f : -1.0f;
    const std::string pre = side == RegionSide::Left ? "left" : "right";
    float best = 0.0f;
    int bestId = 0;
    for (const RegionSpec& r : kSpecs) {
      if (!ownerAllowed(ownerName, r.owners, pre)) continue;
      float weight = 0.0f;
      if (r.frame == Frame::Limb) {
        const glm::vec3 a = J(pre + r.bone);
        int child = -1;
        const int ja = sk.find(pre + r.bone);
        for (int c = ja + 1; c < sk.size(); ++c) {
          if (sk.joints[static_cast<size_t>(c)].parent == ja) {
            child = c;
            break;
          }
        }
        const glm::vec3 b = sk.joints[static_cast<size_t>(child)].position;
        const float len = glm::length(b - a);
        const glm::vec3 u = (b - a) / len;
        const glm::vec3 f = glm::normalize(glm::vec3(0.0f, 0.0f, 1.0f) - u * u.z);
        glm::vec3 l = glm::normalize(glm::cross(u, f));
        if (l.x * sx < 0.0f) l = -l;
        const glm::vec3 rel = p - a;
        const float t = glm::dot(rel, u) / len;
        const float angle = glm::degrees(std::atan2(glm::dot(rel, l), glm::dot(rel, f)));
        weight = window(t, r.lo, r.hi) * angleWindow(angle, r.center, r.half);
      } else {
        const float y0 = landmarkY(r.ref) + r.lo * k;
        const float y1 = landmarkY(r.refHi ? r.refHi : r.ref) + r.hi * k;
        // Trunk axis: from the hips joint to the neck joint; depth scaled to a round section.
        const float f = std::clamp((p.y - hips.y) / (neck.y - hips.y), 0.0f, 1.0f);
        const float zc = hips.z + (neck.z - hips.z) * f;
        const float angle = glm::degrees(std::atan2(sx * p.x / 0.15f, (p.z - zc) / 0.11f));
        weight = window(p.y, y0, y1) * angleWindow(angle, r.center, r.half);
      }
      if (weight > best) {
        best = weight;
        bestId = regionId(r.group, side);
      }
    }
    if (best >= 0.05f) mesh.regions[v] = glm::vec2(static_cast<float>(bestId), best);
  }
}

}  // namespace formviz::body
