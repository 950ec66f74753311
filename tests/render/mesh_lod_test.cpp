#include "render/mesh_lod.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "asset/import.h"

namespace formviz::render {
namespace {

using Triangle = std::array<std::uint32_t, 3>;

// The triangle with its smallest index first, winding kept.
Triangle canonical(const std::uint32_t* t) {
  const int first = t[0] < t[1] ? (t[0] < t[2] ? 0 : 2) : (t[1] < t[2] ? 1 : 2);
  return {t[first], t[(first + 1) % 3], t[(first + 2) % 3]};
}

// Directed edges with no opposite edge: the mesh's open border.
std::set<std::pair<std::uint32_t, std::uint32_t>> openEdges(const std::vector<std::uint32_t>& indices) {
  std::multiset<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (std::size_t t = 0; t + 2 < indices.size(); t += 3)
    for (int e = 0; e < 3; ++e) edges.insert({indices[t + e], indices[t + (e + 1) % 3]});
  std::set<std::pair<std::uint32_t, std::uint32_t>> open;
  for (const auto& [a, b] : edges)
    if (!edges.contains({b, a})) open.insert({a, b});
  return open;
}

double signedVolume(const asset::MeshData& mesh, const std::vector<std::uint32_t>& indices) {
  double volume = 0.0;
  for (std::size_t t = 0; t + 2 < indices.size(); t += 3)
    volume += glm::dot(glm::dvec3(mesh.positions[indices[t]]),
                       glm::cross(glm::dvec3(mesh.positions[indices[t + 1]]), glm::dvec3(mesh.positions[indices[t + 2]]))) / 6.0;
  return volume;
}

class MeshLodOnBody : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto imported = asset::importGltf(std::filesystem::path(FORMVIZ_SOURCE_DIR) / "models" / "male_175.gltf");
    ASSERT_TRUE(imported) << imported.error().message;
    body = new asset::MeshData(imported->meshes.at(0));
  }
  static void TearDownTestSuite() {
    delete body;
    body = nullptr;
  }
  static asset::MeshData* body;
};
asset::MeshData* MeshLodOnBody::body = nullptr;

// The display mesh keeps, as they are, the triangles between two regions and between main
// bones, draws under half the triangles, stays closed and keeps the body's volume; every
// triangle's last corner (the provoking vertex) has its largest region weight.
TEST_F(MeshLodOnBody, DisplayMeshKeepsBordersAndBendsAndDrawsUnderHalf) {
  const asset::MeshData& mesh = *body;
  const std::vector<std::uint32_t> display = displayIndices(mesh);
  ASSERT_EQ(display.size() % 3, 0u);
  EXPECT_LT(display.size(), mesh.indices.size() / 2);
  EXPECT_GT(display.size(), mesh.indices.size() / 4);
  std::set<Triangle> shown;
  for (std::size_t t = 0; t < display.size(); t += 3) {
    for (int k = 0; k < 3; ++k) ASSERT_LT(display[t + k], mesh.positions.size());
    shown.insert(canonical(&display[t]));
    EXPECT_GE(mesh.uv1[display[t + 2]].y, std::max(mesh.uv1[display[t]].y, mesh.uv1[display[t + 1]].y));
  }
  int borders = 0;
  for (std::size_t t = 0; t < mesh.indices.size(); t += 3) {
    const std::uint32_t* tri = &mesh.indices[t];
    std::set<int> bones, regions;
    for (int k = 0; k < 3; ++k) {
      bones.insert(mesh.joints[tri[k]][0]);
      if (mesh.uv1[tri[k]].y > 0.0f) regions.insert(int(mesh.uv1[tri[k]].x + 0.5f));
    }
    if (bones.size() == 1 && regions.size() <= 1) continue;
    ++borders;
    EXPECT_TRUE(shown.contains(canonical(tri))) << "triangle " << t / 3 << " lies across a region or bone border";
  }
  EXPECT_GT(borders, 1000) << "the body should have region and bone borders";
  EXPECT_EQ(openEdges(display), openEdges(mesh.indices)) << "the display mesh should be closed where the file's is";
  const double volume = signedVolume(mesh, mesh.indices);
  EXPECT_GT(volume, 0.03);  // ~70 litres
  EXPECT_NEAR(signedVolume(mesh, display), volume, volume * 0.01);  // 0.6 %: 0.2 mm on average over the skin
}

TEST_F(MeshLodOnBody, ShadowCasterIsAQuarterOfTheTrianglesWithTheSameVolume) {
  const asset::MeshData& mesh = *body;
  const std::vector<std::uint32_t> caster = shadowCasterIndices(mesh);
  ASSERT_EQ(caster.size() % 3, 0u);
  EXPECT_LE(caster.size(), mesh.indices.size() / 4);
  EXPECT_GT(caster.size(), mesh.indices.size() / 6);
  const double volume = signedVolume(mesh, mesh.indices);
  EXPECT_NEAR(signedVolume(mesh, caster), volume, volume * 0.01);
}

// A flat 1 m square, one region and one bone, its region weight a round bump (1 in the middle,
// 0 outside 0.3 m). A flat surface needs few triangles, but the weight must stay as it was:
// at every vertex the display mesh leaves out, the weight interpolated over the triangle that
// now covers it is within 0.06 of the vertex's own.
TEST(MeshLod, DisplayMeshKeepsTheRegionWeightWhereTheSurfaceIsFlat) {
  constexpr int kSide = 41;
  asset::MeshData mesh;
  auto weightAt = [](float x, float z) {
    const float r = std::sqrt(x * x + z * z);
    const float t = std::clamp((0.3f - r) / 0.2f, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
  };
  for (int j = 0; j < kSide; ++j)
    for (int i = 0; i < kSide; ++i) {
      const float x = float(i) / (kSide - 1) - 0.5f, z = float(j) / (kSide - 1) - 0.5f;
      mesh.positions.push_back({x, 0.0f, z});
      mesh.normals.push_back({0.0f, 1.0f, 0.0f});
      mesh.joints.push_back({0, 0, 0, 0});
      mesh.weights.push_back({1.0f, 0.0f, 0.0f, 0.0f});
      mesh.uv1.push_back({3.0f, weightAt(x, z)});
    }
  for (int j = 0; j + 1 < kSide; ++j)
    for (int i = 0; i + 1 < kSide; ++i) {
      const std::uint32_t a = std::uint32_t(j * kSide + i), b = a + 1, c = a + kSide, d = c + 1;
      mesh.indices.insert(mesh.indices.end(), {a, c, b, b, c, d});  // counter-clockwise seen from +y
    }
  const std::vector<std::uint32_t> display = displayIndices(mesh);
  ASSERT_FALSE(display.empty());
  EXPECT_LT(display.size(), mesh.indices.size() / 2) << "the flat parts should simplify";

  // Every vertex, kept or not, against the display triangle over it (in x, z).
  int covered = 0;
  for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
    const glm::vec2 p(mesh.positions[v].x, mesh.positions[v].z);
    for (std::size_t t = 0; t < display.size(); t += 3) {
      const glm::vec2 a(mesh.positions[display[t]].x, mesh.positions[display[t]].z);
      const glm::vec2 b(mesh.positions[display[t + 1]].x, mesh.positions[display[t + 1]].z);
      const glm::vec2 c(mesh.positions[display[t + 2]].x, mesh.positions[display[t + 2]].z);
      const float area = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
      if (std::abs(area) < 1e-9f) continue;
      const float wb = ((p.x - a.x) * (c.y - a.y) - (c.x - a.x) * (p.y - a.y)) / area;
      const float wc = ((b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)) / area;
      const float wa = 1.0f - wb - wc;
      if (wa < -1e-5f || wb < -1e-5f || wc < -1e-5f) continue;
      const float interpolated = wa * mesh.uv1[display[t]].y + wb * mesh.uv1[display[t + 1]].y + wc * mesh.uv1[display[t + 2]].y;
      EXPECT_NEAR(interpolated, mesh.uv1[v].y, 0.06f) << "at (" << p.x << ", " << p.y << ")";
      ++covered;
      break;
    }
  }
  EXPECT_EQ(covered, int(mesh.positions.size())) << "the display mesh should cover the whole square";
}

TEST(MeshLod, EmptyMeshGivesNoTriangles) {
  const asset::MeshData empty;
  EXPECT_TRUE(displayIndices(empty).empty());
  EXPECT_TRUE(shadowCasterIndices(empty).empty());
}

}  // namespace
}  // namespace formviz::render
