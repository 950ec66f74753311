#include "app/domain/session.h"

#include <algorithm>

#include <fmt/format.h>

#include "app/domain/tempo.h"

namespace formviz::domain {

// [SECTION] Data

std::string_view sideKey(Side side) {
  switch (side) {
    case Side::Both: return "both";
    case Side::Left: return "left";
    case Side::Right: return "right";
    case Side::Alternating: return "alternating";
  }
  return "both";
}

std::optional<Side> sideFromKey(std::string_view key) {
  for (Side s : {Side::Both, Side::Left, Side::Right, Side::Alternating})
    if (sideKey(s) == key) return s;
  return std::nullopt;
}

SessionItem makeItem(const Exercise& exercise) {
  SessionItem item;
  item.exerciseId = exercise.id;
  item.sets = exercise.dosage.sets;
  item.reps = exercise.dosage.reps;
  item.holdSeconds = exercise.dosage.holdSeconds;
  item.restSeconds = exercise.dosage.restSeconds;
  item.tempo = exercise.dosage.tempo;
  item.side = Side::Both;
  return item;
}

// [SECTION] Editing

namespace {
Error badIndex(const char* operation, std::size_t index, std::size_t size) {
  return makeError(fmt::format("{}: item {} does not exist (the session has {} items)", operation, index, size));
}
}  // namespace

void SessionEditor::reset(Session session) {
  session_ = std::move(session);
  undo_.clear();
  redo_.clear();
  ++revision_;
}

void SessionEditor::record() {
  undo_.push_back(session_);
  if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
  redo_.clear();
  ++revision_;
}

Status SessionEditor::add(SessionItem item, std::optional<std::size_t> index) {
  const std::size_t at = index.value_or(session_.items.size());
  if (at > session_.items.size()) return badIndex("add", at, session_.items.size());
  record();
  session_.items.insert(session_.items.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
  return Ok{};
}

Status SessionEditor::remove(std::size_t index) {
  if (index >= session_.items.size()) return badIndex("remove", index, session_.items.size());
  record();
  session_.items.erase(session_.items.begin() + static_cast<std::ptrdiff_t>(index));
  return Ok{};
}

Status SessionEditor::move(std::size_t from, std::size_t to) {
  const std::size_t n = session_.items.size();
  if (from >= n) return badIndex("move", from, n);
  if (to >= n) return badIndex("move", to, n);
  if (from == to) return Ok{};
  record();
  auto& items = session_.items;
  auto first = items.begin();
  if (from < to)
    std::rotate(first + static_cast<std::ptrdiff_t>(from), first + static_cast<std::ptrdiff_t>(from) + 1,
                first + static_cast<std::ptrdiff_t>(to) + 1);
  else
    std::rotate(first + static_cast<std::ptrdiff_t>(to), first + static_cast<std::ptrdiff_t>(from),
                first + static_cast<std::ptrdiff_t>(from) + 1);
  return Ok{};
}

Status SessionEditor::duplicate(std::size_t index) {
  if (index >= session_.items.size()) return badIndex("duplicate", index, session_.items.size());
  record();
  SessionItem copy = session_.items[index];
  session_.items.insert(session_.items.begin() + static_cast<std::ptrdiff_t>(index) + 1, std::move(copy));
  return Ok{};
}

Status SessionEditor::edit(std::size_t index, SessionItem item) {
  if (index >= session_.items.size()) return badIndex("edit", index, session_.items.size());
  const SessionItem& current = session_.items[index];
  if (current.unknownExercise)
    return makeError(fmt::format("'{}' is not in this FormViz's exercise library, so the item cannot be edited "
                                 "(it is kept and saved as it was)", current.exerciseId));
  if (item.sets < 1) return makeError("sets must be at least 1");
  if ((item.reps > 0) == (item.holdSeconds > 0)) return makeError("give either reps or a hold time, not both");
  if (item.reps < 0 || item.holdSeconds < 0 || item.restSeconds < 0) return makeError("values cannot be negative");
  if (!item.tempo.empty() && !parseTempo(item.tempo))
    return makeError(fmt::format("'{}' is not a tempo: write seconds down-pause-up such as 3-1-1 (X = explosive)", item.tempo));
  if (item == current) return Ok{};
  record();
  session_.items[index] = std::move(item);
  return Ok{};
}

Status SessionEditor::rename(std::string name) {
  if (name == session_.name) return Ok{};
  record();
  session_.name = std::move(name);
  return Ok{};
}

Status SessionEditor::setTargetMinutes(int minutes) {
  if (minutes < 5 || minutes > 180) return makeError("the target duration must be 5 to 180 minutes");
  if (minutes == session_.targetMinutes) return Ok{};
  record();
  session_.targetMinutes = minutes;
  return Ok{};
}

bool SessionEditor::undo() {
  if (undo_.empty()) return false;
  redo_.push_back(std::move(session_));
  session_ = std::move(undo_.back());
  undo_.pop_back();
  ++revision_;
  return true;
}

bool SessionEditor::redo() {
  if (redo_.empty()) return false;
  undo_.push_back(std::move(session_));
  session_ = std::move(redo_.back());
  redo_.pop_back();
  ++revision_;
  return true;
}

// [SECTION] Duration

ItemDuration estimateItem(const SessionItem& item, const Catalog& catalog) {
  const Exercise* exercise = catalog.find(item.exerciseId);
  const bool singleLeg = exercise && exercise->unilateral();
  const int sets = std::max(item.sets, 0);
  float work = 0.0f;
  if (item.holdSeconds > 0) {
    work = static_cast<float>(item.holdSeconds);
  } else {
    const auto tempo = parseTempo(item.tempo);
    work = static_cast<float>(std::max(item.reps, 0)) * (tempo ? tempo->repSeconds() : kDefaultRepSeconds);
  }
  const bool twoSides = singleLeg && (item.side == Side::Both || item.side == Side::Alternating);
  const float perSet = work * (twoSides ? 2.0f : 1.0f) + (singleLeg && item.side == Side::Both ? kSideSwitchSeconds : 0.0f);
  ItemDuration d;
  d.workSeconds = static_cast<float>(sets) * perSet;
  d.restSeconds = static_cast<float>(std::max(sets - 1, 0)) * static_cast<float>(std::max(item.restSeconds, 0));
  return d;
}

DurationEstimate estimateDuration(const Session& session, const Catalog& catalog) {
  DurationEstimate estimate;
  for (const SessionItem& item : session.items) {
    estimate.items.push_back(estimateItem(item, catalog));
    estimate.totalSeconds += estimate.items.back().totalSeconds();
  }
  if (session.items.size() > 1)
    estimate.changeoverSeconds = static_cast<float>(session.items.size() - 1) * kChangeoverSeconds;
  estimate.totalSeconds += estimate.changeoverSeconds;
  return estimate;
}

}  // namespace formviz::domain
