// [SECTION] CheckJob: sample a clip, measure every frame, evaluate an exercise's rules.
//
// Frames are sampled at t = k / sampleRate for k = 0.. up to the clip's duration, plus the
// duration itself and every marker time (so "at" rules and phase edges are exact). For each
// frame: anim::Character (sample, retarget if needed, local to model) -> MeasureJob and
// CenterOfMassJob, then the speeds from the neighbouring frames (hipFlexionSpeed), the contact
// measures from the declarations (contactSlide, contactHeight) and the centre of mass against
// the base of support (comMargin, NaN while nothing is planted).
//
// The job keeps no state: Run() allocates its working buffers (a Character, per-frame contact
// points) once per call and writes into the caller's CheckReport (resizing its vectors).
#pragma once

#include <string>
#include <vector>

#include "anim/clip.h"
#include "anim/skeleton.h"
#include "form/com.h"
#include "form/rules.h"

namespace formviz::form {

// One rule's verdict for one side (unsided measures: one result, side empty).
struct RuleResult {
  std::string id;
  Measure measure = Measure::KneeFlexion;
  std::optional<Side> side;
  std::string phase;               // Phase::text()
  Statistic statistic = Statistic::Every;
  float value = kNoValue;          // the statistic's value (NaN when no frame had a value)
  float time = kNoValue;           // seconds: the frame of the worst value (Range: of the max)
  int frame = -1;                  // index into CheckReport::times
  float lo = 0.0f, hi = 0.0f;      // allowed range (+-infinity = open)
  bool pass = false;
  float deviation = 0.0f;          // value - hi when above, value - lo when below (so < 0), 0 inside
  bool global = false;             // from globalRomRules()
  std::string source;
  std::string note;                // why a rule could not be evaluated (unknown marker, no data)
};

struct CheckReport {
  std::string clip;                    // the clip's name
  std::vector<float> times;            // seconds, one per frame
  std::vector<FrameMeasures> frames;   // every measure of every frame
  std::vector<glm::vec3> centerOfMass; // model space, one per frame
  std::vector<RuleResult> results;     // the exercise's rules, the global bounds, then one failure per
                                       // contact declaration whose phase the clip lacks (id "contacts")
  int failures() const;
  bool passed() const { return failures() == 0; }
};

struct CheckJob {
  const anim::Skeleton* skeleton = nullptr;  // required: the body checked
  const BodyRig* rig = nullptr;              // required, bound to `skeleton`
  const anim::Clip* clip = nullptr;          // required, jointCount() == the clip skeleton's
  // The skeleton the clip's tracks are indexed like, when it is another body with the same
  // joint names (another preset): the clip is retargeted by name as anim::Character does.
  // nullptr = `skeleton`.
  const anim::Skeleton* clipSkeleton = nullptr;
  const ExerciseRules* rules = nullptr;      // required (its rules and contact declarations)
  float sampleRate = 60.0f;                  // frames per second, in (0, 1000]
  // The clip is the mirror image (x -> -x, left and right swapped) of the one the rules were
  // written for: every side in the rules (left, right, working, contacts) swaps, and so does
  // the sign of `facing`. Results name the side actually measured.
  bool mirrored = false;
  bool globalBounds = true;                  // also check globalRomRules()
  Sex sex = Sex::Male;                       // which segment-mass table (de Leva 1996)
  std::optional<ContactOffsets> offsets;     // contact geometry; none = rig->contactOffsets
  CheckReport* output = nullptr;             // required

  bool Validate() const;  // false on a missing input, mismatched joint counts or a bad rate
  bool Run() const;       // false (writing nothing) when Validate() fails
};

// [SECTION] Verdict: did a clip fail exactly what it should?
//
// A correct clip (any clip not named "mistake_<slug>") must fail no rule. A mistake clip
// "mistake_<slug>" must fail every rule id ExerciseRules::mistakes[slug] lists (on at least
// one side) and no other rule, global bounds included: a mistake clip that also breaks
// something else shows two mistakes at once. A rule id fails when any of its results fails.
struct ClipVerdict {
  std::string clip;
  bool mistake = false;                 // named mistake_<slug>
  std::vector<std::string> expected;    // rule ids the clip must fail (empty for a correct clip)
  std::vector<std::string> failed;      // rule ids that failed, in report order
  std::vector<std::string> missed;      // expected but passed: the checker does not see the mistake
  std::vector<std::string> unexpected;  // failed but not expected
  std::string problem;                  // e.g. the rules declare nothing for this mistake
  bool ok() const { return problem.empty() && missed.empty() && unexpected.empty(); }
};
ClipVerdict judgeClip(const CheckReport& report, const ExerciseRules& rules);
// One line: "verdict correct: OK (fails nothing)", "verdict mistake_knee_valgus: OK (fails
// exactly squat.valgus as expected)", or "... WRONG (...)" naming what was missed or extra.
std::string formatVerdict(const ClipVerdict& verdict);

// The report as a plain-text table, one line per result:
//   measure, side, phase, statistic, value, allowed range, PASS/FAIL (+ deviation), rule id.
// Degrees print with one decimal, metres in millimetres. A last line counts the failures.
std::string formatReport(const CheckReport& report);

}  // namespace formviz::form
