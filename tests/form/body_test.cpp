#include "form/body.h"

#include <gtest/gtest.h>

#include "form_test_helpers.h"

namespace formviz::form {
namespace {

// Invalid skeletons first: each missing required joint is named in the error.
TEST(BodyRig, MissingJointsAreNamed) {
  const struct {
    const char* remove;
  } cases[] = {{"hips"}, {"neck"}, {"leftToes"}, {"rightMiddleProximal"}, {"rightLowerLeg"}, {"leftUpperArm"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.remove);
    // Drop the joint by renaming it (keeps the hierarchy valid).
    std::vector<test::JointSpec> spec = test::bodySpec();
    for (test::JointSpec& j : spec) {
      if (j.name == c.remove) j.name = "renamed";
      if (j.parent == c.remove) j.parent = "renamed";
    }
    const Result<anim::Skeleton> built = anim::Skeleton::build(test::rawBody(spec));
    ASSERT_TRUE(built.ok()) << built.error().message;
    const anim::Skeleton& skeleton = built.value();
    const Result<BodyRig> rig = BodyRig::bind(skeleton);
    ASSERT_FALSE(rig.ok());
    EXPECT_NE(rig.error().message.find(c.remove), std::string::npos) << rig.error().message;
  }
}

TEST(BodyRig, SeveralMissingJointsAreAllListed) {
  anim::RawSkeleton raw;
  raw.names = {"hips", "spine"};
  raw.parents = {anim::kNoParent, 0};
  raw.restPose.resize(2);
  const Result<BodyRig> rig = BodyRig::bind(anim::Skeleton::build(raw).value());
  ASSERT_FALSE(rig.ok());
  for (const char* name : {"chest", "leftFoot", "rightToes", "head"})
    EXPECT_NE(rig.error().message.find(name), std::string::npos) << rig.error().message;
}

TEST(BodyRig, RestPoseWithoutFlatFeetIsRejected) {
  std::vector<test::JointSpec> spec = test::bodySpec();
  for (test::JointSpec& j : spec)
    if (j.name == "leftToes") j.position = {0.09f, 0.0f, 0.0f};  // straight below the ankle
  const Result<BodyRig> rig = BodyRig::bind(anim::Skeleton::build(test::rawBody(spec)).value());
  ASSERT_FALSE(rig.ok());
  EXPECT_NE(rig.error().message.find("leftToes is not ahead of leftFoot"), std::string::npos) << rig.error().message;
}

TEST(BodyRig, BindsEveryJointAndCalibratesFromTheRestPose) {
  const anim::Skeleton skeleton = test::buildBody(0.04f);  // neck 4 cm behind the hips
  const BodyRig rig = test::bindOrDie(skeleton);
  EXPECT_EQ(rig.joints.hips, skeleton.findJoint("hips"));
  EXPECT_EQ(rig.joints.leg[index(Side::Right)].toes, skeleton.findJoint("rightToes"));
  EXPECT_EQ(rig.joints.arm[index(Side::Left)].middleProximal, skeleton.findJoint("leftMiddleProximal"));
  EXPECT_NEAR(rig.trunkRestTilt, std::atan2(0.04f, 0.5f), 1e-5f);
  // Feet: rest rotations are identity, so the sole frame in the foot's frame is the model's.
  EXPECT_NEAR(glm::length(rig.footForwardLocal[0] - glm::vec3(0, 0, 1)), 0.0f, 1e-6f);
  EXPECT_NEAR(glm::length(rig.footUpLocal[1] - glm::vec3(0, 1, 0)), 0.0f, 1e-6f);
  // Contact offsets from the feet: ankle 8 cm up, ball 2 cm up and 13 cm ahead.
  EXPECT_NEAR(rig.contactOffsets.heelDown, 0.08f, 1e-6f);
  EXPECT_NEAR(rig.contactOffsets.toeDown, 0.02f, 1e-6f);
  EXPECT_NEAR(rig.contactOffsets.heelBack, 0.13f * 0.24f / 0.49f, 1e-6f);
  EXPECT_NEAR(rig.contactOffsets.toeForward, 0.13f * 0.27f / 0.49f, 1e-6f);
}

}  // namespace
}  // namespace formviz::form
