#include "render/skinned_bounds.h"

#include <filesystem>
#include <string>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include "anim/character.h"
#include "asset/import.h"
#include "render/mesh_lod.h"

namespace formviz::render {
namespace {
namespace fs = std::filesystem;

// Every vertex of the body, skinned as the shaders do, lies within the box of the posed bound
// points grown by their margin: in every phase of clips that bend the body far from its bind
// pose (the squat's deep hips and knees, bounding's flight, the plank lying down, the side
// plank turned), on both bodies.
TEST(SkinnedBoundPoints, HoldEveryPosedVertex) {
  for (const std::string body : {"male_175", "female_160"}) {
    auto model = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "models" / (body + ".gltf"));
    ASSERT_TRUE(model) << model.error().message;
    const asset::MeshData& mesh = model->meshes.front();
    const std::vector<std::uint32_t> caster = shadowCasterIndices(mesh);
    const SkinnedBoundPoints points = skinnedBoundPoints(mesh, caster);
    // The caster's triangles over the points are its triangles over the vertices.
    ASSERT_EQ(points.triangles.size(), caster.size()) << body;
    for (std::size_t i = 0; i < caster.size(); ++i) {
      ASSERT_LT(points.triangles[i], points.positions.size()) << body;
      EXPECT_EQ(points.positions[points.triangles[i]], mesh.positions[caster[i]]) << body;
    }
    EXPECT_GT(points.positions.size(), mesh.positions.size() / 6) << body;
    EXPECT_LT(points.positions.size(), mesh.positions.size() / 2) << body << ": a subset, cheap to skin each frame";
    EXPECT_GT(points.margin, 0.012f) << body;  // 1 % of 1.6-1.75 m
    EXPECT_LT(points.margin, 0.02f) << body;
    for (const std::string exercise : {"bodyweight_squat", "bounding", "front_plank", "side_plank"}) {
      auto clips = asset::importGltf(fs::path(FORMVIZ_SOURCE_DIR) / "animations" / (exercise + ".gltf"));
      ASSERT_TRUE(clips) << clips.error().message;
      ASSERT_FALSE(clips->clips.empty()) << exercise;
      const anim::Clip& clip = clips->clips.front();
      anim::Character character(model->skeleton);
      character.setClip(clips->skeleton, clip);
      float worst = -1.0f;  // the largest distance of a vertex outside the points' box
      for (int step = 0; step <= 8; ++step) {
        character.evaluate(clip.duration() * float(step) / 8.0f);
        const std::span<const glm::mat4> palette = character.palette();
        std::vector<glm::vec3> posed;
        posePoints(points, palette, glm::mat4(1.0f), posed);
        glm::vec3 lo(posed.front()), hi(lo);
        for (const glm::vec3& p : posed) {
          lo = glm::min(lo, p);
          hi = glm::max(hi, p);
        }
        for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
          glm::vec3 v(0.0f);
          for (int k = 0; k < 4; ++k)
            v += mesh.weights[i][k] * glm::vec3(palette[mesh.joints[i][k]] * glm::vec4(mesh.positions[i], 1.0f));
          const glm::vec3 outside = glm::max(lo - v, v - hi);
          worst = std::max({worst, outside.x, outside.y, outside.z});
        }
      }
      EXPECT_LE(worst, points.margin) << body << ", " << exercise;
    }
  }
}

// The model matrix is applied after the skinning: posing with it moves the points as moving
// the posed points would.
TEST(SkinnedBoundPoints, PoseAppliesTheModelMatrixLast) {
  SkinnedBoundPoints points;
  points.positions = {{0.0f, 1.0f, 0.0f}, {1.0f, 0.0f, 0.0f}};
  points.joints = {{0, 1, 0, 0}, {1, 0, 0, 0}};
  points.weights = {{0.5f, 0.5f, 0.0f, 0.0f}, {1.0f, 0.0f, 0.0f, 0.0f}};
  const std::vector<glm::mat4> palette = {glm::mat4(1.0f), glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 2.0f))};
  const glm::mat4 model = glm::translate(glm::mat4(1.0f), glm::vec3(3.0f, 0.0f, 0.0f)) * glm::scale(glm::mat4(1.0f), glm::vec3(2.0f));
  std::vector<glm::vec3> posed;
  posePoints(points, palette, model, posed);
  ASSERT_EQ(posed.size(), 2u);
  // Half unmoved, half 2 m along z: 1 m along z, then scaled and moved.
  EXPECT_NEAR(glm::distance(posed[0], glm::vec3(3.0f, 2.0f, 2.0f)), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::distance(posed[1], glm::vec3(5.0f, 0.0f, 4.0f)), 0.0f, 1e-5f);
}

}  // namespace
}  // namespace formviz::render
