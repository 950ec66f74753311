#include "app/domain/guidance.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace formviz::domain {
using body::MuscleGroup;

// [SECTION] Coverage

float Coverage::group(MuscleGroup g) const {
  const float left = regions[static_cast<std::size_t>(body::regionId(g, body::RegionSide::Left))];
  const float right = regions[static_cast<std::size_t>(body::regionId(g, body::RegionSide::Right))];
  return 0.5f * (left + right);
}

float Coverage::normalized(int regionId) const {
  if (regionId <= 0 || regionId >= body::kMuscleRegionCount || maxScore <= 0.0f) return 0.0f;
  return regions[static_cast<std::size_t>(regionId)] / maxScore;
}

Coverage computeCoverage(const Session& session, const Catalog& catalog) {
  Coverage coverage;
  for (const SessionItem& item : session.items) {
    const Exercise* ex = catalog.find(item.exerciseId);
    if (!ex) continue;
    const bool left = !(ex->unilateral() && item.side == Side::Right);
    const bool right = !(ex->unilateral() && item.side == Side::Left);
    auto addGroup = [&](MuscleGroup g, float weight) {
      const float amount = weight * static_cast<float>(std::max(item.sets, 0));
      if (left) coverage.regions[static_cast<std::size_t>(body::regionId(g, body::RegionSide::Left))] += amount;
      if (right) coverage.regions[static_cast<std::size_t>(body::regionId(g, body::RegionSide::Right))] += amount;
    };
    for (MuscleGroup g : ex->primary) addGroup(g, kPrimaryWeight);
    for (MuscleGroup g : ex->secondary) addGroup(g, kSecondaryWeight);
  }
  coverage.maxScore = *std::max_element(coverage.regions.begin(), coverage.regions.end());
  return coverage;
}

const std::vector<PriorityGroup>& priorityGroups() {
  static const std::vector<PriorityGroup> groups = {
      {"glutes", "Glutes", {MuscleGroup::GluteusMaximus}},
      {"hamstrings", "Hamstrings", {MuscleGroup::Hamstrings}},
      {"quads", "Quads", {MuscleGroup::Quadriceps}},
      {"core", "Core", {MuscleGroup::RectusAbdominis, MuscleGroup::Obliques, MuscleGroup::ErectorSpinae}},
      {"calves", "Calves", {MuscleGroup::Gastrocnemius, MuscleGroup::Soleus}},
      {"hip_stabilizers", "Hip stabilizers", {MuscleGroup::HipStabilizers}},
      {"upper_back_shoulders", "Upper back and shoulders",
       {MuscleGroup::UpperBack, MuscleGroup::DeltoidRear, MuscleGroup::LatissimusDorsi}},
  };
  return groups;
}

float priorityScore(const PriorityGroup& group, const Coverage& coverage) {
  float best = 0.0f;
  for (MuscleGroup g : group.muscles) best = std::max(best, coverage.group(g));
  return best;
}

// [SECTION] Rules

namespace {
const char* kWhy[] = {
    "Glutes steady the pelvis, drive hip extension and help keep the knee in line.",
    "Hamstrings help push off and slow the swinging leg before each landing.",
    "Quads hold the knee steady and soak up landing forces, most of all on downhills.",
    "A strong trunk keeps the upper body from wasting energy and holds form late in a run.",
    "Calves take the ground forces of every stride and add spring to it.",
    "The glute medius and deep hip rotators stop the hips dropping and swaying side to side.",
    "The upper back and shoulders hold posture, power the arm swing and help breathing.",
};
const char* kAdd[] = {
    "glute bridge, Romanian deadlift or split squat",
    "Romanian deadlift, single-leg RDL or bridges",
    "squats, lunges or step-ups",
    "planks, dead bugs or Pallof presses",
    "straight- and bent-knee calf raises",
    "side planks, lateral band walks or clamshells",
    "band pull-aparts",
};
}  // namespace

std::vector<Finding> checkSingleLeg(const Session& session, const Catalog& catalog) {
  if (session.items.empty()) return {};
  for (const SessionItem& item : session.items)
    if (const Exercise* ex = catalog.find(item.exerciseId); ex && ex->singleLeg) return {};
  return {{"single_leg", Severity::Warning,
           "No single-leg work. Running is one leg at a time, so add a split squat, step-up or single-leg "
           "Romanian deadlift to train balance and knee and hip control.",
           {}}};
}

std::vector<Finding> checkCoreStability(const Session& session, const Catalog& catalog) {
  if (session.items.empty()) return {};
  bool rotation = false, extension = false;
  for (const SessionItem& item : session.items) {
    if (const Exercise* ex = catalog.find(item.exerciseId)) {
      rotation |= ex->category == Category::CoreAntiRotation;
      extension |= ex->category == Category::CoreAntiExtension;
    }
  }
  if (!rotation && !extension)
    return {{"core_stability", Severity::Warning,
             "No core stability work. Runners need a trunk that resists twisting and arching, not only crunches: "
             "add a plank or dead bug (anti-extension) and a Pallof press or bird dog (anti-rotation).",
             {}}};
  if (!rotation)
    return {{"core_stability", Severity::Info,
             "The core work here resists arching but not twisting. Consider a Pallof press, side plank or bird "
             "dog for anti-rotation.",
             {}}};
  if (!extension)
    return {{"core_stability", Severity::Info,
             "The core work here resists twisting but not arching. Consider a front plank or dead bug for "
             "anti-extension.",
             {}}};
  return {};
}

std::vector<Finding> checkPriorityGroups(const Session& session, const Catalog& catalog) {
  if (session.items.empty()) return {};
  const Coverage coverage = computeCoverage(session, catalog);
  std::vector<Finding> findings;
  const auto& groups = priorityGroups();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const float score = priorityScore(groups[i], coverage);
    if (score >= kTrainedGroupScore) continue;
    const std::string amount = score <= 0.0f ? "not trained" : "barely trained";
    findings.push_back({"priority_group", Severity::Warning,
                        fmt::format("{} {}. {} Add {}.", groups[i].name, amount, kWhy[i], kAdd[i]),
                        {}});
  }
  return findings;
}

std::vector<Finding> checkIsolation(const Session& session, const Catalog& catalog) {
  int isolationSets = 0, totalSets = 0;
  std::vector<std::size_t> items;
  for (std::size_t i = 0; i < session.items.size(); ++i) {
    const SessionItem& item = session.items[i];
    const Exercise* ex = catalog.find(item.exerciseId);
    if (!ex) continue;
    totalSets += item.sets;
    if (ex->isolation) {
      isolationSets += item.sets;
      items.push_back(i);
    }
  }
  if (totalSets == 0 || 2 * isolationSets <= totalSets) return {};
  return {{"isolation", Severity::Warning,
           fmt::format("{} of {} sets are isolation exercises. Single-joint moves carry over little to running; "
                       "build the session around squats, lunges, hinges and step-ups and keep isolation work as "
                       "a small add-on.",
                       isolationSets, totalSets),
           std::move(items)}};
}

std::vector<Finding> checkDuration(const Session& session, const Catalog& catalog) {
  if (session.items.empty())
    return {{"duration", Severity::Info, "The session is empty: add exercises from the library or start from a template.", {}}};
  const float minutes = estimateDuration(session, catalog).minutes();
  const int shown = static_cast<int>(std::lround(minutes));
  if (minutes < kGuidanceMinMinutes)
    return {{"duration", Severity::Info,
             fmt::format("About {} minutes, shorter than the usual 30-45. Fine as a top-up; as a main strength "
                         "session, add sets or exercises.",
                         shown),
             {}}};
  if (minutes > kGuidanceMaxMinutes)
    return {{"duration", Severity::Warning,
             fmt::format("About {} minutes, longer than the 30-45 that works well for runners. Long sessions eat "
                         "into recovery for running: cut sets, rest or exercises.",
                         shown),
             {}}};
  return {};
}

std::vector<Finding> checkPlyometricsAfterFatigue(const Session& session, const Catalog& catalog) {
  std::vector<Finding> findings;
  std::optional<std::size_t> firstHeavy;
  for (std::size_t i = 0; i < session.items.size(); ++i) {
    const SessionItem& item = session.items[i];
    const Exercise* ex = catalog.find(item.exerciseId);
    if (!ex) continue;
    if (ex->category == Category::Plyometric && firstHeavy) {
      const Exercise* heavy = catalog.find(session.items[*firstHeavy].exerciseId);
      findings.push_back({"plyo_fatigue", Severity::Warning,
                          fmt::format("{} comes after {}. Jumps need fresh legs to be fast and to land safely: "
                                      "move them to the start of the session, right after the warm-up.",
                                      ex->name, heavy->name),
                          {*firstHeavy, i}});
    }
    if (!firstHeavy && ex->category == Category::Strength && (ex->difficulty >= kHeavyDifficulty || !item.load.empty()))
      firstHeavy = i;
  }
  return findings;
}

std::vector<Finding> checkUnknownExercises(const Session& session, const Catalog& catalog) {
  std::vector<std::size_t> items;
  for (std::size_t i = 0; i < session.items.size(); ++i)
    if (!catalog.contains(session.items[i].exerciseId)) items.push_back(i);
  if (items.empty()) return {};
  return {{"unknown_exercise", Severity::Info,
           fmt::format("{} item{} not in this library, so the checks above leave {} out. {} kept and saved "
                       "unchanged.",
                       items.size(), items.size() == 1 ? " is" : "s are", items.size() == 1 ? "it" : "them",
                       items.size() == 1 ? "It is" : "They are"),
           std::move(items)}};
}

std::vector<Finding> checkSession(const Session& session, const Catalog& catalog) {
  std::vector<Finding> all;
  for (auto rule : {checkSingleLeg, checkCoreStability, checkPriorityGroups, checkIsolation, checkDuration,
                    checkPlyometricsAfterFatigue, checkUnknownExercises}) {
    auto findings = rule(session, catalog);
    all.insert(all.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  }
  return all;
}

}  // namespace formviz::domain
