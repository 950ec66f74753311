#include "app/domain/catalog.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/domain/tempo.h"
#include "core/paths.h"

// [SECTION] Vocabularies
// [SECTION] Catalog and clip index
// [SECTION] Loading: one exercise
// [SECTION] Loading: the whole file

namespace formviz::domain {
namespace {
using nlohmann::json;

constexpr std::array<std::string_view, 6> kCategoryKeys = {"strength", "plyometric", "core_anti_rotation",
                                                           "core_anti_extension", "hip_stability", "mobility"};
constexpr std::array<std::string_view, 6> kCategoryNames = {"Strength", "Plyometric", "Core: anti-rotation",
                                                            "Core: anti-extension", "Hip stability", "Mobility"};
constexpr std::array<std::string_view, 6> kEquipmentKeys = {"bodyweight", "mini_band", "long_band_or_cable",
                                                            "dumbbell", "kettlebell", "box_or_bench"};
constexpr std::array<std::string_view, 6> kEquipmentNames = {"Bodyweight", "Mini band", "Long band or cable",
                                                             "Dumbbell", "Kettlebell", "Box or bench"};
constexpr std::array<std::string_view, 5> kViewKeys = {"front", "side", "back", "three-quarter", "top"};
constexpr std::array<std::string_view, 13> kJointNames = {"head", "neck",   "shoulder", "elbow", "wrist",
                                                          "chest", "spine", "pelvis",   "hip",   "knee",
                                                          "ankle", "heel",  "toe"};

template <typename Enum, std::size_t N>
std::optional<Enum> fromKey(const std::array<std::string_view, N>& keys, std::string_view key) {
  for (std::size_t i = 0; i < N; ++i)
    if (keys[i] == key) return static_cast<Enum>(i);
  return std::nullopt;
}

std::string joinKeys(std::span<const std::string_view> keys) {
  std::string out;
  for (std::string_view k : keys) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

}  // namespace

// [SECTION] Vocabularies

std::string_view categoryKey(Category c) { return kCategoryKeys[static_cast<std::size_t>(c)]; }
std::string_view categoryName(Category c) { return kCategoryNames[static_cast<std::size_t>(c)]; }
std::optional<Category> categoryFromKey(std::string_view key) { return fromKey<Category>(kCategoryKeys, key); }
std::string_view equipmentKey(Equipment e) { return kEquipmentKeys[static_cast<std::size_t>(e)]; }
std::string_view equipmentName(Equipment e) { return kEquipmentNames[static_cast<std::size_t>(e)]; }
std::optional<Equipment> equipmentFromKey(std::string_view key) { return fromKey<Equipment>(kEquipmentKeys, key); }
std::string_view cameraViewKey(CameraView v) { return kViewKeys[static_cast<std::size_t>(v)]; }
std::optional<CameraView> cameraViewFromKey(std::string_view key) { return fromKey<CameraView>(kViewKeys, key); }

std::optional<body::MuscleGroup> muscleFromKey(std::string_view key) {
  for (int g = 1; g < body::kMuscleGroupCount; ++g)
    if (key == body::kMuscleGroups[g].key) return body::kMuscleGroups[g].group;
  return std::nullopt;
}
std::string_view muscleKey(body::MuscleGroup group) { return body::kMuscleGroups[static_cast<int>(group)].key; }

std::span<const std::string_view> jointNames() { return kJointNames; }
bool isJointName(std::string_view name) {
  return std::find(kJointNames.begin(), kJointNames.end(), name) != kJointNames.end();
}

// [SECTION] Catalog and clip index

std::string CueRange::text() const {
  if (fromMarker.empty()) return fmt::format("{:g}..{:g}", start, end);
  if (toMarker.empty()) return fromMarker;
  return fromMarker + ".." + toMarker;
}

Catalog::Catalog(std::vector<Exercise> exercises) : exercises_(std::move(exercises)) {}

const PhaseActivation* Activation::find(std::string_view phase) const {
  for (const PhaseActivation& a : phases)
    if (a.phase == phase) return &a;
  return nullptr;
}

const Exercise* Catalog::find(std::string_view id) const {
  for (const Exercise& e : exercises_)
    if (e.id == id) return &e;
  return nullptr;
}

void MemoryClipIndex::add(std::string exerciseId, std::vector<ClipInfo> clips) {
  for (auto& entry : entries_)
    if (entry.first == exerciseId) {
      entry.second = std::move(clips);
      return;
    }
  entries_.emplace_back(std::move(exerciseId), std::move(clips));
}

std::optional<std::vector<ClipInfo>> MemoryClipIndex::clips(std::string_view exerciseId) const {
  for (const auto& entry : entries_)
    if (entry.first == exerciseId) return entry.second;
  return std::nullopt;
}

std::string CatalogIssue::text() const {
  if (path.empty()) return fmt::format("{}: {}", file, message);
  return fmt::format("{}: {}: {}", file, path, message);
}

// [SECTION] Loading: one exercise

namespace {

bool isSnakeCase(std::string_view id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string_view typeName(const json& value) { return value.type_name(); }

class ExerciseReader {
 public:
  ExerciseReader(std::string_view file, std::vector<CatalogIssue>& issues) : file_(file), issues_(issues) {}

  void issue(const std::string& path, std::string message) {
    issues_.push_back({std::string(file_), path, exerciseId_, std::move(message)});
  }

  // Reads exercises[index]; nullopt when it has to be dropped (issues say why).
  std::optional<Exercise> read(const json& node, std::size_t index, const ClipIndex& clipIndex,
                               const std::set<std::string>& seenIds) {
    const std::string p = fmt::format("exercises[{}]", index);
    exerciseId_.clear();
    if (!node.is_object()) {
      issue(p, fmt::format("expected an object, found {}; exercise dropped", typeName(node)));
      return std::nullopt;
    }
    Exercise ex;
    // id
    auto id = requiredString(node, "id", p);
    if (!id) return drop(p);
    if (!isSnakeCase(*id)) {
      issue(p + ".id", fmt::format("'{}' is not a snake_case id (a-z, 0-9, _); exercise dropped", *id));
      return std::nullopt;
    }
    exerciseId_ = *id;
    if (seenIds.count(*id)) {
      issue(p + ".id", fmt::format("'{}' is already used by an earlier exercise; this one is dropped", *id));
      return std::nullopt;
    }
    ex.id = *id;
    // name, description
    auto name = requiredString(node, "name", p);
    if (!name) return drop(p);
    ex.name = *name;
    auto description = requiredString(node, "description", p);
    if (!description) return drop(p);
    ex.description = *description;
    // category
    auto category = requiredString(node, "category", p);
    if (!category) return drop(p);
    auto parsedCategory = categoryFromKey(*category);
    if (!parsedCategory) {
      issue(p + ".category", fmt::format("unknown category '{}' (expected one of: {}); exercise dropped", *category,
                                         joinKeys(kCategoryKeys)));
      return std::nullopt;
    }
    ex.category = *parsedCategory;
    // single_leg, isolation
    auto singleLeg = node.find("single_leg");
    if (singleLeg == node.end() || !singleLeg->is_boolean()) {
      issue(p + ".single_leg", "expected true or false; exercise dropped");
      return std::nullopt;
    }
    ex.singleLeg = singleLeg->get<bool>();
    for (auto [key, field] : {std::pair{"isolation", &ex.isolation}, std::pair{"per_side", &ex.perSide}}) {
      if (auto flag = node.find(key); flag != node.end()) {
        if (!flag->is_boolean()) {
          issue(fmt::format("{}.{}", p, key), "expected true or false; exercise dropped");
          return std::nullopt;
        }
        *field = flag->get<bool>();
      }
    }
    // difficulty
    auto difficulty = node.find("difficulty");
    if (difficulty == node.end() || !difficulty->is_number_integer() || difficulty->get<int>() < 1 ||
        difficulty->get<int>() > 5) {
      issue(p + ".difficulty", "expected a whole number from 1 to 5; exercise dropped");
      return std::nullopt;
    }
    ex.difficulty = difficulty->get<int>();
    // dosage
    if (!readDosage(node, p, ex.dosage)) return std::nullopt;
    // equipment and muscles: unknown entries are removed
    readKeyList(node, "equipment", p, ex.equipment, [](std::string_view k) { return equipmentFromKey(k); },
                "equipment", joinKeys(kEquipmentKeys));
    readKeyList(node, "primary", p, ex.primary, [](std::string_view k) { return muscleFromKey(k); }, "muscle",
                "the group keys in engine/core/muscle_regions.h");
    readKeyList(node, "secondary", p, ex.secondary, [](std::string_view k) { return muscleFromKey(k); }, "muscle",
                "the group keys in engine/core/muscle_regions.h");
    if (ex.primary.empty()) issue(p + ".primary", "no known primary muscle; coverage and filters will miss this exercise");
    // phases
    readStringList(node, "phases", p, ex.phases);
    const std::vector<std::string> declaredPhases = ex.phases;  // activation refers to these

    // clips
    std::optional<std::vector<ClipInfo>> clips = clipIndex.clips(ex.id);
    const ClipInfo* correct = nullptr;
    if (!clips) {
      issue(p, fmt::format("no clip file for '{}' (animations/{}.gltf): listed, but cannot be played", ex.id, ex.id));
    } else {
      correct = findClip(*clips, "correct");
      if (!correct) issue(p, fmt::format("the clip file of '{}' has no animation named 'correct'", ex.id));
    }
    ex.hasClips = correct != nullptr;
    if (correct) {
      for (std::size_t j = 0; j < ex.phases.size();) {
        if (!findMarker(*correct, ex.phases[j])) {
          issue(fmt::format("{}.phases[{}]", p, j),
                fmt::format("marker '{}' is not in clip 'correct' (it has: {}); phase removed", ex.phases[j],
                            markerList(*correct)));
          ex.phases.erase(ex.phases.begin() + static_cast<std::ptrdiff_t>(j));
        } else {
          ++j;
        }
      }
    }

    readMistakes(node, p, ex, clips ? &*clips : nullptr);
    readCues(node, p, ex, ex.hasClips ? &*clips : nullptr);
    readActivation(node, p, ex, declaredPhases);
    return ex;
  }

 private:
  std::nullopt_t drop(const std::string&) { return std::nullopt; }

  std::optional<std::string> requiredString(const json& node, const char* key, const std::string& p) {
    auto it = node.find(key);
    if (it == node.end()) {
      issue(p, fmt::format("missing \"{}\"; exercise dropped", key));
      return std::nullopt;
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
      issue(fmt::format("{}.{}", p, key), fmt::format("expected a non-empty string, found {}; exercise dropped",
                                                     it->is_string() ? "an empty string" : typeName(*it)));
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  bool readDosage(const json& node, const std::string& p, Dosage& d) {
    const std::string dp = p + ".dosage";
    auto it = node.find("dosage");
    if (it == node.end() || !it->is_object()) {
      issue(dp, "missing or not an object; exercise dropped");
      return false;
    }
    auto intField = [&](const char* key, int lo, int hi, int& out, bool required) {
      auto f = it->find(key);
      if (f == it->end()) {
        if (!required) return true;
        issue(dp, fmt::format("missing \"{}\"; exercise dropped", key));
        return false;
      }
      if (!f->is_number_integer() || f->get<long long>() < lo || f->get<long long>() > hi) {
        issue(fmt::format("{}.{}", dp, key), fmt::format("expected a whole number from {} to {}; exercise dropped", lo, hi));
        return false;
      }
      out = f->get<int>();
      return true;
    };
    if (!intField("sets", 1, 10, d.sets, true)) return false;
    if (!intField("reps", 1, 100, d.reps, false)) return false;
    if (!intField("hold_seconds", 1, 600, d.holdSeconds, false)) return false;
    if (!intField("rest_seconds", 0, 600, d.restSeconds, true)) return false;
    if ((d.reps > 0) == (d.holdSeconds > 0)) {
      issue(dp, "give exactly one of \"reps\" and \"hold_seconds\"; exercise dropped");
      return false;
    }
    if (auto t = it->find("tempo"); t != it->end()) {
      if (!t->is_string() || !parseTempo(t->get<std::string>())) {
        issue(dp + ".tempo", "expected a tempo such as \"3-1-1\" (seconds down-pause-up, X = explosive); exercise dropped");
        return false;
      }
      d.tempo = t->get<std::string>();
    }
    return true;
  }

  template <typename T, typename Parse>
  void readKeyList(const json& node, const char* key, const std::string& p, std::vector<T>& out, Parse parse,
                   std::string_view what, std::string_view expected) {
    auto it = node.find(key);
    if (it == node.end()) return;
    if (!it->is_array()) {
      issue(fmt::format("{}.{}", p, key), fmt::format("expected a list of strings, found {}; ignored", typeName(*it)));
      return;
    }
    for (std::size_t j = 0; j < it->size(); ++j) {
      const json& v = (*it)[j];
      const std::string vp = fmt::format("{}.{}[{}]", p, key, j);
      if (!v.is_string()) {
        issue(vp, fmt::format("expected a string, found {}; entry removed", typeName(v)));
        continue;
      }
      auto parsed = parse(v.get<std::string>());
      if (!parsed) {
        issue(vp, fmt::format("unknown {} '{}' (expected {}); entry removed", what, v.get<std::string>(), expected));
        continue;
      }
      if (std::find(out.begin(), out.end(), *parsed) == out.end()) out.push_back(*parsed);
    }
  }

  void readStringList(const json& node, const char* key, const std::string& p, std::vector<std::string>& out) {
    readKeyList(node, key, p, out,
                [](std::string_view k) { return k.empty() ? std::nullopt : std::optional<std::string>(std::string(k)); },
                "name", "a non-empty string");
  }

  static const ClipInfo* findClip(const std::vector<ClipInfo>& clips, std::string_view name) {
    for (const ClipInfo& c : clips)
      if (c.name == name) return &c;
    return nullptr;
  }
  static const ClipMarker* findMarker(const ClipInfo& clip, std::string_view name) {
    for (const ClipMarker& m : clip.markers)
      if (m.name == name) return &m;
    return nullptr;
  }
  static std::string markerList(const ClipInfo& clip) {
    if (clip.markers.empty()) return "no markers";
    std::string out;
    for (const ClipMarker& m : clip.markers) out += (out.empty() ? "" : ", ") + m.name;
    return out;
  }

  void readMistakes(const json& node, const std::string& p, Exercise& ex, const std::vector<ClipInfo>* clips) {
    auto it = node.find("mistakes");
    if (it == node.end()) return;
    if (!it->is_array()) {
      issue(p + ".mistakes", fmt::format("expected a list, found {}; ignored", typeName(*it)));
      return;
    }
    for (std::size_t j = 0; j < it->size(); ++j) {
      const json& m = (*it)[j];
      const std::string mp = fmt::format("{}.mistakes[{}]", p, j);
      if (!m.is_object()) {
        issue(mp, fmt::format("expected an object, found {}; mistake removed", typeName(m)));
        continue;
      }
      Mistake mistake;
      bool ok = true;
      for (auto [key, field] : {std::pair{"title", &mistake.title}, std::pair{"looks_like", &mistake.looksLike},
                                std::pair{"why", &mistake.whyItMatters}, std::pair{"fix", &mistake.fix},
                                std::pair{"clip", &mistake.clip}}) {
        auto f = m.find(key);
        if (f == m.end() || !f->is_string() || f->get<std::string>().empty()) {
          issue(fmt::format("{}.{}", mp, key), "missing or not a non-empty string; mistake removed");
          ok = false;
          break;
        }
        *field = f->get<std::string>();
      }
      if (!ok) continue;
      if (mistake.clip.rfind("mistake_", 0) != 0) {
        issue(mp + ".clip", fmt::format("clip name '{}' must start with \"mistake_\"; mistake kept without a clip", mistake.clip));
        mistake.clip.clear();
      } else if (clips && !findClip(*clips, mistake.clip)) {
        issue(mp + ".clip", fmt::format("clip '{}' is not in animations/{}.gltf; mistake kept without a clip",
                                        mistake.clip, ex.id));
        mistake.clip.clear();
      }
      ex.mistakes.push_back(std::move(mistake));
    }
  }

  // Parses the "range" of a cue; false (with an issue) when it is malformed.
  bool parseRange(const json& r, const std::string& rp, CueRange& range) {
    if (r.is_string()) {
      const std::string text = r.get<std::string>();
      const std::size_t dots = text.find("..");
      if (dots == std::string::npos) {
        range.fromMarker = text;
      } else {
        range.fromMarker = text.substr(0, dots);
        range.toMarker = text.substr(dots + 2);
        if (range.toMarker.empty()) {
          issue(rp, fmt::format("'{}' has no marker after \"..\"; cue removed", text));
          return false;
        }
      }
      if (range.fromMarker.empty()) {
        issue(rp, "expected a marker name such as \"bottom\" or \"descent..bottom\"; cue removed");
        return false;
      }
      return true;
    }
    if (r.is_array() && r.size() == 2 && r[0].is_number() && r[1].is_number()) {
      range.start = r[0].get<float>();
      range.end = r[1].get<float>();
      if (!std::isfinite(range.start) || !std::isfinite(range.end) || range.start < 0.0f || range.end <= range.start) {
        issue(rp, fmt::format("[{:g}, {:g}] is not a time range (0 <= start < end, in seconds); cue removed", range.start,
                              range.end));
        return false;
      }
      return true;
    }
    issue(rp, "expected a marker range (\"descent..bottom\", \"bottom\") or seconds ([1.2, 2.0]); cue removed");
    return false;
  }

  // Resolves `range` against the exercise's clips; false (with an issue) when it does not fit.
  bool resolveRange(const std::vector<ClipInfo>& clips, const std::string& rp, const std::string& exId, CueRange& range) {
    const ClipInfo* clip = findClip(clips, range.clip);
    if (!clip) {
      issue(rp, fmt::format("clip '{}' is not in animations/{}.gltf; cue removed", range.clip, exId));
      return false;
    }
    if (!range.fromMarker.empty()) {
      const ClipMarker* from = findMarker(*clip, range.fromMarker);
      if (!from) {
        issue(rp, fmt::format("marker '{}' is not in clip '{}' (it has: {}); cue removed", range.fromMarker, clip->name,
                              markerList(*clip)));
        return false;
      }
      range.start = from->time;
      if (!range.toMarker.empty()) {
        const ClipMarker* to = findMarker(*clip, range.toMarker);
        if (!to) {
          issue(rp, fmt::format("marker '{}' is not in clip '{}' (it has: {}); cue removed", range.toMarker, clip->name,
                                markerList(*clip)));
          return false;
        }
        range.end = to->time;
      } else {
        range.end = clip->duration;
        for (const ClipMarker& m : clip->markers)
          if (m.time > from->time && m.time < range.end) range.end = m.time;
      }
    }
    if (range.end > clip->duration + 1e-4f) {
      issue(rp, fmt::format("ends at {:g} s but clip '{}' lasts {:g} s; cue removed", range.end, clip->name, clip->duration));
      return false;
    }
    if (range.end <= range.start) {
      issue(rp, fmt::format("'{}' is empty or backwards in clip '{}' ({:g} s to {:g} s); cue removed", range.text(),
                            clip->name, range.start, range.end));
      return false;
    }
    range.resolved = true;
    return true;
  }

  std::optional<Overlay> readOverlay(const json& o, const std::string& op) {
    if (!o.is_object()) {
      issue(op, fmt::format("expected an object, found {}; overlay removed", typeName(o)));
      return std::nullopt;
    }
    Overlay overlay;
    auto kind = o.find("kind");
    if (kind == o.end() || !kind->is_string() || (*kind != "angle" && *kind != "line")) {
      issue(op + ".kind", "expected \"angle\" (arc at the middle joint) or \"line\" (alignment line); overlay removed");
      return std::nullopt;
    }
    overlay.kind = *kind == "angle" ? OverlayKind::AngleArc : OverlayKind::AlignmentLine;
    auto joints = o.find("joints");
    if (joints == o.end() || !joints->is_array()) {
      issue(op + ".joints", "expected a list of joint names; overlay removed");
      return std::nullopt;
    }
    for (std::size_t j = 0; j < joints->size(); ++j) {
      const json& v = (*joints)[j];
      if (!v.is_string() || !isJointName(v.get<std::string>())) {
        issue(fmt::format("{}.joints[{}]", op, j),
              fmt::format("unknown joint {} (expected one of: {}); overlay removed", v.dump(), joinKeys(kJointNames)));
        return std::nullopt;
      }
      overlay.joints.push_back(v.get<std::string>());
    }
    const std::size_t n = overlay.joints.size();
    if ((overlay.kind == OverlayKind::AngleArc && n != 3) || (overlay.kind == OverlayKind::AlignmentLine && n < 2)) {
      issue(op + ".joints", overlay.kind == OverlayKind::AngleArc ? "an angle needs exactly 3 joints; overlay removed"
                                                                  : "a line needs at least 2 joints; overlay removed");
      return std::nullopt;
    }
    if (auto side = o.find("side"); side != o.end()) {
      if (*side == "left") overlay.side = OverlaySide::Left;
      else if (*side == "right") overlay.side = OverlaySide::Right;
      else if (*side == "both") overlay.side = OverlaySide::Both;
      else {
        issue(op + ".side", "expected \"left\", \"right\" or \"both\"; overlay removed");
        return std::nullopt;
      }
    }
    return overlay;
  }

  void readCues(const json& node, const std::string& p, Exercise& ex, const std::vector<ClipInfo>* clips) {
    auto it = node.find("cues");
    if (it == node.end()) return;
    if (!it->is_array()) {
      issue(p + ".cues", fmt::format("expected a list, found {}; ignored", typeName(*it)));
      return;
    }
    for (std::size_t j = 0; j < it->size(); ++j) {
      const json& c = (*it)[j];
      const std::string cp = fmt::format("{}.cues[{}]", p, j);
      if (!c.is_object()) {
        issue(cp, fmt::format("expected an object, found {}; cue removed", typeName(c)));
        continue;
      }
      Cue cue;
      auto text = c.find("text");
      if (text == c.end() || !text->is_string() || text->get<std::string>().empty()) {
        issue(cp + ".text", "missing or not a non-empty string; cue removed");
        continue;
      }
      cue.text = text->get<std::string>();
      if (auto phase = c.find("phase"); phase != c.end() && phase->is_string()) cue.phase = phase->get<std::string>();
      if (auto clip = c.find("clip"); clip != c.end()) {
        if (!clip->is_string() || clip->get<std::string>().empty()) {
          issue(cp + ".clip", "expected a clip name; cue removed");
          continue;
        }
        cue.range.clip = clip->get<std::string>();
      }
      auto range = c.find("range");
      if (range == c.end()) {
        issue(cp, "missing \"range\"; cue removed");
        continue;
      }
      if (!parseRange(*range, cp + ".range", cue.range)) continue;
      if (clips && !resolveRange(*clips, cp + ".range", ex.id, cue.range)) continue;
      readKeyList(c, "muscles", cp, cue.muscles, [](std::string_view k) { return muscleFromKey(k); }, "muscle",
                  "the group keys in engine/core/muscle_regions.h");
      readKeyList(c, "joints", cp, cue.joints,
                  [](std::string_view k) { return isJointName(k) ? std::optional<std::string>(std::string(k)) : std::nullopt; },
                  "joint", joinKeys(kJointNames));
      if (auto view = c.find("view"); view != c.end()) {
        auto parsed = view->is_string() ? cameraViewFromKey(view->get<std::string>()) : std::nullopt;
        if (!parsed)
          issue(cp + ".view", fmt::format("unknown camera view {} (expected one of: {}); three-quarter used", view->dump(),
                                          joinKeys(kViewKeys)));
        else
          cue.view = *parsed;
      }
      if (auto overlay = c.find("overlay"); overlay != c.end() && !overlay->is_null())
        cue.overlay = readOverlay(*overlay, cp + ".overlay");
      ex.cues.push_back(std::move(cue));
    }
  }

  // "activation": {"working_side": "left", "phases": {"<phase>": {"<muscle>[:working|:other]": level}}}
  // Checked against the phases the exercise declares and its primary and secondary muscles (a
  // level for a muscle the highlight does not colour would never show).
  void readActivation(const json& node, const std::string& p, Exercise& ex, const std::vector<std::string>& phases) {
    auto it = node.find("activation");
    if (it == node.end()) return;
    const std::string ap = p + ".activation";
    if (!it->is_object()) {
      issue(ap, fmt::format("expected an object, found {}; activation ignored", typeName(*it)));
      return;
    }
    for (auto field = it->begin(); field != it->end(); ++field)
      if (field.key() != "working_side" && field.key() != "phases" && field.key() != "comment") {
        issue(fmt::format("{}.{}", ap, field.key()), "unknown field (expected \"working_side\" or \"phases\"); ignored");
      }
    Activation activation;
    if (auto side = it->find("working_side"); side != it->end()) {
      if (*side == "left") activation.workingSide = body::RegionSide::Left;
      else if (*side == "right") activation.workingSide = body::RegionSide::Right;
      else {
        issue(ap + ".working_side", fmt::format("expected \"left\" or \"right\", found {}; activation ignored", side->dump()));
        return;
      }
    }
    auto list = it->find("phases");
    if (list == it->end() || !list->is_object()) {
      issue(ap + ".phases", "expected an object of phases, e.g. {\"descent\": {\"quadriceps\": 0.6}}; activation ignored");
      return;
    }
    std::vector<PhaseActivation> read;
    for (auto phase = list->begin(); phase != list->end(); ++phase) {
      const std::string pp = fmt::format("{}.phases.{}", ap, phase.key());
      if (std::find(phases.begin(), phases.end(), phase.key()) == phases.end()) {
        issue(pp, fmt::format("unknown phase '{}' (the exercise's phases: {}); phase removed", phase.key(),
                              phases.empty() ? std::string("none") : joinStrings(phases)));
        continue;
      }
      if (!phase->is_object()) {
        issue(pp, fmt::format("expected an object of muscle levels, found {}; phase removed", typeName(*phase)));
        continue;
      }
      PhaseActivation levels;
      levels.phase = phase.key();
      for (auto entry = phase->begin(); entry != phase->end(); ++entry) {
        const std::string ep = fmt::format("{}.{}", pp, entry.key());
        const std::string& key = entry.key();
        const std::size_t colon = key.find(':');
        const std::string muscleName = key.substr(0, colon);
        const std::string sideName = colon == std::string::npos ? std::string() : key.substr(colon + 1);
        auto muscle = muscleFromKey(muscleName);
        if (!muscle) {
          issue(ep, fmt::format("unknown muscle '{}' (expected the group keys in engine/core/muscle_regions.h); "
                                "entry removed", muscleName));
          continue;
        }
        const bool listed = std::find(ex.primary.begin(), ex.primary.end(), *muscle) != ex.primary.end() ||
                            std::find(ex.secondary.begin(), ex.secondary.end(), *muscle) != ex.secondary.end();
        if (!listed) {
          issue(ep, fmt::format("'{}' is neither a primary nor a secondary muscle of '{}', so it is never coloured; "
                                "entry removed", muscleName, ex.id));
          continue;
        }
        if (!sideName.empty() && sideName != "working" && sideName != "other") {
          issue(ep, fmt::format("unknown side '{}' (expected the muscle alone for both sides, or "
                                "'{}:working' / '{}:other'); entry removed", sideName, muscleName, muscleName));
          continue;
        }
        if (!sideName.empty() && activation.workingSide == body::RegionSide::None) {
          issue(ep, "a working/other side needs \"working_side\" in the activation; entry removed");
          continue;
        }
        if (!entry->is_number() || !std::isfinite(entry->get<double>()) || entry->get<double>() < 0.0 ||
            entry->get<double>() > 1.0) {
          issue(ep, fmt::format("expected a level from 0 (rest) to 1 (working hardest), found {}; entry removed",
                                entry->dump()));
          continue;
        }
        const float level = entry->get<float>();
        const body::RegionSide working = activation.workingSide;
        const body::RegionSide other = working == body::RegionSide::Left ? body::RegionSide::Right : body::RegionSide::Left;
        if (sideName.empty() || sideName == "working")
          levels.level[static_cast<std::size_t>(body::regionId(*muscle, sideName.empty() ? body::RegionSide::Left : working))] = level;
        if (sideName.empty() || sideName == "other")
          levels.level[static_cast<std::size_t>(body::regionId(*muscle, sideName.empty() ? body::RegionSide::Right : other))] = level;
      }
      read.push_back(std::move(levels));
    }
    // Keep the exercise's phase order, and say which phases have no levels.
    for (const std::string& name : phases) {
      auto found = std::find_if(read.begin(), read.end(), [&](const PhaseActivation& a) { return a.phase == name; });
      if (found != read.end()) activation.phases.push_back(std::move(*found));
      else if (!read.empty())
        issue(ap + ".phases", fmt::format("no levels for phase '{}'; its muscles show at rest there", name));
    }
    ex.activation = std::move(activation);
  }

  static std::string joinStrings(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  std::string_view file_;
  std::vector<CatalogIssue>& issues_;
  std::string exerciseId_;
};

// Keeps the links in exercises[index].<key> that name a loaded exercise.
void readLinks(const json& node, const char* key, std::size_t index, std::string_view file, const std::set<std::string>& ids,
               Exercise& ex, std::vector<std::string>& out, std::vector<CatalogIssue>& issues) {
  auto it = node.find(key);
  if (it == node.end()) return;
  const std::string p = fmt::format("exercises[{}].{}", index, key);
  if (!it->is_array()) {
    issues.push_back({std::string(file), p, ex.id, "expected a list of exercise ids; ignored"});
    return;
  }
  for (std::size_t j = 0; j < it->size(); ++j) {
    const json& v = (*it)[j];
    const std::string vp = fmt::format("{}[{}]", p, j);
    if (!v.is_string() || !ids.count(v.get<std::string>())) {
      issues.push_back({std::string(file), vp, ex.id,
                        fmt::format("links to unknown exercise {}; link removed", v.dump())});
      continue;
    }
    if (v.get<std::string>() == ex.id) {
      issues.push_back({std::string(file), vp, ex.id, "links to itself; link removed"});
      continue;
    }
    out.push_back(v.get<std::string>());
  }
}

}  // namespace

// [SECTION] Loading: the whole file

Result<CatalogLoad> parseCatalog(std::string_view text, std::string_view fileLabel, const ClipIndex& clips) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return makeError(fmt::format("{}: not valid JSON: {}", fileLabel, e.what()));
  }
  if (!root.is_object() || root.value("format", "") != "formviz-catalog")
    return makeError(fmt::format("{}: not an exercise catalog (expected \"format\": \"formviz-catalog\")", fileLabel));
  auto version = root.find("version");
  if (version == root.end() || !version->is_number_integer() || version->get<int>() < 1)
    return makeError(fmt::format("{}: version: expected a whole number >= 1", fileLabel));
  auto list = root.find("exercises");
  if (list == root.end() || !list->is_array())
    return makeError(fmt::format("{}: exercises: expected a list of exercises", fileLabel));

  CatalogLoad load;
  if (version->get<int>() > 1)
    load.issues.push_back({std::string(fileLabel), "version", "",
                           fmt::format("written for catalog version {}; this FormViz reads version 1 and ignores "
                                       "fields it does not know", version->get<int>())});
  ExerciseReader reader(fileLabel, load.issues);
  std::vector<std::pair<std::size_t, Exercise>> read;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (auto ex = reader.read((*list)[i], i, clips, ids)) {
      ids.insert(ex->id);
      read.emplace_back(i, std::move(*ex));
    }
  }
  std::vector<Exercise> exercises;
  for (auto& [index, ex] : read) {
    readLinks((*list)[index], "regressions", index, fileLabel, ids, ex, ex.regressions, load.issues);
    readLinks((*list)[index], "progressions", index, fileLabel, ids, ex, ex.progressions, load.issues);
    exercises.push_back(std::move(ex));
  }
  load.catalog = Catalog(std::move(exercises));
  return load;
}

Result<CatalogLoad> loadCatalog(const std::filesystem::path& path, const ClipIndex& clips) {
  auto text = readFile(path);
  if (!text) return text.error();
  return parseCatalog(*text, path.filename().string(), clips);
}

}  // namespace formviz::domain
