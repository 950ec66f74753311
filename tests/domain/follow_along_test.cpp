// Follow-along: the session unrolled into timed steps, and the runner's rep counting, beats,
// countdowns, pausing and skipping, all driven by a fake clock (advance(dt)).
#include <gtest/gtest.h>

#include <algorithm>

#include "app/domain/follow_along.h"
#include "app/domain/templates.h"
#include "test_support.h"

namespace formviz::domain {
namespace {

using test::exerciseOf;

Catalog smallCatalog() {
  return Catalog({exerciseOf("squat", false, {2, 2, 0, 30, "3-1-1"}), exerciseOf("lunge", true, {2, 3, 0, 20, "2-0-1"}),
                  exerciseOf("plank", false, {2, 0, 20, 15, ""})});
}

SessionItem itemFor(const Catalog& catalog, const char* id, Side side = Side::Both) {
  SessionItem item = makeItem(*catalog.find(id));
  item.side = side;
  return item;
}

float total(const std::vector<FollowStep>& plan) {
  float seconds = 0.0f;
  for (const FollowStep& step : plan) seconds += step.seconds;
  return seconds;
}

int count(const std::vector<FollowEvent>& events, FollowEvent kind) {
  return static_cast<int>(std::count(events.begin(), events.end(), kind));
}

// squat 2x2 @3-1-1, rest 30:
//   work(set 1) 10 s | rest 30 s | work(set 2) 10 s
TEST(FollowPlan, BilateralSetsAreSeparatedByRest) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "squat")};
  const auto plan = buildPlan(session, catalog);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].kind, StepKind::Work);
  EXPECT_EQ(plan[0].side, Side::Both);
  EXPECT_EQ(plan[0].reps, 2);
  EXPECT_FLOAT_EQ(plan[0].seconds, 10.0f);
  EXPECT_EQ(plan[1].kind, StepKind::Rest);
  EXPECT_FLOAT_EQ(plan[1].seconds, 30.0f);
  EXPECT_EQ(plan[2].set, 2);
  EXPECT_EQ(plan[2].sets, 2);
}

// lunge (single-leg) on both sides, 2 sets: left | switch | right | rest | left | switch | right
TEST(FollowPlan, UnilateralBothSidesWorksLeftThenRight) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "lunge", Side::Both)};
  const auto plan = buildPlan(session, catalog);
  ASSERT_EQ(plan.size(), 7u);
  EXPECT_EQ(plan[0].side, Side::Left);
  EXPECT_EQ(plan[1].kind, StepKind::SwitchSide);
  EXPECT_FLOAT_EQ(plan[1].seconds, kSideSwitchSeconds);
  EXPECT_EQ(plan[2].side, Side::Right);
  EXPECT_EQ(plan[3].kind, StepKind::Rest);
  EXPECT_FLOAT_EQ(plan[0].seconds, 9.0f);  // 3 reps x 3 s
}

TEST(FollowPlan, AlternatingIsOneStepWithBothSidesReps) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "lunge", Side::Alternating)};
  const auto plan = buildPlan(session, catalog);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].side, Side::Alternating);
  EXPECT_EQ(plan[0].reps, 6);
  EXPECT_FLOAT_EQ(plan[0].seconds, 18.0f);
}

TEST(FollowPlan, ItemsAreSeparatedByAChangeover) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "squat"), itemFor(catalog, "plank")};
  const auto plan = buildPlan(session, catalog);
  ASSERT_EQ(plan.size(), 7u);
  EXPECT_EQ(plan[3].kind, StepKind::Changeover);
  EXPECT_EQ(plan[3].item, 1u);
  EXPECT_EQ(plan[4].reps, 0);
  EXPECT_FLOAT_EQ(plan[4].seconds, 20.0f);
}

// The runner spends exactly the estimated time: the plan and the estimate are the same formula.
TEST(FollowPlan, TotalTimeEqualsTheDurationEstimateForEveryTemplate) {
  const Catalog catalog = test::shippedCatalog();
  for (const SessionTemplate& t : sessionTemplates()) {
    const auto plan = buildPlan(t.session, catalog);
    EXPECT_NEAR(total(plan), estimateDuration(t.session, catalog).totalSeconds, 1e-2f) << t.key;
  }
}

TEST(FollowPlan, EmptySessionGivesEmptyPlan) {
  const Catalog catalog = smallCatalog();
  FollowAlong run(buildPlan(Session{}, catalog));
  EXPECT_TRUE(run.empty());
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(run.current(), nullptr);
  EXPECT_TRUE(run.advance(1.0f).empty());
}

// Reps at 3-1-1 (5 s a rep), two reps:
//   t  0      3   4    5      8   9    10
//      |Lower |P  |Lift|Lower |P  |Lift|
//      start  b   b    b      b   b    (step ends)
TEST(FollowAlong, CountsRepsAndBeatsByTheTempo) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "squat")};
  FollowAlong run(buildPlan(session, catalog));
  EXPECT_EQ(run.rep(), 1);
  EXPECT_EQ(run.tempoPart(), TempoPart::Eccentric);
  auto events = run.advance(3.5f);
  EXPECT_EQ(count(events, FollowEvent::Beat), 1);
  EXPECT_EQ(run.tempoPart(), TempoPart::Pause);
  events = run.advance(1.0f);  // 4.5 s: lifting
  EXPECT_EQ(run.tempoPart(), TempoPart::Concentric);
  EXPECT_NEAR(run.repProgress(), 0.9f, 1e-5f);
  events = run.advance(1.0f);  // 5.5 s: rep 2, lowering
  EXPECT_EQ(run.rep(), 2);
  EXPECT_EQ(run.tempoPart(), TempoPart::Eccentric);
  events = run.advance(4.5f);  // 10 s: the set ends, rest starts
  EXPECT_EQ(count(events, FollowEvent::Beat), 2);  // pause at 8, lift at 9
  EXPECT_EQ(count(events, FollowEvent::StepStarted), 1);
  ASSERT_NE(run.current(), nullptr);
  EXPECT_EQ(run.current()->kind, StepKind::Rest);
  EXPECT_FLOAT_EQ(run.remaining(), 30.0f);
}

TEST(FollowAlong, RestCountsDownTheLastThreeSecondsThenFinishes) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "squat")};
  FollowAlong run(buildPlan(session, catalog));
  run.next();  // to the rest
  auto events = run.advance(26.5f);
  EXPECT_EQ(count(events, FollowEvent::Countdown), 0);
  events = run.advance(3.0f);  // 29.5 s: 27, 28 and 29 passed
  EXPECT_EQ(count(events, FollowEvent::Countdown), 3);
  events = run.advance(100.0f);  // the rest ends, the last set runs to the end
  EXPECT_EQ(count(events, FollowEvent::StepStarted), 1);
  EXPECT_EQ(count(events, FollowEvent::Finished), 1);
  EXPECT_TRUE(run.finished());
  EXPECT_FLOAT_EQ(run.totalRemaining(), 0.0f);
}

TEST(FollowAlong, PauseStopsTimeAndResumeContinues) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "plank")};
  FollowAlong run(buildPlan(session, catalog));
  run.advance(5.0f);
  run.pause();
  EXPECT_TRUE(run.advance(50.0f).empty());
  EXPECT_FLOAT_EQ(run.elapsed(), 5.0f);
  run.resume();
  run.advance(5.0f);
  EXPECT_FLOAT_EQ(run.elapsed(), 10.0f);
  EXPECT_EQ(run.tempoPart(), TempoPart::Hold);
  EXPECT_NEAR(run.repProgress(), 0.5f, 1e-6f);
}

TEST(FollowAlong, AlternatingRepsSwitchSidesEachRep) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "lunge", Side::Alternating)};
  FollowAlong run(buildPlan(session, catalog));
  EXPECT_EQ(run.repSide(), Side::Left);
  run.advance(3.5f);
  EXPECT_EQ(run.rep(), 2);
  EXPECT_EQ(run.repSide(), Side::Right);
  run.advance(3.0f);
  EXPECT_EQ(run.repSide(), Side::Left);
}

TEST(FollowAlong, NextAndPreviousMoveBetweenSteps) {
  const Catalog catalog = smallCatalog();
  Session session;
  session.items = {itemFor(catalog, "squat"), itemFor(catalog, "plank")};
  FollowAlong run(buildPlan(session, catalog));
  ASSERT_NE(run.nextWork(), nullptr);
  EXPECT_EQ(run.nextWork()->set, 2);
  run.next();
  run.next();
  run.advance(1.0f);
  run.previous();  // within 2 s: back one step
  EXPECT_EQ(run.stepIndex(), 1u);
  run.advance(5.0f);
  run.previous();  // later: restart the step
  EXPECT_EQ(run.stepIndex(), 1u);
  EXPECT_FLOAT_EQ(run.elapsed(), 0.0f);
  for (int i = 0; i < 10; ++i) run.next();
  EXPECT_TRUE(run.finished());
}

// Frame-sized steps (1/30 s) add up to whole steps without float residue stalling time: a
// whole template runs to its end in frames.
TEST(FollowAlong, RunsAWholeTemplateInFrameSteps) {
  const Catalog catalog = test::shippedCatalog();
  const SessionTemplate& t = sessionTemplates().front();
  FollowAlong run(buildPlan(t.session, catalog));
  const float total = run.totalRemaining();
  int frames = 0;
  int finished = 0;
  while (!run.finished() && frames < 1000000) {
    for (FollowEvent e : run.advance(1.0f / 30.0f)) finished += e == FollowEvent::Finished ? 1 : 0;
    ++frames;
  }
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(finished, 1);
  EXPECT_NEAR(static_cast<float>(frames) / 30.0f, total, 0.1f);
}

}  // namespace
}  // namespace formviz::domain
