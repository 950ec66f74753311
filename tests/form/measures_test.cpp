#include "form/measures.h"

#include <cmath>
#include <functional>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "form_test_helpers.h"

namespace formviz::form {
namespace {
using test::kX;
using test::kY;
using test::kZ;
using test::PoseBuilder;

FrameMeasures measure(const BodyRig& rig, const std::vector<glm::mat4>& model, float referenceYaw = kNoValue) {
  FrameMeasures out;
  MeasureJob job;
  job.rig = &rig;
  job.model = model;
  job.offsets = rig.contactOffsets;
  job.referenceYaw = referenceYaw;
  job.output = &out;
  EXPECT_TRUE(job.Run());
  return out;
}

TEST(MeasureJob, InvalidInputsAreRefused) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  const std::vector<glm::mat4> model = PoseBuilder(skeleton).model();
  FrameMeasures out;
  out.setBoth(Measure::KneeFlexion, 123.0f);
  struct Case {
    const char* what;
    std::function<void(MeasureJob&)> spoil;
  };
  const Case cases[] = {
      {"no rig", [](MeasureJob& j) { j.rig = nullptr; }},
      {"no output", [](MeasureJob& j) { j.output = nullptr; }},
      {"no matrices", [](MeasureJob& j) { j.model = {}; }},
      {"too few matrices", [&](MeasureJob& j) { j.model = std::span(model).first(model.size() - 1); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    MeasureJob job;
    job.rig = &rig;
    job.model = model;
    job.output = &out;
    c.spoil(job);
    EXPECT_FALSE(job.Validate());
    EXPECT_FALSE(job.Run());
    EXPECT_EQ(out.get(Measure::KneeFlexion, Side::Left), 123.0f);  // nothing written
  }
}

TEST(MeasureJob, NamesRoundTrip) {
  for (int i = 0; i < kMeasureCount; ++i) {
    const auto m = static_cast<Measure>(i);
    EXPECT_EQ(measureFromName(measureName(m)), m);
  }
  EXPECT_FALSE(measureFromName("kneeflexion").has_value());
}

// Poses built joint by joint on the test body (see form_test_helpers.h). Rotation signs on
// this body (joint-local axes = model axes at rest):
//
//   side view (figure faces +Z)           front view (figure's left = +X)
//        trunk                                 hip o
//          |  +X rotation of hips:               \   -Z rotation of leftUpperLeg:
//          |  leans forward                       \  knee goes medial (-X)
//   hip    o--> -X of UpperLeg: thigh forward      o knee
//           \   +X of LowerLeg: shank back        /  +Z of leftLowerLeg: shank back out
//            o knee                              o ankle        FPPA = 2 x 7.5 = 15
//           /   -X of Foot: toes up (DF)
//     ankle o-- toes
struct Expect {
  Measure measure;
  Side side;
  float degrees;
};
struct PoseCase {
  const char* name;
  std::function<void(PoseBuilder&)> pose;
  std::vector<Expect> expect;
};

std::vector<PoseCase> poseCases() {
  using M = Measure;
  const Side L = Side::Left, R = Side::Right;
  return {
      {"rest: everything neutral", [](PoseBuilder&) {},
       {{M::HipFlexion, L, 0}, {M::HipFlexion, R, 0}, {M::KneeFlexion, L, 0}, {M::AnkleDorsiflexion, L, 0},
        {M::KneeFppa, L, 0}, {M::KneeFppa, R, 0}, {M::TrunkInclination, L, 0}, {M::TrunkLateralLean, L, 0},
        {M::PelvicDrop, L, 0}, {M::PelvicRotation, L, 0}, {M::BodyLine, L, 180}, {M::ElbowFlexion, L, 0},
        {M::ShoulderFlexion, L, 0}, {M::FloorPenetration, L, 0}, {M::KneeMedialShift, L, 0},
        {M::ArmElevation, L, 0}, {M::ArmElevation, R, 0}, {M::ShoulderShrug, L, 0}, {M::ShoulderShrug, R, 0},
        {M::FootInversion, L, 0}, {M::FootInversion, R, 0}, {M::HeelRise, L, 0}, {M::AnkleSeparation, L, 0.18f},
        {M::KneeMedialOffset, L, 0}, {M::KneeMedialOffset, R, 0}, {M::HandShinDistance, L, 0},
        {M::HandAheadOfShoulder, L, 0}}},
      {"left knee bent 90", [](PoseBuilder& p) { p.rotate("leftLowerLeg", 90, kX); },
       {{M::KneeFlexion, L, 90}, {M::KneeFlexion, R, 0}, {M::HipFlexion, L, 0}, {M::AnkleDorsiflexion, L, 0}}},
      {"left knee hyperextended 5", [](PoseBuilder& p) { p.rotate("leftLowerLeg", -5, kX); },
       {{M::KneeFlexion, L, -5}}},
      {"left hip flexed 45", [](PoseBuilder& p) { p.rotate("leftUpperLeg", -45, kX); },
       {{M::HipFlexion, L, 45}, {M::HipFlexion, R, 0}, {M::KneeFlexion, L, 0}}},
      {"right hip extended 20", [](PoseBuilder& p) { p.rotate("rightUpperLeg", 20, kX); },
       {{M::HipFlexion, R, -20}, {M::HipFlexion, L, 0}}},
      {"trunk 30 forward, thighs vertical",
       [](PoseBuilder& p) { p.rotate("hips", 30, kX).rotate("leftUpperLeg", -30, kX).rotate("rightUpperLeg", -30, kX); },
       {{M::TrunkInclination, L, 30}, {M::HipFlexion, L, 30}, {M::HipFlexion, R, 30}, {M::KneeFlexion, L, 0},
        {M::PelvicDrop, L, 0}, {M::ShoulderShrug, L, 0}, {M::ArmElevation, L, 0}}},
      {"trunk 15 back", [](PoseBuilder& p) { p.rotate("spine", 0, kX).rotate("hips", -15, kX).rotate("leftUpperLeg", 15, kX).rotate("rightUpperLeg", 15, kX); },
       {{M::TrunkInclination, L, -15}, {M::HipFlexion, L, -15}}},
      {"left ankle 20 DF (toes up)", [](PoseBuilder& p) { p.rotate("leftFoot", -20, kX); },
       {{M::AnkleDorsiflexion, L, 20}, {M::AnkleDorsiflexion, R, 0}, {M::HeelRise, L, -20}, {M::FootInversion, L, 0}}},
      {"squat-like: hip 60, knee 80, shin 20 forward, foot flat",
       [](PoseBuilder& p) { p.rotate("leftUpperLeg", -60, kX).rotate("leftLowerLeg", 80, kX).rotate("leftFoot", -20, kX); },
       {{M::HipFlexion, L, 60}, {M::KneeFlexion, L, 80}, {M::AnkleDorsiflexion, L, 20}}},
      {"left ankle 30 plantar flexion", [](PoseBuilder& p) { p.rotate("leftFoot", 30, kX); },
       {{M::AnkleDorsiflexion, L, -30}, {M::HeelRise, L, 30}, {M::HeelRise, R, 0}, {M::FootInversion, L, 0}}},
      // Rolled about the foot's own heel-toe axis (applied first, in the foot's frame), then
      // the heel raised 38 about the ball: the roll reads the same with or without the rise.
      {"left foot on its outer edge 15 (inversion)", [](PoseBuilder& p) { p.rotate("leftFoot", -15, kZ); },
       {{M::FootInversion, L, 15}, {M::FootInversion, R, 0}, {M::HeelRise, L, 0}}},
      {"calf raise 38 with both feet rolled out 15",
       [](PoseBuilder& p) {
         p.rotate("leftFoot", -15, kZ).rotate("leftFoot", 38, kX);
         p.rotate("rightFoot", 15, kZ).rotate("rightFoot", 38, kX);
       },
       {{M::FootInversion, L, 15}, {M::FootInversion, R, 15}, {M::HeelRise, L, 38}, {M::HeelRise, R, 38},
        {M::AnkleDorsiflexion, L, -38}}},
      {"right foot everted 10 (inner edge down)", [](PoseBuilder& p) { p.rotate("rightFoot", -10, kZ); },
       {{M::FootInversion, R, -10}}},
      {"left knee valgus, FPPA 15",
       [](PoseBuilder& p) { p.rotate("leftUpperLeg", -7.5f, kZ).rotate("leftLowerLeg", 15, kZ); },
       {{M::KneeFppa, L, 15}, {M::KneeFppa, R, 0}}},
      {"right knee valgus, FPPA 12 (mirror image)",
       [](PoseBuilder& p) { p.rotate("rightUpperLeg", 6, kZ).rotate("rightLowerLeg", -12, kZ); },
       {{M::KneeFppa, R, 12}, {M::KneeFppa, L, 0}}},
      {"right knee varus, FPPA -10",
       [](PoseBuilder& p) { p.rotate("rightUpperLeg", -5, kZ).rotate("rightLowerLeg", 10, kZ); },
       {{M::KneeFppa, R, -10}}},
      {"valgus with the hip flexed 30 (FPPA about 16)",
       [](PoseBuilder& p) {
         p.rotate("leftUpperLeg", -8, kZ).rotate("leftLowerLeg", 16, kZ);
         p.rotate("leftUpperLeg", -30, kX);
       },
       {}},
      {"pelvis dropped 10 on the right, legs vertical",
       [](PoseBuilder& p) { p.rotate("hips", 10, kZ).rotate("leftUpperLeg", -10, kZ).rotate("rightUpperLeg", -10, kZ); },
       {{M::PelvicDrop, R, 10}, {M::PelvicDrop, L, -10}, {M::TrunkLateralLean, L, -10}, {M::KneeFppa, L, 0},
        {M::HipFlexion, L, 0}}},
      {"pelvis turned 20 to the left, feet forward",
       [](PoseBuilder& p) { p.rotate("hips", 20, kY).rotate("leftUpperLeg", -20, kY).rotate("rightUpperLeg", -20, kY); },
       {{M::PelvicRotation, L, 20}, {M::HipFlexion, L, 0}, {M::TrunkInclination, L, 0}}},
      {"plank piked: body line 170",
       [](PoseBuilder& p) { p.rotate("hips", 90, kX).rotate("leftUpperLeg", -10, kX).rotate("rightUpperLeg", -10, kX); },
       {{M::BodyLine, L, 170}, {M::HipFlexion, L, 10}, {M::TrunkInclination, L, 90}}},
      {"plank sagging: body line 170",
       [](PoseBuilder& p) { p.rotate("hips", 90, kX).rotate("leftUpperLeg", 10, kX).rotate("rightUpperLeg", 10, kX); },
       {{M::BodyLine, L, 170}, {M::HipFlexion, L, -10}}},
      {"side plank: lying on the right side, straight",
       [](PoseBuilder& p) { p.rotate("hips", 90, kZ); },
       {{M::BodyLine, L, 180}, {M::HipFlexion, L, 0}, {M::HipFlexion, R, 0}, {M::KneeFlexion, L, 0},
        {M::TrunkInclination, L, 90}, {M::PelvicDrop, R, 90}}},
      {"clamshell: lying on the right side, hips 45, knees 90",
       [](PoseBuilder& p) {
         p.rotate("hips", 90, kZ).rotate("leftUpperLeg", -45, kX).rotate("rightUpperLeg", -45, kX);
         p.rotate("leftLowerLeg", 90, kX).rotate("rightLowerLeg", 90, kX);
       },
       {{M::HipFlexion, L, 45}, {M::HipFlexion, R, 45}, {M::KneeFlexion, L, 90}, {M::TrunkInclination, L, 90}}},
      {"arms: left shoulder 90 + elbow 90, right shoulder extended 45",
       [](PoseBuilder& p) { p.rotate("leftUpperArm", -90, kX).rotate("leftLowerArm", -90, kX).rotate("rightUpperArm", 45, kX); },
       {{M::ShoulderFlexion, L, 90}, {M::ElbowFlexion, L, 90}, {M::ShoulderFlexion, R, -45}, {M::ElbowFlexion, R, 0},
        {M::ArmElevation, L, 90}, {M::ArmElevation, R, 45}, {M::ShoulderHorizontalAbduction, L, 0},
        {M::ShoulderShrug, L, 0}}},
      // Band pull-apart: arms at shoulder height swept from the front (0) to the side (90).
      {"pull-apart: left arm 80 out from the front, right arm 45",
       [](PoseBuilder& p) {
         p.rotate("leftUpperArm", -90, kX).rotate("leftUpperArm", 80, kY);
         p.rotate("rightUpperArm", -90, kX).rotate("rightUpperArm", -45, kY);
       },
       {{M::ArmElevation, L, 90}, {M::ArmElevation, R, 90}, {M::ShoulderHorizontalAbduction, L, 80},
        {M::ShoulderHorizontalAbduction, R, 45}}},
      {"left arm 30 across the body at shoulder height",
       [](PoseBuilder& p) { p.rotate("leftUpperArm", -90, kX).rotate("leftUpperArm", -30, kY); },
       {{M::ArmElevation, L, 90}, {M::ShoulderHorizontalAbduction, L, -30}}},
      // Shrug: the left clavicle (Shoulder -> UpperArm: 0.15 out, 0.01 up, 0.02 back) turned up 20
      // about the forward axis lifts the shoulder joint by 0.15 sin 20 + 0.01 (cos 20 - 1).
      {"left shoulder shrugged 20 at the clavicle", [](PoseBuilder& p) { p.rotate("leftShoulder", 20, kZ); },
       {{M::ShoulderShrug, L, 0.15f * std::sin(glm::radians(20.0f)) + 0.01f * (std::cos(glm::radians(20.0f)) - 1.0f)},
        {M::ShoulderShrug, R, 0}, {M::ArmElevation, L, 20}}},
      {"right shoulder pressed down 10", [](PoseBuilder& p) { p.rotate("rightShoulder", 10, kZ); },
       {{M::ShoulderShrug, R, -0.15f * std::sin(glm::radians(10.0f)) + 0.01f * (std::cos(glm::radians(10.0f)) - 1.0f)}}},
      {"spine flexed 30 (rounded back)", [](PoseBuilder& p) { p.rotate("spine", 30, kX); },
       {{M::SpineFlexion, L, 30}, {M::SpineLateralFlexion, L, 0}, {M::SpineRotation, L, 0}, {M::PelvicRotation, L, 0},
        {M::ShoulderShrug, L, 0}, {M::ShoulderShrug, R, 0}}},
      {"spine extended 15 over two joints (rib flare)",
       [](PoseBuilder& p) { p.rotate("chest", -10, kX).rotate("upperChest", -5, kX); },
       {{M::SpineFlexion, L, -15}}},
      {"spine bent 20 to the right", [](PoseBuilder& p) { p.rotate("spine", 20, kZ); },
       {{M::SpineLateralFlexion, L, -20}, {M::SpineFlexion, L, 0}, {M::TrunkInclination, L, 0}}},
      {"thorax turned 25 to the left (Pallof press mistake)", [](PoseBuilder& p) { p.rotate("chest", 25, kY); },
       {{M::SpineRotation, L, 25}, {M::SpineFlexion, L, 0}, {M::PelvicRotation, L, 0}}},
      {"hinge: hips 60 forward, spine neutral", [](PoseBuilder& p) {
         p.rotate("hips", 60, kX).rotate("leftUpperLeg", -60, kX).rotate("rightUpperLeg", -60, kX); },
       {{M::SpineFlexion, L, 0}, {M::TrunkInclination, L, 60}, {M::HipFlexion, L, 60}}},
      {"arms overhead: shoulder 180", [](PoseBuilder& p) { p.rotate("leftUpperArm", -180, kX); },
       {{M::ShoulderFlexion, L, 180}}},
      // The leg slants out from the hip (a wide stance): the knee sits medial of the ankle, by
      // the shank's 0.47 m times sin 5 deg = 4.10 cm; the foot still points +Z.
      {"left leg tipped out 5 at the hip", [](PoseBuilder& p) { p.rotate("leftUpperLeg", 5, kZ); },
       {{M::KneeMedialShift, L, 0.47f * std::sin(glm::radians(5.0f))}, {M::KneeMedialShift, R, 0.0f}}},
      {"left leg tipped out 5 at the hip: a straight leg has no knee offset",
       [](PoseBuilder& p) { p.rotate("leftUpperLeg", 5, kZ); },
       {{M::KneeMedialOffset, L, 0}}},
      {"left hip 5 cm further out: ankles 23 cm apart", [](PoseBuilder& p) { p.move("leftUpperLeg", {0.05f, 0, 0}); },
       {{M::AnkleSeparation, L, 0.23f}, {M::AnkleSeparation, R, 0.23f}}},
      // Arms forward 60: the grip (0.61 m below the shoulder) is above the knee, so it is
      // measured against the knee: 0.61 sin 60 ahead of it.
      {"left arm forward 60: grip 52.8 cm ahead of the knee", [](PoseBuilder& p) { p.rotate("leftUpperArm", -60, kX); },
       {{M::HandShinDistance, L, 0.61f * std::sin(glm::radians(60.0f))}, {M::HandShinDistance, R, 0},
        {M::HandAheadOfShoulder, L, 0.61f * std::sin(glm::radians(60.0f))}, {M::HandAheadOfShoulder, R, 0}}},
      // A hinge with vertical legs and arms hanging straight down: the shoulder joint (0.45 m
      // above the hips at rest) swings 0.45 sin 80 forward, and the grip hangs below the knee,
      // in front of the vertical shin.
      {"hinge 80, arms hanging: the grip 44.3 cm ahead of the shin",
       [](PoseBuilder& p) {
         p.rotate("hips", 80, kX).rotate("leftUpperLeg", -80, kX).rotate("rightUpperLeg", -80, kX);
         p.rotate("leftUpperArm", -80, kX).rotate("rightUpperArm", -80, kX);
       },
       {{M::HandShinDistance, L, 0.45f * std::sin(glm::radians(80.0f))},
        {M::HandShinDistance, R, 0.45f * std::sin(glm::radians(80.0f))}, {M::ArmElevation, L, 80},
        {M::HandAheadOfShoulder, L, 0}}},
      // The same hinge with the arms swung 22 further forward: the bar drifts off the legs.
      {"hinge 80, arms 22 forward of plumb: the grip 22.9 cm ahead of the shoulder",
       [](PoseBuilder& p) {
         p.rotate("hips", 80, kX).rotate("leftUpperLeg", -80, kX).rotate("rightUpperLeg", -80, kX);
         p.rotate("leftUpperArm", -102, kX);
       },
       {{M::HandAheadOfShoulder, L, 0.61f * std::sin(glm::radians(22.0f))}, {M::ArmElevation, L, 102}}},
      {"feet 1 cm below the floor", [](PoseBuilder& p) { p.move("hips", {0, -0.01f, 0}); },
       {{M::FloorPenetration, L, 0.01f}, {M::FloorPenetration, R, 0.01f}}},
  };
}

TEST(MeasureJob, HandBuiltPosesReadTheirAngles) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  for (const PoseCase& c : poseCases()) {
    SCOPED_TRACE(c.name);
    PoseBuilder pose(skeleton);
    c.pose(pose);
    const FrameMeasures m = measure(rig, pose.model());
    for (const Expect& e : c.expect) {
      const float tolerance = isLength(e.measure) ? 1e-4f : 0.5f;
      EXPECT_NEAR(m.get(e.measure, e.side), e.degrees, tolerance) << measureName(e.measure) << " " << sideName(e.side);
    }
  }
}

// Knees caving in, as a distance from the hip -> ankle line: the bent leg (hip 60, knee 80)
// turned about its own hip -> ankle line swings the knee medially by r sin(turn), r being the
// knee's distance from that line (thigh a = 0.45, shank b = 0.47, knee angle 100:
// r = a b sin 100 / |hip - ankle|). Standing, supine (a glute bridge) or turned, the same.
TEST(MeasureJob, KneeMedialOffsetOfALegTurnedAboutItsHipAnkleLine) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  const float a = 0.45f, b = 0.47f, angle = glm::radians(100.0f);
  const float r = a * b * std::sin(angle) / std::sqrt(a * a + b * b - 2.0f * a * b * std::cos(angle));
  for (const bool supine : {false, true}) {
    for (const float turn : {0.0f, 10.0f, 18.0f, -8.0f}) {
      SCOPED_TRACE(fmt::format("{} turn {}", supine ? "supine" : "standing", turn));
      PoseBuilder pose(skeleton);
      if (supine) pose.rotate("hips", -90, kX);  // lying face up, knees pointing at the ceiling
      pose.rotate("leftUpperLeg", -60, kX).rotate("leftLowerLeg", 80, kX).rotate("rightUpperLeg", -60, kX).rotate("rightLowerLeg", 80, kX);
      // Each leg's hip -> ankle axis in the hips' frame (the UpperLeg's parent).
      const std::vector<glm::mat4> bent = pose.model();
      const glm::mat3 hipsInverse = glm::transpose(glm::mat3(bent[static_cast<std::size_t>(skeleton.findJoint("hips"))]));
      auto axis = [&](const char* side) {
        const auto at = [&](const std::string& j) { return glm::vec3(bent[static_cast<std::size_t>(skeleton.findJoint(j))][3]); };
        return hipsInverse * glm::normalize(at(fmt::format("{}Foot", side)) - at(fmt::format("{}UpperLeg", side)));
      };
      const glm::vec3 leftAxis = axis("left"), rightAxis = axis("right");
      pose.rotate("leftUpperLeg", turn, leftAxis).rotate("rightUpperLeg", -turn, rightAxis);
      const FrameMeasures m = measure(rig, pose.model());
      EXPECT_NEAR(m.get(Measure::KneeMedialOffset, Side::Left), r * std::sin(glm::radians(turn)), 1e-4f);
      EXPECT_NEAR(m.get(Measure::KneeMedialOffset, Side::Right), r * std::sin(glm::radians(turn)), 1e-4f);
      EXPECT_NEAR(m.get(Measure::KneeFlexion, Side::Left), 80.0f, 0.01f);  // the turn does not bend the knee
    }
  }
}

// FPPA 15 standing (thigh 7.5 in, shank 7.5 out): the knee sits medial of the hip -> ankle line
// by the same geometry in the frontal plane.
TEST(MeasureJob, KneeMedialOffsetOfAStandingValgusKnee) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  pose.rotate("leftUpperLeg", -7.5f, kZ).rotate("leftLowerLeg", 15, kZ);
  const float s = std::sin(glm::radians(7.5f)), c = std::cos(glm::radians(7.5f));
  const glm::vec2 knee(-0.45f * s, -0.45f * c), ankle(0.02f * s, -0.92f * c);  // (x = figure's left, y), hip at 0
  const glm::vec2 d = glm::normalize(ankle);
  const glm::vec2 offset = knee - d * glm::dot(knee, d);
  const FrameMeasures m = measure(rig, pose.model());
  EXPECT_NEAR(m.get(Measure::KneeMedialOffset, Side::Left), -offset.x, 1e-4f);
  EXPECT_GT(m.get(Measure::KneeMedialOffset, Side::Left), 0.05f);  // about 5.9 cm medial
  EXPECT_NEAR(m.get(Measure::KneeMedialOffset, Side::Right), 0.0f, 1e-5f);
}

// With the hip flexed the frontal projection foreshortens the thigh, so FPPA is no longer the
// knee's frontal angle (16 degrees here): only check it still reads clear valgus.
TEST(MeasureJob, ValgusWithTheHipFlexedReadsValgus) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  for (const PoseCase& c : poseCases())
    if (std::string(c.name).starts_with("valgus with the hip flexed 30")) c.pose(pose);
  EXPECT_GT(measure(rig, pose.model()).get(Measure::KneeFppa, Side::Left), 10.0f);
}

// The same poses with the whole figure turned about +Y (and moved) read the same.
TEST(MeasureJob, TurningTheFigureChangesNoMeasure) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  for (float yaw : {90.0f, -90.0f, 180.0f, 33.0f}) {
    glm::mat4 root = glm::mat4_cast(test::axisAngle(yaw, kY));
    root[3] = glm::vec4(1.5f, 0.0f, -2.0f, 1.0f);
    for (const PoseCase& c : poseCases()) {
      SCOPED_TRACE(std::string(c.name) + " turned " + std::to_string(yaw));
      PoseBuilder pose(skeleton);
      c.pose(pose);
      const FrameMeasures a = measure(rig, pose.model());
      const FrameMeasures b = measure(rig, pose.model(root));
      for (int i = 0; i < kMeasureCount; ++i)
        for (Side s : {Side::Left, Side::Right}) {
          const auto m = static_cast<Measure>(i);
          if (std::isnan(a.get(m, s))) {
            EXPECT_TRUE(std::isnan(b.get(m, s))) << measureName(m);
            continue;
          }
          EXPECT_NEAR(a.get(m, s), b.get(m, s), isLength(m) ? 1e-4f : 0.05f) << measureName(m) << " " << sideName(s);
        }
    }
  }
}

TEST(MeasureJob, PelvicRotationAgainstAGivenFacing) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  pose.rotate("hips", 90, kY);  // the whole figure (feet too) faces +X
  EXPECT_NEAR(measure(rig, pose.model()).get(Measure::PelvicRotation, Side::Left), 0.0f, 0.01f);
  EXPECT_NEAR(measure(rig, pose.model(), 0.0f).get(Measure::PelvicRotation, Side::Left), 90.0f, 0.01f);
  EXPECT_NEAR(measure(rig, pose.model(), glm::radians(100.0f)).get(Measure::PelvicRotation, Side::Left), -10.0f, 0.01f);
}

TEST(MeasureJob, TrunkTiltOfTheRestPoseIsCalibratedAway) {
  // Neck 6 cm and shoulder joints 2 cm behind the hips at rest, as on bodygen figures.
  std::vector<test::JointSpec> spec = test::bodySpec(0.06f);
  for (test::JointSpec& j : spec)
    if (j.name.find("Arm") != std::string::npos || j.name.find("Hand") != std::string::npos ||
        j.name.find("MiddleProximal") != std::string::npos)
      j.position.z -= 0.02f;
  const anim::Skeleton skeleton = anim::Skeleton::build(test::rawBody(spec)).value();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  const FrameMeasures rest = measure(rig, pose.model());
  EXPECT_NEAR(rest.get(Measure::TrunkInclination, Side::Left), 0.0f, 1e-3f);
  EXPECT_NEAR(rest.get(Measure::HipFlexion, Side::Right), 0.0f, 1e-3f);
  EXPECT_NEAR(rest.get(Measure::BodyLine, Side::Left), 180.0f, 0.01f);
  pose.rotate("hips", 30, kX).rotate("leftUpperLeg", -30, kX).rotate("rightUpperLeg", -30, kX);
  const FrameMeasures bent = measure(rig, pose.model());
  EXPECT_NEAR(bent.get(Measure::TrunkInclination, Side::Left), 30.0f, 0.01f);
  EXPECT_NEAR(bent.get(Measure::HipFlexion, Side::Left), 30.0f, 0.01f);
  EXPECT_NEAR(bent.get(Measure::BodyLine, Side::Left), 150.0f, 0.01f);
}

// Contact points sit on the floor in the rest pose and follow the foot.
TEST(ContactPoints, RestFeetTouchTheFloorAndFollowTheFoot) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  const ContactFrame rest = contactPoints(rig, pose.model(), rig.contactOffsets);
  const float heelBack = rig.contactOffsets.heelBack, toeForward = rig.contactOffsets.toeForward;
  EXPECT_NEAR(glm::length(rest.get(Side::Left, ContactPoint::Heel) - glm::vec3(0.09f, 0, -heelBack)), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::length(rest.get(Side::Right, ContactPoint::ToeTip) - glm::vec3(-0.09f, 0, 0.13f + toeForward)), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::length(rest.get(Side::Left, ContactPoint::Ball) - glm::vec3(0.09f, 0, 0.13f)), 0.0f, 1e-5f);
  // Foot plantar-flexed 30 degrees about the ankle: the heel lifts, the toe tip dips.
  pose.rotate("leftFoot", 30, kX);
  const ContactFrame raised = contactPoints(rig, pose.model(), rig.contactOffsets);
  EXPECT_GT(raised.get(Side::Left, ContactPoint::Heel).y, 0.03f);
  EXPECT_LT(raised.get(Side::Left, ContactPoint::ToeTip).y, -0.05f);
  EXPECT_NEAR(raised.get(Side::Right, ContactPoint::Heel).y, 0.0f, 1e-5f);
}

}  // namespace
}  // namespace formviz::form
