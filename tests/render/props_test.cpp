// Prop meshes (closed, outward, right size) and their placement on a posed skeleton.
#include "render/props.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include <glm/gtc/matrix_transform.hpp>

#include "mesh_checks.h"

namespace formviz::render {
namespace {

using test::signedVolume;

// Every edge, matched by position (parts meet at duplicated vertices), is used exactly once
// in each direction: the surface is closed and consistently wound. Degenerate triangles
// (two equal corners, at poles) are skipped.
::testing::AssertionResult isClosed(const TriangleMesh& mesh) {
  using Key = std::tuple<long, long, long>;
  auto key = [&](std::uint32_t i) {
    const glm::vec3 p = mesh.positions[i] * 1e5f;
    return Key{std::lround(p.x), std::lround(p.y), std::lround(p.z)};
  };
  std::map<std::pair<Key, Key>, int> edges;
  for (std::size_t t = 0; t < mesh.indices.size(); t += 3) {
    const Key k[3] = {key(mesh.indices[t]), key(mesh.indices[t + 1]), key(mesh.indices[t + 2])};
    if (k[0] == k[1] || k[1] == k[2] || k[0] == k[2]) continue;
    for (int e = 0; e < 3; ++e) ++edges[{k[e], k[(e + 1) % 3]}];
  }
  for (const auto& [edge, count] : edges) {
    const auto back = edges.find({edge.second, edge.first});
    if (count != 1 || back == edges.end() || back->second != 1)
      return ::testing::AssertionFailure() << "edge used " << count << " times forward, "
                                           << (back == edges.end() ? 0 : back->second) << " backward";
  }
  return ::testing::AssertionSuccess();
}

void expectUnitOutwardNormals(const TriangleMesh& mesh, const glm::vec3& centre) {
  ASSERT_EQ(mesh.normals.size(), mesh.positions.size());
  for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
    EXPECT_NEAR(glm::length(mesh.normals[i]), 1.0f, 1e-4f);
    EXPECT_GT(glm::dot(mesh.normals[i], mesh.positions[i] - centre), -1e-5f) << "vertex " << i;
  }
}

void bounds(const TriangleMesh& mesh, glm::vec3& lo, glm::vec3& hi) {
  lo = glm::vec3(1e9f);
  hi = glm::vec3(-1e9f);
  for (const glm::vec3& p : mesh.positions) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
}

TEST(PropMeshes, RoundedBoxFillsItsSizeAndIsClosed) {
  const glm::vec3 size(0.45f, 0.30f, 0.40f);
  const float r = 0.02f;
  const TriangleMesh box = makeRoundedBox(size, r, 3);
  glm::vec3 lo, hi;
  bounds(box, lo, hi);
  EXPECT_NEAR(glm::length(lo + size * 0.5f), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::length(hi - size * 0.5f), 0.0f, 1e-5f);
  EXPECT_TRUE(isClosed(box));
  expectUnitOutwardNormals(box, glm::vec3(0.0f));
  // Volume of a rounded box: the box less its edges' and corners' missing material.
  const float pi = 3.14159265f;
  const glm::vec3 in = size - glm::vec3(2.0f * r);
  const float exact = in.x * in.y * in.z + 2.0f * r * (in.x * in.y + in.y * in.z + in.x * in.z) +
                      pi * r * r * (in.x + in.y + in.z) + 4.0f / 3.0f * pi * r * r * r;
  EXPECT_NEAR(signedVolume(box), exact, exact * 0.002f);
}

TEST(PropMeshes, FullyRoundedSlabIsClosed) {
  const TriangleMesh mat = makeRoundedBox({0.6f, 0.01f, 1.8f}, 0.005f, 2);
  EXPECT_TRUE(isClosed(mat));
  glm::vec3 lo, hi;
  bounds(mat, lo, hi);
  EXPECT_NEAR(hi.y - lo.y, 0.01f, 1e-6f);
  EXPECT_GT(signedVolume(mat), 0.0f);
}

TEST(PropMeshes, RoundedCylinderAndTorusAreClosedWithTheRightVolume) {
  const float pi = 3.14159265f;
  const TriangleMesh bar = makeRoundedCylinder(0.06f, 0.07f, 0.012f, 64);
  EXPECT_TRUE(isClosed(bar));
  glm::vec3 lo, hi;
  bounds(bar, lo, hi);
  EXPECT_NEAR(lo.y, 0.0f, 1e-6f);
  EXPECT_NEAR(hi.y, 0.07f, 1e-6f);
  EXPECT_NEAR(hi.x, 0.06f, 1e-6f);
  const float full = pi * 0.06f * 0.06f * 0.07f;
  EXPECT_LT(signedVolume(bar), full);
  EXPECT_GT(signedVolume(bar), full * 0.93f);
  const TriangleMesh torus = makeTorus(0.07f, 0.017f, 48, 16);
  EXPECT_TRUE(isClosed(torus));
  const float torusVolume = 2.0f * pi * pi * 0.07f * 0.017f * 0.017f;
  EXPECT_NEAR(signedVolume(torus), torusVolume, torusVolume * 0.03f);
}

TEST(PropMeshes, EveryKindBuildsClosedPartsOfItsSize) {
  struct Case {
    PropKind kind;
    glm::vec3 size;
  };
  for (const Case& c : {Case{PropKind::Box, {0.45f, 0.3f, 0.4f}}, Case{PropKind::Bench, {0.4f, 0.42f, 0.3f}},
                        Case{PropKind::Mat, {0.6f, 0.01f, 1.8f}}, Case{PropKind::Dumbbell, {0.3f, 0.12f, 0.12f}},
                        Case{PropKind::Kettlebell, {0.2f, 0.28f, 0.2f}}}) {
    SCOPED_TRACE(std::string(kPropKindNames[static_cast<std::size_t>(c.kind)]));
    PropInstance prop;
    prop.kind = c.kind;
    prop.size = c.size;
    const std::vector<PropPart> parts = buildPropParts(prop);
    ASSERT_FALSE(parts.empty());
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const PropPart& part : parts) {
      EXPECT_EQ(part.frame, PropFrame::Prop);
      EXPECT_GT(signedVolume(part.mesh), 0.0f);
      glm::vec3 a, b;
      bounds(part.mesh, a, b);
      lo = glm::min(lo, a);
      hi = glm::max(hi, b);
    }
    // The whole prop spans its size (within 1 mm).
    EXPECT_NEAR(hi.x - lo.x, c.size.x, 1e-3f);
    EXPECT_NEAR(hi.y - lo.y, c.size.y, 1e-3f);
    if (c.kind != PropKind::Kettlebell) {
      EXPECT_NEAR(hi.z - lo.z, c.size.z, 1e-3f);
    }
    if (c.kind == PropKind::Box || c.kind == PropKind::Mat) {
      EXPECT_TRUE(isClosed(parts.front().mesh));
    }
  }
}

TEST(PropMeshes, KettlebellHangsBelowTheGrip) {
  PropInstance prop;
  prop.kind = PropKind::Kettlebell;
  prop.size = {0.2f, 0.28f, 0.2f};
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (const PropPart& part : buildPropParts(prop)) {
    glm::vec3 a, b;
    bounds(part.mesh, a, b);
    lo = glm::min(lo, a);
    hi = glm::max(hi, b);
  }
  EXPECT_GT(hi.y, 0.05f);    // the handle's top above the hands
  EXPECT_LT(lo.y, -0.15f);   // the bell's base well below them
  EXPECT_NEAR(hi.y - lo.y, 0.28f, 1e-3f);
}

TEST(PropKinds, NamesRoundTrip) {
  for (std::size_t i = 0; i < kPropKindNames.size(); ++i)
    EXPECT_EQ(propKindFromName(kPropKindNames[i]), static_cast<PropKind>(i));
  EXPECT_FALSE(propKindFromName("barbell"));
}

// A two-joint arm: the forearm at (0.3, 1.2, 0) and the hand 0.25 m below it.
struct Arm {
  std::vector<glm::mat4> joints{glm::translate(glm::mat4(1.0f), {0.3f, 1.2f, 0.0f}),
                                glm::translate(glm::mat4(1.0f), {0.3f, 0.95f, 0.0f})};
};

TEST(PropPose, WorldPropsSitOnTheFloorAndHeldOnesFollowTheirJoint) {
  Arm arm;
  std::vector<PropInstance> props(3);
  props[0].kind = PropKind::Mat;  // given at y = 0: lifted so it lies on the floor
  props[0].size = {0.6f, 0.01f, 1.8f};
  props[0].position = {0.0f, 0.0f, 0.6f};
  props[1].kind = PropKind::Dumbbell;
  props[1].size = {0.3f, 0.12f, 0.12f};
  props[1].joint = 1;
  props[1].jointParent = 0;
  props[1].position = {0.0f, -0.02f, 0.04f};
  props[2].kind = PropKind::Kettlebell;
  props[2].size = {0.2f, 0.28f, 0.2f};
  props[2].joint = 1;
  props[2].position = {-0.09f, 0.0f, 0.06f};
  std::vector<glm::mat4> transforms(3), stretches(3);
  PropPoseJob job{props, arm.joints, glm::mat4(1.0f), transforms, stretches};
  ASSERT_TRUE(job.Run());
  EXPECT_NEAR(glm::length(glm::vec3(transforms[0][3]) - glm::vec3(0.0f, 0.005f, 0.6f)), 0.0f, 1e-6f);
  // Gripped mid-palm: 3.5 cm past the wrist along the fingers (here straight down).
  EXPECT_NEAR(glm::length(glm::vec3(transforms[1][3]) - glm::vec3(0.3f, 0.93f - 0.035f, 0.04f)), 0.0f, 1e-6f);
  // The handle lies across the forearm (here vertical): its axis is horizontal.
  EXPECT_NEAR(glm::vec3(transforms[1][0]).y, 0.0f, 1e-6f);
  EXPECT_NEAR(glm::length(glm::vec3(transforms[1][0])), 1.0f, 1e-6f);

  // Turn the hand 90 degrees about Z: the dumbbell turns with it, the kettlebell stays upright.
  arm.joints[1] = arm.joints[1] * glm::rotate(glm::mat4(1.0f), 1.5707963f, glm::vec3(0, 0, 1));
  arm.joints[0] = glm::translate(glm::mat4(1.0f), {0.55f, 0.95f, 0.0f});  // forearm now horizontal
  ASSERT_TRUE(job.Run());
  EXPECT_NEAR(std::abs(glm::vec3(transforms[1][0]).y), 1.0f, 1e-5f);
  EXPECT_NEAR(glm::length(glm::vec3(transforms[2][1]) - glm::vec3(0, 1, 0)), 0.0f, 1e-6f);
  // The offset is in the hand's frame: (-0.09, 0, 0.06) turned 90 degrees about Z.
  EXPECT_NEAR(glm::length(glm::vec3(transforms[2][3]) - glm::vec3(0.3f, 0.95f - 0.09f, 0.06f)), 0.0f, 1e-5f);
}

TEST(PropPose, BandStretchesFromTheHandToItsAnchor) {
  Arm arm;
  PropInstance band;
  band.kind = PropKind::Band;
  band.joint = 1;
  band.toJoint = -1;
  band.toPosition = {1.2f, 1.15f, 0.35f};
  std::vector<glm::mat4> transforms(1), stretches(1);
  PropPoseJob job{{&band, 1}, arm.joints, glm::mat4(1.0f), transforms, stretches};
  ASSERT_TRUE(job.Run());
  // The unit tube's ends land on the hand and on the anchor; its radius is the band's.
  const glm::vec3 a(stretches[0] * glm::vec4(0, 0, 0, 1)), b(stretches[0] * glm::vec4(0, 1, 0, 1));
  EXPECT_NEAR(glm::length(a - glm::vec3(0.3f, 0.95f, 0.0f)), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::length(b - band.toPosition), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::length(glm::vec3(stretches[0][0])), stretchRadius(PropKind::Band), 1e-6f);
  EXPECT_NEAR(glm::dot(glm::vec3(stretches[0][0]), b - a), 0.0f, 1e-6f);
  // Its world end stands on a post that reaches the floor.
  const std::vector<PropPart> parts = buildPropParts(band);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].frame, PropFrame::Stretch);
  EXPECT_EQ(parts[1].frame, PropFrame::World);
  glm::vec3 lo, hi;
  bounds(parts[1].mesh, lo, hi);
  EXPECT_NEAR(lo.y, 0.0f, 1e-5f);
  EXPECT_GT(hi.y, band.toPosition.y);
  // A band between two hands has no post.
  band.toJoint = 0;
  EXPECT_EQ(buildPropParts(band).size(), 1u);
}

TEST(PropPose, RefusesMismatchedOutputsAndJoints) {
  Arm arm;
  PropInstance prop;
  prop.kind = PropKind::Box;
  prop.size = glm::vec3(0.3f);
  std::vector<glm::mat4> transforms(1), stretches(1), none;
  EXPECT_FALSE((PropPoseJob{{&prop, 1}, arm.joints, glm::mat4(1.0f), none, stretches}.Run()));
  prop.joint = 2;  // the arm has joints 0 and 1
  EXPECT_FALSE((PropPoseJob{{&prop, 1}, arm.joints, glm::mat4(1.0f), transforms, stretches}.Run()));
  prop.joint = 1;
  EXPECT_TRUE((PropPoseJob{{&prop, 1}, arm.joints, glm::mat4(1.0f), transforms, stretches}.Run()));
}

}  // namespace
}  // namespace formviz::render
