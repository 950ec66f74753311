// Local-to-model and skinning palette: known joint positions and identity at rest.
#include "test_helpers.h"

namespace formviz::anim {
namespace {

using test::near;
using test::position;

TEST(LocalToModel, InvalidInputsAreRefused) {
  const Skeleton s = test::buildOrDie(test::chainSkeleton(2));
  Pose pose = restPose(s), shortPose(1);
  std::vector<glm::mat4> model(2), shortModel(1);
  EXPECT_FALSE((LocalToModelJob{nullptr, pose, model}.Validate()));
  EXPECT_FALSE((LocalToModelJob{&s, shortPose, model}.Validate()));
  EXPECT_FALSE((LocalToModelJob{&s, pose, shortModel}.Run()));
  LocalToModelJob badRange{&s, pose, model};
  badRange.from = 2;
  badRange.to = 1;
  EXPECT_FALSE(badRange.Validate());
  EXPECT_TRUE((LocalToModelJob{&s, pose, model}.Run()));
}

// Two bones of length 1 along +Y. Rotating j0 by 90 deg about z swings the chain to -X;
// additionally bending j1 by 90 deg about z points the second bone down -Y.
//
//   rest:  j2 (0,2)        j0 rotated:  j2 (-2,0) j1 (-1,0) j0      both:  j1 (-1,0) j0
//          j1 (0,1)                                                        j2 (-1,-1)
//          j0 (0,0)
struct ChainRow {
  float rootDegrees;
  float midDegrees;
  glm::vec3 j1;
  glm::vec3 j2;
};
const ChainRow kChainTable[] = {
    {0.0f, 0.0f, {0, 1, 0}, {0, 2, 0}},
    {90.0f, 0.0f, {-1, 0, 0}, {-2, 0, 0}},
    {90.0f, 90.0f, {-1, 0, 0}, {-1, -1, 0}},
    {-45.0f, 0.0f, {0.70710678f, 0.70710678f, 0}, {1.41421356f, 1.41421356f, 0}},
    {30.0f, -60.0f, {-0.5f, 0.8660254f, 0}, {0.0f, 1.7320508f, 0}},
};

TEST(LocalToModel, TwoJointChainRotatedByKnownAngles) {
  const Skeleton s = test::buildOrDie(test::chainSkeleton(3));
  for (const ChainRow& row : kChainTable) {
    Pose pose = restPose(s);
    pose[0].rotation = test::axisAngle(row.rootDegrees, {0, 0, 1});
    pose[1].rotation = test::axisAngle(row.midDegrees, {0, 0, 1});
    const auto model = test::modelMatrices(s, pose);
    EXPECT_TRUE(near(position(model[0]), glm::vec3(0.0f), 1e-6f));
    EXPECT_TRUE(near(position(model[1]), row.j1, 1e-5f)) << row.rootDegrees << " " << row.midDegrees;
    EXPECT_TRUE(near(position(model[2]), row.j2, 1e-5f)) << row.rootDegrees << " " << row.midDegrees;
  }
}

TEST(LocalToModel, ScaleAndRootTransform) {
  const Skeleton s = test::buildOrDie(test::chainSkeleton(2));
  Pose pose = restPose(s);
  pose[0].scale = glm::vec3(2.0f);
  std::vector<glm::mat4> model(2);
  LocalToModelJob job{&s, pose, model};
  job.root = glm::translate(glm::mat4(1.0f), glm::vec3(10, 0, 0));
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(model[1]), glm::vec3(10, 2, 0), 1e-6f));
}

TEST(SkinningPalette, RestPoseGivesIdentity) {
  RawSkeleton raw = test::chainSkeleton(4, 0.4f);
  raw.restPose[1].rotation = test::axisAngle(30.0f, {1, 0, 0});
  raw.restPose[2].rotation = test::axisAngle(-70.0f, {0, 1, 1});
  raw.restPose[3].translation = glm::vec3(0.1f, 0.2f, -0.3f);
  const Skeleton s = test::buildOrDie(raw);
  const auto model = test::modelMatrices(s, restPose(s));
  std::vector<glm::mat4> palette(4);
  ASSERT_TRUE((SkinningPaletteJob{model, s.inverseBind(), palette}.Run()));
  for (const glm::mat4& m : palette) EXPECT_TRUE(near(m, glm::mat4(1.0f), 1e-5f));
}

TEST(SkinningPalette, InvalidInputsAreRefused) {
  std::vector<glm::mat4> three(3), two(2);
  EXPECT_FALSE((SkinningPaletteJob{three, two, three}.Validate()));
  EXPECT_FALSE((SkinningPaletteJob{three, three, two}.Validate()));
  EXPECT_TRUE((SkinningPaletteJob{two, two, three}.Validate()));
}

TEST(Transform, MatrixRoundTrip) {
  Transform t;
  t.translation = glm::vec3(1, -2, 3);
  t.rotation = test::axisAngle(33.0f, {1, 2, -1});
  t.scale = glm::vec3(0.5f, 2.0f, 1.5f);
  const glm::mat4 expected = glm::translate(glm::mat4(1.0f), t.translation) * glm::mat4_cast(t.rotation) *
                             glm::scale(glm::mat4(1.0f), t.scale);
  EXPECT_TRUE(near(toMatrix(t), expected, 1e-6f));
  const Transform back = fromMatrix(toMatrix(t));
  EXPECT_TRUE(near(back.translation, t.translation, 1e-6f));
  EXPECT_TRUE(near(back.rotation, t.rotation, 1e-5f));
  EXPECT_TRUE(near(back.scale, t.scale, 1e-5f));
  const glm::mat4 a = toMatrix(t), b = toMatrix(back);
  EXPECT_TRUE(near(mulAffine(a, b), a * b, 1e-5f));
}

}  // namespace
}  // namespace formviz::anim
