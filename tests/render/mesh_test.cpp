#include "render/mesh.h"

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "mesh_checks.h"

namespace formviz::render {
namespace {

using test::signedVolume;

TEST(Mesh, SphereHasTheRightVolumeWindingAndNormals) {
  const TriangleMesh sphere = makeSphere(0.5f, 64);
  const float exact = 4.0f / 3.0f * 3.14159265f * 0.125f;
  EXPECT_NEAR(signedVolume(sphere), exact, exact * 0.01f);  // positive: counter-clockwise from outside
  for (std::size_t i = 0; i < sphere.positions.size(); ++i) {
    EXPECT_NEAR(glm::length(sphere.normals[i]), 1.0f, 1e-5f);
    EXPECT_NEAR(glm::length(sphere.positions[i]), 0.5f, 1e-5f);
    EXPECT_GT(glm::dot(sphere.normals[i], sphere.positions[i]), 0.0f);
  }
}

TEST(Mesh, CapsuleSpansItsHeightWithTheRightVolume) {
  const float r = 0.2f, h = 1.5f;
  const TriangleMesh capsule = makeCapsule(r, h, 64);
  float minY = 1e9f, maxY = -1e9f;
  for (const glm::vec3& p : capsule.positions) {
    minY = std::min(minY, p.y);
    maxY = std::max(maxY, p.y);
  }
  EXPECT_NEAR(minY, 0.0f, 1e-5f);
  EXPECT_NEAR(maxY, h, 1e-5f);
  const float pi = 3.14159265f;
  const float exact = pi * r * r * (h - 2 * r) + 4.0f / 3.0f * pi * r * r * r;
  EXPECT_NEAR(signedVolume(capsule), exact, exact * 0.02f);
}

TEST(Mesh, CapsuleBandsAddRingsWithoutChangingTheShape) {
  const TriangleMesh one = makeCapsule(0.1f, 1.0f, 16, 1);
  const TriangleMesh many = makeCapsule(0.1f, 1.0f, 16, 10);
  EXPECT_EQ(many.positions.size(), one.positions.size() + 9 * 17);
  EXPECT_NEAR(signedVolume(many), signedVolume(one), 1e-5f);
  int midRing = 0;
  for (const glm::vec3& p : many.positions) midRing += std::abs(p.y - 0.5f) < 1e-5f;
  EXPECT_EQ(midRing, 17);  // a ring at half height, seam vertex included
}

TEST(Mesh, AppendTransformsPositionsNormalsAndIndices) {
  TriangleMesh target = makeSphere(1.0f, 8);
  const std::size_t before = target.positions.size();
  const TriangleMesh source = makeSphere(1.0f, 8);
  const glm::mat4 transform = glm::scale(glm::translate(glm::mat4(1.0f), glm::vec3(5, 0, 0)), glm::vec3(2, 1, 1));
  appendMesh(target, source, transform);
  ASSERT_EQ(target.positions.size(), 2 * before);
  ASSERT_EQ(target.indices.size(), 2 * source.indices.size());
  EXPECT_EQ(target.indices[source.indices.size()], source.indices[0] + before);
  for (std::size_t i = before; i < target.positions.size(); ++i) {
    EXPECT_NEAR(glm::length(target.normals[i]), 1.0f, 1e-5f);
    EXPECT_GT(glm::dot(target.normals[i], target.positions[i] - glm::vec3(5, 0, 0)), -1e-5f);
  }
  EXPECT_NEAR(signedVolume(target), 3.0f * signedVolume(source), 0.01f);  // scaled copy has twice the volume
}

}  // namespace
}  // namespace formviz::render
