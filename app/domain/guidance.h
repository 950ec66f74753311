// [SECTION] Session guidance: plain-language checks of a session against what runners need,
// and a muscle coverage map for colouring the body.
//
// Each rule returns zero or more findings. The rules and their thresholds:
//   single_leg       Warning when no item is a single-leg exercise (running is a series of
//                    single-leg landings; split squats, step-ups, single-leg hinges train that).
//   core_stability   Warning when the session has neither anti-rotation nor anti-extension core
//                    work; Info when it has only one of the two kinds.
//   priority_group   Warning per priority group (glutes, hamstrings, quads, core, calves, hip
//                    stabilizers, upper back and shoulders) whose coverage is below
//                    kTrainedGroupScore (two primary sets, or four secondary sets).
//   isolation        Warning when more than half of the session's sets are isolation exercises.
//   duration         Info below 30 minutes (fine as a short top-up), Warning above 45 minutes.
//   plyo_fatigue     Warning for each plyometric item placed after heavy strength work: an item of
//                    category strength with difficulty >= kHeavyDifficulty or a load written in.
//   unknown_exercise Info when items name exercises this catalog does not have: they are kept
//                    but no rule can count them.
// An empty session gives one Info finding ("add exercises") and nothing else.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/domain/catalog.h"
#include "app/domain/session.h"
#include "core/muscle_regions.h"

namespace formviz::domain {

enum class Severity : std::uint8_t { Info, Warning };

struct Finding {
  std::string rule;          // stable id: "single_leg", "core_stability", "priority_group", ...
  Severity severity = Severity::Warning;
  std::string message;       // plain words: what is missing or too much, and what to do about it
  std::vector<std::size_t> items;  // session items the finding is about (may be empty)
};

// [SECTION] Coverage
//
// Per muscle region (body::regionId), the sum over items of sets x weight, with weight
// kPrimaryWeight for a primary muscle and kSecondaryWeight for a secondary one. A unilateral
// exercise (Exercise::unilateral) done on one side only (Side::Left/Right) counts on that side; everything else
// counts on both sides.
inline constexpr float kPrimaryWeight = 1.0f;
inline constexpr float kSecondaryWeight = 0.5f;
inline constexpr float kTrainedGroupScore = 2.0f;
inline constexpr int kHeavyDifficulty = 3;

struct Coverage {
  std::array<float, body::kMuscleRegionCount> regions{};  // index = region id; [0] unused
  float maxScore = 0.0f;                                  // largest region score
  // Mean of the left and right scores of a group.
  float group(body::MuscleGroup group) const;
  // regions[id] / maxScore in [0, 1]; 0 when nothing is trained. For colouring the body.
  float normalized(int regionId) const;
};
Coverage computeCoverage(const Session& session, const Catalog& catalog);

// The priority groups runners should train, each a set of muscle groups; a priority group's
// score is the largest score among its muscle groups.
struct PriorityGroup {
  std::string_view key;   // "glutes"
  std::string_view name;  // "Glutes"
  std::vector<body::MuscleGroup> muscles;
};
const std::vector<PriorityGroup>& priorityGroups();
float priorityScore(const PriorityGroup& group, const Coverage& coverage);

// [SECTION] Rules
std::vector<Finding> checkSingleLeg(const Session& session, const Catalog& catalog);
std::vector<Finding> checkCoreStability(const Session& session, const Catalog& catalog);
std::vector<Finding> checkPriorityGroups(const Session& session, const Catalog& catalog);
std::vector<Finding> checkIsolation(const Session& session, const Catalog& catalog);
std::vector<Finding> checkDuration(const Session& session, const Catalog& catalog);
std::vector<Finding> checkPlyometricsAfterFatigue(const Session& session, const Catalog& catalog);
std::vector<Finding> checkUnknownExercises(const Session& session, const Catalog& catalog);

// Every rule, in the order above (warnings are not sorted ahead of infos).
std::vector<Finding> checkSession(const Session& session, const Catalog& catalog);

}  // namespace formviz::domain
