// The overlay builder on hand-built poses (the form tests' small skeleton): arcs, lines,
// labels with the checker's numbers, contact rings; and the label font's layout.
#include "render/overlay_builder.h"

#include <gtest/gtest.h>

#include <cmath>

#include "form/form_test_helpers.h"
#include "form/measures.h"
#include "render/overlay_text.h"

namespace formviz::render {
namespace {

using form::test::kX;
using form::test::PoseBuilder;

struct Posed {
  anim::Skeleton skeleton = form::test::buildBody();
  form::BodyRig rig = form::test::bindOrDie(skeleton);
};

OverlayPrimitives build(const form::BodyRig& rig, const std::vector<glm::mat4>& model, OverlayRequest request) {
  OverlayPrimitives out;
  OverlayBuildJob job;
  job.rig = &rig;
  job.model = model;
  job.request = &request;
  job.output = &out;
  EXPECT_TRUE(job.Run());
  return out;
}

glm::vec3 jointAt(const Posed& p, const std::vector<glm::mat4>& model, const char* name) {
  return glm::vec3(model[static_cast<std::size_t>(p.skeleton.findJoint(name))][3]);
}

// The arc: the line of the overlay whose points all lie at one distance from `centre`.
const OverlayLine* findArc(const OverlayPrimitives& o, const glm::vec3& centre) {
  for (const OverlayLine& l : o.lines) {
    if (l.points.size() < 10) continue;
    const float r = glm::distance(l.points.front(), centre);
    bool round = r > 0.01f;
    for (const glm::vec3& q : l.points) round = round && std::abs(glm::distance(q, centre) - r) < 1e-4f;
    if (round) return &l;
  }
  return nullptr;
}

float arcDegrees(const OverlayLine& arc, const glm::vec3& centre) {
  const glm::vec3 a = glm::normalize(arc.points.front() - centre), b = glm::normalize(arc.points.back() - centre);
  return glm::degrees(std::acos(std::clamp(glm::dot(a, b), -1.0f, 1.0f)));
}

TEST(OverlayBuilder, NinetyDegreeKneeGivesANinetyDegreeArcAtTheKneeLabelledKnee90) {
  Posed p;
  const std::vector<glm::mat4> model = PoseBuilder(p.skeleton).rotate("leftLowerLeg", 90.0f, kX).model();
  const OverlayPrimitives o = build(p.rig, model, {OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, OverlayRequestSide::Left});
  const glm::vec3 knee = jointAt(p, model, "leftLowerLeg");
  const OverlayLine* arc = findArc(o, knee);
  ASSERT_NE(arc, nullptr);
  EXPECT_NEAR(arcDegrees(*arc, knee), 90.0f, 0.05f);
  ASSERT_EQ(o.labels.size(), 1u);
  EXPECT_EQ(o.labels[0].text, "knee 90°");
  EXPECT_LT(glm::distance(o.labels[0].anchor, knee), 0.3f) << "the label sits next to the knee";
  // The arc's legs: the thigh's extension past the knee (dashed) and the shank.
  const glm::vec3 ankle = jointAt(p, model, "leftFoot"), hip = jointAt(p, model, "leftUpperLeg");
  EXPECT_NEAR(glm::dot(glm::normalize(arc->points.back() - knee), glm::normalize(ankle - knee)), 1.0f, 1e-4f);
  EXPECT_NEAR(glm::dot(glm::normalize(arc->points.front() - knee), glm::normalize(knee - hip)), 1.0f, 1e-4f);
}

TEST(OverlayBuilder, TheLabelIsTheCheckersNumber) {
  Posed p;
  const std::vector<glm::mat4> model = PoseBuilder(p.skeleton)
                                           .rotate("rightUpperLeg", -60.0f, kX)
                                           .rotate("rightLowerLeg", 83.0f, kX)
                                           .model();
  const OverlayPrimitives o = build(p.rig, model, {OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, OverlayRequestSide::Right});
  form::FrameMeasures measures;
  form::MeasureJob job;
  job.rig = &p.rig;
  job.model = model;
  job.output = &measures;
  ASSERT_TRUE(job.Run());
  const float knee = measures.get(form::Measure::KneeFlexion, form::Side::Right);
  ASSERT_EQ(o.labels.size(), 1u);
  EXPECT_EQ(o.labels[0].text, angleLabel("knee", knee));
  EXPECT_EQ(o.labels[0].text, "knee 83°");
  const OverlayLine* arc = findArc(o, jointAt(p, model, "rightLowerLeg"));
  ASSERT_NE(arc, nullptr);
  EXPECT_NEAR(arcDegrees(*arc, jointAt(p, model, "rightLowerLeg")), knee, 0.05f) << "the arc shows the same angle";
}

TEST(OverlayBuilder, BothSidesDrawOncePerSide) {
  Posed p;
  const std::vector<glm::mat4> model =
      PoseBuilder(p.skeleton).rotate("leftLowerLeg", 40.0f, kX).rotate("rightLowerLeg", 70.0f, kX).model();
  const OverlayPrimitives o = build(p.rig, model, {OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, OverlayRequestSide::Both});
  ASSERT_EQ(o.labels.size(), 2u);
  EXPECT_EQ(o.labels[0].text, "knee 40°");
  EXPECT_EQ(o.labels[1].text, "knee 70°");
  EXPECT_NE(findArc(o, jointAt(p, model, "leftLowerLeg")), nullptr);
  EXPECT_NE(findArc(o, jointAt(p, model, "rightLowerLeg")), nullptr);
}

TEST(OverlayBuilder, AlignmentLinePassesThroughTheJointsWithAReferenceAndTheBodyLine) {
  Posed p;
  const std::vector<glm::mat4> model = PoseBuilder(p.skeleton).model();
  const OverlayPrimitives o =
      build(p.rig, model, {OverlayRequestKind::Line, {"shoulder", "hip", "ankle"}, OverlayRequestSide::Left});
  ASSERT_EQ(o.lines.size(), 2u);
  ASSERT_EQ(o.lines[1].points.size(), 3u);
  EXPECT_EQ(o.lines[1].points[0], jointAt(p, model, "leftUpperArm"));
  EXPECT_EQ(o.lines[1].points[1], jointAt(p, model, "leftUpperLeg"));
  EXPECT_EQ(o.lines[1].points[2], jointAt(p, model, "leftFoot"));
  EXPECT_FALSE(o.lines[1].dashed);
  EXPECT_TRUE(o.lines[0].dashed) << "the straight reference from first to last joint, under the line";
  EXPECT_EQ(o.lines[0].points.front(), o.lines[1].points.front());
  EXPECT_EQ(o.lines[0].points.back(), o.lines[1].points.back());
  ASSERT_EQ(o.labels.size(), 1u);
  EXPECT_EQ(o.labels[0].text, "body line 180°");
}

TEST(OverlayBuilder, KneeLineIsLabelledWithFppaOnlyOnShallowBends) {
  Posed p;
  OverlayPrimitives o = build(p.rig, PoseBuilder(p.skeleton).model(),
                              {OverlayRequestKind::Line, {"hip", "knee", "ankle"}, OverlayRequestSide::Left});
  ASSERT_EQ(o.labels.size(), 1u);
  EXPECT_EQ(o.labels[0].text, "knee in line");
  // Thigh forward-flexed 90 and knee bent 90: the 2-D measure means little, no label.
  o = build(p.rig, PoseBuilder(p.skeleton).rotate("leftUpperLeg", -90.0f, kX).rotate("leftLowerLeg", 90.0f, kX).model(),
            {OverlayRequestKind::Line, {"hip", "knee", "ankle"}, OverlayRequestSide::Left});
  EXPECT_TRUE(o.labels.empty());
  EXPECT_EQ(o.lines.size(), 2u) << "the lines still show";
}

TEST(OverlayBuilder, RepeatedJointsAlternateSidesAndSingleOnesMeetInTheMiddle) {
  Posed p;
  const std::vector<glm::mat4> model = PoseBuilder(p.skeleton).model();
  OverlayPrimitives o = build(p.rig, model, {OverlayRequestKind::Line, {"hip", "hip"}, OverlayRequestSide::Both});
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(o.lines[0].points[0], jointAt(p, model, "leftUpperLeg"));
  EXPECT_EQ(o.lines[0].points[1], jointAt(p, model, "rightUpperLeg"));
  ASSERT_EQ(o.labels.size(), 1u);
  EXPECT_EQ(o.labels[0].text, "pelvis level");

  // Clamshell-like: both thighs turned out 20 degrees each: 40 degrees between the knees at mid-hip.
  const std::vector<glm::mat4> open = PoseBuilder(p.skeleton)
                                          .rotate("leftUpperLeg", 20.0f, glm::vec3(0, 0, 1))
                                          .rotate("rightUpperLeg", -20.0f, glm::vec3(0, 0, 1))
                                          .model();
  o = build(p.rig, open, {OverlayRequestKind::Angle, {"knee", "hip", "knee"}, OverlayRequestSide::Both});
  ASSERT_EQ(o.labels.size(), 1u);
  const glm::vec3 midHip = 0.5f * (jointAt(p, open, "leftUpperLeg") + jointAt(p, open, "rightUpperLeg"));
  const OverlayLine* arc = findArc(o, midHip);
  ASSERT_NE(arc, nullptr);
  const float expected = glm::degrees(std::acos(glm::dot(glm::normalize(jointAt(p, open, "leftLowerLeg") - midHip),
                                                         glm::normalize(jointAt(p, open, "rightLowerLeg") - midHip))));
  EXPECT_NEAR(arcDegrees(*arc, midHip), expected, 0.05f);
  EXPECT_EQ(o.labels[0].text, angleLabel("hip", expected));
}

TEST(OverlayBuilder, ContactRingsSitUnderTheGroundedPointsOnly) {
  Posed p;
  const std::vector<glm::mat4> standing = PoseBuilder(p.skeleton).model();
  OverlayPrimitives o = build(p.rig, standing, {OverlayRequestKind::Contacts, {}, OverlayRequestSide::Both});
  EXPECT_EQ(o.lines.size(), 4u) << "heel and forefoot of both feet";
  for (const OverlayLine& ring : o.lines) {
    EXPECT_TRUE(ring.closed);
    EXPECT_EQ(ring.color, kOverlayContactColor);
    for (const glm::vec3& q : ring.points) EXPECT_NEAR(q.y, 0.004f, 1e-6f);
  }
  // The left foot lifted: only the right foot's two rings, both on the right (x < 0).
  const std::vector<glm::mat4> lifted = PoseBuilder(p.skeleton).rotate("leftUpperLeg", -30.0f, kX).model();
  o = build(p.rig, lifted, {OverlayRequestKind::Contacts, {}, OverlayRequestSide::Both});
  ASSERT_EQ(o.lines.size(), 2u);
  for (const OverlayLine& ring : o.lines) EXPECT_LT(ring.points[0].x, 0.0f);
}

TEST(OverlayBuilder, MalformedRequestsFailValidation) {
  Posed p;
  const std::vector<glm::mat4> model = PoseBuilder(p.skeleton).model();
  OverlayPrimitives out;
  OverlayRequest request{OverlayRequestKind::Angle, {"hip", "knee"}, OverlayRequestSide::Left};
  OverlayBuildJob job;
  job.rig = &p.rig;
  job.model = model;
  job.request = &request;
  job.output = &out;
  EXPECT_FALSE(job.Validate()) << "an angle needs three joints";
  request.joints = {"hip", "kneecap", "ankle"};
  EXPECT_FALSE(job.Validate()) << "unknown joint";
  request.joints = {"hip", "knee", "ankle"};
  EXPECT_TRUE(job.Validate());
  job.model = std::span<const glm::mat4>(model).first(3);
  EXPECT_FALSE(job.Run()) << "too few matrices";
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(isOverlayJoint("toe"));
  EXPECT_FALSE(isOverlayJoint("Knee"));
}

TEST(OverlayText, DecodesUtf8AndLaysOutTheDegreeSign) {
  EXPECT_EQ(decodeUtf8("knee 90°"), U"knee 90\u00B0");
  EXPECT_EQ(decodeUtf8("\xE2\x88\x92" "5"), U"\u22125");
  EXPECT_EQ(decodeUtf8("a\xFF" "b"), U"a\uFFFDb");
  EXPECT_EQ(decodeUtf8("\xC2"), U"\uFFFD") << "a cut-off sequence";
  auto font = Font::findDejaVuSans();
  if (!font) GTEST_SKIP() << font.error().message;
  auto atlas = GlyphAtlas::load(*font, 32.0f);
  ASSERT_TRUE(atlas.ok()) << atlas.error().message;
  const std::vector<GlyphQuad> quads = atlas->layout("knee 90°", glm::vec2(10.0f, 50.0f), 20.0f);
  EXPECT_EQ(quads.size(), 7u) << "every visible character, the space has no quad";
  const float width = atlas->measure("knee 90°", 20.0f);
  EXPECT_GT(width, 50.0f);
  EXPECT_LT(width, 110.0f);
  EXPECT_NEAR(atlas->measure("knee 90°", 40.0f), 2.0f * width, 1e-3f) << "scales with the size";
  for (const GlyphQuad& q : quads) {
    EXPECT_GE(q.p0.x, 9.0f);
    EXPECT_LE(q.p1.x, 10.0f + width + 1.0f);
    EXPECT_LT(q.p0.y, 50.0f + 6.0f) << "glyphs stand on the baseline";
    EXPECT_GT(q.uv1.x, q.uv0.x);
  }
  EXPECT_LT(quads.back().p0.y, 50.0f - 5.0f) << "the degree sign sits high";
  EXPECT_FALSE(GlyphAtlas::load(std::filesystem::path(FORMVIZ_SOURCE_DIR) / "README.md").ok());
}

}  // namespace
}  // namespace formviz::render
