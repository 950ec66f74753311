// Two-bone IK, contact constraints and root motion.
#include "test_helpers.h"

namespace formviz::anim {
namespace {

using test::axisAngle;
using test::near;
using test::position;

// A leg: pelvis (root) -> hip -> knee -> ankle, knee slightly forward (+z) at rest.
//
//        pelvis (0, 1, 0)
//          hip  (0.1, 1, 0)
//            knee (0.1, 0.55, 0.05)     thigh 0.4528, shin 0.4528
//              ankle (0.1, 0.1, 0)
RawSkeleton legSkeleton(float shinScale = 1.0f) {
  RawSkeleton raw;
  raw.names = {"pelvis", "hip", "knee", "ankle"};
  raw.parents = {kNoParent, 0, 1, 2};
  raw.restPose.resize(4);
  raw.restPose[0].translation = {0, 1, 0};
  raw.restPose[1].translation = {0.1f, 0, 0};
  raw.restPose[2].translation = {0, -0.45f, 0.05f};
  raw.restPose[3].translation = glm::vec3(0, -0.45f, -0.05f) * shinScale;
  return raw;
}

const TwoBoneChain kLeg{1, 2, 3};

TEST(TwoBoneIk, InvalidInputsAreRefused) {
  glm::quat a, b;
  TwoBoneIkJob job;
  EXPECT_FALSE(job.Validate());
  job.startCorrection = &a;
  EXPECT_FALSE(job.Run());
  job.midCorrection = &b;
  EXPECT_TRUE(job.Run());
  const Skeleton s = test::buildOrDie(legSkeleton());
  EXPECT_FALSE(isValidChain(s, {3, 2, 1}));
  EXPECT_FALSE(isValidChain(s, {1, 2, 9}));
  EXPECT_TRUE(isValidChain(s, kLeg));
  Pose pose = restPose(s);
  std::vector<glm::mat4> model(2);
  EXPECT_FALSE(solveTwoBoneIk(s, kLeg, {}, {}, 1.0f, pose, model));
}

struct IkRow {
  glm::vec3 target;
  float pelvisTwistDegrees;  // rotates the whole leg's parent, to exercise local-space corrections
};
const IkRow kReachable[] = {
    {{0.1f, 0.1f, 0.0f}, 0.0f},    // where it already is
    {{0.1f, 0.3f, 0.2f}, 0.0f},    // knee up, foot forward
    {{0.3f, 0.4f, -0.1f}, 0.0f},   // sideways and back
    {{0.1f, 0.75f, 0.3f}, 0.0f},   // deep fold
    {{0.1f, 0.2f, 0.1f}, 35.0f},   // parent rotated
    {{-0.2f, 0.5f, 0.4f}, -60.0f},
};

TEST(TwoBoneIk, ReachesReachableTargetsWithin1mm) {
  const Skeleton s = test::buildOrDie(legSkeleton());
  for (const IkRow& row : kReachable) {
    Pose pose = restPose(s);
    pose[0].rotation = axisAngle(row.pelvisTwistDegrees, {0.3f, 1, 0.2f});
    auto model = test::modelMatrices(s, pose);
    const glm::vec3 hip = position(model[1]);
    const glm::vec3 pole = hip + glm::vec3(0, -0.2f, 1.0f);  // knee forward
    bool reached = false;
    ASSERT_TRUE(solveTwoBoneIk(s, kLeg, row.target, pole, 1.0f, pose, model, glm::mat4(1.0f), &reached));
    EXPECT_TRUE(reached);
    EXPECT_TRUE(near(position(model[3]), row.target, 1e-3f)) << row.target.x << " " << row.target.y;
    // The recomputed model matrices are those of the corrected local pose.
    const auto fresh = test::modelMatrices(s, pose);
    EXPECT_TRUE(near(position(fresh[3]), row.target, 1e-3f));
    // Bone lengths are unchanged and the knee bends toward the pole.
    EXPECT_NEAR(glm::length(position(model[2]) - hip), glm::length(glm::vec3(0, -0.45f, 0.05f)), 1e-5f);
    const glm::vec3 axis = glm::normalize(row.target - hip);
    const glm::vec3 kneeOut = position(model[2]) - hip;
    const glm::vec3 kneeSide = kneeOut - axis * glm::dot(kneeOut, axis);
    const glm::vec3 poleSide = (pole - hip) - axis * glm::dot(pole - hip, axis);
    EXPECT_GT(glm::dot(kneeSide, poleSide), 0.0f) << "knee bends toward the pole";
  }
}

TEST(TwoBoneIk, StretchesStraightTowardAnUnreachableTarget) {
  const Skeleton s = test::buildOrDie(legSkeleton());
  Pose pose = restPose(s);
  auto model = test::modelMatrices(s, pose);
  const glm::vec3 hip = position(model[1]);
  const glm::vec3 target(1.5f, -1.0f, 0.8f);
  bool reached = true;
  ASSERT_TRUE(solveTwoBoneIk(s, kLeg, target, hip + glm::vec3(0, 0, 1), 1.0f, pose, model, glm::mat4(1.0f), &reached));
  EXPECT_FALSE(reached);
  const float legLength = 2.0f * glm::length(glm::vec3(0, -0.45f, 0.05f));
  const glm::vec3 direction = glm::normalize(target - hip);
  EXPECT_TRUE(near(position(model[3]), hip + direction * legLength, 1e-3f));
  EXPECT_TRUE(near(position(model[2]), hip + direction * (legLength * 0.5f), 1e-3f)) << "knee on the line";
}

TEST(TwoBoneIk, WeightZeroLeavesThePose) {
  const Skeleton s = test::buildOrDie(legSkeleton());
  Pose pose = restPose(s);
  auto model = test::modelMatrices(s, pose);
  ASSERT_TRUE(solveTwoBoneIk(s, kLeg, {0.1f, 0.5f, 0.3f}, {0, 0, 1}, 0.0f, pose, model));
  EXPECT_TRUE(near(position(model[3]), glm::vec3(0.1f, 0.1f, 0.0f), 1e-6f));
}

// The clip was authored on the long-shinned leg; a body with a 10% shorter shin plays it.
// The pelvis sinks 15 cm and comes forward 5 cm (a squat). Planted, the ankle must stay
// where it touched down.
TEST(ContactConstraint, KeepsAPlantedFootOnABodyOfOtherProportions) {
  const Skeleton body = test::buildOrDie(legSkeleton(0.9f));
  ContactConstraint contact;
  contact.chain = kLeg;
  glm::vec3 anchor(0.0f);
  for (int frame = 0; frame <= 30; ++frame) {
    const float s = static_cast<float>(frame) / 30.0f;
    Pose pose = restPose(body);
    pose[0].translation = {0, 1.0f - 0.15f * s, 0.05f * s};
    pose[1].rotation = axisAngle(-40.0f * s, {1, 0, 0});  // the authored hip flexion
    pose[2].rotation = axisAngle(70.0f * s, {1, 0, 0});
    auto model = test::modelMatrices(body, pose);
    const glm::vec3 pole = currentPole(model, kLeg, {0, 0, 1});
    contact.update(true, body, pose, model, pole);
    if (frame == 0) anchor = contact.anchor;
    EXPECT_TRUE(near(position(model[3]), anchor, 1e-3f)) << "frame " << frame;
  }
  // Lifting the foot releases it.
  Pose pose = restPose(body);
  auto model = test::modelMatrices(body, pose);
  EXPECT_FALSE(contact.update(false, body, pose, model, {0, 0, 1}));
  EXPECT_FALSE(contact.planted);
}

// Root travels +2 in x over [0, 1] s with a vertical bob; the parent is the identity.
RawClip walkClip() {
  RawClip raw;
  raw.name = "walk";
  raw.duration = 1.0f;
  raw.joints.resize(1);
  raw.joints[0].translation = {Interpolation::Linear, {0.0f, 0.5f, 1.0f}, {{0, 1, 0}, {1, 0.9f, 0}, {2, 1, 0}}};
  return raw;
}

TEST(RootMotion, ExtractsHorizontalTravelAcrossTheWrap) {
  const Clip clip = test::buildOrDie(walkClip());
  RootMotionSettings settings;
  EXPECT_TRUE(near(extractRootMotion(clip, settings, 0.25f, 0.5f, 0, 0.0f, 1.0f), glm::vec3(0.5f, 0, 0), 1e-6f));
  // 0.9 -> wrap -> 0.1: 0.2 s of travel = 0.4.
  EXPECT_TRUE(near(extractRootMotion(clip, settings, 0.9f, 0.1f, 1, 0.0f, 1.0f), glm::vec3(0.4f, 0, 0), 1e-5f));
  // A Z-up parent (CesiumMan's armature): track +z is model up, so the track's y bob of
  // -0.1 becomes horizontal model travel of +0.1 in z, while track +x stays model +x.
  settings.parentModel = glm::mat4(glm::mat3(axisAngle(-90.0f, {1, 0, 0})));
  EXPECT_TRUE(near(extractRootMotion(clip, settings, 0.0f, 0.5f, 0, 0.0f, 1.0f), glm::vec3(1, 0, 0.1f), 1e-5f));
}

TEST(RootMotion, RemovedFromThePoseAndAppliedToTheCharacter) {
  const Clip clip = test::buildOrDie(walkClip());
  RootMotionSettings settings;
  Pose pose(1);
  pose[0].translation = clip.sampleTranslation(0, 0.5f);
  removeRootMotion(clip, settings, 0.0f, pose);
  EXPECT_TRUE(near(pose[0].translation, glm::vec3(0, 0.9f, 0), 1e-6f)) << "in place, bob kept";
  glm::mat4 world = glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 1, 0));
  world = applyRootMotion(world, {1, 0, 0});
  EXPECT_TRUE(near(position(world), glm::vec3(0, 0, -1), 1e-6f)) << "travel follows the character's facing";
}

}  // namespace
}  // namespace formviz::anim

namespace formviz::anim {
namespace {

// The leg with a toe joint 0.15 ahead of and 0.05 below the ankle.
RawSkeleton legWithToes() {
  RawSkeleton raw = legSkeleton();
  raw.names.push_back("toes");
  raw.parents.push_back(3);
  Transform t;
  t.translation = {0, -0.05f, 0.15f};
  raw.restPose.push_back(t);
  return raw;
}

TEST(PinJointJob, PutsTheToesOnTheTargetAndKeepsTheFootsTilt) {
  const Skeleton body = test::buildOrDie(legWithToes());
  Pose pose = restPose(body);
  pose[0].translation = {0, 0.9f, 0.02f};                 // hips lower and forward: the leg must bend
  pose[3].rotation = axisAngle(20.0f, {1, 0, 0});        // the foot tipped (heel up)
  auto model = test::modelMatrices(body, pose);
  const glm::quat footBefore = glm::quat_cast(glm::mat3(model[3]));
  PinJointJob job;
  job.skeleton = &body;
  job.chain = kLeg;
  job.joint = 4;
  job.target = {0.1f, 0.02f, 0.12f};
  job.local = pose;
  job.model = model;
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(model[4]), job.target, 1e-3f));
  EXPECT_TRUE(near(glm::quat_cast(glm::mat3(model[3])), footBefore, 1e-4f));  // the foot keeps its model rotation
  // Half weight: the ankle goes half way.
  Pose half = restPose(body);
  half[0].translation = {0, 0.9f, 0.02f};
  auto halfModel = test::modelMatrices(body, half);
  const glm::vec3 start = position(halfModel[4]);
  job.local = half;
  job.model = halfModel;
  job.weight = 0.5f;
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(halfModel[4]), 0.5f * (start + job.target), 2e-3f));
}

TEST(PinJointJob, AnUnreachableTargetLeavesTheLegJustBent) {
  const Skeleton body = test::buildOrDie(legWithToes());
  Pose pose = restPose(body);
  auto model = test::modelMatrices(body, pose);
  PinJointJob job;
  job.skeleton = &body;
  job.chain = kLeg;
  job.joint = 4;
  job.target = position(model[4]) + glm::vec3(0, -0.2f, 0.05f);  // 20 cm below the reach
  job.local = pose;
  job.model = model;
  ASSERT_TRUE(job.Run());
  const float reach = glm::length(position(model[2]) - position(model[1])) + glm::length(position(model[3]) - position(model[2]));
  const float span = glm::length(position(model[3]) - position(model[1]));
  EXPECT_LT(span, reach);              // not past the straight-knee singularity
  EXPECT_GT(span, 0.999f * reach);     // but as far as it goes
  EXPECT_TRUE(std::isfinite(model[4][3].x));
}

// A leg the pose holds straight, pinned where its toes already are with a weight fading to 0
// (a pin fading out): it is bent off the singularity only in proportion to the weight, so the
// pose goes back to the clip's continuously instead of snapping straight when the weight hits 0.
TEST(PinJointJob, AFadingWeightReleasesAStraightLegContinuously) {
  RawSkeleton straight = legWithToes();
  straight.restPose[2].translation = {0, -0.45f, 0};  // the knee in line: a straight leg
  straight.restPose[3].translation = {0, -0.45f, 0};
  const Skeleton body = test::buildOrDie(std::move(straight));
  const Pose rest = restPose(body);
  const auto restModel = test::modelMatrices(body, rest);
  const glm::vec3 knee = position(restModel[2]);
  const auto kneeMoved = [&](float weight) {
    Pose pose = rest;
    auto model = test::modelMatrices(body, pose);
    PinJointJob job;
    job.skeleton = &body;
    job.chain = kLeg;
    job.joint = 4;
    job.target = position(model[4]);
    job.weight = weight;
    job.local = pose;
    job.model = model;
    EXPECT_TRUE(job.Run());
    return glm::length(position(model[2]) - knee);
  };
  const float full = kneeMoved(1.0f);
  EXPECT_GT(full, 0.01f);  // sqrt(1 - 0.9995^2) of the 0.45 m thigh: 1.4 cm off the singularity
  EXPECT_LT(kneeMoved(0.01f), 0.02f * full);  // about in proportion to the weight
  EXPECT_LT(kneeMoved(0.05f), 0.1f * full);
  EXPECT_GT(kneeMoved(0.5f), kneeMoved(0.1f));
}

TEST(PinJointJob, InvalidInputsAreRefused) {
  const Skeleton body = test::buildOrDie(legWithToes());
  Pose pose = restPose(body);
  auto model = test::modelMatrices(body, pose);
  PinJointJob job;
  job.skeleton = &body;
  job.chain = kLeg;
  job.joint = 0;  // the pelvis does not hang under the ankle
  job.local = pose;
  job.model = model;
  EXPECT_FALSE(job.Validate());
  job.joint = 4;
  EXPECT_TRUE(job.Validate());
  job.chain = {3, 2, 1};
  EXPECT_FALSE(job.Run());
}

}  // namespace
}  // namespace formviz::anim

namespace formviz::anim {
namespace {

// The upper arm turns so the elbow (the knee here) lands on a target at bone length from the
// hip; the shin keeps its model rotation, so the ankle moves with the knee, parallel.
TEST(AimBoneJob, PutsTheJointOnTheTargetAndKeepsItsDirection) {
  const Skeleton body = test::buildOrDie(legSkeleton());
  Pose pose = restPose(body);
  auto model = test::modelMatrices(body, pose);
  const glm::vec3 hip = position(model[1]), knee = position(model[2]);
  const glm::vec3 shin = position(model[3]) - knee;
  const glm::quat shinRotation = glm::quat_cast(glm::mat3(model[2]));
  const float thigh = glm::length(knee - hip);
  // A target at the thigh's length, 30 degrees forward about the hip.
  const glm::vec3 target = hip + axisAngle(-30.0f, {1, 0, 0}) * (knee - hip);
  AimBoneJob job;
  job.skeleton = &body;
  job.start = 1;
  job.joint = 2;
  job.target = target;
  job.local = pose;
  job.model = model;
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(model[2]), target, 1e-4f));
  EXPECT_TRUE(near(glm::quat_cast(glm::mat3(model[2])), shinRotation, 1e-4f));
  EXPECT_TRUE(near(position(model[3]) - position(model[2]), shin, 1e-4f));
  // A target farther than the bone: the joint goes to the nearest point of its sphere.
  job.target = hip + 2.0f * (target - hip);
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(model[2]), target, 1e-4f));
  EXPECT_NEAR(glm::length(position(model[2]) - hip), thigh, 1e-5f);
  // Half weight turns half way.
  Pose rest = restPose(body);
  auto restModel = test::modelMatrices(body, rest);
  job.local = rest;
  job.model = restModel;
  job.target = target;
  job.weight = 0.5f;
  ASSERT_TRUE(job.Run());
  EXPECT_TRUE(near(position(restModel[2]), hip + axisAngle(-15.0f, {1, 0, 0}) * (knee - hip), 1e-4f));
  // Only a joint and its parent.
  job.start = 0;
  EXPECT_FALSE(job.Validate());
  EXPECT_FALSE(job.Run());
}

// A pole given to PinJointJob decides the side the knee bends to: the same target solved with
// the pole ahead of or behind the leg puts the knee ahead of or behind the hip-ankle line.
TEST(PinJointJob, APoleChoosesTheSideTheKneeBendsTo) {
  const Skeleton body = test::buildOrDie(legWithToes());
  for (float side : {1.0f, -1.0f}) {
    Pose pose = restPose(body);
    auto model = test::modelMatrices(body, pose);
    PinJointJob job;
    job.skeleton = &body;
    job.chain = kLeg;
    job.joint = 3;  // the ankle itself (a foot's edge, a wrist)
    job.target = position(model[3]) + glm::vec3(0, 0.2f, 0);  // the leg must bend
    job.pole = position(model[2]) + glm::vec3(0, 0, 0.5f * side);
    job.local = pose;
    job.model = model;
    ASSERT_TRUE(job.Run());
    EXPECT_TRUE(near(position(model[3]), job.target, 1e-3f));
    const glm::vec3 mid = 0.5f * (position(model[1]) + position(model[3]));
    EXPECT_GT((position(model[2]).z - mid.z) * side, 0.05f) << side;
  }
}

}  // namespace
}  // namespace formviz::anim
