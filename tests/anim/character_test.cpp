#include "anim/character.h"

#include <gtest/gtest.h>

#include "anim/retarget.h"
#include "test_helpers.h"

namespace formviz::anim {
namespace {
using test::axisAngle;
using test::near;

// A three-joint "leg": hips (root, at `hipHeight`), knee below it, foot below that.
//
//   hips   o  y = hipHeight
//          |
//   knee   o  y = hipHeight / 2
//          |
//   foot   o  y = 0
Skeleton leg(float hipHeight, const char* extraJoint = nullptr) {
  RawSkeleton raw;
  raw.names = {"hips", "knee", "foot"};
  raw.parents = {kNoParent, 0, 1};
  raw.restPose.resize(3);
  raw.restPose[0].translation = {0, hipHeight, 0};
  raw.restPose[1].translation = {0, -hipHeight / 2, 0};
  raw.restPose[2].translation = {0, -hipHeight / 2, 0};
  if (extraJoint) {
    raw.names.push_back(extraJoint);
    raw.parents.push_back(2);
    raw.restPose.push_back({});
  }
  return test::buildOrDie(std::move(raw));
}

// One clip: hips rise 0.1 m and the knee bends 90 degrees about +X over one second.
Clip bendKnee(const Skeleton& skeleton) {
  RawClip raw;
  raw.name = "bend";
  raw.duration = 1.0f;
  raw.joints.resize(static_cast<std::size_t>(skeleton.jointCount()));
  raw.joints[0].translation.times = {0.0f, 1.0f};
  raw.joints[0].translation.values = {skeleton.restPose()[0].translation,
                                      skeleton.restPose()[0].translation + glm::vec3(0, 0.1f, 0)};
  raw.joints[1].rotation.times = {0.0f, 1.0f};
  raw.joints[1].rotation.values = {glm::quat(1, 0, 0, 0), axisAngle(90.0f, {1, 0, 0})};
  fillMissingTracksFromRest(raw, skeleton);
  return Clip::build(raw).value();
}

// Switching clips cross-fades from the last pose shown: at the start the old pose, halfway
// (smoothstep 0.5) the knee half bent by the blend, at the end the clip's own pose.
TEST(Character, FadesFromAPreviousPoseIntoTheClip) {
  const Skeleton skeleton = leg(1.0f);
  const Clip clip = bendKnee(skeleton);
  Character character(skeleton);
  character.setClip(skeleton, clip);
  const Pose straight(skeleton.restPose().begin(), skeleton.restPose().end());
  character.fadeFrom(straight, 0.4f);
  EXPECT_TRUE(character.fading());
  character.evaluate(1.0f);  // the clip: knee bent 90 degrees, hips up 0.1 m
  EXPECT_TRUE(near(character.jointPosition(2), {0, 0, 0}, 1e-5f)) << "all old pose at the start";
  character.advanceFade(0.2f);
  character.evaluate(1.0f);
  // Halfway: hips up 0.05, knee bent 45 degrees about +X (the shin swings toward -Z).
  const float s = std::sin(glm::radians(45.0f)) * 0.5f, c = std::cos(glm::radians(45.0f)) * 0.5f;
  EXPECT_TRUE(near(character.jointPosition(2), {0, 1.05f - 0.5f - c, -s}, 1e-4f));
  character.advanceFade(1.0f);
  EXPECT_FALSE(character.fading());
  character.evaluate(1.0f);
  EXPECT_TRUE(near(character.jointPosition(2), {0, 0.6f, -0.5f}, 1e-5f)) << "the clip's pose once faded";
}

TEST(Character, IgnoresAFadeFromAPoseOfAnotherSkeleton) {
  const Skeleton skeleton = leg(1.0f);
  Character character(skeleton);
  const Pose tooShort(2);
  character.fadeFrom(tooShort, 0.4f);
  EXPECT_FALSE(character.fading());
}

TEST(Character, WithoutAClipItStandsInTheRestPoseWithIdentityPalette) {
  const Skeleton skeleton = leg(1.0f);
  Character character(skeleton);
  character.evaluate(0.5f);
  EXPECT_TRUE(near(character.jointPosition(2), {0, 0, 0}, 1e-6f));
  for (const glm::mat4& m : character.palette()) EXPECT_TRUE(near(m, glm::mat4(1.0f), 1e-5f));
}

TEST(Character, PlaysItsOwnClip) {
  const Skeleton skeleton = leg(1.0f);
  const Clip clip = bendKnee(skeleton);
  Character character(skeleton);
  character.setClip(skeleton, clip);
  character.evaluate(1.0f);
  // Knee at hip height/2 below the raised hips; the shin now points along +Z (90 degrees about +X).
  EXPECT_TRUE(near(character.jointPosition(1), {0, 0.6f, 0}, 1e-5f));
  EXPECT_TRUE(near(character.jointPosition(2), {0, 0.6f, -0.5f}, 1e-5f));
  character.clearClip();
  character.evaluate(1.0f);
  EXPECT_TRUE(near(character.jointPosition(2), {0, 0, 0}, 1e-6f));
}

TEST(Character, ClipOfAnotherBodyKeepsThisBodysProportions) {
  const Skeleton reference = leg(1.0f);
  const Skeleton tall = leg(1.2f, "toes");  // longer bones, one joint the clip does not know
  const Clip clip = bendKnee(reference);
  Character character(tall);
  character.setClip(reference, clip);
  character.evaluate(1.0f);
  // The hips rise by 0.1 m scaled to this body (x 1.2); the bones keep this body's lengths.
  EXPECT_TRUE(near(character.jointPosition(0), {0, 1.2f + 0.12f, 0}, 1e-5f));
  EXPECT_NEAR(glm::length(character.jointPosition(1) - character.jointPosition(0)), 0.6f, 1e-5f);
  EXPECT_NEAR(glm::length(character.jointPosition(2) - character.jointPosition(1)), 0.6f, 1e-5f);
  EXPECT_TRUE(near(character.jointPosition(2) - character.jointPosition(1), {0, 0, -0.6f}, 1e-5f));
  // The unknown joint follows its parent in its rest pose.
  EXPECT_TRUE(near(character.jointPosition(3), character.jointPosition(2), 1e-6f));
}

TEST(JointMap, MatchesByNameAndMarksMissingJoints) {
  const Skeleton a = leg(1.0f, "toes");
  const Skeleton b = leg(1.0f);
  const JointMap map = JointMap::byName(a, b);
  EXPECT_EQ(map.sourceOf, (std::vector<int>{0, 1, 2, kNoParent}));
  EXPECT_EQ(map.matchedCount(), 3);
}

TEST(RetargetJob, RejectsMismatchedInputs) {
  const Skeleton a = leg(1.0f);
  const JointMap map = JointMap::byName(a, a);
  Pose source = restPose(a), target(2);
  EXPECT_FALSE((RetargetJob{&a, &map, source, target, 1.0f}.Validate())) << "output too small";
  target.resize(3);
  EXPECT_FALSE((RetargetJob{nullptr, &map, source, target, 1.0f}.Validate()));
  EXPECT_FALSE((RetargetJob{&a, &map, std::span<const Transform>(source).first(1), target, 1.0f}.Validate()))
      << "source pose shorter than the map expects";
  EXPECT_TRUE((RetargetJob{&a, &map, source, target, 1.0f}.Run()));
}

}  // namespace
}  // namespace formviz::anim
