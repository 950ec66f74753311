#include "form/com.h"

#include <gtest/gtest.h>

#include "form_test_helpers.h"

namespace formviz::form {
namespace {
using test::kX;
using test::PoseBuilder;

glm::vec3 centerOfMass(const BodyRig& rig, const std::vector<glm::mat4>& model, Sex sex = Sex::Male) {
  glm::vec3 com(-1.0f);
  CenterOfMassJob job;
  job.rig = &rig;
  job.model = model;
  job.offsets = rig.contactOffsets;
  job.sex = sex;
  job.output = &com;
  EXPECT_TRUE(job.Run());
  return com;
}

TEST(CenterOfMassJob, InvalidInputsAreRefused) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  const std::vector<glm::mat4> model = PoseBuilder(skeleton).model();
  glm::vec3 com(7.0f);
  CenterOfMassJob job;
  job.rig = &rig;
  job.model = model;
  EXPECT_FALSE(job.Run());  // no output
  job.output = &com;
  job.model = std::span(model).first(3);
  EXPECT_FALSE(job.Run());  // too few matrices
  job.rig = nullptr;
  job.model = model;
  EXPECT_FALSE(job.Run());
  EXPECT_EQ(com, glm::vec3(7.0f));
}

TEST(CenterOfMassJob, TableMassesSumToOne) {
  for (Sex sex : {Sex::Male, Sex::Female}) {
    const auto& t = deLeva1996(sex);
    float sum = 0.0f;
    for (int i = 0; i < kSegmentCount; ++i) {
      const bool limb = i >= static_cast<int>(Segment::UpperArm);
      sum += t[static_cast<std::size_t>(i)].massFraction * (limb ? 2.0f : 1.0f);
    }
    EXPECT_NEAR(sum, 1.0f, 1e-3f);
    // The three trunk parts add up to de Leva's whole trunk (43.46% men, 42.57% women).
    const float trunk = t[1].massFraction + t[2].massFraction + t[3].massFraction;
    EXPECT_NEAR(trunk, sex == Sex::Male ? 0.4346f : 0.4257f, 1e-4f);
  }
}

// Symmetric standing: the centre of mass is on the midline (x = 0, between the ankles), near
// the hips' height (55-60% of stature for an upright adult), and inside the feet's base of support.
TEST(CenterOfMassJob, SymmetricStandingIsOnTheMidlineInsideTheFeet) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  const std::vector<glm::mat4> model = PoseBuilder(skeleton).model();
  for (Sex sex : {Sex::Male, Sex::Female}) {
    const glm::vec3 com = centerOfMass(rig, model, sex);
    EXPECT_NEAR(com.x, 0.0f, 1e-5f);
    EXPECT_GT(com.y, 0.9f);
    EXPECT_LT(com.y, 1.1f);
    const ContactFrame c = contactPoints(rig, model, rig.contactOffsets);
    std::vector<glm::vec2> points;
    for (Side s : {Side::Left, Side::Right})
      for (ContactPoint p : {ContactPoint::Heel, ContactPoint::ToeTip}) points.emplace_back(c.get(s, p).x, c.get(s, p).z);
    std::vector<glm::vec2> hull(points.size() + 1);
    const int n = convexHull(points, hull);
    ASSERT_EQ(n, 4);
    const float margin = signedDistanceToHull(std::span(hull).first(4), {com.x, com.z});
    EXPECT_GT(margin, 0.05f);  // the feet are 18 cm apart: at least 5 cm from any edge
  }
}

TEST(CenterOfMassJob, MovesWithTheLimbs) {
  const anim::Skeleton skeleton = test::buildBody();
  const BodyRig rig = test::bindOrDie(skeleton);
  PoseBuilder pose(skeleton);
  const glm::vec3 rest = centerOfMass(rig, pose.model());
  pose.rotate("leftUpperArm", -90, kX).rotate("rightUpperArm", -90, kX);  // arms forward
  const glm::vec3 reach = centerOfMass(rig, pose.model());
  // Each arm's segment centres move from below the shoulder to in front of it by their
  // distance from the shoulder: upper arm 0.5772 x 0.30, forearm 0.30 + 0.4574 x 0.27, hand
  // 0.57 + 0.79 x 0.08 (test body lengths, de Leva male fractions).
  const float shift = 2.0f * (0.0271f * 0.5772f * 0.30f + 0.0162f * (0.30f + 0.4574f * 0.27f) +
                              0.0061f * (0.57f + 0.79f * 0.08f));
  EXPECT_NEAR(reach.z - rest.z, shift, 1e-4f);
  EXPECT_NEAR(reach.x, 0.0f, 1e-5f);
}

// Hull and signed distance: a unit square, points inside, on the edge and outside; degenerate hulls.
//
//   z
//   1 +-------+         p = (0.5, 0.5) inside, 0.5 from every edge
//     |       |         p = (2, 0.5) outside, 1 from the right edge
//     |   .   |         p = (2, 2) outside, sqrt(2) from the corner
//   0 +-------+ x
//     0       1
TEST(BaseOfSupport, ConvexHullAndSignedDistance) {
  std::vector<glm::vec2> square = {{0, 0}, {1, 1}, {0.5f, 0.5f}, {1, 0}, {0, 1}, {0.5f, 0}};
  std::vector<glm::vec2> hull(square.size() + 1);
  const int n = convexHull(square, hull);
  ASSERT_EQ(n, 4);  // the interior point and the collinear edge point are dropped
  const std::span<const glm::vec2> h(hull.data(), 4);
  const struct {
    glm::vec2 p;
    float expected;
  } cases[] = {
      {{0.5f, 0.5f}, 0.5f}, {{0.9f, 0.5f}, 0.1f}, {{1.0f, 0.5f}, 0.0f}, {{2.0f, 0.5f}, -1.0f}, {{2.0f, 2.0f}, -std::sqrt(2.0f)},
  };
  for (const auto& c : cases) EXPECT_NEAR(signedDistanceToHull(h, c.p), c.expected, 1e-6f);

  std::vector<glm::vec2> empty;
  EXPECT_EQ(convexHull(empty, hull), 0);
  EXPECT_TRUE(std::isnan(signedDistanceToHull({}, {0, 0})));
  std::vector<glm::vec2> tooSmallOutput(2);
  std::vector<glm::vec2> three = {{0, 0}, {1, 0}, {0, 1}};
  EXPECT_EQ(convexHull(three, tooSmallOutput), 0);
  std::vector<glm::vec2> same = {{1, 1}, {1, 1}, {1, 1}};
  EXPECT_EQ(convexHull(same, hull), 1);
  EXPECT_NEAR(signedDistanceToHull(std::span(hull).first(1), {1, 2}), -1.0f, 1e-6f);
  std::vector<glm::vec2> line = {{0, 0}, {2, 0}, {1, 0}};
  ASSERT_EQ(convexHull(line, hull), 2);
  EXPECT_NEAR(signedDistanceToHull(std::span(hull).first(2), {1, 0.5f}), -0.5f, 1e-6f);
}

}  // namespace
}  // namespace formviz::form

namespace formviz::form {
namespace {

// Nearly collinear points (a foot's heel, ball and toe tip seen from above, moved by float
// rounding) once made the two chains disagree and write past the n + 1 slots of `hull`.
TEST(BaseOfSupport, NearlyCollinearPointsStayWithinTheHullBuffer) {
  std::uint32_t seed = 12345;
  auto noise = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return (static_cast<float>(seed >> 8) / 16777216.0f - 0.5f) * 1e-6f;
  };
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<glm::vec2> points;
    for (int i = 0; i < 9; ++i) {
      const float t = static_cast<float>(i % 3) * 0.1f + static_cast<float>(trial) * 1e-4f;
      points.emplace_back(0.2f + t + noise(), 0.1f + 0.37f * t + noise());
    }
    std::vector<glm::vec2> hull(points.size() + 2, glm::vec2(-99.0f));  // one sentinel past the n + 1 slots
    const int n = convexHull(points, std::span<glm::vec2>(hull.data(), points.size() + 1));
    ASSERT_GE(n, 1);
    ASSERT_LE(n, static_cast<int>(points.size()));
    ASSERT_EQ(hull.back(), glm::vec2(-99.0f)) << "wrote past the buffer in trial " << trial;
  }
}

}  // namespace
}  // namespace formviz::form

namespace formviz::form {
namespace {

// The rows of de Leva (1996) Table 4 whose landmarks match our joints (checked against the
// BMClab transcription of the table, data/BSP_ZdeLeva.txt): the upper trunk runs from CERV (our
// neck joint), not SUPR; the shank from KJC to the ankle joint centre AJC (our Foot joint), not
// to the lateral malleolus.
TEST(CenterOfMassJob, TableUsesTheJointCentreRows) {
  const auto& m = deLeva1996(Sex::Male);
  const auto& f = deLeva1996(Sex::Female);
  auto at = [](const auto& t, Segment s) { return t[static_cast<std::size_t>(s)]; };
  EXPECT_FLOAT_EQ(at(m, Segment::UpperTrunk).comFraction, 0.5066f);
  EXPECT_FLOAT_EQ(at(f, Segment::UpperTrunk).comFraction, 0.5050f);
  EXPECT_FLOAT_EQ(at(m, Segment::Shank).comFraction, 0.4395f);
  EXPECT_FLOAT_EQ(at(f, Segment::Shank).comFraction, 0.4352f);
  EXPECT_FLOAT_EQ(at(m, Segment::Thigh).massFraction, 0.1416f);
  EXPECT_FLOAT_EQ(at(f, Segment::Thigh).comFraction, 0.3612f);
  EXPECT_FLOAT_EQ(at(m, Segment::Foot).comFraction, 0.4415f);
  EXPECT_FLOAT_EQ(at(f, Segment::LowerTrunk).massFraction, 0.1247f);
}

}  // namespace
}  // namespace formviz::form
