// [SECTION] Rules as data: what each exercise's clips must satisfy, and where the numbers
// come from. One JSON file per exercise (format in docs/FORM.md), plus a built-in table of
// range-of-motion bounds that no clip may exceed.
//
// Angles are in degrees and lengths in metres (the measure's unit; see form/measures.h).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "form/measures.h"

namespace formviz::form {

// A time range of a clip named by its markers.
//   "all"     the whole clip, [0, duration];
//   "name"    from marker `name` to the next marker in time (or the clip's end);
//   "a..b"    from marker a to marker b.
// A statistic "at" uses the range's start instant (marker `name` / `a`; 0 for "all").
struct Phase {
  std::string from;  // empty = the whole clip
  std::string to;    // empty = up to the next marker after `from`
  std::string text() const;                    // as written in the file: "all", "bottom", "descent..bottom"
  static Phase parse(std::string_view text);  // never fails: any text is a marker name or "a..b"
};

enum class Statistic : std::uint8_t {
  Min,    // the smallest value in the phase must be in range (worst frame: that minimum)
  Max,    // the largest value in the phase must be in range
  At,     // the value at the phase's start instant must be in range
  Range,  // max - min over the phase must be in range (e.g. "knee stays within 10 degrees")
  Every,  // every frame must be in range (reported value: the frame furthest out, else closest to a bound)
  Rise,   // the most the value climbs above its value at the phase's first frame (>= 0; worst frame: the
          // maximum), e.g. "the rear heel rises no further during the ascent"
};
std::string_view statisticName(Statistic statistic);

enum class RuleSide : std::uint8_t {
  Both,     // each side separately: one result per side (default; unsided measures: one result)
  Left,
  Right,
  Working,  // the exercise's working side (mirrored clips swap it)
  Other,    // the side that is not working (e.g. contralateral pelvic drop)
};
std::string_view ruleSideName(RuleSide side);

// Frames a rule looks at, by the declared contacts of the foot on the rule's side.
enum class When : std::uint8_t {
  Always,
  FootPlanted,  // that side's foot (foot, heel, toe or ball contact) is declared planted
  FootFree,     // it is not
};
std::string_view whenName(When when);

struct Rule {
  std::string id;           // unique within its file, e.g. "squat.bottom.knee"
  Measure measure = Measure::KneeFlexion;
  RuleSide side = RuleSide::Both;
  Phase phase;              // default: "all"
  Statistic statistic = Statistic::Every;
  When when = When::Always;
  float lo = -std::numeric_limits<float>::infinity();  // allowed range [lo, hi], measure units;
  float hi = std::numeric_limits<float>::infinity();   // an open end is +-infinity (null in JSON)
  std::string source;       // where the numbers come from, with its tag: "Escamilla 2001 [S]"
};

// Which body parts touch the floor (planted: they must not slide) during a phase.
enum class ContactSet : std::uint8_t {
  Foot,   // heel + toe tip + ball
  Heel,
  Toe,    // toe tip + ball (on the toes: calf raise top, lunge rear foot)
  Hand,   // palm
  Elbow,  // forearm plank
  Knee,
  Ball,   // the ball of the foot only: the pivot of a raised heel, where clips pin the foot
};
std::string_view contactSetName(ContactSet set);

struct ContactDeclaration {
  Side side = Side::Left;
  ContactSet set = ContactSet::Foot;
  Phase phase;  // default "all"
  // A sliding contact (a travelling move baked in place: bounding's stance foot moves back
  // under the body): it must stay on the floor and on one straight line, so contactSlide is
  // the horizontal distance from the line through its first and last positions in the phase,
  // not the drift from where it started. It counts as planted (base of support, footPlanted).
  bool sliding = false;
  std::string name() const;  // "leftFoot", "rightHand", ...
};

struct ExerciseRules {
  std::string exercise;                 // e.g. "bodyweight_squat"
  std::optional<Side> workingSide;      // required when a rule says "working" or "other"
  std::optional<float> facingDegrees;   // pelvicRotation reference (yaw, 0 = +Z, + toward +X); none = the feet
  std::vector<ContactDeclaration> contacts;
  std::vector<Rule> rules;
  // What each mistake clip must fail: clip slug (the clip is "mistake_<slug>") -> the ids of
  // the rules it must fail, and only those (ids of this file's rules or of globalRomRules()).
  // A correct clip ("correct") must fail none. See judgeClip() in form/check.h.
  std::map<std::string, std::vector<std::string>> mistakes;
};

// Parses a rules file's text. Every error names `fileName` and the JSON path of the offending
// value, e.g. "squat.rules.json: rules[3].range: expected two numbers (null for an open end)".
Result<ExerciseRules> parseRules(std::string_view text, std::string_view fileName);
// Reads and parses a rules file (errors name the path).
Result<ExerciseRules> loadRules(const std::filesystem::path& path);

// Range-of-motion bounds no clip may exceed (normal adult ROM from the biomechanics reference;
// weight-bearing ankle dorsiflexion capped separately). Statistic Every, phase "all", both sides.
std::span<const Rule> globalRomRules();

}  // namespace formviz::form
