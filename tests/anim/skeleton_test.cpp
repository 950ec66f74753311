// Skeleton: every Validate() rule first, then the runtime arrays.
#include <limits>

#include "test_helpers.h"

namespace formviz::anim {
namespace {

using test::chainSkeleton;

struct InvalidSkeletonCase {
  const char* what;
  int rule;
  void (*breakIt)(RawSkeleton&);
};

const InvalidSkeletonCase kInvalidSkeletons[] = {
    {"no joints", 1, [](RawSkeleton& s) { s = RawSkeleton{}; }},
    {"too many joints", 1, [](RawSkeleton& s) { s = chainSkeleton(kMaxJoints + 1); }},
    {"fewer names than parents", 2, [](RawSkeleton& s) { s.names.pop_back(); }},
    {"fewer rest transforms", 2, [](RawSkeleton& s) { s.restPose.pop_back(); }},
    {"wrong inverse bind count", 2, [](RawSkeleton& s) { s.inverseBind.assign(1, glm::mat4(1.0f)); }},
    {"empty name", 3, [](RawSkeleton& s) { s.names[1].clear(); }},
    {"duplicate name", 3, [](RawSkeleton& s) { s.names[2] = s.names[0]; }},
    {"parent after child", 4, [](RawSkeleton& s) { s.parents[1] = 2; }},
    {"parent is self", 4, [](RawSkeleton& s) { s.parents[2] = 2; }},
    {"parent below -1", 4, [](RawSkeleton& s) { s.parents[1] = -2; }},
    // j0 -> j1 -> j2 and j3 child of j0 is depth-first; j3 child of j1 after j2's subtree
    // is fine too; but with j2 a second root, j3 under j1 breaks depth-first order.
    {"not depth-first", 5,
     [](RawSkeleton& s) {
       s.parents[2] = kNoParent;
       s.parents[3] = 1;
     }},
    {"NaN rest translation", 6,
     [](RawSkeleton& s) { s.restPose[1].translation.x = std::numeric_limits<float>::quiet_NaN(); }},
    {"infinite rest scale", 6,
     [](RawSkeleton& s) { s.restPose[1].scale.y = std::numeric_limits<float>::infinity(); }},
    {"non-unit rest rotation", 6, [](RawSkeleton& s) { s.restPose[0].rotation = glm::quat(2.0f, 0.0f, 0.0f, 0.0f); }},
    {"NaN inverse bind", 7,
     [](RawSkeleton& s) {
       s.inverseBind.assign(s.parents.size(), glm::mat4(1.0f));
       s.inverseBind[3][3][0] = std::numeric_limits<float>::quiet_NaN();
     }},
};

class InvalidSkeleton : public ::testing::TestWithParam<InvalidSkeletonCase> {};

TEST_P(InvalidSkeleton, IsRejectedWithItsRuleNumber) {
  RawSkeleton raw = chainSkeleton(4);
  GetParam().breakIt(raw);
  const Status status = raw.Validate();
  ASSERT_FALSE(status) << GetParam().what;
  EXPECT_NE(status.error().message.find(fmt::format("rule {}", GetParam().rule)), std::string::npos)
      << status.error().message;
  EXPECT_FALSE(Skeleton::build(raw)) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(Rules, InvalidSkeleton, ::testing::ValuesIn(kInvalidSkeletons));

TEST(Skeleton, ValidChainBuilds) {
  RawSkeleton raw = chainSkeleton(4);
  ASSERT_TRUE(raw.Validate());
  const Skeleton s = test::buildOrDie(raw);
  EXPECT_EQ(s.jointCount(), 4);
  EXPECT_EQ(s.parent(0), kNoParent);
  EXPECT_EQ(s.parent(3), 2);
  EXPECT_EQ(s.findJoint("j2"), 2);
  EXPECT_EQ(s.findJoint("nope"), kNoParent);
}

//   j0 (root)
//   ├─ j1
//   │  └─ j2
//   └─ j3
//   j4 (second root)
TEST(Skeleton, SubtreeSizesFollowDepthFirstOrder) {
  RawSkeleton raw = chainSkeleton(5);
  raw.parents = {kNoParent, 0, 1, 0, kNoParent};
  const Skeleton s = test::buildOrDie(raw);
  const int expected[] = {4, 2, 1, 1, 1};
  for (int j = 0; j < 5; ++j) EXPECT_EQ(s.subtreeSize(j), expected[j]) << "joint " << j;
}

TEST(Skeleton, MissingInverseBindIsTheInverseRestModel) {
  const Skeleton s = test::buildOrDie(chainSkeleton(3, 0.5f));
  // j2 sits at (0, 1, 0) at rest, so its inverse bind matrix translates by -1 in y.
  EXPECT_TRUE(test::near(s.inverseBind()[2], glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -1.0f, 0.0f)), 1e-6f));
}

}  // namespace
}  // namespace formviz::anim
