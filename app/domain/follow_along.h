// [SECTION] Follow-along: a session run as a timed programme of work, rest and changeover
// steps, with rep counting paced by each item's tempo.
//
// Index
//   [SECTION] Plan      FollowStep, buildPlan: the session unrolled into steps
//   [SECTION] Runner    FollowAlong: where the user is, advanced by the caller's clock
//
// The plan follows the duration formula of session.h step for step, so the plan's total time
// equals estimateDuration(): a unilateral item done on both sides works the left side, switches
// (kSideSwitchSeconds), works the right side; alternating work is one step with twice the reps;
// sets are separated by the item's rest and items by kChangeoverSeconds.
//
// Plain C++ without a clock: time comes from advance(dt), so a whole session can be run in a
// test in a few calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/domain/catalog.h"
#include "app/domain/session.h"
#include "app/domain/tempo.h"

namespace formviz::domain {

// [SECTION] Plan ---------------------------------------------------------------------------

enum class StepKind : std::uint8_t {
  Work,        // reps or a hold
  SwitchSide,  // between the two sides of a unilateral set
  Rest,        // between sets
  Changeover,  // setting up the next exercise
};

// The part of a rep the tempo is in; Hold for timed holds.
enum class TempoPart : std::uint8_t { Eccentric, Pause, Concentric, Top, Hold };
std::string_view tempoPartName(TempoPart part);  // "Lower", "Pause", "Lift", "Top", "Hold"

struct FollowStep {
  StepKind kind = StepKind::Work;
  std::size_t item = 0;     // index in the session
  int set = 1;              // 1-based
  int sets = 1;
  Side side = Side::Both;   // Left/Right for one side of a unilateral set, Alternating, or Both
  int reps = 0;             // total reps of a Work step (alternating: both sides); 0 for holds
  Tempo tempo;              // per rep (Work with reps); repSeconds() > 0
  float seconds = 0.0f;     // the step's length
};

std::vector<FollowStep> buildPlan(const Session& session, const Catalog& catalog);

// [SECTION] Runner -------------------------------------------------------------------------

// Something the user should hear or see happen; advance() reports them in time order.
enum class FollowEvent : std::uint8_t {
  StepStarted,  // a new step began (work, rest, ...)
  Beat,         // a tempo part began within a rep (the visual beat and the audio tick)
  Countdown,    // 3, 2, 1 seconds left of a rest, switch or changeover
  Finished,     // the last step ended
};

class FollowAlong {
 public:
  FollowAlong() = default;
  explicit FollowAlong(std::vector<FollowStep> plan) : plan_(std::move(plan)) {}

  const std::vector<FollowStep>& plan() const { return plan_; }
  bool empty() const { return plan_.empty(); }
  bool finished() const { return step_ >= plan_.size(); }
  bool paused() const { return paused_; }
  void pause() { paused_ = true; }
  void resume() { paused_ = false; }

  // Moves time on by `seconds` (>= 0; ignored while paused or finished), crossing steps as
  // needed, and returns what happened on the way.
  std::vector<FollowEvent> advance(float seconds);
  // Jumps to the start of the next / previous step (previous from more than 2 s into a step
  // restarts it). Emits nothing; the caller knows it asked.
  void next();
  void previous();

  // The current step; nullptr when finished or empty.
  const FollowStep* current() const { return finished() ? nullptr : &plan_[step_]; }
  // The next Work step after the current one (what comes next), or nullptr.
  const FollowStep* nextWork() const;
  std::size_t stepIndex() const { return step_; }
  float elapsed() const { return elapsed_; }                  // seconds into the current step
  float remaining() const;                                    // seconds left of the current step
  float totalRemaining() const;                               // seconds left of the whole plan

  // Work steps with reps: the rep under way (1-based, at most reps) and where in it we are.
  int rep() const;
  float repProgress() const;  // [0, 1) through the current rep; holds: elapsed / seconds
  TempoPart tempoPart() const;
  // Alternating work: the side of the current rep (left first); otherwise the step's side.
  Side repSide() const;

 private:
  std::vector<FollowStep> plan_;
  std::size_t step_ = 0;
  float elapsed_ = 0.0f;
  bool paused_ = false;
};

}  // namespace formviz::domain
