// Guidance rules (each with a session that triggers it and one that does not), the coverage
// map, and the built-in templates against the shipped catalog.
#include <gtest/gtest.h>

#include <algorithm>

#include <fmt/format.h>

#include "app/domain/guidance.h"
#include "app/domain/templates.h"
#include "test_support.h"

namespace formviz::domain {
namespace {
using body::MuscleGroup;
using body::RegionSide;

const Catalog& catalog() {
  static const Catalog c = test::shippedCatalog();
  return c;
}

// A session of the catalog's default dosages for `ids`.
Session sessionOf(std::initializer_list<const char*> ids) {
  Session s;
  for (const char* id : ids) {
    const Exercise* ex = catalog().find(id);
    EXPECT_NE(ex, nullptr) << id;
    if (ex) s.items.push_back(makeItem(*ex));
  }
  return s;
}

std::vector<Finding> withRule(const std::vector<Finding>& findings, std::string_view rule) {
  std::vector<Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule == rule; });
  return out;
}

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings)
    out += fmt::format("[{}] {}: {}\n", f.severity == Severity::Warning ? "warn" : "info", f.rule, f.message);
  return out;
}

// --- single_leg --------------------------------------------------------------------------

TEST(Guidance, SingleLeg) {
  auto f = checkSingleLeg(sessionOf({"goblet_squat", "romanian_deadlift"}), catalog());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "single_leg");
  EXPECT_EQ(f[0].severity, Severity::Warning);
  EXPECT_NE(f[0].message.find("single-leg"), std::string::npos);
  EXPECT_TRUE(checkSingleLeg(sessionOf({"goblet_squat", "reverse_lunge"}), catalog()).empty());
  EXPECT_TRUE(checkSingleLeg(Session{}, catalog()).empty());
}

// --- core_stability ----------------------------------------------------------------------

TEST(Guidance, CoreStability) {
  auto none = checkCoreStability(sessionOf({"goblet_squat"}), catalog());
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].severity, Severity::Warning);
  auto extensionOnly = checkCoreStability(sessionOf({"goblet_squat", "front_plank"}), catalog());
  ASSERT_EQ(extensionOnly.size(), 1u);
  EXPECT_EQ(extensionOnly[0].severity, Severity::Info);
  EXPECT_NE(extensionOnly[0].message.find("twisting"), std::string::npos);
  auto rotationOnly = checkCoreStability(sessionOf({"pallof_press"}), catalog());
  ASSERT_EQ(rotationOnly.size(), 1u);
  EXPECT_EQ(rotationOnly[0].severity, Severity::Info);
  EXPECT_TRUE(checkCoreStability(sessionOf({"dead_bug", "pallof_press"}), catalog()).empty());
}

// --- priority_group ----------------------------------------------------------------------

TEST(Guidance, PriorityGroupsMissing) {
  // A goblet squat alone: quads and glutes primary (3 sets each); hamstrings 1.5 (secondary),
  // core 1.5 (erector spinae / obliques, secondary), upper back 1.5: barely; calves and hip
  // stabilizers: not at all.
  auto f = checkPriorityGroups(sessionOf({"goblet_squat"}), catalog());
  std::vector<std::string> messages;
  for (const Finding& x : f) messages.push_back(x.message.substr(0, x.message.find('.')));
  EXPECT_EQ(messages, (std::vector<std::string>{"Hamstrings barely trained", "Core barely trained",
                                                "Calves not trained", "Hip stabilizers not trained",
                                                "Upper back and shoulders barely trained"}))
      << describe(f);
  for (const Finding& x : f) EXPECT_EQ(x.severity, Severity::Warning);
}

TEST(Guidance, PriorityGroupsAllTrained) {
  const Session s = sessionOf({"goblet_squat", "single_leg_rdl", "calf_raise_straight", "side_plank", "dead_bug",
                               "band_pull_apart"});
  EXPECT_TRUE(checkPriorityGroups(s, catalog()).empty()) << describe(checkPriorityGroups(s, catalog()));
}

// --- isolation ---------------------------------------------------------------------------

TEST(Guidance, MostlyIsolation) {
  // clamshell 2 + calf raise 3 + band pull-apart 3 = 8 isolation sets of 11.
  auto f = checkIsolation(sessionOf({"clamshell", "calf_raise_straight", "band_pull_apart", "goblet_squat"}), catalog());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Warning);
  EXPECT_NE(f[0].message.find("8 of 11 sets"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].items, (std::vector<std::size_t>{0, 1, 2}));
  // Exactly half is not "mostly": calf raise 3 of 6.
  EXPECT_TRUE(checkIsolation(sessionOf({"calf_raise_straight", "goblet_squat"}), catalog()).empty());
}

// --- duration ----------------------------------------------------------------------------

TEST(Guidance, Duration) {
  auto shortSession = checkDuration(sessionOf({"goblet_squat"}), catalog());
  ASSERT_EQ(shortSession.size(), 1u);
  EXPECT_EQ(shortSession[0].severity, Severity::Info);
  EXPECT_NE(shortSession[0].message.find("shorter"), std::string::npos);

  Session longSession = sessionOf({"goblet_squat", "bulgarian_split_squat", "romanian_deadlift", "step_up",
                                   "single_leg_rdl", "reverse_lunge", "forward_lunge", "glute_bridge"});
  ASSERT_GT(estimateDuration(longSession, catalog()).minutes(), 45.0f);
  auto tooLong = checkDuration(longSession, catalog());
  ASSERT_EQ(tooLong.size(), 1u);
  EXPECT_EQ(tooLong[0].severity, Severity::Warning);
  EXPECT_NE(tooLong[0].message.find("longer"), std::string::npos);

  const Session& fits = findTemplate("foundation_a")->session;
  const float minutes = estimateDuration(fits, catalog()).minutes();
  ASSERT_GE(minutes, 30.0f);
  ASSERT_LE(minutes, 45.0f);
  EXPECT_TRUE(checkDuration(fits, catalog()).empty());

  auto empty = checkSession(Session{}, catalog());
  ASSERT_EQ(empty.size(), 1u) << describe(empty);
  EXPECT_EQ(empty[0].rule, "duration");
  EXPECT_EQ(empty[0].severity, Severity::Info);
}

// --- plyo_fatigue ------------------------------------------------------------------------

TEST(Guidance, PlyometricsAfterHeavyWork) {
  auto f = checkPlyometricsAfterFatigue(sessionOf({"glute_bridge", "romanian_deadlift", "jump_squat", "bounding"}), catalog());
  ASSERT_EQ(f.size(), 2u) << describe(f);
  EXPECT_EQ(f[0].items, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(f[1].items, (std::vector<std::size_t>{1, 3}));
  EXPECT_NE(f[0].message.find("Jump squat comes after Romanian deadlift"), std::string::npos) << f[0].message;

  // Jumps first: fine. Light bodyweight work before them: fine.
  EXPECT_TRUE(checkPlyometricsAfterFatigue(sessionOf({"jump_squat", "romanian_deadlift"}), catalog()).empty());
  EXPECT_TRUE(checkPlyometricsAfterFatigue(sessionOf({"bodyweight_squat", "jump_squat"}), catalog()).empty());
  // The same light exercise with a load written in counts as heavy.
  Session loaded = sessionOf({"bodyweight_squat", "jump_squat"});
  loaded.items[0].load = "weighted vest";
  EXPECT_EQ(checkPlyometricsAfterFatigue(loaded, catalog()).size(), 1u);
}

// --- unknown_exercise --------------------------------------------------------------------

TEST(Guidance, UnknownExercises) {
  Session s = sessionOf({"goblet_squat"});
  s.items.push_back(test::itemOf("nordic_curl", 3, 5));
  auto f = checkUnknownExercises(s, catalog());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::Info);
  EXPECT_EQ(f[0].items, std::vector<std::size_t>{1});
  EXPECT_EQ(withRule(checkSession(s, catalog()), "unknown_exercise").size(), 1u);
  EXPECT_TRUE(checkUnknownExercises(sessionOf({"goblet_squat"}), catalog()).empty());
}

// --- coverage ----------------------------------------------------------------------------

TEST(Coverage, PrimaryCountsMoreThanSecondaryAndScalesWithSets) {
  Session s = sessionOf({"goblet_squat", "step_up"});  // goblet 3 sets; step-up 3 sets
  s.items[1].side = Side::Left;                        // single-leg, left only
  s.items[1].sets = 2;
  const Coverage c = computeCoverage(s, catalog());
  auto region = [&](MuscleGroup g, RegionSide side) { return c.regions[static_cast<std::size_t>(body::regionId(g, side))]; };
  //                         goblet (3 sets)        step-up (2 sets, left)
  // quadriceps  primary:    3 + 3                  + 2 left
  // hamstrings  secondary:  1.5 + 1.5              + 1 left (secondary)
  // hip stab.   secondary:  0                      + 1 left
  EXPECT_FLOAT_EQ(region(MuscleGroup::Quadriceps, RegionSide::Left), 5.0f);
  EXPECT_FLOAT_EQ(region(MuscleGroup::Quadriceps, RegionSide::Right), 3.0f);
  EXPECT_FLOAT_EQ(region(MuscleGroup::Hamstrings, RegionSide::Left), 2.5f);
  EXPECT_FLOAT_EQ(region(MuscleGroup::Hamstrings, RegionSide::Right), 1.5f);
  EXPECT_FLOAT_EQ(region(MuscleGroup::HipStabilizers, RegionSide::Left), 1.0f);
  EXPECT_FLOAT_EQ(region(MuscleGroup::HipStabilizers, RegionSide::Right), 0.0f);
  EXPECT_FLOAT_EQ(c.group(MuscleGroup::Quadriceps), 4.0f);
  EXPECT_FLOAT_EQ(c.maxScore, 5.0f);
  EXPECT_FLOAT_EQ(c.normalized(body::regionId(MuscleGroup::Quadriceps, RegionSide::Left)), 1.0f);
  EXPECT_FLOAT_EQ(c.normalized(body::regionId(MuscleGroup::Quadriceps, RegionSide::Right)), 0.6f);
  EXPECT_FLOAT_EQ(c.normalized(0), 0.0f);
  EXPECT_FLOAT_EQ(c.normalized(body::kMuscleRegionCount), 0.0f);
  EXPECT_FLOAT_EQ(computeCoverage(Session{}, catalog()).normalized(1), 0.0f);
}

TEST(Coverage, UnknownExercisesAreSkipped) {
  Session s;
  s.items.push_back(test::itemOf("nordic_curl", 3, 5));
  EXPECT_FLOAT_EQ(computeCoverage(s, catalog()).maxScore, 0.0f);
}

// --- templates ---------------------------------------------------------------------------

TEST(Templates, EveryTemplatePassesTheGuidance) {
  const auto& templates = sessionTemplates();
  ASSERT_EQ(templates.size(), 6u);
  for (const SessionTemplate& t : templates) {
    SCOPED_TRACE(std::string(t.key));
    for (const SessionItem& item : t.session.items) {
      EXPECT_TRUE(catalog().contains(item.exerciseId)) << item.exerciseId;
      EXPECT_TRUE(SessionEditor(t.session).edit(0, t.session.items[0]).ok());
    }
    const auto findings = checkSession(t.session, catalog());
    EXPECT_TRUE(withRule(findings, "priority_group").empty()) << describe(findings);
    for (const Finding& f : findings) EXPECT_EQ(f.severity, Severity::Info) << describe(findings);
    const float minutes = estimateDuration(t.session, catalog()).minutes();
    if (t.key == "short_core") {
      EXPECT_LT(minutes, 30.0f);
    } else {
      EXPECT_GE(minutes, 30.0f);
      EXPECT_LE(minutes, 45.0f);
    }
    EXPECT_NEAR(minutes, static_cast<float>(t.session.targetMinutes), 5.0f);
  }
  EXPECT_EQ(findTemplate("knee_friendly")->session.name, "Knee-friendly clinic session");
  EXPECT_EQ(findTemplate("nope"), nullptr);
}

}  // namespace
}  // namespace formviz::domain
