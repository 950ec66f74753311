// Session editing with undo/redo, and the duration estimate with hand-computed values.
#include <gtest/gtest.h>

#include <functional>

#include "app/domain/session.h"
#include "test_support.h"

namespace formviz::domain {
namespace {

using test::exerciseOf;

Catalog smallCatalog() {
  return Catalog({exerciseOf("squat", false, {3, 10, 0, 90, "3-1-1"}), exerciseOf("lunge", true, {3, 8, 0, 60, "2-0-1"}),
                  exerciseOf("plank", false, {2, 0, 30, 45, ""})});
}

Session threeItems() {
  const Catalog c = smallCatalog();
  Session s;
  s.name = "Test";
  for (const Exercise& e : c.exercises()) s.items.push_back(makeItem(e));
  return s;
}

// --- invalid arguments change nothing -------------------------------------------------------

TEST(SessionEditor, BadIndicesAreErrorsAndLeaveNoHistory) {
  SessionEditor ed(threeItems());
  const Session before = ed.session();
  EXPECT_FALSE(ed.add(SessionItem{}, 4).ok());
  EXPECT_FALSE(ed.remove(3).ok());
  EXPECT_FALSE(ed.move(3, 0).ok());
  EXPECT_FALSE(ed.move(0, 3).ok());
  EXPECT_FALSE(ed.duplicate(3).ok());
  EXPECT_FALSE(ed.edit(3, ed.session().items[0]).ok());
  EXPECT_FALSE(ed.setTargetMinutes(2).ok());
  EXPECT_EQ(ed.session(), before);
  EXPECT_FALSE(ed.canUndo());
  EXPECT_FALSE(ed.undo());
  EXPECT_FALSE(ed.redo());
}

TEST(SessionEditor, EditRejectsInvalidItems) {
  SessionEditor ed(threeItems());
  SessionItem item = ed.session().items[0];
  item.sets = 0;
  EXPECT_FALSE(ed.edit(0, item).ok());
  item = ed.session().items[0];
  item.holdSeconds = 20;  // and reps = 10
  EXPECT_FALSE(ed.edit(0, item).ok());
  item = ed.session().items[0];
  item.tempo = "slow";
  EXPECT_FALSE(ed.edit(0, item).ok());
  EXPECT_FALSE(ed.canUndo());
}

TEST(SessionEditor, UnknownExerciseItemsCannotBeEdited) {
  Session s = threeItems();
  s.items[1].unknownExercise = true;
  SessionEditor ed(s);
  auto status = ed.edit(1, s.items[0]);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("cannot be edited"), std::string::npos);
  EXPECT_TRUE(ed.remove(1).ok());  // but it can be removed
}

// --- each operation's result, then exact undo and redo -----------------------------------------

struct OperationCase {
  const char* name;
  std::function<Status(SessionEditor&)> run;
  std::vector<std::string> expectedIds;  // exercise ids after the operation
};

TEST(SessionEditor, EveryOperationUndoesAndRedoesExactly) {
  SessionItem edited = makeItem(exerciseOf("squat", false, {5, 5, 0, 120, "2-0-X"}));
  edited.load = "20 kg";
  edited.note = "heavy";
  edited.side = Side::Both;
  const OperationCase cases[] = {
      {"add at end", [](SessionEditor& e) { return e.add(makeItem(exerciseOf("plank", false, {1, 0, 20, 0, ""}))); },
       {"squat", "lunge", "plank", "plank"}},
      {"add at front", [](SessionEditor& e) { return e.add(makeItem(exerciseOf("lunge", true, {1, 5, 0, 0, ""})), 0); },
       {"lunge", "squat", "lunge", "plank"}},
      {"remove middle", [](SessionEditor& e) { return e.remove(1); }, {"squat", "plank"}},
      {"move first to last", [](SessionEditor& e) { return e.move(0, 2); }, {"lunge", "plank", "squat"}},
      {"move last to first", [](SessionEditor& e) { return e.move(2, 0); }, {"plank", "squat", "lunge"}},
      {"move down one", [](SessionEditor& e) { return e.move(0, 1); }, {"lunge", "squat", "plank"}},
      {"duplicate", [](SessionEditor& e) { return e.duplicate(1); }, {"squat", "lunge", "lunge", "plank"}},
      {"edit", [&](SessionEditor& e) { return e.edit(0, edited); }, {"squat", "lunge", "plank"}},
      {"rename", [](SessionEditor& e) { return e.rename("Tuesday"); }, {"squat", "lunge", "plank"}},
      {"target", [](SessionEditor& e) { return e.setTargetMinutes(35); }, {"squat", "lunge", "plank"}},
  };
  for (const OperationCase& k : cases) {
    SCOPED_TRACE(k.name);
    SessionEditor ed(threeItems());
    const Session before = ed.session();
    ASSERT_TRUE(k.run(ed).ok());
    const Session after = ed.session();
    EXPECT_NE(after, before);
    std::vector<std::string> ids;
    for (const SessionItem& item : after.items) ids.push_back(item.exerciseId);
    EXPECT_EQ(ids, k.expectedIds);
    ASSERT_TRUE(ed.canUndo());
    EXPECT_TRUE(ed.undo());
    EXPECT_EQ(ed.session(), before);
    EXPECT_FALSE(ed.canUndo());
    ASSERT_TRUE(ed.canRedo());
    EXPECT_TRUE(ed.redo());
    EXPECT_EQ(ed.session(), after);
    EXPECT_FALSE(ed.canRedo());
  }
}

TEST(SessionEditor, EditChangesOnlyThatItem) {
  SessionEditor ed(threeItems());
  SessionItem item = ed.session().items[1];
  item.side = Side::Left;
  item.load = "8 kg";
  ASSERT_TRUE(ed.edit(1, item).ok());
  EXPECT_EQ(ed.session().items[1], item);
  EXPECT_EQ(ed.session().items[0], threeItems().items[0]);
  EXPECT_EQ(ed.session().name, "Test");
}

TEST(SessionEditor, NoOpChangesLeaveNoHistory) {
  SessionEditor ed(threeItems());
  EXPECT_TRUE(ed.move(1, 1).ok());
  EXPECT_TRUE(ed.rename("Test").ok());
  EXPECT_TRUE(ed.edit(0, ed.session().items[0]).ok());
  EXPECT_FALSE(ed.canUndo());
}

TEST(SessionEditor, LongHistoryUndoesInOrderAndANewChangeClearsRedo) {
  SessionEditor ed(threeItems());
  std::vector<Session> states{ed.session()};
  ASSERT_TRUE(ed.duplicate(0).ok());
  states.push_back(ed.session());
  ASSERT_TRUE(ed.move(0, 3).ok());
  states.push_back(ed.session());
  ASSERT_TRUE(ed.remove(1).ok());
  states.push_back(ed.session());
  ASSERT_TRUE(ed.rename("X").ok());
  states.push_back(ed.session());
  for (std::size_t i = states.size() - 1; i-- > 0;) {
    ASSERT_TRUE(ed.undo());
    EXPECT_EQ(ed.session(), states[i]) << i;
  }
  ASSERT_TRUE(ed.redo());
  ASSERT_TRUE(ed.redo());
  EXPECT_EQ(ed.session(), states[2]);
  const auto revision = ed.revision();
  ASSERT_TRUE(ed.add(test::itemOf("plank", 1, 0, 10)).ok());
  EXPECT_GT(ed.revision(), revision);
  EXPECT_FALSE(ed.canRedo());
  ASSERT_TRUE(ed.undo());
  EXPECT_EQ(ed.session(), states[2]);
}

TEST(SessionEditor, HistoryIsBounded) {
  SessionEditor ed(threeItems());
  for (std::size_t i = 0; i < SessionEditor::kMaxUndo + 20; ++i) ASSERT_TRUE(ed.rename(std::to_string(i)).ok());
  std::size_t undone = 0;
  while (ed.undo()) ++undone;
  EXPECT_EQ(undone, SessionEditor::kMaxUndo);
}

TEST(SessionEditor, ResetClearsHistory) {
  SessionEditor ed(threeItems());
  ASSERT_TRUE(ed.remove(0).ok());
  ed.reset(Session{});
  EXPECT_FALSE(ed.canUndo());
  EXPECT_TRUE(ed.session().items.empty());
}

// --- duration ---------------------------------------------------------------------------------
//
// Hand-computed (kDefaultRepSeconds 3, kSideSwitchSeconds 10, kChangeoverSeconds 60):
//   squat 3 x 10 @ 3-1-1 (5 s/rep), rest 90:        work 3 x 50 = 150, rest 2 x 90 = 180  -> 330
//   lunge (single leg) 3 x 8 @ 2-0-1 (3 s), rest 60:
//     both:        per set 2 x 24 + 10 = 58 -> 174, rest 120 -> 294
//     left:        per set 24          -> 72,  rest 120 -> 192
//     alternating: per set 2 x 24      -> 144, rest 120 -> 264
//   plank 2 x 30 s hold, rest 45:                    work 60, rest 45                    -> 105
//   squat 3 x 10 without tempo:                      work 3 x 30 = 90, rest 180         -> 270

TEST(Duration, ItemsMatchHandComputedValues) {
  const Catalog c = smallCatalog();
  struct Row { const char* name; SessionItem item; float work, rest; };
  SessionItem squat = makeItem(*c.find("squat"));
  SessionItem lunge = makeItem(*c.find("lunge"));
  SessionItem plank = makeItem(*c.find("plank"));
  SessionItem lungeLeft = lunge, lungeAlt = lunge, squatNoTempo = squat, unknown = lunge;
  lungeLeft.side = Side::Left;
  lungeAlt.side = Side::Alternating;
  squatNoTempo.tempo.clear();
  unknown.exerciseId = "mystery";  // unknown: counted as bilateral -> 3 x 24 + 120
  const Row rows[] = {
      {"squat", squat, 150, 180},     {"lunge both", lunge, 174, 120}, {"lunge left", lungeLeft, 72, 120},
      {"lunge alternating", lungeAlt, 144, 120}, {"plank", plank, 60, 45}, {"no tempo", squatNoTempo, 90, 180},
      {"unknown", unknown, 72, 120},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    const ItemDuration d = estimateItem(r.item, c);
    EXPECT_FLOAT_EQ(d.workSeconds, r.work);
    EXPECT_FLOAT_EQ(d.restSeconds, r.rest);
  }
}

TEST(Duration, SessionAddsChangeovers) {
  const Catalog c = smallCatalog();
  const DurationEstimate d = estimateDuration(threeItems(), c);
  ASSERT_EQ(d.items.size(), 3u);
  EXPECT_FLOAT_EQ(d.changeoverSeconds, 120.0f);
  EXPECT_FLOAT_EQ(d.totalSeconds, 330.0f + 294.0f + 105.0f + 120.0f);  // 849 s
  EXPECT_NEAR(d.minutes(), 14.15f, 1e-4f);
  EXPECT_FLOAT_EQ(estimateDuration(Session{}, c).totalSeconds, 0.0f);
  Session one;
  one.items.push_back(makeItem(*c.find("plank")));
  EXPECT_FLOAT_EQ(estimateDuration(one, c).totalSeconds, 105.0f);  // no changeover for one item
}

TEST(Duration, OneSetHasNoRest) {
  const SessionItem item = test::itemOf("squat", 1, 4, 0, 300, "1-1-1-1");
  const ItemDuration d = estimateItem(item, smallCatalog());
  EXPECT_FLOAT_EQ(d.workSeconds, 16.0f);
  EXPECT_FLOAT_EQ(d.restSeconds, 0.0f);
}

TEST(Duration, BandAgainstTheGuidance) {
  static_assert(durationBand(29.9f) == DurationBand::Short);
  static_assert(durationBand(30.0f) == DurationBand::Within);
  static_assert(durationBand(45.0f) == DurationBand::Within);
  static_assert(durationBand(45.1f) == DurationBand::Long);
  EXPECT_EQ(durationBand(estimateDuration(threeItems(), smallCatalog()).minutes()), DurationBand::Short);
}

TEST(Side, KeysRoundTrip) {
  for (Side s : {Side::Both, Side::Left, Side::Right, Side::Alternating}) EXPECT_EQ(sideFromKey(sideKey(s)), s);
  EXPECT_FALSE(sideFromKey("middle").has_value());
}

}  // namespace
}  // namespace formviz::domain
