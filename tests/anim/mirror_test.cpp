// Mirroring poses left to right: names, the reflection, and a posed symmetric "pelvis and legs"
// whose mirrored pose puts the right leg exactly where the left leg was, x negated.
#include "anim/mirror.h"

#include <gtest/gtest.h>

#include "anim/character.h"
#include "anim/model_space.h"
#include "test_helpers.h"

namespace formviz::anim {
namespace {
using test::axisAngle;
using test::near;

//            hips (0, 1, 0)
//          /      \   (two hip joints)
//  leftKnee        rightKnee      (+-0.1, -0.5, 0) from the hips
//     |                |
//  leftFoot         rightFoot     (0, -0.5, 0) from the knees
Skeleton legs() {
  RawSkeleton raw;
  raw.names = {"hips", "leftKnee", "leftFoot", "rightKnee", "rightFoot"};
  raw.parents = {kNoParent, 0, 1, 0, 3};
  raw.restPose.resize(5);
  raw.restPose[0].translation = {0, 1, 0};
  raw.restPose[1].translation = {0.1f, -0.5f, 0};
  raw.restPose[2].translation = {0, -0.5f, 0};
  raw.restPose[3].translation = {-0.1f, -0.5f, 0};
  raw.restPose[4].translation = {0, -0.5f, 0};
  return test::buildOrDie(std::move(raw));
}

std::vector<glm::vec3> positions(const Skeleton& skeleton, std::span<const Transform> local) {
  std::vector<glm::mat4> model(local.size());
  LocalToModelJob job;
  job.skeleton = &skeleton;
  job.local = local;
  job.model = model;
  EXPECT_TRUE(job.Run());
  std::vector<glm::vec3> out;
  for (const glm::mat4& m : model) out.emplace_back(m[3]);
  return out;
}

TEST(MirrorJointName, SwapsTheSidePrefixOnly) {
  EXPECT_EQ(mirrorJointName("leftUpperLeg"), "rightUpperLeg");
  EXPECT_EQ(mirrorJointName("rightToes"), "leftToes");
  EXPECT_EQ(mirrorJointName("spine"), "spine");
}

TEST(MirrorJoints, PairsBySideAndKeepsTheMiddle) {
  const Skeleton skeleton = legs();
  EXPECT_EQ(mirrorJoints(skeleton), (std::vector<int>{0, 3, 4, 1, 2}));
}

TEST(MirrorPoseJob, RejectsMismatchedOrAliasedSpans) {
  std::vector<Transform> pose(5), out(5);
  const std::vector<int> map{0, 3, 4, 1, 2}, shortMap{0, 1};
  EXPECT_FALSE((MirrorPoseJob{shortMap, pose, out}.Run()));
  EXPECT_FALSE((MirrorPoseJob{map, pose, pose}.Run()));
  const std::vector<int> outOfRange{0, 3, 4, 1, 9};
  EXPECT_FALSE((MirrorPoseJob{outOfRange, pose, out}.Run()));
  EXPECT_TRUE((MirrorPoseJob{map, pose, out}.Run()));
}

// The left leg kicks forward and out (hips yawed, knee bent); mirrored, the right leg does the
// same on its side: every joint lands at the mirror joint's position with x negated.
TEST(MirrorPoseJob, PutsTheOtherSideWhereThisSideWas) {
  const Skeleton skeleton = legs();
  std::vector<Transform> pose(skeleton.restPose().begin(), skeleton.restPose().end());
  pose[0].translation = {0.2f, 0.9f, 0.1f};
  pose[0].rotation = axisAngle(20.0f, {0, 1, 0});
  pose[1].rotation = axisAngle(-60.0f, {1, 0, 0}) * axisAngle(15.0f, {0, 0, 1});
  pose[2].rotation = axisAngle(45.0f, {1, 0, 0});
  std::vector<Transform> mirrored(pose.size());
  const std::vector<int> map = mirrorJoints(skeleton);
  ASSERT_TRUE((MirrorPoseJob{map, pose, mirrored}.Run()));
  const auto before = positions(skeleton, pose), after = positions(skeleton, mirrored);
  for (std::size_t i = 0; i < before.size(); ++i) {
    const glm::vec3 expected = before[static_cast<std::size_t>(map[i])] * glm::vec3(-1, 1, 1);
    EXPECT_TRUE(near(after[i], expected, 1e-5f)) << skeleton.names()[i];
  }
}

TEST(Character, PlaysAClipMirrored) {
  const Skeleton skeleton = legs();
  RawClip raw;
  raw.name = "kick";
  raw.duration = 1.0f;
  raw.joints.resize(5);
  raw.joints[1].rotation.times = {0.0f, 1.0f};
  raw.joints[1].rotation.values = {glm::quat(1, 0, 0, 0), axisAngle(-90.0f, {1, 0, 0})};
  fillMissingTracksFromRest(raw, skeleton);
  const Clip clip = Clip::build(raw).value();
  Character character(skeleton);
  character.setClip(skeleton, clip);
  character.evaluate(1.0f);
  const glm::vec3 leftFoot = character.jointPosition(2);
  EXPECT_TRUE(near(leftFoot, {0.1f, 0.5f, 0.5f}, 1e-5f)) << "the left leg kicks forward";
  character.setMirrored(true);
  character.evaluate(1.0f);
  EXPECT_TRUE(near(character.jointPosition(4), {-0.1f, 0.5f, 0.5f}, 1e-5f)) << "now the right leg does";
  EXPECT_TRUE(near(character.jointPosition(2), {0.1f, 0.0f, 0.0f}, 1e-5f)) << "and the left stands";
}

}  // namespace
}  // namespace formviz::anim
