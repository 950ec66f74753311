// glTF import on the third-party fixtures and on a file the test writes.
#include <cmath>

#include "asset_test_helpers.h"

namespace formviz::asset {
namespace {

using test::fixturesDir;

class EveryGltfFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryGltfFixture, LoadsWithAValidSkeletonAndMeshes) {
  FORMVIZ_REQUIRE_FIXTURE(std::string("gltf/") + GetParam());
  Result<ImportedModel> model = importGltf(fixturesDir() / "gltf" / GetParam());
  ASSERT_TRUE(model) << model.error().message;
  EXPECT_GT(model->skeleton.jointCount(), 1);
  ASSERT_FALSE(model->meshes.empty());
  for (const MeshData& mesh : model->meshes) {
    ASSERT_GT(mesh.vertexCount(), 0u);
    EXPECT_EQ(mesh.normals.size(), mesh.vertexCount());
    EXPECT_EQ(mesh.indices.size() % 3, 0u);
    for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
      const glm::vec4 w = mesh.weights[v];
      EXPECT_NEAR(w.x + w.y + w.z + w.w, 1.0f, 1e-5f) << "vertex " << v;
      EXPECT_TRUE(w.x >= w.y && w.y >= w.z && w.z >= w.w) << "largest first, vertex " << v;
      for (int k = 0; k < 4; ++k) EXPECT_LT(mesh.joints[v][k], model->skeleton.jointCount());
    }
  }
  // Skinned at the file's default node pose: finite everywhere. (Not identity: glTF's bind
  // pose is defined by the inverse bind matrices, and SimpleSkin's differs from its nodes.)
  const test::Posed rest = test::pose(model->skeleton, nullptr, 0.0f);
  for (const MeshData& m : model->meshes)
    for (std::size_t v = 0; v < m.vertexCount(); ++v) {
      const glm::vec3 p = test::skin(m, v, rest.palette);
      ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z)) << "vertex " << v;
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, EveryGltfFixture,
                         ::testing::Values("SimpleSkin.gltf", "CesiumMan.glb", "Fox.glb", "quad_skin.glb"));

// CesiumMan: Z-up armature node above the mesh, keys from 1/24 s. Upright means head above
// hips in +Y (not lying along Z) and the skinned feet near y = 0 throughout the walk.
TEST(CesiumMan, WalksUprightWithFeetNearTheGround) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/CesiumMan.glb");
  Result<ImportedModel> model = importGltf(fixturesDir() / "gltf/CesiumMan.glb");
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->clips.size(), 1u);
  const anim::Clip& clip = model->clips[0];
  EXPECT_NEAR(clip.startTime(), 1.0f / 24.0f, 1e-4f);
  EXPECT_NEAR(clip.duration(), 2.0f, 1e-4f);
  const anim::Skeleton& s = model->skeleton;
  const int head = s.findJoint("Skeleton_neck_joint_2"), hips = s.findJoint("Skeleton_torso_joint_1");
  ASSERT_GE(head, 0);
  ASSERT_GE(hips, 0);
  const MeshData& mesh = model->meshes[0];
  for (int i = 0; i <= 24; ++i) {
    const float t = clip.startTime() + (clip.endTime() - clip.startTime()) * static_cast<float>(i) / 24.0f;
    const test::Posed posed = test::pose(s, &clip, t);
    EXPECT_GT(posed.model[static_cast<std::size_t>(head)][3].y, posed.model[static_cast<std::size_t>(hips)][3].y + 0.3f)
        << "t=" << t;
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (std::size_t v = 0; v < mesh.vertexCount(); ++v) {
      const glm::vec3 p = test::skin(mesh, v, posed.palette);
      lo = glm::min(lo, p);
      hi = glm::max(hi, p);
    }
    EXPECT_NEAR(lo.y, 0.0f, 0.05f) << "lowest point (a foot) on the ground, t=" << t;
    EXPECT_GT(hi.y - lo.y, 1.3f) << "tall in Y, t=" << t;
    EXPECT_LT(hi.z - lo.z, 1.0f) << "not lying along Z, t=" << t;
  }
}

TEST(Fox, HasThreeNamedClipsWithTheirDurations) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/Fox.glb");
  Result<ImportedModel> model = importGltf(fixturesDir() / "gltf/Fox.glb");
  ASSERT_TRUE(model) << model.error().message;
  const std::pair<const char*, float> expected[] = {{"Survey", 3.417f}, {"Walk", 0.708f}, {"Run", 1.158f}};
  ASSERT_EQ(model->clips.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(model->clips[i].name(), expected[i].first);
    EXPECT_NEAR(model->clips[i].duration(), expected[i].second, 1e-3f);
  }
  // All 24 skin joints (2 of them unweighted, kept although assimp gives them dummy weights).
  for (const char* joint : {"_rootJoint", "b_Root_00", "b_Hip_01", "b_Tail03_014", "b_RightFoot02_022"})
    EXPECT_GE(model->skeleton.findJoint(joint), 0) << joint;
  // Every clip plays: finite poses that differ from the rest pose somewhere.
  for (const anim::Clip& clip : model->clips) {
    const test::Posed a = test::pose(model->skeleton, &clip, 0.0f);
    const test::Posed b = test::pose(model->skeleton, &clip, clip.duration() * 0.5f);
    float moved = 0.0f;
    for (std::size_t j = 0; j < a.model.size(); ++j) {
      ASSERT_TRUE(std::isfinite(b.model[j][3].x) && std::isfinite(b.model[j][3].y));
      moved = std::max(moved, glm::length(glm::vec3(a.model[j][3] - b.model[j][3])));
    }
    EXPECT_GT(moved, 1.0f) << clip.name() << " moves (the fox is about 155 units long)";
  }
}

// quad_skin: up to 10 influences per vertex in 3 JOINTS/WEIGHTS sets. Documented behaviour:
// the 4 largest are kept and renormalised, and the report says how many were cut.
TEST(QuadSkin, KeepsTheFourLargestInfluencesRenormalised) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/quad_skin.glb");
  Result<ImportedModel> model = importGltf(fixturesDir() / "gltf/quad_skin.glb");
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->meshes.size(), 1u);
  EXPECT_EQ(model->meshes[0].vertexCount(), 4u);
  EXPECT_GT(model->report.maxInfluences, 4);
  EXPECT_GT(model->report.verticesOverFourInfluences, 0);
  EXPECT_TRUE(model->clips.empty());
  for (int i = 0; i < 10; ++i) EXPECT_GE(model->skeleton.findJoint(fmt::format("Bone.{:03}", i)), 0) << i;
  int fullyUsed = 0;
  for (const glm::vec4& w : model->meshes[0].weights) fullyUsed += w.w > 0.0f ? 1 : 0;
  EXPECT_GE(fullyUsed, model->report.verticesOverFourInfluences) << "cut vertices keep 4 real influences";
}

TEST(SimpleSkin, Animates) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/SimpleSkin.gltf");
  Result<ImportedModel> model = importGltf(fixturesDir() / "gltf/SimpleSkin.gltf");
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->clips.size(), 1u);
  EXPECT_NEAR(model->clips[0].duration(), 5.5f, 1e-4f);
  EXPECT_GE(model->skeleton.findJoint("nodes[2]"), 0) << "unnamed nodes keep assimp's names";
  const MeshData& mesh = model->meshes[0];
  const test::Posed start = test::pose(model->skeleton, &model->clips[0], 0.0f);
  const test::Posed bent = test::pose(model->skeleton, &model->clips[0], 1.375f);
  // The top vertex (0.5, 2) or (1, 2) swings sideways when the upper joint rotates.
  float moved = 0.0f;
  for (std::size_t v = 0; v < mesh.vertexCount(); ++v)
    moved = std::max(moved, glm::length(test::skin(mesh, v, bent.palette) - test::skin(mesh, v, start.palette)));
  EXPECT_GT(moved, 0.4f);
}

// The test's own file: cubic-spline tangents and STEP (which assimp drops), UV sets, weight
// normalisation, and the skinned node's translation ignored.
TEST(WrittenGltf, InterpolationModesUvsAndWeights) {
  const auto path = test::outputDir() / "tiny.gltf";
  test::writeFile(path, test::tinyGltf({}));
  Result<ImportedModel> model = importGltf(path);
  ASSERT_TRUE(model) << model.error().message;
  const anim::Skeleton& s = model->skeleton;
  const int root = s.findJoint("root"), tip = s.findJoint("tip");
  ASSERT_GE(root, 0);
  ASSERT_GE(tip, 0);
  EXPECT_LT(s.findJoint("body"), 0) << "the mesh node is not an ancestor of the joints";
  ASSERT_EQ(model->clips.size(), 1u);
  const anim::Clip& clip = model->clips[0];
  EXPECT_EQ(clip.name(), "moves");
  // Hermite with dt = 1, p0 = 0, m0 = 1, p1 = 2 (y), m1 = -1 (x): at s = 0.5,
  // x = 0.125 * 1 + (-0.125) * (-1) = 0.25, y = 0.5 * 2 = 1.
  EXPECT_NEAR(clip.sampleTranslation(tip, 0.5f).x, 0.25f, 1e-5f);
  EXPECT_NEAR(clip.sampleTranslation(tip, 0.5f).y, 1.0f, 1e-5f);
  // STEP: identity until 0.5 s.
  EXPECT_NEAR(clip.sampleRotation(root, 0.49f).w, 1.0f, 1e-6f);
  EXPECT_NEAR(clip.sampleRotation(root, 0.5f).z, 0.70710678f, 1e-5f);
  const MeshData& mesh = model->meshes[0];
  ASSERT_EQ(mesh.uv0.size(), 3u);
  ASSERT_EQ(mesh.uv1.size(), 3u);
  EXPECT_NEAR(mesh.uv0[0].x, 0.25f, 1e-6f);
  EXPECT_NEAR(mesh.uv0[0].y, 0.1f, 1e-6f) << "as stored in the file";
  EXPECT_NEAR(mesh.uv1[2].x, 5.0f, 1e-6f) << "muscle region id survives";
  EXPECT_NEAR(mesh.uv1[2].y, 0.9f, 1e-6f) << "muscle weight survives";
  // v0: root 0.5 tip 0.25 -> 2/3, 1/3; v2: tip 2 -> 1.
  EXPECT_NEAR(mesh.weights[0].x, 2.0f / 3.0f, 1e-5f);
  EXPECT_NEAR(mesh.weights[0].y, 1.0f / 3.0f, 1e-5f);
  EXPECT_EQ(mesh.joints[0].x, root);
  EXPECT_NEAR(mesh.weights[2].x, 1.0f, 1e-6f);
  EXPECT_EQ(mesh.joints[2].x, tip);
  // Bind-space positions, not moved by the body node's (5, 0, 0).
  EXPECT_NEAR(mesh.positions[1].x, 1.0f, 1e-6f);
}

}  // namespace
}  // namespace formviz::asset

namespace formviz::asset {
namespace {

// The project's own body models (tools/bodygen output in models/): they import, and
// TEXCOORD_1 carries integral muscle region ids with weights in [0, 1] (docs/BODY.md).
TEST(ProjectModels, EveryBodyModelImportsWithMuscleRegions) {
  const std::filesystem::path dir = std::filesystem::path(FORMVIZ_SOURCE_DIR) / "models";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(dir))
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".gltf" || entry.path().extension() == ".glb") files.push_back(entry.path());
  if (files.empty()) GTEST_SKIP() << "no body models in " << dir.string() << " yet (tools/bodygen writes them)";
  for (const auto& file : files) {
    Result<ImportedModel> model = importGltf(file);
    ASSERT_TRUE(model) << model.error().message;
    ASSERT_FALSE(model->meshes.empty()) << file;
    for (const MeshData& mesh : model->meshes) {
      ASSERT_EQ(mesh.uv1.size(), mesh.vertexCount()) << file;
      for (const glm::vec2& region : mesh.uv1) {
        ASSERT_GE(region.x, 0.0f) << file;
        ASSERT_EQ(region.x, std::floor(region.x)) << file;
        ASSERT_TRUE(region.y >= 0.0f && region.y <= 1.0f) << file;
      }
    }
  }
}

}  // namespace
}  // namespace formviz::asset
