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

namespace formviz::anim {
namespace {

// A leg with a ball: hips (root) -> upperLeg (hip) -> lowerLeg (knee) -> foot (ankle) -> toes.
Skeleton legWithBall(float thigh, float shin) {
  RawSkeleton raw;
  raw.names = {"hips", "upperLeg", "lowerLeg", "foot", "toes"};
  raw.parents = {kNoParent, 0, 1, 2, 3};
  raw.restPose.resize(5);
  raw.restPose[0].translation = {0, thigh + shin, 0};
  raw.restPose[2].translation = {0, -thigh, 0};
  raw.restPose[3].translation = {0, -shin, 0};
  return test::buildOrDie(std::move(raw));
}

// A squat on the 0.5 / 0.5 leg with the ball planted under the hips, keyed every 0.25 s: the
// thigh turns forward by a(t) = 10 + 30 t degrees, the knee bends 2 a(t), the foot stays flat,
// the hips are at cos(a(t)).
float squatAngle(float t) { return 10.0f + 30.0f * t; }
Clip plantedSquat(const Skeleton& skeleton) {
  RawClip raw;
  raw.name = "squat";
  raw.duration = 1.0f;
  raw.joints.resize(static_cast<std::size_t>(skeleton.jointCount()));
  for (float t : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) {
    const float a = squatAngle(t);
    raw.joints[0].translation.times.push_back(t);
    raw.joints[0].translation.values.push_back(glm::vec3(0, std::cos(glm::radians(a)), 0));
    for (int j : {1, 2, 3}) raw.joints[static_cast<std::size_t>(j)].rotation.times.push_back(t);
    raw.joints[1].rotation.values.push_back(axisAngle(-a, {1, 0, 0}));
    raw.joints[2].rotation.values.push_back(axisAngle(2.0f * a, {1, 0, 0}));
    raw.joints[3].rotation.values.push_back(axisAngle(-a, {1, 0, 0}));
  }
  raw.contacts.push_back(ContactSpan{"toes", 0.0f, 1.0f, glm::vec3(0.0f), std::nullopt, ""});
  fillMissingTracksFromRest(raw, skeleton);
  return test::buildOrDie(raw);
}

float kneeBend(const Character& c) {
  const glm::vec3 thigh = c.jointPosition(2) - c.jointPosition(1), shin = c.jointPosition(3) - c.jointPosition(2);
  return glm::degrees(std::acos(glm::dot(glm::normalize(thigh), glm::normalize(shin))));
}

// On a body with a shorter thigh and a longer shin (hip height 1.05), the clip's world scales by
// 1.05 and the planted ball stays on its spot; the body moves (up to 9.6 cm) so the leg keeps
// the clip's knee bend instead of the IK re-bending it.
TEST(Character, APlantedBallMovesTheBodyAndKeepsTheClipsAngles) {
  const Skeleton reference = legWithBall(0.5f, 0.5f);
  const Skeleton other = legWithBall(0.45f, 0.6f);
  const Clip clip = plantedSquat(reference);
  EXPECT_FLOAT_EQ(bodyScale(other, reference), 1.05f);
  Character character(other);
  character.setClip(reference, clip);
  EXPECT_FLOAT_EQ(character.worldScale(), 1.05f);
  ASSERT_EQ(character.pins().size(), 1u);
  for (float t : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) {
    character.evaluate(t);
    EXPECT_TRUE(near(character.jointPosition(4), glm::vec3(0.0f), 1e-3f)) << t;
    EXPECT_NEAR(kneeBend(character), 2.0f * squatAngle(t), 0.1f) << t;
    // The hips went where this leg, posed like the clip's, puts them over the ball: its longer
    // shin leans back further than its shorter thigh reaches forward, so 0.15 sin(a) ahead of
    // the ball (the clip's hips stay over it), and 1.05 cos(a) up.
    const float s = std::sin(glm::radians(squatAngle(t))), c = std::cos(glm::radians(squatAngle(t)));
    EXPECT_TRUE(near(character.jointPosition(0), glm::vec3(0, 1.05f * c, (0.6f - 0.45f) * s), 1e-3f)) << t;
  }
  // Without pinning the ball is off its spot.
  character.setContactPinning(false);
  character.evaluate(1.0f);
  EXPECT_GT(glm::length(character.jointPosition(4)), 0.05f);
}

// The 0.5 / 0.5 leg standing with its ball planted (0 to 0.5 s), then lifted: from 0.5 s to
// 1 s the hips rise 0.2 m and move 0.2 m forward with the leg's angles held, so the ball leaves
// the floor at 0.4 m/s up and forward (0.57 m/s).
Clip plantedThenLifted(const Skeleton& skeleton) {
  RawClip raw;
  raw.name = "lift";
  raw.duration = 1.0f;
  raw.joints.resize(static_cast<std::size_t>(skeleton.jointCount()));
  const float a = 30.0f;
  for (float t : {0.0f, 0.5f, 1.0f}) {
    raw.joints[0].translation.times.push_back(t);
    const float rise = t > 0.5f ? 0.2f : 0.0f;
    raw.joints[0].translation.values.push_back(glm::vec3(0, std::cos(glm::radians(a)) + rise, rise));
    for (int j : {1, 2, 3}) raw.joints[static_cast<std::size_t>(j)].rotation.times.push_back(t);
    raw.joints[1].rotation.values.push_back(axisAngle(-a, {1, 0, 0}));
    raw.joints[2].rotation.values.push_back(axisAngle(2.0f * a, {1, 0, 0}));
    raw.joints[3].rotation.values.push_back(axisAngle(-a, {1, 0, 0}));
  }
  raw.contacts.push_back(ContactSpan{"toes", 0.0f, 0.5f, glm::vec3(0.0f), std::nullopt, ""});
  fillMissingTracksFromRest(raw, skeleton);
  return test::buildOrDie(raw);
}

// After a span the pin fades out its correction, not its spot: on a body of the clip's own
// proportions (another skeleton object, so it is pinned, with nothing to correct) the leaving
// ball follows the clip exactly; on another body it is never lower than the clip has it
// (scaled), and it moves on smoothly from the spot it was held on.
TEST(Character, AFadingPinDoesNotDragTheLeavingFootDown) {
  const Skeleton reference = legWithBall(0.5f, 0.5f);
  const Skeleton copy = legWithBall(0.5f, 0.5f);
  const Skeleton other = legWithBall(0.45f, 0.6f);
  const Clip clip = plantedThenLifted(reference);
  Character own(reference), same(copy), scaled(other);
  own.setClip(reference, clip);
  same.setClip(reference, clip);
  scaled.setClip(reference, clip);
  ASSERT_EQ(same.pins().size(), 1u);
  ASSERT_EQ(scaled.pins().size(), 1u);
  glm::vec3 last(0.0f);
  for (float t = 0.5f; t <= 0.5f + Character::kPinBlend + 0.05f; t += 1.0f / 240.0f) {
    own.evaluate(t);
    same.evaluate(t);
    scaled.evaluate(t);
    for (int j = 0; j < reference.jointCount(); ++j)
      EXPECT_TRUE(near(same.jointPosition(j), own.jointPosition(j), 1e-4f)) << "joint " << j << " at " << t;
    EXPECT_GE(scaled.jointPosition(4).y, 1.05f * own.jointPosition(4).y - 1e-4f) << t;
    // The ball moves at the clip's 0.57 m/s * 1.05 plus what the fade hands over from this
    // leg's path to the clip's (the thigh forward and the shin back, the ball a few mm apart):
    // 2.5 mm a step and a little more.
    if (t > 0.5f) {
      EXPECT_LT(glm::length(scaled.jointPosition(4) - last), 0.003f) << t;
    }
    last = scaled.jointPosition(4);
  }
  // Just after the span the ball is 2 cm up and forward, as in the clip, not on its spot.
  same.evaluate(0.55f);
  EXPECT_TRUE(near(same.jointPosition(4), glm::vec3(0.0f, 0.02f, 0.02f), 1e-4f));
}

}  // namespace
}  // namespace formviz::anim
