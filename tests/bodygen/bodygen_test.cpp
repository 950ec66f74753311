// Tests of tools/bodygen: skeleton, anthropometry, mesh, skinning, regions, files.
//
// Most tests read the committed files in models/ (what ships); one test per preset
// rebuilds the body with the generator and requires the same bytes.
#include <gtest/gtest.h>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "body.h"
#include "gltf_writer.h"

namespace formviz::body {
namespace {

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Copies accessor `index` of a bodygen file (tightly packed, one bufferView each).
template <typename T>
std::vector<T> readAccessor(const nlohmann::json& doc, const std::string& bin, int index) {
  const auto& acc = doc["accessors"][static_cast<size_t>(index)];
  const auto& view = doc["bufferViews"][acc["bufferView"].get<size_t>()];
  const size_t count = acc["count"].get<size_t>();
  const size_t offset = view["byteOffset"].get<size_t>();
  std::vector<T> out(count);
  EXPECT_EQ(view["byteLength"].get<size_t>(), count * sizeof(T));
  if (offset + count * sizeof(T) <= bin.size()) std::memcpy(out.data(), bin.data() + offset, count * sizeof(T));
  return out;
}

// The committed body: its mesh as stored in models/<name>.gltf (what ships; the test
// CommittedFilesEqualAFreshBuild proves the generator makes exactly these bytes), its rig
// from the generator (cheap). Loading instead of rebuilding keeps each test fast.
const Body& body(const std::string& name) {
  static std::map<std::string, Body> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  Body b;
  b.preset = *findPreset(name);
  b.rig = buildRig(b.preset);
  const std::filesystem::path dir = FORMVIZ_MODELS_DIR;
  const std::string text = readAll(dir / (name + ".gltf"));
  const std::string bin = readAll(dir / (name + ".bin"));
  EXPECT_FALSE(text.empty()) << "missing models/" << name << ".gltf: run bodygen --out-dir models";
  if (!text.empty()) {
    const nlohmann::json doc = nlohmann::json::parse(text);
    const auto& prim = doc["meshes"][0]["primitives"][0];
    const auto& attr = prim["attributes"];
    b.mesh.positions = readAccessor<glm::vec3>(doc, bin, attr["POSITION"].get<int>());
    b.mesh.normals = readAccessor<glm::vec3>(doc, bin, attr["NORMAL"].get<int>());
    b.mesh.regions = readAccessor<glm::vec2>(doc, bin, attr["TEXCOORD_1"].get<int>());
    b.mesh.joints = readAccessor<std::array<std::uint8_t, 4>>(doc, bin, attr["JOINTS_0"].get<int>());
    b.mesh.weights = readAccessor<glm::vec4>(doc, bin, attr["WEIGHTS_0"].get<int>());
    const auto idx = readAccessor<std::uint16_t>(doc, bin, prim["indices"].get<int>());
    b.mesh.indices.assign(idx.begin(), idx.end());
  }
  return cache.emplace(name, std::move(b)).first->second;
}

std::vector<std::string> presetNames() {
  std::vector<std::string> names;
  for (const Preset& p : presets()) names.push_back(p.name);
  return names;
}

glm::vec3 jointPos(const Body& b, const std::string& name) {
  const int j = b.rig.skeleton.find(name);
  EXPECT_GE(j, 0) << name;
  return b.rig.skeleton.joints[static_cast<size_t>(j)].position;
}

class PerPreset : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Presets, PerPreset, ::testing::ValuesIn(presetNames()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

// ---- Presets and command-line style inputs.

TEST(Presets, AtLeastThreeWithUniqueSafeNames) {
  ASSERT_GE(presets().size(), 3u);
  std::set<std::string> seen;
  for (const Preset& p : presets()) {
    EXPECT_TRUE(seen.insert(p.name).second) << p.name;
    EXPECT_TRUE(std::all_of(p.name.begin(), p.name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }));
    EXPECT_GE(p.height, 1.2f);
    EXPECT_LE(p.height, 2.2f);
  }
  EXPECT_EQ(findPreset("no_such_body"), nullptr);
  EXPECT_NE(findPreset("male_175"), nullptr);
}

TEST(Files, WritingIntoAMissingFolderFailsWithTheFolderName) {
  const Status s = writeFileAtomic("/nonexistent-folder-for-bodygen/x.bin", "abc", 3);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("/nonexistent-folder-for-bodygen"), std::string::npos) << s.error().message;
}

// ---- Skeleton.

//   hips ── spine ── chest ── upperChest ─┬─ neck ── head
//    │                                     ├─ leftShoulder ── leftUpperArm ── leftLowerArm ── leftHand ─┬─ leftThumbProximal
//    │                                     │                                                             └─ leftMiddleProximal
//    │                                     └─ right... (mirror)
//    ├─ leftUpperLeg ── leftLowerLeg ── leftFoot ── leftToes
//    └─ rightUpperLeg ── ...
TEST(Skeleton, VrmNamesAndHierarchy) {
  const Skeleton& sk = body("male_175").rig.skeleton;
  const std::map<std::string, std::string> parentOf = {
      {"hips", ""}, {"spine", "hips"}, {"chest", "spine"}, {"upperChest", "chest"}, {"neck", "upperChest"}, {"head", "neck"},
      {"leftShoulder", "upperChest"}, {"leftUpperArm", "leftShoulder"}, {"leftLowerArm", "leftUpperArm"},
      {"leftHand", "leftLowerArm"}, {"leftThumbProximal", "leftHand"}, {"leftMiddleProximal", "leftHand"},
      {"rightShoulder", "upperChest"}, {"rightUpperArm", "rightShoulder"}, {"rightLowerArm", "rightUpperArm"},
      {"rightHand", "rightLowerArm"}, {"rightThumbProximal", "rightHand"}, {"rightMiddleProximal", "rightHand"},
      {"leftUpperLeg", "hips"}, {"leftLowerLeg", "leftUpperLeg"}, {"leftFoot", "leftLowerLeg"}, {"leftToes", "leftFoot"},
      {"rightUpperLeg", "hips"}, {"rightLowerLeg", "rightUpperLeg"}, {"rightFoot", "rightLowerLeg"}, {"rightToes", "rightFoot"},
  };
  ASSERT_EQ(sk.size(), static_cast<int>(parentOf.size()));
  EXPECT_GE(sk.size(), 25);
  EXPECT_LE(sk.size(), 40);
  for (int j = 0; j < sk.size(); ++j) {
    const Joint& joint = sk.joints[static_cast<size_t>(j)];
    ASSERT_TRUE(parentOf.count(joint.name)) << joint.name;
    EXPECT_EQ(joint.name, jointNames()[static_cast<size_t>(j)]);
    EXPECT_LT(joint.parent, j) << "parents come first: " << joint.name;
    const std::string expected = parentOf.at(joint.name);
    EXPECT_EQ(joint.parent < 0 ? std::string() : sk.joints[static_cast<size_t>(joint.parent)].name, expected) << joint.name;
  }
}

TEST_P(PerPreset, SameTopologyAsEveryOtherPreset) {
  const Skeleton& a = body(GetParam()).rig.skeleton;
  const Skeleton& b = body("male_175").rig.skeleton;
  ASSERT_EQ(a.size(), b.size());
  for (int j = 0; j < a.size(); ++j) {
    EXPECT_EQ(a.joints[static_cast<size_t>(j)].name, b.joints[static_cast<size_t>(j)].name);
    EXPECT_EQ(a.joints[static_cast<size_t>(j)].parent, b.joints[static_cast<size_t>(j)].parent);
  }
}

TEST_P(PerPreset, RestPoseIsAnUprightAPoseFacingPlusZ) {
  const Body& b = body(GetParam());
  const glm::vec3 hand = jointPos(b, "leftHand"), shoulder = jointPos(b, "leftUpperArm");
  const float below = glm::degrees(std::atan2(shoulder.y - hand.y, hand.x - shoulder.x));
  EXPECT_NEAR(below, 45.0f, 1.0f) << "A-pose: arms 45 degrees below horizontal, left arm toward +X";
  EXPECT_GT(jointPos(b, "leftToes").z, jointPos(b, "leftFoot").z) << "toes point to +Z";
  EXPECT_GT(jointPos(b, "head").y, jointPos(b, "hips").y);
  EXPECT_LT(jointPos(b, "rightUpperArm").x, 0.0f);
}

// ---- Anthropometry: segment lengths against de Leva (1996), Table 1.

TEST_P(PerPreset, SegmentLengthsMatchDeLeva) {
  const Body& b = body(GetParam());
  const SegmentTable& t = deLevaTable(b.preset.sex);
  const float s = b.preset.height / t.stature;
  const Landmarks& lm = b.rig.landmarks;
  struct Row {
    const char* what;
    float actual, expected;
  };
  const Row rows[] = {
      {"head VERT-CERV", glm::length(lm.vertex - lm.cerv), t.head * s},
      {"trunk CERV-MIDH", glm::length(lm.cerv - lm.midh), t.trunk * s},
      {"upper trunk CERV-XYPH", glm::length(lm.cerv - lm.xyph), t.upperTrunk * s},
      {"middle trunk XYPH-OMPH", glm::length(lm.xyph - lm.omph), t.middleTrunk * s},
      {"lower trunk OMPH-MIDH", glm::length(lm.omph - lm.midh), t.lowerTrunk * s},
      {"upper arm", glm::length(jointPos(b, "leftLowerArm") - jointPos(b, "leftUpperArm")), t.upperArm * s},
      {"forearm", glm::length(jointPos(b, "rightHand") - jointPos(b, "rightLowerArm")), t.forearm * s},
      {"hand WJC-MET3", glm::length(jointPos(b, "leftMiddleProximal") - jointPos(b, "leftHand")), t.hand * s},
      {"thigh", glm::length(jointPos(b, "leftLowerLeg") - jointPos(b, "leftUpperLeg")), t.thigh * s},
      {"shank", glm::length(jointPos(b, "rightFoot") - jointPos(b, "rightLowerLeg")), t.shank * s},
      {"foot HEEL-TTIP", glm::length(lm.toeTipLeft - lm.heelLeft), t.foot * s},
      {"stature", lm.vertex.y, b.preset.height},
  };
  for (const Row& r : rows) EXPECT_NEAR(r.actual, r.expected, 2e-4f) << r.what;
  // The hip joint centre lands near Winter's 0.530 of stature, the knee near 0.285
  // (de Leva's female thigh is short: her hip sits lower, about 0.505).
  const float hipTolerance = b.preset.sex == Sex::Female ? 0.03f : 0.01f;
  EXPECT_NEAR(jointPos(b, "leftUpperLeg").y / b.preset.height, 0.530f, hipTolerance);
  EXPECT_NEAR(jointPos(b, "leftLowerLeg").y / b.preset.height, 0.285f, 0.01f);
}

TEST_P(PerPreset, MeshSpansTheStatureAndStandsOnTheFloor) {
  const Body& b = body(GetParam());
  float lo = 1e9f, hi = -1e9f;
  for (const glm::vec3& p : b.mesh.positions) {
    lo = std::min(lo, p.y);
    hi = std::max(hi, p.y);
  }
  EXPECT_NEAR(hi, b.preset.height, 0.015f * b.preset.height);
  EXPECT_NEAR(lo, 0.0f, 0.01f);
}

// ---- Mesh.

TEST_P(PerPreset, MeshIsClosedManifoldWithoutDegenerateTriangles) {
  const Mesh& m = body(GetParam()).mesh;
  EXPECT_EQ(countOpenOrNonManifoldEdges(m.indices), 0);
  EXPECT_EQ(countDegenerateTriangles(m, 1e-6f), 0) << "no triangle under 1 mm^2";
  EXPECT_GE(m.triangleCount(), 20000);
  EXPECT_LE(m.triangleCount(), 60000);
  EXPECT_GT(enclosedVolume(m.positions, m.indices), 0.0) << "outward winding";
  // Euler characteristic of a sphere: V - E + F = 2 with E = 3F / 2.
  EXPECT_EQ(m.vertexCount() - m.triangleCount() * 3 / 2 + m.triangleCount(), 2) << "one closed surface of genus 0";
  for (const glm::vec3& n : m.normals) ASSERT_NEAR(glm::length(n), 1.0f, 1e-4f);
}

TEST_P(PerPreset, VolumeAndAreaArePlausibleForTheBuild) {
  const Body& b = body(GetParam());
  const double volume = enclosedVolume(b.mesh.positions, b.mesh.indices);
  const double area = surfaceArea(b.mesh.positions, b.mesh.indices);
  // Body density about 1 kg/L: 40-110 kg; Du Bois surface area for that range 1.3-2.4 m^2.
  EXPECT_GT(volume, 0.040);
  EXPECT_LT(volume, 0.110);
  EXPECT_GT(area, 1.3);
  EXPECT_LT(area, 2.4);
  std::printf("%s: volume %.1f L, area %.2f m^2, %d vertices, %d triangles\n", b.preset.name.c_str(), volume * 1000.0, area,
              b.mesh.vertexCount(), b.mesh.triangleCount());
}

// ---- Skinning.

TEST_P(PerPreset, WeightsSumToOneWithAtMostFourDistinctInfluences) {
  const Body& b = body(GetParam());
  const Mesh& m = b.mesh;
  ASSERT_EQ(m.weights.size(), m.positions.size());
  ASSERT_EQ(m.joints.size(), m.positions.size());
  for (size_t v = 0; v < m.positions.size(); ++v) {
    const glm::vec4 w = m.weights[v];
    ASSERT_EQ(w.x + w.y + w.z + w.w, 1.0f) << "vertex " << v;
    std::set<int> used;
    for (int i = 0; i < 4; ++i) {
      ASSERT_GE(w[i], 0.0f);
      if (i > 0) {
        ASSERT_LE(w[i], w[i - 1]) << "descending";
      }
      ASSERT_LT(m.joints[v][static_cast<size_t>(i)], b.rig.skeleton.size());
      if (w[i] > 0.0f) {
        ASSERT_TRUE(used.insert(m.joints[v][static_cast<size_t>(i)]).second) << "duplicate joint, vertex " << v;
      }
    }
  }
}

// Volume of the cone from `centre` over the triangles of `mask`: invariant under any rigid
// motion about centre, so it measures only what skinning does to the joint region.
double starVolume(const std::vector<glm::vec3>& p, const std::vector<std::uint32_t>& idx, const std::vector<bool>& mask,
                  glm::vec3 centre) {
  double sum = 0.0;
  for (size_t t = 0; t < mask.size(); ++t) {
    if (!mask[t]) continue;
    const glm::dvec3 c(centre);
    const glm::dvec3 a = glm::dvec3(p[idx[3 * t]]) - c, b = glm::dvec3(p[idx[3 * t + 1]]) - c, d = glm::dvec3(p[idx[3 * t + 2]]) - c;
    sum += glm::dot(a, glm::cross(b, d)) / 6.0;
  }
  return sum;
}

struct FlexionCase {
  const char* joint;   // the bending joint
  const char* parent;  // bones whose weights define the region around it
  float degrees;
};

TEST_P(PerPreset, DeepFlexionKeepsTheVolumeAroundTheJoint) {
  const Body& b = body(GetParam());
  const Skeleton& sk = b.rig.skeleton;
  const Mesh& m = b.mesh;
  const FlexionCase cases[] = {{"leftLowerLeg", "leftUpperLeg", 130.0f}, {"leftLowerArm", "leftUpperArm", 140.0f},
                               {"leftUpperLeg", "hips", 110.0f}};
  const double restTotal = enclosedVolume(m.positions, m.indices);
  for (const FlexionCase& c : cases) {
    const int j = sk.find(c.joint), parent = sk.find(c.parent);
    const glm::vec3 centre = sk.joints[static_cast<size_t>(j)].position;
    Pose pose = restPose(sk);
    glm::vec3 axis{1.0f, 0.0f, 0.0f};
    float degrees = c.degrees;
    if (std::string(c.joint) == "leftUpperLeg") degrees = -c.degrees;  // hip flexion swings the thigh to +Z
    if (std::string(c.joint) == "leftLowerArm") {
      const glm::vec3 arm = glm::normalize(centre - jointPos(b, "leftUpperArm"));
      axis = glm::cross(arm, glm::vec3(0.0f, 0.0f, 1.0f));  // the forearm swings to +Z
    }
    rotateJoint(pose, sk, c.joint, axis, degrees);
    const auto posed = skinPositions(m, sk, pose);
    // Region: triangles within 0.2 m (scaled) of the joint carried only by the two bones.
    const float radius = 0.2f * b.preset.height / 1.75f;
    std::vector<bool> mask(m.indices.size() / 3, false);
    int count = 0;
    for (size_t t = 0; t < mask.size(); ++t) {
      bool in = true;
      for (size_t e = 0; e < 3 && in; ++e) {
        const std::uint32_t v = m.indices[3 * t + e];
        float w = 0.0f;
        for (size_t i = 0; i < 4; ++i) {
          const int jj = m.joints[v][i];
          if (jj == j || jj == parent) w += m.weights[v][static_cast<int>(i)];
        }
        in = w > 0.999f && glm::length(m.positions[v] - centre) < radius;
      }
      mask[t] = in;
      count += in ? 1 : 0;
    }
    ASSERT_GT(count, 500) << c.joint;
    const double rest = starVolume(m.positions, m.indices, mask, centre);
    const double bent = starVolume(posed, m.indices, mask, centre);
    const double loss = 1.0 - bent / rest;
    const double totalLoss = 1.0 - enclosedVolume(posed, m.indices) / restTotal;
    std::printf("%s %s %.0f deg: joint region volume change %.1f%%, whole body %.2f%%\n", b.preset.name.c_str(), c.joint, static_cast<double>(c.degrees),
                -loss * 100.0, -totalLoss * 100.0);
    EXPECT_LT(loss, 0.10) << c.joint << " loses " << loss * 100.0 << "% of its volume";
    EXPECT_GT(loss, -0.10) << c.joint << " swells by " << -loss * 100.0 << "%";
    EXPECT_LT(std::abs(totalLoss), 0.02) << c.joint;
  }
}

// ---- Regions.

struct Centroid {
  glm::vec3 position{0.0f};
  double area = 0.0;
  int vertices = 0;
};

std::map<int, Centroid> regionCentroids(const Mesh& m, double* totalArea) {
  std::vector<double> vertexArea(m.positions.size(), 0.0);
  double total = 0.0;
  for (size_t t = 0; t + 2 < m.indices.size(); t += 3) {
    const glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
    const double area = 0.5 * static_cast<double>(glm::length(glm::cross(b - a, c - a)));
    total += area;
    for (size_t e = 0; e < 3; ++e) vertexArea[m.indices[t + e]] += area / 3.0;
  }
  std::map<int, Centroid> out;
  std::map<int, glm::dvec3> sum;
  for (size_t v = 0; v < m.positions.size(); ++v) {
    const int id = static_cast<int>(m.regions[v].x);
    if (id == 0) continue;
    out[id].area += vertexArea[v];
    out[id].vertices += 1;
    sum[id] += glm::dvec3(m.positions[v]) * vertexArea[v];
  }
  for (auto& [id, c] : out) c.position = glm::vec3(sum[id] / c.area);
  *totalArea = total;
  return out;
}

TEST_P(PerPreset, RegionAttributeIsAnIntegralIdAndAWeight) {
  const Mesh& m = body(GetParam()).mesh;
  for (const glm::vec2& r : m.regions) {
    ASSERT_EQ(r.x, std::floor(r.x));
    ASSERT_GE(r.x, 0.0f);
    ASSERT_LT(r.x, static_cast<float>(kMuscleRegionCount));
    ASSERT_GE(r.y, 0.0f);
    ASSERT_LE(r.y, 1.0f);
    if (r.x == 0.0f) {
      ASSERT_EQ(r.y, 0.0f);
    }
  }
}

TEST_P(PerPreset, EveryRegionExistsOnBothSidesWithAPlausibleArea) {
  const Mesh& m = body(GetParam()).mesh;
  double total = 0.0;
  const auto regions = regionCentroids(m, &total);
  for (int g = 1; g < kMuscleGroupCount; ++g) {
    const auto group = static_cast<MuscleGroup>(g);
    const int left = regionId(group, RegionSide::Left), right = regionId(group, RegionSide::Right);
    ASSERT_TRUE(regions.count(left)) << kMuscleGroups[g].key << " missing on the left";
    ASSERT_TRUE(regions.count(right)) << kMuscleGroups[g].key << " missing on the right";
    const double fl = regions.at(left).area / total, fr = regions.at(right).area / total;
    // Each side of a muscle group covers 0.2% to 6% of the skin (for scale: one forearm ~3%).
    EXPECT_GT(fl, 0.002) << kMuscleGroups[g].key;
    EXPECT_LT(fl, 0.06) << kMuscleGroups[g].key;
    EXPECT_NEAR(fl / fr, 1.0, 0.15) << kMuscleGroups[g].key << ": left and right differ";
    EXPECT_GT(regions.at(left).position.x, 0.0f) << kMuscleGroups[g].key;
    EXPECT_LT(regions.at(right).position.x, 0.0f) << kMuscleGroups[g].key;
  }
}

// Centroid relative to a limb bone: (t along the bone, front component, lateral component).
glm::vec3 inBoneFrame(const Body& b, const std::string& joint, const std::string& child, glm::vec3 p, float side) {
  const glm::vec3 a = jointPos(b, joint), c = jointPos(b, child);
  const glm::vec3 u = glm::normalize(c - a);
  const glm::vec3 f = glm::normalize(glm::vec3(0.0f, 0.0f, 1.0f) - u * u.z);
  glm::vec3 l = glm::normalize(glm::cross(u, f));
  if (l.x * side < 0.0f) l = -l;
  const glm::vec3 r = p - a;
  return {glm::dot(r, u) / glm::length(c - a), glm::dot(r, f), glm::dot(r, l)};
}

TEST_P(PerPreset, RegionsSitWhereAnatomyPutsThem) {
  const Body& b = body(GetParam());
  double total = 0.0;
  const auto regions = regionCentroids(b.mesh, &total);
  for (RegionSide side : {RegionSide::Left, RegionSide::Right}) {
    const float sx = side == RegionSide::Left ? 1.0f : -1.0f;
    const std::string s = side == RegionSide::Left ? "left" : "right";
    auto c = [&](MuscleGroup g) { return regions.at(regionId(g, side)).position; };
    auto thigh = [&](MuscleGroup g) { return inBoneFrame(b, s + "UpperLeg", s + "LowerLeg", c(g), sx); };
    auto shank = [&](MuscleGroup g) { return inBoneFrame(b, s + "LowerLeg", s + "Foot", c(g), sx); };
    auto upperArm = [&](MuscleGroup g) { return inBoneFrame(b, s + "UpperArm", s + "LowerArm", c(g), sx); };
    auto lowerArm = [&](MuscleGroup g) { return inBoneFrame(b, s + "LowerArm", s + "Hand", c(g), sx); };
    const glm::vec3 hip = jointPos(b, s + "UpperLeg"), hips = jointPos(b, "hips"), spine = jointPos(b, "spine");
    const glm::vec3 chest = jointPos(b, "chest"), upperChest = jointPos(b, "upperChest"), shoulder = jointPos(b, s + "UpperArm");
    const Landmarks& lm = b.rig.landmarks;
    SCOPED_TRACE(s);
    // Hip and thigh: glutes behind the hip joint, quadriceps in front of the femur,
    // hamstrings behind it, adductors on its inner side, hip flexors in front of the hip.
    EXPECT_LT(c(MuscleGroup::GluteusMaximus).z, hip.z - 0.06f);
    EXPECT_LT(c(MuscleGroup::GluteusMaximus).y, hips.y + 0.03f);
    EXPECT_GT(sx * c(MuscleGroup::HipStabilizers).x, sx * hip.x) << "gluteus medius lateral to the hip joint";
    EXPECT_GT(c(MuscleGroup::HipStabilizers).y, c(MuscleGroup::GluteusMaximus).y) << "gluteus medius above maximus";
    EXPECT_GT(c(MuscleGroup::HipFlexors).z, hip.z + 0.04f);
    EXPECT_NEAR(c(MuscleGroup::HipFlexors).y, hip.y, 0.1f);
    EXPECT_GT(thigh(MuscleGroup::Quadriceps).y, 0.03f);
    EXPECT_LT(thigh(MuscleGroup::Hamstrings).y, -0.03f);
    EXPECT_LT(thigh(MuscleGroup::Adductors).z, -0.02f);
    EXPECT_LT(thigh(MuscleGroup::Adductors).x, thigh(MuscleGroup::Quadriceps).x) << "adductors in the upper thigh";
    // Lower leg: calves behind the tibia, gastrocnemius above soleus, tibialis in front.
    EXPECT_LT(shank(MuscleGroup::Gastrocnemius).y, -0.03f);
    EXPECT_LT(shank(MuscleGroup::Soleus).y, -0.01f);
    EXPECT_LT(shank(MuscleGroup::Gastrocnemius).x, shank(MuscleGroup::Soleus).x);
    EXPECT_GT(shank(MuscleGroup::TibialisAnterior).y, 0.02f);
    // Trunk: abdominals in front, erectors and back muscles behind, obliques on the flank.
    EXPECT_GT(c(MuscleGroup::RectusAbdominis).z, spine.z + 0.06f);
    EXPECT_GT(c(MuscleGroup::RectusAbdominis).y, hips.y);
    EXPECT_LT(c(MuscleGroup::RectusAbdominis).y, lm.xyph.y);
    EXPECT_GT(sx * c(MuscleGroup::Obliques).x, sx * c(MuscleGroup::RectusAbdominis).x + 0.05f);
    EXPECT_LT(c(MuscleGroup::ErectorSpinae).z, spine.z - 0.05f);
    EXPECT_LT(c(MuscleGroup::ErectorSpinae).y, c(MuscleGroup::UpperBack).y);
    EXPECT_LT(c(MuscleGroup::LatissimusDorsi).z, chest.z - 0.02f);
    EXPECT_GT(sx * c(MuscleGroup::LatissimusDorsi).x, sx * c(MuscleGroup::ErectorSpinae).x);
    EXPECT_LT(c(MuscleGroup::UpperBack).z, upperChest.z - 0.05f);
    EXPECT_GT(c(MuscleGroup::UpperBack).y, chest.y);
    EXPECT_GT(c(MuscleGroup::UpperTrapezius).y, shoulder.y);
    EXPECT_GT(c(MuscleGroup::Pectorals).z, upperChest.z + 0.06f);
    EXPECT_GT(c(MuscleGroup::Pectorals).y, lm.xyph.y);
    EXPECT_LT(c(MuscleGroup::Pectorals).y, shoulder.y + 0.02f);
    // Arm: front deltoid in front of the rear one, biceps in front of the humerus, triceps
    // behind it, deltoids above both, forearm muscles on the forearm's upper part.
    EXPECT_GT(upperArm(MuscleGroup::DeltoidFront).y, 0.01f);
    EXPECT_LT(upperArm(MuscleGroup::DeltoidRear).y, -0.01f);
    EXPECT_LT(upperArm(MuscleGroup::DeltoidFront).x, upperArm(MuscleGroup::Biceps).x);
    EXPECT_GT(upperArm(MuscleGroup::Biceps).y, 0.01f);
    EXPECT_LT(upperArm(MuscleGroup::Triceps).y, -0.01f);
    EXPECT_GT(lowerArm(MuscleGroup::Forearms).x, 0.1f);
    EXPECT_LT(lowerArm(MuscleGroup::Forearms).x, 0.6f);
  }
}

// ---- Files: the committed models equal a fresh build, and assimp reads them.

TEST_P(PerPreset, CommittedFilesEqualAFreshBuild) {
  const Body b = buildBody(*findPreset(GetParam()));
  const std::filesystem::path dir = FORMVIZ_MODELS_DIR;
  const GltfFiles files = encodeGltf(b, b.preset.name + ".bin");
  const std::string gltf = readAll(dir / (b.preset.name + ".gltf"));
  const std::string bin = readAll(dir / (b.preset.name + ".bin"));
  ASSERT_FALSE(gltf.empty()) << "missing " << (dir / (b.preset.name + ".gltf")) << ": run bodygen --out-dir models";
  EXPECT_TRUE(gltf == files.json) << "models/" << b.preset.name << ".gltf is stale: run bodygen --out-dir models";
  EXPECT_TRUE(bin == std::string(files.bin.begin(), files.bin.end())) << "models/" << b.preset.name << ".bin is stale";
  EXPECT_LT(files.bin.size(), 2u * 1024u * 1024u) << "keep models/ small";
}

TEST_P(PerPreset, AssimpImportsSkinAndRegionsUnchanged) {
  const Body& b = body(GetParam());
  const std::filesystem::path file = std::filesystem::path(FORMVIZ_MODELS_DIR) / (b.preset.name + ".gltf");
  Assimp::Importer importer;
  const aiScene* scene = importer.ReadFile(file.string(), aiProcess_ValidateDataStructure);
  ASSERT_NE(scene, nullptr) << importer.GetErrorString();
  ASSERT_EQ(scene->mNumMeshes, 1u);
  const aiMesh* mesh = scene->mMeshes[0];
  ASSERT_EQ(mesh->mNumVertices, static_cast<unsigned>(b.mesh.vertexCount()));
  ASSERT_EQ(mesh->mNumFaces, static_cast<unsigned>(b.mesh.triangleCount()));
  ASSERT_TRUE(mesh->HasTextureCoords(1));
  EXPECT_EQ(mesh->mNumUVComponents[1], 2u);
  // assimp 5.2.5's glTF importer stores every texture coordinate as (u, 1 - v): the id
  // comes through exactly, the weight as 1 - weight (docs/BODY.md).
  for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
    ASSERT_EQ(mesh->mTextureCoords[1][v].x, b.mesh.regions[v].x) << "vertex " << v;
    ASSERT_NEAR(1.0f - mesh->mTextureCoords[1][v].y, b.mesh.regions[v].y, 1e-6f) << "vertex " << v;
  }
  // With aiProcess_FlipUVs the weight comes back as written.
  Assimp::Importer flipped;
  const aiScene* scene2 = flipped.ReadFile(file.string(), aiProcess_FlipUVs);
  ASSERT_NE(scene2, nullptr) << flipped.GetErrorString();
  for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
    ASSERT_NEAR(scene2->mMeshes[0]->mTextureCoords[1][v].y, b.mesh.regions[v].y, 1e-6f) << "vertex " << v;
  }
  EXPECT_EQ(mesh->mNumBones, static_cast<unsigned>(b.rig.skeleton.size()));
  for (unsigned i = 0; i < mesh->mNumBones; ++i) {
    EXPECT_GE(b.rig.skeleton.find(mesh->mBones[i]->mName.C_Str()), 0) << mesh->mBones[i]->mName.C_Str();
  }
}

}  // namespace
}  // namespace formviz::body
