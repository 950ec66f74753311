#include "app/domain/follow_along.h"

#include <algorithm>
#include <cmath>

namespace formviz::domain {

std::string_view tempoPartName(TempoPart part) {
  switch (part) {
    case TempoPart::Eccentric: return "Lower";
    case TempoPart::Pause: return "Pause";
    case TempoPart::Concentric: return "Lift";
    case TempoPart::Top: return "Top";
    case TempoPart::Hold: return "Hold";
  }
  return "";
}

// [SECTION] Plan

namespace {

// Without a tempo a rep takes kDefaultRepSeconds (as in the duration estimate), half lowering
// and half lifting.
Tempo itemTempo(const SessionItem& item) {
  if (auto tempo = parseTempo(item.tempo)) return *tempo;
  return Tempo{kDefaultRepSeconds * 0.5f, 0.0f, kDefaultRepSeconds * 0.5f, 0.0f};
}

}  // namespace

std::vector<FollowStep> buildPlan(const Session& session, const Catalog& catalog) {
  std::vector<FollowStep> plan;
  for (std::size_t i = 0; i < session.items.size(); ++i) {
    const SessionItem& item = session.items[i];
    const Exercise* exercise = catalog.find(item.exerciseId);
    const bool unilateral = exercise && exercise->unilateral();
    const Tempo tempo = itemTempo(item);
    const bool hold = item.holdSeconds > 0;
    const int reps = hold ? 0 : std::max(item.reps, 0);
    const float perSide = hold ? static_cast<float>(item.holdSeconds) : static_cast<float>(reps) * tempo.repSeconds();
    const int sets = std::max(item.sets, 0);
    if (i > 0) plan.push_back({StepKind::Changeover, i, 1, sets, item.side, 0, tempo, kChangeoverSeconds});
    for (int set = 1; set <= sets; ++set) {
      auto work = [&](Side side, int factor) {
        plan.push_back({StepKind::Work, i, set, sets, side, reps * factor, tempo, perSide * static_cast<float>(factor)});
      };
      if (unilateral && item.side == Side::Both) {
        work(Side::Left, 1);
        plan.push_back({StepKind::SwitchSide, i, set, sets, Side::Right, 0, tempo, kSideSwitchSeconds});
        work(Side::Right, 1);
      } else if (unilateral && item.side == Side::Alternating) {
        work(Side::Alternating, 2);
      } else {
        work(unilateral ? item.side : Side::Both, 1);
      }
      if (set < sets && item.restSeconds > 0)
        plan.push_back({StepKind::Rest, i, set, sets, item.side, 0, tempo, static_cast<float>(item.restSeconds)});
    }
  }
  // A step of zero length (0 reps) would flash by; drop it rather than show it.
  std::erase_if(plan, [](const FollowStep& step) { return step.seconds <= 0.0f; });
  return plan;
}

// [SECTION] Runner

namespace {

bool countsDown(StepKind kind) { return kind != StepKind::Work; }

// Start times of the tempo parts within a rep, in order; parts of zero length are skipped.
struct PartSpan {
  TempoPart part;
  float start, end;
};
std::vector<PartSpan> repParts(const Tempo& tempo) {
  std::vector<PartSpan> parts;
  float t = 0.0f;
  for (auto [part, seconds] : {std::pair{TempoPart::Eccentric, tempo.eccentric}, std::pair{TempoPart::Pause, tempo.pause},
                               std::pair{TempoPart::Concentric, tempo.concentric}, std::pair{TempoPart::Top, tempo.top}}) {
    if (seconds <= 0.0f) continue;
    parts.push_back({part, t, t + seconds});
    t += seconds;
  }
  return parts;
}

}  // namespace

std::vector<FollowEvent> FollowAlong::advance(float seconds) {
  std::vector<FollowEvent> events;
  if (paused_ || finished() || !(seconds > 0.0f)) return events;
  float left = seconds;
  while (!finished() && left > 0.0f) {
    const FollowStep& step = plan_[step_];
    const float before = elapsed_;
    // Either the step ends within `left` (the rest carries over) or all of `left` is used;
    // never subtract a difference, which could leave a residue too small to move time.
    const bool ends = before + left >= step.seconds;
    const float after = ends ? step.seconds : before + left;
    left = ends ? left - (step.seconds - before) : 0.0f;
    elapsed_ = after;
    if (step.kind == StepKind::Work && step.reps > 0) {
      // A beat at every tempo part that starts in (before, after]; the part starting a rep at
      // the step's very start is the StepStarted event's.
      const float rep = step.tempo.repSeconds();
      const auto parts = repParts(step.tempo);
      const int firstRep = static_cast<int>(std::floor(before / rep));
      for (int r = firstRep; r < step.reps; ++r) {
        bool beyond = false;
        for (const PartSpan& part : parts) {
          const float t = static_cast<float>(r) * rep + part.start;
          if (t > after) { beyond = true; break; }
          if (t > before) events.push_back(FollowEvent::Beat);
        }
        if (beyond) break;
      }
    } else if (countsDown(step.kind)) {
      for (int s = 3; s >= 1; --s) {
        const float t = step.seconds - static_cast<float>(s);
        if (t > before && t <= after) events.push_back(FollowEvent::Countdown);
      }
    }
    if (elapsed_ >= step.seconds) {
      ++step_;
      elapsed_ = 0.0f;
      events.push_back(finished() ? FollowEvent::Finished : FollowEvent::StepStarted);
    }
  }
  return events;
}

void FollowAlong::next() {
  if (finished()) return;
  ++step_;
  elapsed_ = 0.0f;
}

void FollowAlong::previous() {
  if (elapsed_ > 2.0f || step_ == 0) {
    elapsed_ = 0.0f;
    return;
  }
  --step_;
  elapsed_ = 0.0f;
}

const FollowStep* FollowAlong::nextWork() const {
  for (std::size_t i = step_ + 1; i < plan_.size(); ++i)
    if (plan_[i].kind == StepKind::Work) return &plan_[i];
  return nullptr;
}

float FollowAlong::remaining() const { return finished() ? 0.0f : plan_[step_].seconds - elapsed_; }

float FollowAlong::totalRemaining() const {
  float total = remaining();
  for (std::size_t i = step_ + 1; i < plan_.size(); ++i) total += plan_[i].seconds;
  return total;
}

int FollowAlong::rep() const {
  const FollowStep* step = current();
  if (!step || step->kind != StepKind::Work || step->reps == 0) return 0;
  return std::min(step->reps, static_cast<int>(std::floor(elapsed_ / step->tempo.repSeconds())) + 1);
}

float FollowAlong::repProgress() const {
  const FollowStep* step = current();
  if (!step) return 0.0f;
  if (step->kind != StepKind::Work || step->reps == 0) return std::clamp(elapsed_ / step->seconds, 0.0f, 1.0f);
  const float rep = step->tempo.repSeconds();
  const float within = elapsed_ - static_cast<float>(this->rep() - 1) * rep;
  return std::clamp(within / rep, 0.0f, 1.0f);
}

TempoPart FollowAlong::tempoPart() const {
  const FollowStep* step = current();
  if (!step || step->kind != StepKind::Work || step->reps == 0) return TempoPart::Hold;
  const float within = repProgress() * step->tempo.repSeconds();
  const auto parts = repParts(step->tempo);
  for (const PartSpan& part : parts)
    if (within < part.end) return part.part;
  return parts.empty() ? TempoPart::Hold : parts.back().part;
}

Side FollowAlong::repSide() const {
  const FollowStep* step = current();
  if (!step) return Side::Both;
  if (step->side != Side::Alternating) return step->side;
  const bool firstHalf = step->reps > 0 ? (rep() % 2 == 1) : elapsed_ < step->seconds * 0.5f;
  return firstHalf ? Side::Left : Side::Right;
}

}  // namespace formviz::domain
