// [SECTION] Session: a named list of prescribed exercises, its editor with undo/redo, and
// its estimated duration.
//
// Index
//   [SECTION] Data          Side, SessionItem, Session
//   [SECTION] Editing       SessionEditor: add, remove, move, duplicate, edit, rename, undo, redo
//   [SECTION] Duration      estimateDuration and the formula's constants
//
// The editor is snapshot based: every operation stores the whole session before it changes
// it, so undo and redo restore it exactly (sessions are a few dozen items; a copy is cheap).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/domain/catalog.h"
#include "core/result.h"

namespace formviz::domain {

// [SECTION] Data ---------------------------------------------------------------------------

enum class Side : std::uint8_t {
  Both,         // both legs: a single-leg exercise is done on one side, then the other
  Left,         // left side only
  Right,        // right side only
  Alternating,  // single-leg reps alternate sides within the set (reps are per side)
};
std::string_view sideKey(Side side);  // both, left, right, alternating
std::optional<Side> sideFromKey(std::string_view key);

struct SessionItem {
  std::string exerciseId;
  int sets = 3;             // >= 1
  int reps = 0;             // per set (per side for single-leg work); 0 for holds
  int holdSeconds = 0;      // per set (per side); 0 for rep-based work
  int restSeconds = 60;     // between sets
  std::string tempo;        // "3-1-1" (see tempo.h); empty = kDefaultRepSeconds per rep
  Side side = Side::Both;
  std::string load;         // free text: "12 kg kettlebell", "light band"
  std::string note;         // free text

  // Set by loading when the exercise is not in the catalog: the item is kept, shown as
  // unknown, cannot be edited, and is written back exactly as it was read (`original`).
  bool unknownExercise = false;
  std::string original;     // JSON object text of the item as read; empty for items made here
  std::string extra;        // JSON object text of keys this version does not know ("{}" or empty)

  bool operator==(const SessionItem&) const = default;
};

// A new item with the exercise's default dosage.
SessionItem makeItem(const Exercise& exercise);

struct Session {
  std::string name = "New session";
  int targetMinutes = 40;   // what the user aims for; guidance uses 30-45 regardless
  std::vector<SessionItem> items;
  std::string extra;        // JSON object text of top-level keys this version does not know

  bool operator==(const Session&) const = default;
};

// [SECTION] Editing ------------------------------------------------------------------------

// Owns a session and its history. Each operation validates its arguments first: a bad index
// is an error and changes nothing (no history entry either).
class SessionEditor {
 public:
  static constexpr std::size_t kMaxUndo = 200;

  SessionEditor() = default;
  explicit SessionEditor(Session session) : session_(std::move(session)) {}

  const Session& session() const { return session_; }
  // Replaces the session (open, new, template) and clears the history.
  void reset(Session session);

  // Inserts `item` at `index` (default: the end). Index in [0, size].
  Status add(SessionItem item, std::optional<std::size_t> index = std::nullopt);
  Status remove(std::size_t index);
  // Moves the item at `from` so that it ends up at index `to` (both in [0, size)).
  Status move(std::size_t from, std::size_t to);
  // Inserts a copy right after the item.
  Status duplicate(std::size_t index);
  // Replaces the item at `index`. Items of unknown exercises cannot be edited. `item` must
  // have sets >= 1 and exactly one of reps and holdSeconds > 0, and a valid or empty tempo.
  Status edit(std::size_t index, SessionItem item);
  Status rename(std::string name);
  Status setTargetMinutes(int minutes);  // 5..180

  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  bool undo();  // false when there is nothing to undo
  bool redo();

  // Increases with every change, undo and redo: autosave compares it with the last saved one.
  std::uint64_t revision() const { return revision_; }

 private:
  void record();
  Session session_;
  std::vector<Session> undo_;
  std::vector<Session> redo_;
  std::uint64_t revision_ = 0;
};

// [SECTION] Duration -----------------------------------------------------------------------
//
// For each item, with the exercise from the catalog (unknown exercises count as bilateral):
//   work per set  = reps x rep seconds (the tempo's sum, or kDefaultRepSeconds without a tempo),
//                   or holdSeconds for holds;
//   sides         = 2 when the exercise is unilateral (single-leg, or per side like the side plank)
//                   and the side is Both or Alternating, else 1;
//   side switch   = kSideSwitchSeconds per set when the exercise is unilateral and the side is Both;
//   item          = sets x (work x sides + side switch) + (sets - 1) x restSeconds.
// Session = sum of the items + (items - 1) x kChangeoverSeconds (setting up the next exercise).

inline constexpr float kDefaultRepSeconds = 3.0f;
inline constexpr float kSideSwitchSeconds = 10.0f;
inline constexpr float kChangeoverSeconds = 60.0f;
// The 30-45 minute guidance for one session.
inline constexpr float kGuidanceMinMinutes = 30.0f;
inline constexpr float kGuidanceMaxMinutes = 45.0f;

enum class DurationBand : std::uint8_t { Short, Within, Long };
// Where `minutes` falls against the 30-45 minute guidance (30 and 45 are Within).
constexpr DurationBand durationBand(float minutes) {
  return minutes < kGuidanceMinMinutes ? DurationBand::Short
         : minutes > kGuidanceMaxMinutes ? DurationBand::Long
                                         : DurationBand::Within;
}

struct ItemDuration {
  float workSeconds = 0.0f;   // time under tension plus side switches
  float restSeconds = 0.0f;   // rest between its sets
  float totalSeconds() const { return workSeconds + restSeconds; }
};

struct DurationEstimate {
  std::vector<ItemDuration> items;  // one per session item
  float changeoverSeconds = 0.0f;
  float totalSeconds = 0.0f;
  float minutes() const { return totalSeconds / 60.0f; }
};

ItemDuration estimateItem(const SessionItem& item, const Catalog& catalog);
DurationEstimate estimateDuration(const Session& session, const Catalog& catalog);

}  // namespace formviz::domain
