// Muscle activation over time: the catalog's "activation" field (validation) and
// activationAt (levels at known times, easing across boundaries and the loop, sides).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "app/domain/activation.h"
#include "app/domain/catalog.h"
#include "test_support.h"

namespace formviz::domain {
namespace {
using nlohmann::json;
using body::MuscleGroup;
using body::RegionSide;

// One squat-like exercise; its clip 'correct' lasts 4 s:
//   0.0        1.0        2.0      2.5        4.0
//   |setup-----|descent---|bottom--|ascent----|(end, loops to setup)
json catalogWith(const json& activation, bool singleLeg = false) {
  json ex = json::parse(R"({"id": "alpha", "name": "Alpha", "description": "A test squat.", "category": "strength",
       "equipment": ["bodyweight"], "single_leg": false, "difficulty": 2,
       "primary": ["quadriceps", "gluteus_maximus"], "secondary": ["hamstrings"],
       "dosage": {"sets": 3, "reps": 10, "rest_seconds": 90},
       "phases": ["setup", "descent", "bottom", "ascent"], "mistakes": [], "cues": []})");
  ex["single_leg"] = singleLeg;
  if (!activation.is_null()) ex["activation"] = activation;
  return json{{"format", "formviz-catalog"}, {"version", 1}, {"exercises", json::array({ex})}};
}

std::vector<ClipMarker> markers() { return {{"setup", 0.0f}, {"descent", 1.0f}, {"bottom", 2.0f}, {"ascent", 2.5f}}; }
constexpr float kDuration = 4.0f;

MemoryClipIndex clips() {
  MemoryClipIndex index;
  index.add("alpha", {{"correct", kDuration, markers()}});
  return index;
}

CatalogLoad load(const json& catalog) {
  auto result = parseCatalog(catalog.dump(), "catalog.json", clips());
  EXPECT_TRUE(result.ok());
  return result.ok() ? std::move(result).value() : CatalogLoad{};
}

std::string issuesText(const CatalogLoad& l) {
  std::string out;
  for (const CatalogIssue& i : l.issues) out += i.text() + "\n";
  return out;
}

const json kSquat = json::parse(R"({"phases": {
    "setup":   {"quadriceps": 0.1, "gluteus_maximus": 0.1},
    "descent": {"quadriceps": 0.6, "gluteus_maximus": 0.5, "hamstrings": 0.2},
    "bottom":  {"quadriceps": 0.7, "gluteus_maximus": 0.6, "hamstrings": 0.3},
    "ascent":  {"quadriceps": 1.0, "gluteus_maximus": 0.9, "hamstrings": 0.4}}})");

int region(MuscleGroup g, RegionSide s) { return body::regionId(g, s); }
const int kLeftQuad = region(MuscleGroup::Quadriceps, RegionSide::Left);
const int kRightQuad = region(MuscleGroup::Quadriceps, RegionSide::Right);

// [SECTION] Loading

TEST(ActivationLoad, LevelsLandOnBothSidesInPhaseOrder) {
  const CatalogLoad l = load(catalogWith(kSquat));
  ASSERT_TRUE(l.issues.empty()) << issuesText(l);
  const Activation& a = l.catalog.find("alpha")->activation;
  ASSERT_EQ(a.phases.size(), 4u);
  EXPECT_EQ(a.phases[0].phase, "setup");
  EXPECT_EQ(a.phases[3].phase, "ascent");
  EXPECT_EQ(a.workingSide, RegionSide::None);
  EXPECT_FLOAT_EQ(a.find("ascent")->level[kLeftQuad], 1.0f);
  EXPECT_FLOAT_EQ(a.find("ascent")->level[kRightQuad], 1.0f);
  EXPECT_FLOAT_EQ(a.find("descent")->level[region(MuscleGroup::Hamstrings, RegionSide::Right)], 0.2f);
  EXPECT_FLOAT_EQ(a.find("setup")->level[region(MuscleGroup::Hamstrings, RegionSide::Left)], 0.0f) << "unlisted = rest";
}

TEST(ActivationLoad, WorkingAndOtherSidesFollowTheWorkingSide) {
  json act = json::parse(R"({"working_side": "right", "phases": {
      "setup": {"quadriceps:working": 0.2, "quadriceps:other": 0.1},
      "descent": {"quadriceps:working": 0.6}, "bottom": {"quadriceps": 0.5}, "ascent": {"quadriceps:working": 1.0,
      "quadriceps:other": 0.3}}})");
  const CatalogLoad l = load(catalogWith(act, true));
  ASSERT_TRUE(l.issues.empty()) << issuesText(l);
  const Activation& a = l.catalog.find("alpha")->activation;
  EXPECT_EQ(a.workingSide, RegionSide::Right);
  EXPECT_FLOAT_EQ(a.find("ascent")->level[kRightQuad], 1.0f);
  EXPECT_FLOAT_EQ(a.find("ascent")->level[kLeftQuad], 0.3f);
  EXPECT_FLOAT_EQ(a.find("descent")->level[kLeftQuad], 0.0f);
  EXPECT_FLOAT_EQ(a.find("bottom")->level[kLeftQuad], 0.5f);
}

// Loads `activation`, expects one issue at `path` containing `words`, and returns the load.
CatalogLoad expectIssue(const json& activation, std::string_view path, std::string_view words) {
  CatalogLoad l = load(catalogWith(activation));
  EXPECT_EQ(l.issues.size(), 1u) << issuesText(l);
  if (!l.issues.empty()) {
    EXPECT_EQ(l.issues[0].path, path) << issuesText(l);
    EXPECT_NE(l.issues[0].text().find(words), std::string::npos) << l.issues[0].text();
    EXPECT_EQ(l.issues[0].text().rfind("catalog.json: ", 0), 0u) << "the message names the file";
  }
  EXPECT_NE(l.catalog.find("alpha"), nullptr) << "the exercise always stays";
  return l;
}

TEST(ActivationLoad, UnknownPhaseIsRemovedAndTheRestLoads) {
  json act = kSquat;
  act["phases"]["lockout"] = {{"quadriceps", 0.5}};
  const CatalogLoad l = expectIssue(act, "exercises[0].activation.phases.lockout", "unknown phase 'lockout'");
  EXPECT_EQ(l.catalog.find("alpha")->activation.phases.size(), 4u);
}

TEST(ActivationLoad, UnknownMuscleOrSideIsRemovedFromItsPhase) {
  json act = kSquat;
  act["phases"]["ascent"]["quads"] = 0.5;
  CatalogLoad l = expectIssue(act, "exercises[0].activation.phases.ascent.quads", "unknown muscle 'quads'");
  EXPECT_FLOAT_EQ(l.catalog.find("alpha")->activation.find("ascent")->level[kLeftQuad], 1.0f) << "the rest stays";

  act = kSquat;
  act["phases"]["ascent"]["hamstrings:front"] = 0.5;
  expectIssue(act, "exercises[0].activation.phases.ascent.hamstrings:front", "unknown side 'front'");

  act = kSquat;
  act["phases"]["ascent"]["hamstrings:working"] = 0.5;
  expectIssue(act, "exercises[0].activation.phases.ascent.hamstrings:working", "needs \"working_side\"");
}

TEST(ActivationLoad, MuscleTheExerciseDoesNotWorkIsRemoved) {
  json act = kSquat;
  act["phases"]["ascent"]["biceps"] = 0.5;
  expectIssue(act, "exercises[0].activation.phases.ascent.biceps", "neither a primary nor a secondary");
}

TEST(ActivationLoad, LevelOutsideZeroToOneIsRemoved) {
  for (const json& bad : {json(1.5), json(-0.1), json("high"), json(nullptr)}) {
    json act = kSquat;
    act["phases"]["bottom"]["hamstrings"] = bad;
    CatalogLoad l = expectIssue(act, "exercises[0].activation.phases.bottom.hamstrings", "expected a level from 0");
    EXPECT_FLOAT_EQ(l.catalog.find("alpha")->activation.find("bottom")->level[region(MuscleGroup::Hamstrings,
                                                                                        RegionSide::Left)], 0.0f);
  }
}

TEST(ActivationLoad, BadWorkingSideOrShapeIgnoresTheActivation) {
  json act = kSquat;
  act["working_side"] = "middle";
  CatalogLoad l = expectIssue(act, "exercises[0].activation.working_side", "expected \"left\" or \"right\"");
  EXPECT_TRUE(l.catalog.find("alpha")->activation.empty());
  l = expectIssue(json::array({1, 2}), "exercises[0].activation", "expected an object");
  EXPECT_TRUE(l.catalog.find("alpha")->activation.empty());
  l = expectIssue(json{{"phases", 3}}, "exercises[0].activation.phases", "expected an object of phases");
  EXPECT_TRUE(l.catalog.find("alpha")->activation.empty());
  json phaseNotObject = kSquat;
  phaseNotObject["phases"]["bottom"] = 0.5;
  // The phase is removed, and then has no levels: two issues.
  l = load(catalogWith(phaseNotObject));
  ASSERT_EQ(l.issues.size(), 2u) << issuesText(l);
  EXPECT_EQ(l.issues[0].path, "exercises[0].activation.phases.bottom");
}

TEST(ActivationLoad, PhaseWithoutLevelsIsReported) {
  json act = kSquat;
  act["phases"].erase("bottom");
  CatalogLoad l = expectIssue(act, "exercises[0].activation.phases", "no levels for phase 'bottom'");
  EXPECT_EQ(l.catalog.find("alpha")->activation.phases.size(), 3u);
}

// [SECTION] Over time

Activation squatActivation() { return load(catalogWith(kSquat)).catalog.find("alpha")->activation; }

TEST(ActivationOverTime, MidPhaseShowsExactlyItsLevel) {
  const Activation a = squatActivation();
  const auto ms = markers();
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 3.25f)[kLeftQuad], 1.0f) << "mid-ascent (concentric)";
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 1.5f)[kLeftQuad], 0.6f) << "mid-descent (eccentric)";
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 2.25f)[kLeftQuad], 0.7f) << "mid-bottom";
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 0.5f)[kLeftQuad], 0.1f) << "mid-setup";
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 3.25f)[region(MuscleGroup::Hamstrings, RegionSide::Right)], 0.4f);
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 0.5f)[region(MuscleGroup::Hamstrings, RegionSide::Right)], 0.0f);
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 3.25f)[region(MuscleGroup::Biceps, RegionSide::Left)], 0.0f);
}

TEST(ActivationOverTime, AtABoundaryItIsHalfWayAndContinuous) {
  const Activation a = squatActivation();
  const auto ms = markers();
  // At the descent -> bottom marker: half-way between 0.6 and 0.7.
  EXPECT_NEAR(activationAt(a, ms, kDuration, 2.0f)[kLeftQuad], 0.65f, 1e-5f);
  // Sampled every millisecond over the whole loop and across the wrap, no step is larger than
  // the steepest smoothstep allows (1.5 x jump / width x dt), so nothing pops.
  float previous = activationAt(a, ms, kDuration, -0.5f)[kLeftQuad];
  float largest = 0.0f;
  for (int i = -499; i <= 4500; ++i) {
    const float v = activationAt(a, ms, kDuration, static_cast<float>(i) * 1e-3f)[kLeftQuad];
    largest = std::max(largest, std::abs(v - previous));
    previous = v;
  }
  // Largest jump 0.9 (ascent 1.0 -> setup 0.1 at the loop) over 2 x 0.2 s: slope 1.5 * 0.9 / 0.4.
  EXPECT_LT(largest, 1.5f * 0.9f / 0.4f * 1e-3f + 1e-4f);
  EXPECT_GT(largest, 0.0f);
  // The loop: the end of the clip and its start are the same moment.
  EXPECT_NEAR(activationAt(a, ms, kDuration, kDuration)[kLeftQuad], activationAt(a, ms, kDuration, 0.0f)[kLeftQuad],
              1e-6f);
  EXPECT_NEAR(activationAt(a, ms, kDuration, 0.0f)[kLeftQuad], 0.55f, 1e-5f) << "half-way ascent -> setup";
  EXPECT_NEAR(activationAt(a, ms, kDuration, 5.5f)[kLeftQuad], 0.6f, 1e-5f) << "times past the end loop";
}

TEST(ActivationOverTime, ShortPhasesEaseOverAtMostHalfTheirLength) {
  // bottom lasts 0.5 s: the ease into and out of it takes at most 0.125 s each side.
  const Activation a = squatActivation();
  const auto ms = markers();
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 2.13f)[kLeftQuad], 0.7f);
  EXPECT_FLOAT_EQ(activationAt(a, ms, kDuration, 2.37f)[kLeftQuad], 0.7f);
  EXPECT_GT(activationAt(a, ms, kDuration, 2.45f)[kLeftQuad], 0.7f);
}

TEST(ActivationOverTime, SingleLegLightsTheWorkingLegAndTheMirrorSwapsIt) {
  json act = json::parse(R"({"working_side": "left", "phases": {
      "setup": {"quadriceps:working": 0.1}, "descent": {"quadriceps:working": 0.6},
      "bottom": {"quadriceps:working": 0.7}, "ascent": {"quadriceps:working": 1.0}}})");
  const CatalogLoad l = load(catalogWith(act, true));
  ASSERT_TRUE(l.issues.empty()) << issuesText(l);
  const Activation& a = l.catalog.find("alpha")->activation;
  const auto ms = markers();
  for (float t = 0.0f; t < kDuration; t += 0.05f) {
    const RegionLevels v = activationAt(a, ms, kDuration, t);
    EXPECT_GT(v[kLeftQuad], 0.0f) << t;
    EXPECT_EQ(v[kRightQuad], 0.0f) << "left only, at " << t;
    const RegionLevels m = activationAt(a, ms, kDuration, t, true);
    EXPECT_EQ(m[kLeftQuad], 0.0f) << "mirrored: right only, at " << t;
    EXPECT_FLOAT_EQ(m[kRightQuad], v[kLeftQuad]);
  }
}

TEST(ActivationOverTime, NoDataOrNoMarkersShowsFullStrength) {
  const RegionLevels none = activationAt(Activation{}, markers(), kDuration, 1.0f);
  EXPECT_EQ(none[kLeftQuad], 1.0f);
  const RegionLevels noMarkers = activationAt(squatActivation(), {}, kDuration, 1.0f);
  EXPECT_EQ(noMarkers[kRightQuad], 1.0f);
  EXPECT_EQ(none[0], 0.0f);
}

TEST(CueAt, FindsTheCueWhoseRangeHoldsTheTime) {
  json c = catalogWith(nullptr);
  c["exercises"][0]["cues"] = json::parse(R"([{"text": "Sit.", "range": "descent"},
                                              {"text": "Stand.", "range": "ascent", "clip": "correct"}])");
  const CatalogLoad l = load(c);
  const Exercise& ex = *l.catalog.find("alpha");
  ASSERT_NE(cueAt(ex, "correct", 1.5f), nullptr);
  EXPECT_EQ(cueAt(ex, "correct", 1.5f)->text, "Sit.");
  EXPECT_EQ(cueAt(ex, "correct", 3.0f)->text, "Stand.");
  EXPECT_EQ(cueAt(ex, "correct", 0.5f), nullptr);
  EXPECT_EQ(cueAt(ex, "mistake_x", 1.5f), nullptr);
}

// [SECTION] The shipped catalog

TEST(ShippedActivation, EveryExerciseHasLevelsForEveryPhase) {
  const Catalog catalog = test::shippedCatalog();  // fails on any issue
  ASSERT_EQ(catalog.size(), 21u);
  for (const Exercise& ex : catalog.exercises()) {
    EXPECT_EQ(ex.activation.phases.size(), ex.phases.size()) << ex.id;
    const bool sided = ex.activation.workingSide != RegionSide::None;
    if (ex.singleLeg) {
      EXPECT_TRUE(sided) << ex.id << ": a single-leg exercise names its working side";
    }
  }
}

TEST(ShippedActivation, SecondaryNeverOutworksPrimaryAndSomethingWorksInEveryPhase) {
  const Catalog catalog = test::shippedCatalog();
  for (const Exercise& ex : catalog.exercises()) {
    for (const PhaseActivation& phase : ex.activation.phases) {
      float primaryMax = 0.0f, secondaryMax = 0.0f;
      for (int id = 1; id < body::kMuscleRegionCount; ++id) {
        const MuscleGroup g = body::regionGroup(id);
        const float v = phase.level[static_cast<std::size_t>(id)];
        if (std::find(ex.primary.begin(), ex.primary.end(), g) != ex.primary.end()) primaryMax = std::max(primaryMax, v);
        else secondaryMax = std::max(secondaryMax, v);
      }
      EXPECT_LE(secondaryMax, primaryMax) << ex.id << " " << phase.phase;
      EXPECT_GT(primaryMax, 0.0f) << ex.id << " " << phase.phase;
    }
  }
}

TEST(ShippedActivation, ConcentricOutworksEccentricAndTheLegsDifferOnSingleLegWork) {
  const Catalog catalog = test::shippedCatalog();
  auto level = [&](std::string_view id, std::string_view phase, MuscleGroup g, RegionSide s) {
    return catalog.find(id)->activation.find(phase)->level[static_cast<std::size_t>(region(g, s))];
  };
  for (std::string_view id : {"bodyweight_squat", "goblet_squat", "bulgarian_split_squat"})
    EXPECT_GT(level(id, "ascent", MuscleGroup::Quadriceps, RegionSide::Left),
              level(id, "descent", MuscleGroup::Quadriceps, RegionSide::Left)) << id;
  EXPECT_GT(level("romanian_deadlift", "ascent", MuscleGroup::GluteusMaximus, RegionSide::Left),
            level("romanian_deadlift", "descent", MuscleGroup::GluteusMaximus, RegionSide::Left));
  EXPECT_GT(level("glute_bridge", "ascent", MuscleGroup::GluteusMaximus, RegionSide::Right),
            level("glute_bridge", "descent", MuscleGroup::GluteusMaximus, RegionSide::Right));
  // Single-leg work: the working (left, as baked) leg works harder than the other.
  for (const Exercise& ex : catalog.exercises()) {
    if (!ex.singleLeg) continue;
    const RegionSide w = ex.activation.workingSide, o = w == RegionSide::Left ? RegionSide::Right : RegionSide::Left;
    float working = 0.0f, other = 0.0f;
    for (const PhaseActivation& p : ex.activation.phases) {
      working += p.level[static_cast<std::size_t>(region(ex.primary.front(), w))];
      other += p.level[static_cast<std::size_t>(region(ex.primary.front(), o))];
    }
    EXPECT_GT(working, other) << ex.id;
  }
}

}  // namespace
}  // namespace formviz::domain
