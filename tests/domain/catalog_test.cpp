// Catalog loading and validation: every error case first, then the shipped catalog.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/domain/catalog.h"
#include "app/domain/gltf_clip_index.h"
#include "app/domain/tempo.h"
#include "test_support.h"

namespace formviz::domain {
namespace {
using nlohmann::json;

// Two exercises. alpha's clip 'correct' lasts 3.5 s:
//
//   0.0      1.0       2.0     2.5      3.5
//   |setup---|descent--|bottom-|ascent--|   (end)
//
// beta has no markers; its clip lasts 2 s.
json baseCatalog() {
  return json::parse(R"({
    "format": "formviz-catalog", "version": 1,
    "exercises": [
      {"id": "alpha", "name": "Alpha squat", "description": "A test squat.", "category": "strength",
       "equipment": ["bodyweight", "dumbbell"], "single_leg": false, "difficulty": 2,
       "primary": ["quadriceps", "gluteus_maximus"], "secondary": ["hamstrings"],
       "dosage": {"sets": 3, "reps": 10, "rest_seconds": 90, "tempo": "3-1-1"},
       "regressions": ["beta"], "progressions": [],
       "phases": ["setup", "descent", "bottom", "ascent"],
       "mistakes": [{"title": "Knees in", "looks_like": "a", "why": "b", "fix": "c", "clip": "mistake_knee_valgus"}],
       "cues": [
         {"phase": "descent", "text": "Sit down.", "range": "descent", "muscles": ["quadriceps"], "joints": ["knee"],
          "view": "front", "overlay": {"kind": "line", "joints": ["hip", "knee", "ankle"], "side": "left"}},
         {"phase": "bottom", "text": "Pause.", "range": "bottom..ascent", "muscles": [], "joints": [], "view": "side",
          "overlay": {"kind": "angle", "joints": ["hip", "knee", "ankle"]}},
         {"phase": "ascent", "text": "Stand.", "range": [2.5, 3.5], "view": "three-quarter"}
       ]},
      {"id": "beta", "name": "Beta plank", "description": "A test hold.", "category": "core_anti_extension",
       "equipment": ["bodyweight"], "single_leg": false, "difficulty": 1,
       "primary": ["rectus_abdominis"], "secondary": [],
       "dosage": {"sets": 2, "hold_seconds": 30, "rest_seconds": 30},
       "progressions": ["alpha"], "mistakes": [], "cues": [{"text": "Hold.", "range": [0, 2], "view": "side"}]}
    ]})");
}

MemoryClipIndex baseClips() {
  MemoryClipIndex index;
  const std::vector<ClipMarker> markers{{"setup", 0.0f}, {"descent", 1.0f}, {"bottom", 2.0f}, {"ascent", 2.5f}};
  index.add("alpha", {{"correct", 3.5f, markers}, {"mistake_knee_valgus", 3.5f, markers}});
  index.add("beta", {{"correct", 2.0f, {}}});
  return index;
}

CatalogLoad load(const json& catalog, const ClipIndex& clips) {
  auto result = parseCatalog(catalog.dump(), "catalog.json", clips);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).value() : CatalogLoad{};
}
CatalogLoad load(const json& catalog) { return load(catalog, baseClips()); }

// The issue at exactly `path`, or nullptr.
const CatalogIssue* issueAt(const CatalogLoad& l, std::string_view path) {
  for (const CatalogIssue& i : l.issues)
    if (i.path == path) return &i;
  return nullptr;
}

std::string allIssues(const CatalogLoad& l) {
  std::string out;
  for (const CatalogIssue& i : l.issues) out += i.text() + "\n";
  return out;
}

// Loads `catalog` and expects exactly one issue, at `path`, containing `words`.
void expectOneIssue(const json& catalog, std::string_view path, std::string_view words, const CatalogLoad** out = nullptr) {
  static CatalogLoad kept;
  kept = load(catalog);
  ASSERT_EQ(kept.issues.size(), 1u) << allIssues(kept);
  EXPECT_EQ(kept.issues[0].path, path) << allIssues(kept);
  EXPECT_NE(kept.issues[0].message.find(words), std::string::npos) << allIssues(kept);
  if (out) *out = &kept;
}

// --- whole-file failures ----------------------------------------------------------------

TEST(CatalogFile, NotJsonIsAnErrorNamingTheFile) {
  auto r = parseCatalog("{ not json", "catalog.json", baseClips());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("catalog.json: not valid JSON"), std::string::npos);
}

TEST(CatalogFile, WrongFormatMissingListOrBadVersionIsAnError) {
  json c = baseCatalog();
  c["format"] = "something-else";
  EXPECT_FALSE(parseCatalog(c.dump(), "catalog.json", baseClips()).ok());
  c = baseCatalog();
  c.erase("exercises");
  auto r = parseCatalog(c.dump(), "catalog.json", baseClips());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("catalog.json: exercises"), std::string::npos);
  c = baseCatalog();
  c["version"] = 0;
  EXPECT_FALSE(parseCatalog(c.dump(), "catalog.json", baseClips()).ok());
  c["version"] = "1";
  EXPECT_FALSE(parseCatalog(c.dump(), "catalog.json", baseClips()).ok());
}

TEST(CatalogFile, MissingFileIsAnError) {
  auto r = loadCatalog("/nonexistent/catalog.json", baseClips());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/catalog.json"), std::string::npos);
}

TEST(CatalogFile, NewerVersionLoadsWithAnIssue) {
  json c = baseCatalog();
  c["version"] = 2;
  const CatalogLoad l = load(c);
  EXPECT_EQ(l.catalog.size(), 2u);
  ASSERT_NE(issueAt(l, "version"), nullptr);
}

TEST(CatalogFile, CleanBaseLoadsWithoutIssues) {
  const CatalogLoad l = load(baseCatalog());
  EXPECT_TRUE(l.issues.empty()) << allIssues(l);
  ASSERT_EQ(l.catalog.size(), 2u);
  const Exercise* a = l.catalog.find("alpha");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->hasClips);
  EXPECT_EQ(a->equipment, (std::vector<Equipment>{Equipment::Bodyweight, Equipment::Dumbbell}));
  EXPECT_EQ(a->regressions, std::vector<std::string>{"beta"});
  EXPECT_EQ(l.catalog.find("beta")->progressions, std::vector<std::string>{"alpha"});
  EXPECT_EQ(a->dosage, (Dosage{3, 10, 0, 90, "3-1-1"}));
  EXPECT_EQ(l.catalog.find("beta")->dosage.holdSeconds, 30);
}

// --- marker ranges resolve to seconds --------------------------------------------------

TEST(CatalogCues, MarkerRangesResolveToSeconds) {
  const CatalogLoad l = load(baseCatalog());
  const Exercise* a = l.catalog.find("alpha");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->cues.size(), 3u);
  // "descent" = descent (1.0) to the next marker, bottom (2.0).
  struct Row { float start, end; std::string text; };
  const Row expected[] = {{1.0f, 2.0f, "descent"}, {2.0f, 2.5f, "bottom..ascent"}, {2.5f, 3.5f, "2.5..3.5"}};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(a->cues[i].range.resolved);
    EXPECT_FLOAT_EQ(a->cues[i].range.start, expected[i].start);
    EXPECT_FLOAT_EQ(a->cues[i].range.end, expected[i].end);
    EXPECT_EQ(a->cues[i].range.text(), expected[i].text);
  }
  EXPECT_EQ(a->cues[0].view, CameraView::Front);
  ASSERT_TRUE(a->cues[0].overlay.has_value());
  EXPECT_EQ(a->cues[0].overlay->kind, OverlayKind::AlignmentLine);
  EXPECT_EQ(a->cues[0].overlay->side, OverlaySide::Left);
  EXPECT_EQ(a->cues[1].overlay->kind, OverlayKind::AngleArc);
}

TEST(CatalogCues, LastMarkerRunsToTheClipsEnd) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][0]["range"] = "ascent";
  const CatalogLoad l = load(c);
  EXPECT_TRUE(l.issues.empty()) << allIssues(l);
  EXPECT_FLOAT_EQ(l.catalog.find("alpha")->cues[0].range.end, 3.5f);
}

// --- exercises that are dropped --------------------------------------------------------

TEST(CatalogExercise, NotAnObjectIsDropped) {
  json c = baseCatalog();
  c["exercises"].push_back(42);
  expectOneIssue(c, "exercises[2]", "expected an object");
}

TEST(CatalogExercise, MissingOrBadIdIsDropped) {
  json c = baseCatalog();
  c["exercises"][1].erase("id");
  // beta is dropped, so alpha's link to it is removed too: two issues.
  CatalogLoad r = load(c);
  ASSERT_NE(issueAt(r, "exercises[1]"), nullptr) << allIssues(r);
  EXPECT_NE(issueAt(r, "exercises[0].regressions[0]"), nullptr) << allIssues(r);
  EXPECT_EQ(r.catalog.size(), 1u);
  c = baseCatalog();
  c["exercises"][1]["id"] = "Beta Plank";
  r = load(c);
  EXPECT_NE(issueAt(r, "exercises[1].id"), nullptr) << allIssues(r);
  EXPECT_EQ(r.catalog.size(), 1u);
}

TEST(CatalogExercise, DuplicateIdDropsTheLaterOne) {
  json c = baseCatalog();
  json copy = c["exercises"][1];
  copy["name"] = "Another";
  c["exercises"].push_back(copy);
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[2].id", "already used", &l);
  EXPECT_EQ(l->catalog.find("beta")->name, "Beta plank");
}

TEST(CatalogExercise, MissingRequiredTextIsDropped) {
  for (const char* key : {"name", "description"}) {
    SCOPED_TRACE(key);
    json c = baseCatalog();
    c["exercises"][0].erase(key);
    const CatalogLoad r = load(c);
    const CatalogIssue* i = issueAt(r, "exercises[0]");
    ASSERT_NE(i, nullptr) << allIssues(r);
    EXPECT_NE(i->message.find(std::string("missing \"") + key + "\""), std::string::npos);
    EXPECT_EQ(r.catalog.size(), 1u);
    // beta's link to the dropped alpha goes too, with its own issue.
    EXPECT_TRUE(r.catalog.find("beta")->progressions.empty());
    EXPECT_NE(issueAt(r, "exercises[1].progressions[0]"), nullptr);
  }
  json c = baseCatalog();
  c["exercises"][0]["name"] = "";
  EXPECT_NE(issueAt(load(c), "exercises[0].name"), nullptr);
}

TEST(CatalogExercise, UnknownCategoryIsDropped) {
  json c = baseCatalog();
  c["exercises"][1]["category"] = "cardio";
  CatalogLoad r = load(c);
  const CatalogIssue* i = issueAt(r, "exercises[1].category");
  ASSERT_NE(i, nullptr) << allIssues(r);
  EXPECT_EQ(i->text(), "catalog.json: exercises[1].category: unknown category 'cardio' (expected one of: strength, "
                       "plyometric, core_anti_rotation, core_anti_extension, hip_stability, mobility); exercise dropped");
  EXPECT_FALSE(r.catalog.contains("beta"));
}

TEST(CatalogExercise, BadSingleLegOrDifficultyIsDropped) {
  json c = baseCatalog();
  c["exercises"][1].erase("single_leg");
  EXPECT_NE(issueAt(load(c), "exercises[1].single_leg"), nullptr);
  for (json bad : {json(0), json(6), json(2.5), json("3")}) {
    c = baseCatalog();
    c["exercises"][1]["difficulty"] = bad;
    CatalogLoad r = load(c);
    EXPECT_NE(issueAt(r, "exercises[1].difficulty"), nullptr) << bad.dump();
    EXPECT_FALSE(r.catalog.contains("beta"));
  }
}

TEST(CatalogExercise, BadDosageIsDropped) {
  struct Case { const char* name; json dosage; const char* path; };
  const Case cases[] = {
      {"missing sets", {{"reps", 10}, {"rest_seconds", 60}}, "exercises[1].dosage"},
      {"zero sets", {{"sets", 0}, {"reps", 10}, {"rest_seconds", 60}}, "exercises[1].dosage.sets"},
      {"reps and hold", {{"sets", 2}, {"reps", 10}, {"hold_seconds", 20}, {"rest_seconds", 60}}, "exercises[1].dosage"},
      {"neither", {{"sets", 2}, {"rest_seconds", 60}}, "exercises[1].dosage"},
      {"bad tempo", {{"sets", 2}, {"reps", 5}, {"rest_seconds", 60}, {"tempo", "slow"}}, "exercises[1].dosage.tempo"},
      {"negative rest", {{"sets", 2}, {"reps", 5}, {"rest_seconds", -1}}, "exercises[1].dosage.rest_seconds"},
      {"not an object", json(3), "exercises[1].dosage"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    json c = baseCatalog();
    c["exercises"][1]["dosage"] = k.dosage;
    CatalogLoad r = load(c);
    EXPECT_NE(issueAt(r, k.path), nullptr) << allIssues(r);
    EXPECT_FALSE(r.catalog.contains("beta"));
  }
}

// --- entries that are removed, exercise kept ---------------------------------------------

TEST(CatalogEntries, UnknownEquipmentIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["equipment"] = {"bodyweight", "treadmill", "kettlebell"};
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].equipment[1]", "unknown equipment 'treadmill'", &l);
  EXPECT_EQ(l->catalog.find("alpha")->equipment, (std::vector<Equipment>{Equipment::Bodyweight, Equipment::Kettlebell}));
}

TEST(CatalogEntries, UnknownMuscleIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["secondary"] = {"hamstrings", "glutes"};
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].secondary[1]", "unknown muscle 'glutes'", &l);
  EXPECT_EQ(l->catalog.find("alpha")->secondary, std::vector<body::MuscleGroup>{body::MuscleGroup::Hamstrings});
}

TEST(CatalogEntries, NoKnownPrimaryMuscleIsReported) {
  json c = baseCatalog();
  c["exercises"][1]["primary"] = {"abs"};
  CatalogLoad r = load(c);
  EXPECT_NE(issueAt(r, "exercises[1].primary[0]"), nullptr);
  EXPECT_NE(issueAt(r, "exercises[1].primary"), nullptr);
  EXPECT_TRUE(r.catalog.contains("beta"));
}

TEST(CatalogEntries, LinkToUnknownExerciseIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["progressions"] = {"gamma"};
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].progressions[0]", "unknown exercise \"gamma\"", &l);
  EXPECT_TRUE(l->catalog.find("alpha")->progressions.empty());
  EXPECT_EQ(l->catalog.find("alpha")->regressions, std::vector<std::string>{"beta"});
}

TEST(CatalogEntries, LinkToItselfIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["progressions"] = {"alpha"};
  expectOneIssue(c, "exercises[0].progressions[0]", "itself");
}

// --- clips ----------------------------------------------------------------------------

TEST(CatalogClips, MissingClipFileKeepsTheExerciseUnplayable) {
  MemoryClipIndex clips;
  clips.add("beta", {{"correct", 2.0f, {}}});
  const CatalogLoad l = load(baseCatalog(), clips);
  ASSERT_EQ(l.issues.size(), 1u) << allIssues(l);
  EXPECT_EQ(l.issues[0].path, "exercises[0]");
  EXPECT_EQ(l.issues[0].exerciseId, "alpha");
  EXPECT_NE(l.issues[0].message.find("animations/alpha.gltf"), std::string::npos);
  const Exercise* a = l.catalog.find("alpha");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->hasClips);
  ASSERT_EQ(a->cues.size(), 3u);  // kept, unresolved
  EXPECT_FALSE(a->cues[0].range.resolved);
  EXPECT_EQ(a->mistakes[0].clip, "mistake_knee_valgus");
  EXPECT_TRUE(l.catalog.find("beta")->hasClips);
}

TEST(CatalogClips, NoCorrectAnimationIsReported) {
  MemoryClipIndex clips = baseClips();
  clips.add("beta", {{"warmup", 2.0f, {}}});
  const CatalogLoad l = load(baseCatalog(), clips);
  ASSERT_EQ(l.issues.size(), 1u) << allIssues(l);
  EXPECT_EQ(l.issues[0].path, "exercises[1]");
  EXPECT_NE(l.issues[0].message.find("'correct'"), std::string::npos);
  EXPECT_FALSE(l.catalog.find("beta")->hasClips);
}

TEST(CatalogClips, DeclaredPhaseMissingFromTheClipIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["phases"].push_back("top");
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].phases[4]", "marker 'top' is not in clip 'correct'", &l);
  EXPECT_EQ(l->catalog.find("alpha")->phases.size(), 4u);
}

TEST(CatalogClips, MissingMistakeClipKeepsTheMistakeWithoutClip) {
  json c = baseCatalog();
  c["exercises"][0]["mistakes"][0]["clip"] = "mistake_heel_lift";
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].mistakes[0].clip", "'mistake_heel_lift' is not in animations/alpha.gltf", &l);
  ASSERT_EQ(l->catalog.find("alpha")->mistakes.size(), 1u);
  EXPECT_TRUE(l->catalog.find("alpha")->mistakes[0].clip.empty());
}

TEST(CatalogClips, MistakeClipNameWithoutPrefixIsReported) {
  json c = baseCatalog();
  c["exercises"][0]["mistakes"][0]["clip"] = "knee_valgus";
  expectOneIssue(c, "exercises[0].mistakes[0].clip", "must start with \"mistake_\"");
}

TEST(CatalogClips, MistakeWithoutTextIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["mistakes"][0].erase("fix");
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].mistakes[0].fix", "mistake removed", &l);
  EXPECT_TRUE(l->catalog.find("alpha")->mistakes.empty());
}

// --- cues ------------------------------------------------------------------------------

TEST(CatalogCues, CueEndingAfterItsClipIsRemovedWithAClearMessage) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][1]["range"] = {3.0, 4.2};
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].cues[1].range", "ends at 4.2 s", &l);
  EXPECT_EQ(l->issues[0].text(),
            "catalog.json: exercises[0].cues[1].range: ends at 4.2 s but clip 'correct' lasts 3.5 s; cue removed");
  ASSERT_EQ(l->catalog.find("alpha")->cues.size(), 2u);
  EXPECT_EQ(l->catalog.find("alpha")->cues[1].text, "Stand.");
}

TEST(CatalogCues, BadRangesAreRemoved) {
  struct Case { const char* name; json range; const char* words; };
  const Case cases[] = {
      {"unknown marker", "lockout", "marker 'lockout' is not in clip 'correct' (it has: setup, descent, bottom, ascent)"},
      {"unknown end marker", "descent..lockout", "marker 'lockout'"},
      {"backwards markers", "bottom..descent", "empty or backwards"},
      {"backwards seconds", json::array({2.0, 1.0}), "is not a time range"},
      {"negative start", json::array({-1.0, 1.0}), "is not a time range"},
      {"no end marker", "descent..", "no marker after"},
      {"not a range", json(5), "expected a marker range"},
      {"three numbers", json::array({0, 1, 2}), "expected a marker range"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    json c = baseCatalog();
    c["exercises"][0]["cues"][0]["range"] = k.range;
    const CatalogLoad* l = nullptr;
    expectOneIssue(c, "exercises[0].cues[0].range", k.words, &l);
    EXPECT_EQ(l->catalog.find("alpha")->cues.size(), 2u);
  }
}

TEST(CatalogCues, CueOnAMissingClipIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][0]["clip"] = "mistake_heel_lift";
  expectOneIssue(c, "exercises[0].cues[0].range", "clip 'mistake_heel_lift' is not in animations/alpha.gltf");
}

TEST(CatalogCues, CueOnAMistakeClipResolvesInThatClip) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][0]["clip"] = "mistake_knee_valgus";
  const CatalogLoad l = load(c);
  EXPECT_TRUE(l.issues.empty()) << allIssues(l);
  EXPECT_EQ(l.catalog.find("alpha")->cues[0].range.clip, "mistake_knee_valgus");
}

TEST(CatalogCues, MissingTextOrRangeIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][2].erase("text");
  expectOneIssue(c, "exercises[0].cues[2].text", "cue removed");
  c = baseCatalog();
  c["exercises"][0]["cues"][2].erase("range");
  expectOneIssue(c, "exercises[0].cues[2]", "missing \"range\"");
  c = baseCatalog();
  c["exercises"][0]["cues"][2] = "Stand.";
  expectOneIssue(c, "exercises[0].cues[2]", "expected an object");
}

TEST(CatalogCues, UnknownCueMuscleOrJointIsRemoved) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][0]["muscles"] = {"quads", "quadriceps"};
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].cues[0].muscles[0]", "unknown muscle 'quads'", &l);
  EXPECT_EQ(l->catalog.find("alpha")->cues[0].muscles, std::vector<body::MuscleGroup>{body::MuscleGroup::Quadriceps});
  c = baseCatalog();
  c["exercises"][0]["cues"][0]["joints"] = {"kneecap"};
  expectOneIssue(c, "exercises[0].cues[0].joints[0]", "unknown joint 'kneecap'");
}

TEST(CatalogCues, UnknownViewFallsBackToThreeQuarter) {
  json c = baseCatalog();
  c["exercises"][0]["cues"][0]["view"] = "overhead";
  const CatalogLoad* l = nullptr;
  expectOneIssue(c, "exercises[0].cues[0].view", "unknown camera view", &l);
  EXPECT_EQ(l->catalog.find("alpha")->cues[0].view, CameraView::ThreeQuarter);
}

TEST(CatalogCues, BadOverlayIsRemovedAndTheCueKept) {
  struct Case { const char* name; json overlay; const char* path; };
  const Case cases[] = {
      {"kind", {{"kind", "circle"}, {"joints", {"hip", "knee", "ankle"}}}, "exercises[0].cues[0].overlay.kind"},
      {"joint", {{"kind", "line"}, {"joints", {"hip", "kneecap"}}}, "exercises[0].cues[0].overlay.joints[1]"},
      {"angle count", {{"kind", "angle"}, {"joints", {"hip", "knee"}}}, "exercises[0].cues[0].overlay.joints"},
      {"line count", {{"kind", "line"}, {"joints", {"hip"}}}, "exercises[0].cues[0].overlay.joints"},
      {"side", {{"kind", "line"}, {"joints", {"hip", "knee"}}, {"side", "middle"}}, "exercises[0].cues[0].overlay.side"},
      {"not object", json("arc"), "exercises[0].cues[0].overlay"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    json c = baseCatalog();
    c["exercises"][0]["cues"][0]["overlay"] = k.overlay;
    const CatalogLoad* l = nullptr;
    expectOneIssue(c, k.path, "overlay removed", &l);
    ASSERT_EQ(l->catalog.find("alpha")->cues.size(), 3u);
    EXPECT_FALSE(l->catalog.find("alpha")->cues[0].overlay.has_value());
  }
}

// --- tempo -----------------------------------------------------------------------------

TEST(Tempo, ParsesThreeOrFourPartsAndExplosive) {
  struct Row { const char* text; float seconds; };
  const Row good[] = {{"3-1-1", 5.0f}, {"2-0-2-1", 5.0f}, {"1-0-X", 1.5f}, {"0-0-x", 0.5f}, {"10-0-10", 20.0f}};
  for (const Row& r : good) {
    auto t = parseTempo(r.text);
    ASSERT_TRUE(t.has_value()) << r.text;
    EXPECT_FLOAT_EQ(t->repSeconds(), r.seconds) << r.text;
  }
  for (const char* bad : {"", "3", "3-1", "3-1-1-1-1", "3--1", "a-1-1", "21-0-1", "0-0-0", "3 1 1", "-3-1-1"})
    EXPECT_FALSE(parseTempo(bad).has_value()) << bad;
}

// --- the shipped catalog -----------------------------------------------------------------

TEST(ShippedCatalog, LoadsWithZeroIssuesWhenEveryClipExists) {
  const Catalog catalog = test::shippedCatalog();
  const std::vector<std::string> contract = {
      "bodyweight_squat", "goblet_squat",  "forward_lunge", "reverse_lunge",     "bulgarian_split_squat",
      "step_up",          "romanian_deadlift", "single_leg_rdl", "glute_bridge", "calf_raise_straight",
      "calf_raise_bent",  "front_plank",   "side_plank",    "pallof_press",      "dead_bug",
      "bird_dog",         "jump_squat",    "bounding",      "lateral_band_walk", "clamshell",
      "band_pull_apart"};
  ASSERT_EQ(catalog.size(), contract.size());
  for (const std::string& id : contract) {
    SCOPED_TRACE(id);
    const Exercise* ex = catalog.find(id);
    ASSERT_NE(ex, nullptr);
    EXPECT_TRUE(ex->hasClips);
    EXPECT_GE(ex->cues.size(), 2u);
    EXPECT_GE(ex->mistakes.size(), 2u);
    EXPECT_FALSE(ex->primary.empty());
    EXPECT_FALSE(ex->equipment.empty());
    for (const Cue& cue : ex->cues) EXPECT_TRUE(cue.range.resolved) << cue.text;
    for (const Mistake& m : ex->mistakes) EXPECT_FALSE(m.clip.empty()) << m.title;
  }
}

TEST(ShippedCatalog, EveryCategoryOfTheGuidanceIsRepresented) {
  const Catalog catalog = test::shippedCatalog();
  std::set<Category> categories;
  for (const Exercise& ex : catalog.exercises()) categories.insert(ex.category);
  for (Category c : {Category::Strength, Category::Plyometric, Category::CoreAntiRotation, Category::CoreAntiExtension,
                     Category::HipStability})
    EXPECT_TRUE(categories.count(c)) << categoryKey(c);
}

TEST(ShippedCatalog, WithoutClipsEveryExerciseStillLoads) {
  const MemoryClipIndex none;
  auto load = loadCatalog(test::shippedCatalogPath(), none);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->catalog.size(), 21u);
  EXPECT_EQ(load->issues.size(), 21u);  // one "no clip file" per exercise
  for (const CatalogIssue& i : load->issues) EXPECT_EQ(i.file, "catalog.json");
}


// --- the glTF clip index -------------------------------------------------------------------

// Two animations; accessor 0 (times of "correct") ends at 3.5 s, accessor 1 at 2.0 s. Markers
// are listed out of order on purpose.
constexpr const char* kTinyGltf = R"({
  "asset": {"version": "2.0"},
  "accessors": [{"count": 2, "type": "SCALAR", "min": [0.0], "max": [3.5]},
                {"count": 2, "type": "SCALAR", "min": [0.0], "max": [2.0]}],
  "animations": [
    {"name": "correct", "samplers": [{"input": 0, "output": 1}, {"input": 1, "output": 1}], "channels": [],
     "extras": {"markers": [{"name": "bottom", "time": 2.0}, {"name": "descent", "time": 1.0}]}},
    {"name": "mistake_knee_valgus", "samplers": [{"input": 1, "output": 0}], "channels": []}
  ]})";

TEST(GltfClipIndex, ReadsNamesDurationsAndSortedMarkers) {
  std::string problem;
  auto clips = GltfClipIndex::parse(kTinyGltf, &problem);
  ASSERT_TRUE(clips.has_value()) << problem;
  ASSERT_EQ(clips->size(), 2u);
  EXPECT_EQ((*clips)[0].name, "correct");
  EXPECT_FLOAT_EQ((*clips)[0].duration, 3.5f);
  ASSERT_EQ((*clips)[0].markers.size(), 2u);
  EXPECT_EQ((*clips)[0].markers[0].name, "descent");
  EXPECT_FLOAT_EQ((*clips)[0].markers[1].time, 2.0f);
  EXPECT_EQ((*clips)[1].name, "mistake_knee_valgus");
  EXPECT_FLOAT_EQ((*clips)[1].duration, 2.0f);
  EXPECT_TRUE((*clips)[1].markers.empty());
}

TEST(GltfClipIndex, BrokenOrMissingFilesCountAsMissing) {
  std::string problem;
  EXPECT_FALSE(GltfClipIndex::parse("{", &problem).has_value());
  EXPECT_NE(problem.find("not valid JSON"), std::string::npos);
  EXPECT_FALSE(GltfClipIndex::parse(R"({"asset": {}})", &problem).has_value());
  EXPECT_EQ(problem, "has no animations");
  EXPECT_FALSE(GltfClipIndex::parse(R"({"animations": [{"name": "x", "samplers": []}]})", &problem).has_value());
  const auto dir = std::filesystem::path(FORMVIZ_TEST_OUTPUT_DIR) / "domain" / "gltf_index";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(writeFileAtomic(dir / "alpha.gltf", kTinyGltf).ok());
  const GltfClipIndex index(dir);
  EXPECT_TRUE(index.clips("alpha").has_value());
  EXPECT_FALSE(index.clips("beta").has_value());
}

// The clips baked so far agree with the catalog: every issue against the real animations/
// folder is a clip that is not made yet (a missing file or mistake clip), never a cue or
// phase marker that does not fit a clip that exists.
TEST(ShippedCatalog, AgreesWithTheBakedClips) {
  const GltfClipIndex index(std::filesystem::path(FORMVIZ_SOURCE_DIR) / "animations");
  auto load = loadCatalog(test::shippedCatalogPath(), index);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load->catalog.size(), 21u);
  // Every exercise has its baked clip file, every mistake its clip, every phase and cue range
  // its marker: any issue (a missing file or clip included) fails.
  for (const CatalogIssue& i : load->issues) ADD_FAILURE() << i.text();
}

}  // namespace
}  // namespace formviz::domain
