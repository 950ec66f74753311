#include "form/rules.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace formviz::form {
namespace {

// A rule with every field, to be spoiled one field at a time below.
std::string withRule(const std::string& rule, const std::string& head = R"("exercise": "squat")") {
  return "{" + head + R"(, "rules": [
    {"id": "ok", "measure": "kneeFlexion", "phase": "bottom", "statistic": "max", "range": [90, 110],
     "source": "Escamilla 2001 [S]"},
    )" + rule + "]}";
}

// One valid rule "ok" and the given "mistakes" value.
std::string withMistakes(const std::string& mistakes) {
  return R"({"exercise": "squat", "rules": [{"id": "ok", "measure": "kneeFlexion", "statistic": "max", "range": [90, 110],
    "source": "Escamilla 2001 [S]"}], "mistakes": )" + mistakes + "}";
}

// Malformed files: every error names the file and the JSON path of the offending value.
TEST(ParseRules, EveryErrorNamesTheFileAndThePath) {
  const struct {
    const char* what;
    std::string text;
    const char* expected;  // the message must contain this
  } cases[] = {
      {"not JSON", "{\"exercise\": ", "squat.rules.json: not valid JSON: "},
      {"top level is an array", "[]", "squat.rules.json: expected a JSON object at the top level"},
      {"no exercise", R"({"rules": []})", "squat.rules.json: exercise: missing"},
      {"exercise not a string", R"({"exercise": 3, "rules": []})", "squat.rules.json: exercise: expected a string"},
      {"unknown top-level key", R"({"exercise": "squat", "rules": [], "rulez": []})", "squat.rules.json: rulez: unknown key"},
      {"no rules", R"({"exercise": "squat"})", "squat.rules.json: rules: missing"},
      {"rules not an array", R"({"exercise": "squat", "rules": {}})", "squat.rules.json: rules: expected an array"},
      {"bad working side", R"({"exercise": "squat", "workingSide": "up", "rules": []})",
       "squat.rules.json: workingSide: expected \"left\" or \"right\""},
      {"facing not a number", R"({"exercise": "squat", "facing": "north", "rules": []})",
       "squat.rules.json: facing: expected a number"},
      {"contacts not an array", R"({"exercise": "squat", "contacts": 1, "rules": []})",
       "squat.rules.json: contacts: expected an array"},
      {"unknown contact", R"({"exercise": "squat", "contacts": [{"contact": "leftFoot"}, {"contact": "leftPaw"}], "rules": []})",
       "squat.rules.json: contacts[1].contact: unknown contact \"leftPaw\""},
      {"contact phase empty", R"({"exercise": "squat", "contacts": [{"contact": "rightHand", "phase": ""}], "rules": []})",
       "squat.rules.json: contacts[0].phase: must not be empty"},
      {"rule not an object", withRule("3"), "squat.rules.json: rules[1]: expected an object"},
      {"rule unknown key", withRule(R"({"id": "x", "mesure": "kneeFlexion"})"), "squat.rules.json: rules[1].mesure: unknown key"},
      {"rule without id", withRule(R"({"measure": "kneeFlexion"})"), "squat.rules.json: rules[1].id: missing"},
      {"duplicate id", withRule(R"({"id": "ok", "measure": "kneeFlexion", "statistic": "max", "range": [0, 1], "source": "x [E]"})"),
       "squat.rules.json: rules[1].id: \"ok\" is used by an earlier rule"},
      {"unknown measure", withRule(R"({"id": "x", "measure": "kneeAngle"})"),
       "squat.rules.json: rules[1].measure: unknown measure \"kneeAngle\""},
      {"unknown side", withRule(R"({"id": "x", "measure": "kneeFlexion", "side": "middle"})"),
       "squat.rules.json: rules[1].side: unknown side \"middle\""},
      {"side on an unsided measure", withRule(R"({"id": "x", "measure": "trunkInclination", "side": "left"})"),
       "squat.rules.json: rules[1].side: trunkInclination has one value for the whole body"},
      {"working side not declared", withRule(R"({"id": "x", "measure": "kneeFlexion", "side": "working"})"),
       "squat.rules.json: rules[1].side: \"working\" needs the file's workingSide"},
      {"phase empty", withRule(R"({"id": "x", "measure": "kneeFlexion", "phase": ""})"), "squat.rules.json: rules[1].phase: must not be empty"},
      {"phase range without start", withRule(R"({"id": "x", "measure": "kneeFlexion", "phase": "..bottom"})"),
       "squat.rules.json: rules[1].phase: a range needs a start marker"},
      {"no statistic", withRule(R"({"id": "x", "measure": "kneeFlexion"})"), "squat.rules.json: rules[1].statistic: missing"},
      {"unknown statistic", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "median"})"),
       "squat.rules.json: rules[1].statistic: unknown statistic \"median\""},
      {"at over the whole clip", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "at"})"),
       "squat.rules.json: rules[1].statistic: \"at\" needs a phase that starts at a marker"},
      {"unknown condition", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "when": "sometimes"})"),
       "squat.rules.json: rules[1].when: unknown condition \"sometimes\""},
      {"condition on an unsided measure", withRule(R"({"id": "x", "measure": "comMargin", "statistic": "min", "when": "footPlanted"})"),
       "squat.rules.json: rules[1].when: \"footPlanted\" needs a measure with a side"},
      {"no range", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max"})"), "squat.rules.json: rules[1].range: missing"},
      {"range of one number", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": [1]})"),
       "squat.rules.json: rules[1].range: expected two numbers"},
      {"range of strings", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": ["90", "110"]})"),
       "squat.rules.json: rules[1].range: expected two numbers"},
      {"range not an array", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": 90})"),
       "squat.rules.json: rules[1].range: expected two numbers"},
      {"range reversed", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": [110, 90]})"),
       "squat.rules.json: rules[1].range: lo 110 is greater than hi 90"},
      {"no source", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": [0, 1]})"),
       "squat.rules.json: rules[1].source: missing"},
      {"source without evidence tag", withRule(R"({"id": "x", "measure": "kneeFlexion", "statistic": "max", "range": [0, 1], "source": "my coach"})"),
       "squat.rules.json: rules[1].source: must carry an evidence tag"},
      {"mistakes not an object", withMistakes("[]"),
       "squat.rules.json: mistakes: expected an object"},
      {"mistake with the clip prefix", R"({"exercise": "squat", "rules": [], "mistakes": {"mistake_knee_valgus": ["x"]}})",
       "squat.rules.json: mistakes.mistake_knee_valgus: name the mistake by its slug"},
      {"mistake ids not an array", R"({"exercise": "squat", "rules": [], "mistakes": {"knee_valgus": "x"}})",
       "squat.rules.json: mistakes.knee_valgus: expected a non-empty array"},
      {"mistake with no ids", R"({"exercise": "squat", "rules": [], "mistakes": {"knee_valgus": []}})",
       "squat.rules.json: mistakes.knee_valgus: expected a non-empty array"},
      {"mistake id not a string", R"({"exercise": "squat", "rules": [], "mistakes": {"knee_valgus": [3]}})",
       "squat.rules.json: mistakes.knee_valgus[0]: expected a rule id"},
      {"mistake names an unknown rule", withMistakes(R"({"knee_valgus": ["ok", "valgus"]})"),
       "squat.rules.json: mistakes.knee_valgus[1]: unknown rule id \"valgus\""},
      {"mistake lists a rule twice", withMistakes(R"({"knee_valgus": ["ok", "ok"]})"),
       "squat.rules.json: mistakes.knee_valgus[1]: \"ok\" is listed twice"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const Result<ExerciseRules> rules = parseRules(c.text, "squat.rules.json");
    ASSERT_FALSE(rules.ok());
    EXPECT_NE(rules.error().message.find(c.expected), std::string::npos) << rules.error().message;
  }
}

TEST(ParseRules, ReadsMistakeExpectations) {
  const Result<ExerciseRules> rules = parseRules(R"({"exercise": "squat",
    "contacts": [{"contact": "leftBall"}],
    "rules": [{"id": "squat.valgus", "measure": "kneeFppa", "statistic": "max", "range": [null, 12], "source": "Herrington 2010 [S]"}],
    "mistakes": {"comment": "slug -> rule ids", "knee_valgus": ["squat.valgus"], "deep": ["squat.valgus", "rom.knee"]}})",
                                                 "squat.rules.json");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  ASSERT_EQ(rules->mistakes.size(), 2u);
  EXPECT_EQ(rules->mistakes.at("knee_valgus"), std::vector<std::string>{"squat.valgus"});
  EXPECT_EQ(rules->mistakes.at("deep"), (std::vector<std::string>{"squat.valgus", "rom.knee"}));  // global ids allowed
  ASSERT_EQ(rules->contacts.size(), 1u);
  EXPECT_EQ(rules->contacts[0].set, ContactSet::Ball);
  EXPECT_EQ(rules->contacts[0].name(), "leftBall");
}

TEST(ParseRules, NotJsonReportsLineAndColumn) {
  const Result<ExerciseRules> rules = parseRules("{\n  \"exercise\": squat\n}", "squat.rules.json");
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.error().message.find("line 2"), std::string::npos) << rules.error().message;
}

TEST(ParseRules, ReadsEveryField) {
  const char* text = R"({
    "exercise": "step_up",
    "workingSide": "right",
    "facing": 90,
    "comment": "lead leg on the box",
    "contacts": [{"contact": "leftFoot", "phase": "setup..drive"}, {"contact": "rightToe"}],
    "rules": [
      {"id": "a", "measure": "kneeFlexion", "side": "working", "phase": "bottom", "statistic": "at",
       "range": [90, 100], "source": "coaching estimate [E]"},
      {"id": "b", "measure": "pelvicDrop", "side": "other", "statistic": "every", "range": [null, 10],
       "source": "coaching estimate [E]", "when": "footFree"},
      {"id": "c", "measure": "comMargin", "statistic": "min", "range": [0, null], "source": "statics [E]"}
    ]})";
  const Result<ExerciseRules> parsed = parseRules(text, "step_up.rules.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const ExerciseRules& r = *parsed;
  EXPECT_EQ(r.exercise, "step_up");
  EXPECT_EQ(r.workingSide, Side::Right);
  EXPECT_EQ(r.facingDegrees, 90.0f);
  ASSERT_EQ(r.contacts.size(), 2u);
  EXPECT_EQ(r.contacts[0].name(), "leftFoot");
  EXPECT_EQ(r.contacts[0].phase.from, "setup");
  EXPECT_EQ(r.contacts[0].phase.to, "drive");
  EXPECT_EQ(r.contacts[1].set, ContactSet::Toe);
  EXPECT_EQ(r.contacts[1].side, Side::Right);
  EXPECT_EQ(r.contacts[1].phase.text(), "all");
  ASSERT_EQ(r.rules.size(), 3u);
  EXPECT_EQ(r.rules[0].side, RuleSide::Working);
  EXPECT_EQ(r.rules[0].statistic, Statistic::At);
  EXPECT_EQ(r.rules[0].phase.text(), "bottom");
  EXPECT_EQ(r.rules[0].lo, 90.0f);
  EXPECT_EQ(r.rules[0].hi, 100.0f);
  EXPECT_EQ(r.rules[1].measure, Measure::PelvicDrop);
  EXPECT_EQ(r.rules[1].when, When::FootFree);
  EXPECT_TRUE(std::isinf(r.rules[1].lo) && r.rules[1].lo < 0.0f);
  EXPECT_EQ(r.rules[1].hi, 10.0f);
  EXPECT_EQ(r.rules[2].side, RuleSide::Both);
  EXPECT_TRUE(std::isinf(r.rules[2].hi));
  EXPECT_EQ(r.rules[2].source, "statics [E]");
}

// The example in docs/FORM.md ("Rules files"), kept in step by hand.
TEST(ParseRules, TheDocumentedExampleParses) {
  const char* text = R"({
  "exercise": "bodyweight_squat",
  "workingSide": "left",
  "facing": 0,
  "contacts": [
    {"contact": "leftFoot", "phase": "all"},
    {"contact": "rightFoot"}
  ],
  "rules": [
    {"id": "squat.bottom.knee", "measure": "kneeFlexion", "side": "both", "phase": "bottom",
     "statistic": "max", "range": [90, 110], "source": "Escamilla 2001 [S]; parallel ~100"},
    {"id": "squat.valgus", "measure": "kneeFppa", "statistic": "max", "range": [null, 12],
     "source": "Herrington 2010 [S] (F 7-13, M 3-8) + tolerance [E]"},
    {"id": "squat.trunk", "measure": "trunkInclination", "phase": "bottom", "statistic": "max",
     "range": [30, 50], "source": "coaching estimate [E]"},
    {"id": "squat.heels", "measure": "contactSlide", "statistic": "max", "range": [0, 0.005],
     "source": "issue 5: planted feet slide < 5 mm [E]"},
    {"id": "squat.floor", "measure": "floorPenetration", "statistic": "max", "range": [0, 0.005],
     "source": "issue 5 [E]"}
  ]
}
)";
  const Result<ExerciseRules> rules = parseRules(text, "bodyweight_squat.rules.json");
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_EQ(rules->rules.size(), 5u);
  EXPECT_EQ(rules->contacts.size(), 2u);
}

TEST(LoadRules, ReadsAFileAndNamesAMissingOne) {
  const std::filesystem::path dir = std::filesystem::path(FORMVIZ_TEST_OUTPUT_DIR) / "form";
  std::filesystem::create_directories(dir);
  const std::filesystem::path good = dir / "plank.rules.json";
  std::ofstream(good) << R"({"exercise": "front_plank", "rules": [
      {"id": "line", "measure": "bodyLine", "statistic": "min", "range": [170, 190], "source": "[E]"}]})";
  const Result<ExerciseRules> rules = loadRules(good);
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_EQ(rules->rules[0].measure, Measure::BodyLine);

  const std::filesystem::path bad = dir / "bad.rules.json";
  std::ofstream(bad) << R"({"exercise": "x", "rules": [{"id": "r", "measure": "bodyLine", "statistic": "min", "range": [1, "2"], "source": "[E]"}]})";
  const Result<ExerciseRules> broken = loadRules(bad);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("bad.rules.json: rules[0].range: expected two numbers"), std::string::npos)
      << broken.error().message;

  const Result<ExerciseRules> missing = loadRules(dir / "nope.rules.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nope.rules.json: cannot be read"), std::string::npos) << missing.error().message;
}

TEST(GlobalRomRules, BoundTheMeasuredMotions) {
  const std::span<const Rule> rules = globalRomRules();
  ASSERT_FALSE(rules.empty());
  for (const Rule& r : rules) {
    EXPECT_EQ(r.statistic, Statistic::Every) << r.id;
    EXPECT_TRUE(r.source.find('[') != std::string::npos) << r.id;
  }
  // Weight-bearing ankle dorsiflexion has its own, higher cap.
  float wb = 0, nwb = 0;
  for (const Rule& r : rules)
    if (r.measure == Measure::AnkleDorsiflexion) (r.when == When::FootPlanted ? wb : nwb) = r.hi;
  EXPECT_EQ(nwb, 20.0f);
  EXPECT_EQ(wb, 40.0f);
}

}  // namespace
}  // namespace formviz::form
