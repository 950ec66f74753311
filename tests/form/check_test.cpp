#include "form/check.h"

#include <functional>

#include <gtest/gtest.h>

#include "form_test_helpers.h"

namespace formviz::form {
namespace {
using test::axisAngle;
using test::kX;
using test::kZ;

// Builds a clip on the test body from rotation keys (degrees about an axis) and hips offsets.
struct ClipBuilder {
  const anim::Skeleton* skeleton;
  anim::RawClip raw;
  ClipBuilder(const anim::Skeleton& s, float duration) : skeleton(&s) {
    raw.name = "test clip";
    raw.duration = duration;
    raw.joints.resize(static_cast<std::size_t>(s.jointCount()));
  }
  ClipBuilder& rotation(const std::string& joint, glm::vec3 axis, std::vector<std::pair<float, float>> keys) {
    auto& track = raw.joints[static_cast<std::size_t>(skeleton->findJoint(joint))].rotation;
    for (auto [t, deg] : keys) {
      track.times.push_back(t);
      track.values.push_back(axisAngle(deg, axis));
    }
    return *this;
  }
  ClipBuilder& hips(std::vector<std::pair<float, glm::vec3>> keys) {
    auto& track = raw.joints[static_cast<std::size_t>(skeleton->findJoint("hips"))].translation;
    const glm::vec3 rest = skeleton->restPose()[static_cast<std::size_t>(skeleton->findJoint("hips"))].translation;
    for (auto [t, offset] : keys) {
      track.times.push_back(t);
      track.values.push_back(rest + offset);
    }
    return *this;
  }
  ClipBuilder& marker(const char* name, float time) {
    raw.markers.push_back({name, time});
    return *this;
  }
  anim::Clip build() {
    anim::fillMissingTracksFromRest(raw, *skeleton);
    Result<anim::Clip> clip = anim::Clip::build(raw);
    if (!clip) ADD_FAILURE() << clip.error().message;
    return clip ? std::move(clip).value() : anim::Clip{};
  }
};

ExerciseRules rulesOrDie(const char* text) {
  Result<ExerciseRules> rules = parseRules(text, "test.rules.json");
  if (!rules) ADD_FAILURE() << rules.error().message;
  return rules ? std::move(rules).value() : ExerciseRules{};
}

struct Fixture {
  anim::Skeleton skeleton = test::buildBody();
  BodyRig rig = test::bindOrDie(skeleton);
  CheckReport run(const anim::Clip& clip, const ExerciseRules& rules, bool mirrored = false, bool global = false) {
    CheckReport report;
    CheckJob job;
    job.skeleton = &skeleton;
    job.rig = &rig;
    job.clip = &clip;
    job.rules = &rules;
    job.sampleRate = 60.0f;
    job.mirrored = mirrored;
    job.globalBounds = global;
    job.output = &report;
    EXPECT_TRUE(job.Run());
    return report;
  }
  static const RuleResult& find(const CheckReport& report, const std::string& id, std::optional<Side> side) {
    for (const RuleResult& r : report.results)
      if (r.id == id && r.side == side) return r;
    ADD_FAILURE() << "no result " << id;
    static RuleResult none;
    return none;
  }
};

TEST(CheckJob, InvalidInputsAreRefused) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f).build();
  const anim::Skeleton other = anim::Skeleton::build(test::rawBody({{"hips", "", {0, 1, 0}}})).value();
  const ExerciseRules rules;
  CheckReport report;
  report.clip = "untouched";
  struct Case {
    const char* what;
    std::function<void(CheckJob&)> spoil;
  };
  const Case cases[] = {
      {"no skeleton", [](CheckJob& j) { j.skeleton = nullptr; }},
      {"no rig", [](CheckJob& j) { j.rig = nullptr; }},
      {"no clip", [](CheckJob& j) { j.clip = nullptr; }},
      {"no rules", [](CheckJob& j) { j.rules = nullptr; }},
      {"no output", [](CheckJob& j) { j.output = nullptr; }},
      {"clip of another skeleton", [&](CheckJob& j) { j.skeleton = &other; }},
      {"zero rate", [](CheckJob& j) { j.sampleRate = 0.0f; }},
      {"negative rate", [](CheckJob& j) { j.sampleRate = -30.0f; }},
      {"absurd rate", [](CheckJob& j) { j.sampleRate = 1e6f; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    CheckJob job;
    job.skeleton = &f.skeleton;
    job.rig = &f.rig;
    job.clip = &clip;
    job.rules = &rules;
    job.output = &report;
    ASSERT_TRUE(job.Validate());
    c.spoil(job);
    EXPECT_FALSE(job.Validate());
    EXPECT_FALSE(job.Run());
    EXPECT_EQ(report.clip, "untouched");
  }
}

// A squat-like clip: both knees bend to 100 degrees at "bottom" and hold until "up"; the left
// knee also caves in (FPPA 18 at "bottom"), the right stays straight in the frontal plane.
//
//   knee flexion   0 ------> 100 ===== 100 ------> 0
//   left FPPA      0 ------>  18 =====  18 ------> 0
//   time (s)       0          1.0      1.2        2.0
//   markers      "top"     "bottom"    "up"
anim::Clip valgusSquat(const anim::Skeleton& skeleton) {
  return ClipBuilder(skeleton, 2.0f)
      .rotation("leftLowerLeg", glm::normalize(glm::vec3(1, 0, 0)), {{0, 0}, {1.0f, 100}, {1.2f, 100}, {2.0f, 0}})
      .rotation("rightLowerLeg", kX, {{0, 0}, {1.0f, 100}, {1.2f, 100}, {2.0f, 0}})
      .rotation("leftUpperLeg", kZ, {{0, 0}, {1.0f, -9}, {1.2f, -9}, {2.0f, 0}})
      .rotation("leftFoot", kZ, {{0, 0}, {1.0f, 9}, {1.2f, 9}, {2.0f, 0}})
      .marker("top", 0.0f)
      .marker("bottom", 1.0f)
      .marker("up", 1.2f)
      .build();
}

TEST(CheckJob, KneeDepthPassesAndValgusFailsWithItsDeviation) {
  Fixture f;
  // Valgus before flexion: the knee is straight when the FPPA is measured, so build it in
  // the frontal plane only (no knee bend) for an exact FPPA.
  const anim::Clip frontal = ClipBuilder(f.skeleton, 2.0f)
                                 .rotation("leftUpperLeg", kZ, {{0, 0}, {1.0f, -9}, {1.2f, -9}, {2.0f, 0}})
                                 .rotation("leftLowerLeg", kZ, {{0, 0}, {1.0f, 18}, {1.2f, 18}, {2.0f, 0}})
                                 .marker("top", 0.0f)
                                 .marker("bottom", 1.0f)
                                 .marker("up", 1.2f)
                                 .build();
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "squat", "rules": [
      {"id": "valgus", "measure": "kneeFppa", "statistic": "max", "range": [null, 12], "source": "Herrington 2010 [S]"}]})");
  const CheckReport report = f.run(frontal, rules);
  const RuleResult& left = Fixture::find(report, "valgus", Side::Left);
  EXPECT_FALSE(left.pass);
  EXPECT_NEAR(left.value, 18.0f, 0.5f);
  EXPECT_NEAR(left.deviation, 6.0f, 0.5f);
  EXPECT_GE(left.time, 1.0f - 1e-4f);  // the worst frame is in the held bottom
  EXPECT_LE(left.time, 1.2f + 1e-4f);
  const RuleResult& right = Fixture::find(report, "valgus", Side::Right);
  EXPECT_TRUE(right.pass);
  EXPECT_NEAR(right.value, 0.0f, 0.01f);
  EXPECT_EQ(right.deviation, 0.0f);
  EXPECT_EQ(report.failures(), 1);

  const std::string table = formatReport(report);
  EXPECT_NE(table.find("kneeFppa"), std::string::npos) << table;
  EXPECT_NE(table.find("FAIL (6.0 deg above the range)"), std::string::npos) << table;
  EXPECT_NE(table.find("<= 12.0 deg"), std::string::npos) << table;
  EXPECT_NE(table.find("1 of 2 checks fail"), std::string::npos) << table;
}

// Tempo: the left thigh swings 0 -> 90 degrees of flexion in 1 s at a constant speed, holds for
// 0.5 s, and comes back in 0.5 s (180 deg/s); the right stays still. hipFlexionSpeed is the
// central difference of hipFlexion over the neighbouring frames.
TEST(CheckJob, HipFlexionSpeedIsTheThighsAngularSpeed) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 2.0f)
                              .rotation("leftUpperLeg", kX, {{0, 0}, {1.0f, -90}, {1.5f, -90}, {2.0f, 0}})
                              .marker("out", 0.0f)
                              .marker("hold", 1.0f)
                              .marker("back", 1.5f)
                              .build();
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "tempo", "rules": [
      {"id": "out", "measure": "hipFlexionSpeed", "side": "left", "phase": "out", "statistic": "max", "range": [null, 120], "source": "[E]"},
      {"id": "back", "measure": "hipFlexionSpeed", "side": "left", "phase": "back", "statistic": "max", "range": [null, 120], "source": "[E]"},
      {"id": "still", "measure": "hipFlexionSpeed", "side": "right", "statistic": "max", "range": [null, 1], "source": "[E]"}]})");
  const CheckReport report = f.run(clip, rules);
  const RuleResult& out = Fixture::find(report, "out", Side::Left);
  EXPECT_TRUE(out.pass);
  EXPECT_NEAR(out.value, 90.0f, 0.5f);
  const RuleResult& back = Fixture::find(report, "back", Side::Left);
  EXPECT_FALSE(back.pass);
  EXPECT_NEAR(back.value, 180.0f, 1.0f);
  EXPECT_NEAR(back.deviation, 60.0f, 1.0f);
  EXPECT_TRUE(Fixture::find(report, "still", Side::Right).pass);
  // Mid-swing frames read the swing's speed exactly; the hold reads 0.
  for (std::size_t i = 0; i < report.times.size(); ++i) {
    const float t = report.times[i], v = report.frames[i].get(Measure::HipFlexionSpeed, Side::Left);
    if (t > 0.05f && t < 0.95f) {
      EXPECT_NEAR(v, 90.0f, 0.5f) << t;
    } else if (t > 1.05f && t < 1.45f) {
      EXPECT_NEAR(v, 0.0f, 0.01f) << t;
    } else if (t > 1.55f && t < 1.95f) {
      EXPECT_NEAR(v, 180.0f, 1.0f) << t;
    }
  }
  const std::string table = formatReport(report);
  EXPECT_NE(table.find("FAIL (60 deg/s above the range)  back"), std::string::npos) << table;
  EXPECT_NE(table.find("<= 120 deg/s"), std::string::npos) << table;
}

// "rise": how far a measure climbs above its value at the phase's first frame. The knees bend
// 0 -> 100 from "top" to "bottom" (a rise of 100) and straighten 100 -> 0 after "up" (none).
TEST(CheckJob, RiseIsTheClimbAboveThePhasesFirstFrame) {
  Fixture f;
  const anim::Clip clip = valgusSquat(f.skeleton);
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "squat", "rules": [
      {"id": "down", "measure": "kneeFlexion", "side": "right", "phase": "top..bottom", "statistic": "rise", "range": [null, 10], "source": "[E]"},
      {"id": "up", "measure": "kneeFlexion", "side": "right", "phase": "up", "statistic": "rise", "range": [null, 10], "source": "[E]"}]})");
  const CheckReport report = f.run(clip, rules);
  const RuleResult& down = Fixture::find(report, "down", Side::Right);
  EXPECT_FALSE(down.pass);
  EXPECT_NEAR(down.value, 100.0f, 0.5f);
  EXPECT_NEAR(down.deviation, 90.0f, 0.5f);
  EXPECT_NEAR(down.time, 1.0f, 1e-4f);  // the worst frame: the top of the climb
  const RuleResult& up = Fixture::find(report, "up", Side::Right);
  EXPECT_TRUE(up.pass);
  EXPECT_NEAR(up.value, 0.0f, 1e-4f);
  EXPECT_NE(formatReport(report).find("rise"), std::string::npos);
}

TEST(CheckJob, PhasesStatisticsAndSides) {
  Fixture f;
  const anim::Clip clip = valgusSquat(f.skeleton);
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "squat", "workingSide": "left", "rules": [
      {"id": "depth", "measure": "kneeFlexion", "phase": "bottom", "statistic": "max", "range": [90, 110], "source": "Escamilla 2001 [S]"},
      {"id": "at", "measure": "kneeFlexion", "side": "right", "phase": "bottom", "statistic": "at", "range": [99, 101], "source": "[E]"},
      {"id": "start", "measure": "kneeFlexion", "side": "right", "phase": "top", "statistic": "at", "range": [-1, 1], "source": "[E]"},
      {"id": "descent", "measure": "kneeFlexion", "side": "right", "phase": "top..bottom", "statistic": "min", "range": [-1, 1], "source": "[E]"},
      {"id": "swing", "measure": "kneeFlexion", "side": "right", "statistic": "range", "range": [0, 10], "source": "[E]"},
      {"id": "every", "measure": "kneeFlexion", "side": "working", "phase": "bottom", "statistic": "every", "range": [95, 105], "source": "[E]"},
      {"id": "missing", "measure": "kneeFlexion", "phase": "lockout", "statistic": "max", "range": [0, 5], "source": "[E]"}]})");
  const CheckReport report = f.run(clip, rules);
  for (Side s : {Side::Left, Side::Right}) {
    const RuleResult& depth = Fixture::find(report, "depth", s);
    EXPECT_TRUE(depth.pass) << sideName(s);
    EXPECT_NEAR(depth.value, 100.0f, 0.5f);
  }
  const RuleResult& at = Fixture::find(report, "at", Side::Right);
  EXPECT_TRUE(at.pass);
  EXPECT_NEAR(at.time, 1.0f, 1e-5f);
  EXPECT_NEAR(Fixture::find(report, "start", Side::Right).value, 0.0f, 0.01f);
  EXPECT_TRUE(Fixture::find(report, "descent", Side::Right).pass);
  const RuleResult& swing = Fixture::find(report, "swing", Side::Right);
  EXPECT_FALSE(swing.pass);
  EXPECT_NEAR(swing.value, 100.0f, 0.5f);
  EXPECT_NEAR(swing.deviation, 90.0f, 0.5f);
  const RuleResult& every = Fixture::find(report, "every", Side::Left);  // working = left
  EXPECT_TRUE(every.pass);
  const RuleResult& missing = Fixture::find(report, "missing", Side::Left);
  EXPECT_FALSE(missing.pass);
  EXPECT_NE(missing.note.find("no marker \"lockout\""), std::string::npos) << missing.note;

  // Mirrored, the working side is the right, and "right" rules look at the left.
  const CheckReport mirrored = f.run(clip, rules, true);
  for (const RuleResult& r : mirrored.results) {
    if (r.id == "every") {
      EXPECT_EQ(r.side, Side::Right);
    }
    if (r.id == "at" || r.id == "start" || r.id == "descent" || r.id == "swing") {
      EXPECT_EQ(r.side, Side::Left) << r.id;
    }
  }
}

// The whole figure slides 3 cm along x and sinks 8 mm at 0.5 s while the left foot is
// declared planted from "plant" on: slide 3 cm (measured from the contact's start), 8 mm
// below the floor, the planted foot's highest point 0 at rest.
//
//   hips x     0 -----------> +0.03
//   hips y     0 ---> -0.008 ---> 0
//   time (s)   0      0.5        1.0
TEST(CheckJob, SlidingPenetrationAndContactHeight) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f)
                              .hips({{0.0f, {0, 0, 0}}, {0.5f, {0.015f, -0.008f, 0}}, {1.0f, {0.03f, 0, 0}}})
                              .marker("plant", 0.0f)
                              .build();
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "slide", "contacts": [{"contact": "leftFoot", "phase": "plant"}], "rules": [
      {"id": "slide", "measure": "contactSlide", "statistic": "max", "range": [0, 0.005], "source": "issue 5 [E]"},
      {"id": "sink", "measure": "floorPenetration", "statistic": "max", "range": [0, 0.005], "source": "issue 5 [E]"},
      {"id": "float", "measure": "contactHeight", "side": "left", "statistic": "max", "range": [0, 0.005], "source": "[E]"}]})");
  const CheckReport report = f.run(clip, rules);
  const RuleResult& slide = Fixture::find(report, "slide", Side::Left);
  EXPECT_FALSE(slide.pass);
  EXPECT_NEAR(slide.value, 0.03f, 1e-4f);
  EXPECT_NEAR(slide.deviation, 0.025f, 1e-4f);
  EXPECT_NEAR(slide.time, 1.0f, 1e-5f);
  // No contact declared on the right: nothing to slide, and the rule has no data.
  const RuleResult& right = Fixture::find(report, "slide", Side::Right);
  EXPECT_FALSE(right.pass);
  EXPECT_NE(right.note.find("no frame"), std::string::npos);
  for (Side s : {Side::Left, Side::Right}) {
    const RuleResult& sink = Fixture::find(report, "sink", s);
    EXPECT_FALSE(sink.pass);
    EXPECT_NEAR(sink.value, 0.008f, 1e-4f);
    EXPECT_NEAR(sink.time, 0.5f, 1e-5f);
  }
  const RuleResult& height = Fixture::find(report, "float", Side::Left);
  EXPECT_TRUE(height.pass);
  EXPECT_NEAR(height.value, 0.0f, 1e-4f);  // highest planted point: heel/toe at rest
  const std::string table = formatReport(report);
  EXPECT_NE(table.find("30.0 mm"), std::string::npos) << table;

  // Mirrored: the declared left foot is the right one.
  const CheckReport mirrored = f.run(clip, rules, true);
  EXPECT_NEAR(Fixture::find(mirrored, "slide", Side::Right).value, 0.03f, 1e-4f);
  EXPECT_TRUE(Fixture::find(mirrored, "float", Side::Right).pass);  // the rule said "left"
}

// A sliding contact (bounding's stance foot, baked in place) must stay on one straight line:
// the figure moves 4 cm along z and 3 mm sideways in the middle of the span, so a planted
// declaration reads the 4 cm drift and a sliding one only the 3 mm off the line (x) through
// the first and last positions. The phase is the second "stance" marker ("stance#2"), and a
// marker number past the last is reported as missing.
//
//   hips z     0 -----------> +0.04      (0.5 .. 1.0 s)
//   hips x     0 --> 0.003 --> 0
TEST(CheckJob, SlidingContactsStayOnTheirLineAndRepeatedPhasesAreNumbered) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f)
                              .hips({{0.0f, {0, 0, 0}}, {0.5f, {0, 0, 0}}, {0.75f, {0.003f, 0, 0.02f}}, {1.0f, {0, 0, 0.04f}}})
                              .marker("stance", 0.0f)
                              .marker("flight", 0.25f)
                              .marker("stance", 0.5f)
                              .build();
  const std::string text = R"({"exercise": "slide", "contacts": [{"contact": "leftFoot", "phase": "stance#2", "sliding": SLIDING}], "rules": [
      {"id": "slide", "measure": "contactSlide", "side": "left", "statistic": "max", "range": [0, 0.005], "source": "issue 5 [E]"},
      {"id": "third", "measure": "kneeFlexion", "side": "left", "phase": "stance#3", "statistic": "max", "range": [0, 5], "source": "[E]"}]})";
  auto withSliding = [&](const char* value) {
    std::string t = text;
    t.replace(t.find("SLIDING"), 7, value);
    return t;
  };
  const ExerciseRules planted = rulesOrDie(withSliding("false").c_str());
  const ExerciseRules sliding = rulesOrDie(withSliding("true").c_str());
  ASSERT_EQ(sliding.contacts.size(), 1u);
  EXPECT_TRUE(sliding.contacts[0].sliding);
  EXPECT_FALSE(planted.contacts[0].sliding);
  const RuleResult& drift = Fixture::find(f.run(clip, planted), "slide", Side::Left);
  EXPECT_FALSE(drift.pass);
  EXPECT_NEAR(drift.value, 0.04f, 1e-4f);  // measured from 0.5 s, the second "stance" marker
  const CheckReport report = f.run(clip, sliding);
  const RuleResult& line = Fixture::find(report, "slide", Side::Left);
  EXPECT_TRUE(line.pass);
  EXPECT_NEAR(line.value, 0.003f, 1e-4f);
  EXPECT_NEAR(line.time, 0.75f, 1e-5f);
  const RuleResult& third = Fixture::find(report, "third", Side::Left);
  EXPECT_FALSE(third.pass);
  EXPECT_NE(third.note.find("no marker \"stance#3\""), std::string::npos) << third.note;
  // "sliding" must be a boolean.
  const Result<ExerciseRules> bad = parseRules(R"({"exercise": "x", "contacts": [{"contact": "leftFoot", "sliding": 1}], "rules": [
      {"id": "a", "measure": "kneeFlexion", "statistic": "max", "range": [0, 5], "source": "[E]"}]})", "x.rules.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("x.rules.json: contacts[0].sliding: expected true or false"), std::string::npos)
      << bad.error().message;
}

// Standing still: the centre of mass is inside the two feet (margin > 5 cm), but with only
// the right foot planted the base of support is the line of its contact points, 9 cm to the
// right of the midline: margin -9 cm.
TEST(CheckJob, CentreOfMassAgainstTheBaseOfSupport) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f).marker("hold", 0.0f).build();
  const ExerciseRules both = rulesOrDie(R"({"exercise": "stand", "contacts": [{"contact": "leftFoot"}, {"contact": "rightFoot"}],
      "rules": [{"id": "com", "measure": "comMargin", "statistic": "min", "range": [0.0, null], "source": "statics [E]"}]})");
  const RuleResult inside = Fixture::find(f.run(clip, both), "com", std::nullopt);
  EXPECT_TRUE(inside.pass);
  EXPECT_GT(inside.value, 0.05f);

  const ExerciseRules one = rulesOrDie(R"({"exercise": "stand", "contacts": [{"contact": "rightFoot", "phase": "hold"}],
      "rules": [{"id": "com", "measure": "comMargin", "statistic": "min", "range": [0.0, null], "source": "statics [E]"}]})");
  const RuleResult outside = Fixture::find(f.run(clip, one), "com", std::nullopt);
  EXPECT_FALSE(outside.pass);
  EXPECT_NEAR(outside.value, -0.09f, 1e-4f);
  EXPECT_NEAR(outside.deviation, -0.09f, 1e-4f);
}

TEST(CheckJob, GlobalBoundsCatchImpossibleJoints) {
  Fixture f;
  // The left knee bends to 150 (cap 140) with the foot in the air; the right stays planted.
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f)
                              .rotation("leftUpperLeg", kX, {{0, 0}, {1.0f, -90}})
                              .rotation("leftLowerLeg", kX, {{0, 0}, {1.0f, 150}})
                              .build();
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "x", "contacts": [{"contact": "rightFoot"}], "rules": []})");
  const CheckReport report = f.run(clip, rules, false, true);
  const RuleResult& knee = Fixture::find(report, "rom.knee", Side::Left);
  EXPECT_TRUE(knee.global);
  EXPECT_FALSE(knee.pass);
  EXPECT_NEAR(knee.value, 150.0f, 0.5f);
  EXPECT_NEAR(knee.deviation, 10.0f, 0.5f);
  EXPECT_TRUE(Fixture::find(report, "rom.knee", Side::Right).pass);
  EXPECT_TRUE(Fixture::find(report, "rom.hip", Side::Left).pass);
  // Weight-bearing cap applies to the planted right foot; the free left foot has no planted frames.
  EXPECT_TRUE(Fixture::find(report, "rom.ankle.wb", Side::Right).pass);
  const RuleResult& wbLeft = Fixture::find(report, "rom.ankle.wb", Side::Left);
  EXPECT_TRUE(wbLeft.pass);
  EXPECT_EQ(wbLeft.note, "not applicable");
  EXPECT_EQ(report.failures(), 1);
}

// A clip made on one body checked on a taller one (another preset): angles carry over.
TEST(CheckJob, ClipOfAnotherBodyIsRetargetedByName) {
  Fixture f;
  const anim::Skeleton tall = test::buildBody(0.0f, 1.1f);
  const BodyRig tallRig = test::bindOrDie(tall);
  const anim::Clip clip = valgusSquat(f.skeleton);
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "squat", "rules": [
      {"id": "depth", "measure": "kneeFlexion", "side": "right", "phase": "bottom", "statistic": "max", "range": [90, 110], "source": "[E]"}]})");
  CheckReport report;
  CheckJob job;
  job.skeleton = &tall;
  job.rig = &tallRig;
  job.clip = &clip;
  job.clipSkeleton = &f.skeleton;
  job.rules = &rules;
  job.globalBounds = false;
  job.output = &report;
  ASSERT_TRUE(job.Run());
  EXPECT_NEAR(Fixture::find(report, "depth", Side::Right).value, 100.0f, 0.5f);
  job.clipSkeleton = nullptr;  // the tall body has the same joint count, so this also runs
  EXPECT_TRUE(job.Validate());
}

TEST(CheckJob, AnUndeclaredContactMarkerFailsTheCheck) {
  Fixture f;
  const anim::Clip clip = ClipBuilder(f.skeleton, 1.0f).build();
  const ExerciseRules rules = rulesOrDie(R"({"exercise": "x", "contacts": [{"contact": "leftHand", "phase": "plank"}], "rules": []})");
  const CheckReport report = f.run(clip, rules);
  ASSERT_EQ(report.results.size(), 1u);
  EXPECT_FALSE(report.results[0].pass);
  EXPECT_NE(report.results[0].note.find("contact leftHand: the clip has no marker \"plank\""), std::string::npos);
}

}  // namespace
}  // namespace formviz::form

namespace formviz::form {
namespace {

CheckReport reportWith(const char* clip, std::initializer_list<std::pair<const char*, bool>> results) {
  CheckReport report;
  report.clip = clip;
  for (auto [id, pass] : results) {
    RuleResult r;
    r.id = id;
    r.pass = pass;
    report.results.push_back(r);
  }
  return report;
}

TEST(JudgeClip, CorrectClipsMustFailNothingAndMistakesExactlyTheirRules) {
  ExerciseRules rules;
  rules.mistakes["knee_valgus"] = {"squat.valgus"};
  const ClipVerdict ok = judgeClip(reportWith("correct", {{"squat.valgus", true}, {"rom.knee", true}}), rules);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(formatVerdict(ok), "verdict correct: OK (passes every rule)\n");
  const ClipVerdict bad = judgeClip(reportWith("correct", {{"squat.valgus", false}, {"squat.valgus", false}}), rules);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(formatVerdict(bad), "verdict correct: WRONG (fails: squat.valgus)\n");  // once, though both sides fail
  const ClipVerdict flagged = judgeClip(reportWith("mistake_knee_valgus", {{"squat.valgus", false}, {"rom.knee", true}}), rules);
  EXPECT_TRUE(flagged.ok());
  EXPECT_EQ(formatVerdict(flagged), "verdict mistake_knee_valgus: OK (the mistake fails exactly squat.valgus, as declared)\n");
  const ClipVerdict both = judgeClip(reportWith("mistake_knee_valgus", {{"squat.valgus", true}, {"rom.knee", false}}), rules);
  EXPECT_EQ(both.missed, std::vector<std::string>{"squat.valgus"});
  EXPECT_EQ(both.unexpected, std::vector<std::string>{"rom.knee"});
  EXPECT_EQ(formatVerdict(both), "verdict mistake_knee_valgus: WRONG (not flagged: squat.valgus; also fails: rom.knee)\n");
  const ClipVerdict undeclared = judgeClip(reportWith("mistake_heel_lift", {{"squat.valgus", true}}), rules);
  EXPECT_FALSE(undeclared.ok());
  EXPECT_NE(undeclared.problem.find("declares no expectation for mistake \"heel_lift\""), std::string::npos);
}

}  // namespace
}  // namespace formviz::form
