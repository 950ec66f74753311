// [SECTION] Exercise catalog: what every exercise is, how it is dosed, and what to watch.
//
// Index
//   [SECTION] Vocabularies      Category, Equipment, CameraView, OverlayKind, joint names
//   [SECTION] Exercise data     Dosage, Mistake, CueRange, Overlay, Cue, Activation, Exercise, Catalog
//   [SECTION] Clip index        ClipIndex (injected): which clips an exercise has
//   [SECTION] Loading           parseCatalog / loadCatalog and the issues they report
//
// The catalog is data (animations/catalog.json, format in docs/SESSIONS.md). Loading never
// fails because of one bad exercise: every problem becomes a CatalogIssue naming the file and
// the JSON path, and the rest loads. What happens to the faulty part is decided per case:
//   - a structural fault (no id or a duplicate id, no name, unknown category, bad dosage,
//     difficulty outside 1-5, wrong JSON type of a required field): the exercise is dropped;
//   - an unknown muscle, equipment or joint, or a link to an unknown exercise: that list
//     entry is removed and the exercise is kept;
//   - a cue whose range does not fit its clip (unknown marker, outside the clip, empty): the
//     cue is removed; a bad overlay: the overlay is removed, the cue kept;
//   - activation: an unknown phase is removed, an unknown muscle, side or level is removed from
//     its phase, a bad working_side or a non-object drops the activation (the muscles then
//     show at full strength all the time);
//   - clips missing for the exercise, or no "correct" animation: the exercise is kept with
//     hasClips = false and its cues keep their unresolved ranges (the library can still list
//     it, the player cannot play it);
//   - a mistake whose clip is missing: the mistake is kept with an empty clip name.
// Only a file that cannot be read, is not JSON, or is not a formviz-catalog fails as a whole.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/muscle_regions.h"
#include "core/result.h"

namespace formviz::domain {

// [SECTION] Vocabularies -------------------------------------------------------------------

enum class Category : std::uint8_t { Strength, Plyometric, CoreAntiRotation, CoreAntiExtension, HipStability, Mobility };
enum class Equipment : std::uint8_t { Bodyweight, MiniBand, LongBandOrCable, Dumbbell, Kettlebell, BoxOrBench };
enum class CameraView : std::uint8_t { Front, Side, Back, ThreeQuarter, Top };
enum class OverlayKind : std::uint8_t {
  AngleArc,       // an arc at the middle of three joints, labelled with the measured angle
  AlignmentLine,  // a straight line through two or more joints
};
enum class OverlaySide : std::uint8_t { Left, Right, Both };

// Snake_case keys as written in the JSON files ("core_anti_rotation", "mini_band", "three-quarter").
std::string_view categoryKey(Category category);
std::string_view categoryName(Category category);  // "Core: anti-rotation"
std::optional<Category> categoryFromKey(std::string_view key);
std::string_view equipmentKey(Equipment equipment);
std::string_view equipmentName(Equipment equipment);  // "Mini band"
std::optional<Equipment> equipmentFromKey(std::string_view key);
std::string_view cameraViewKey(CameraView view);  // front, side, back, three-quarter, top
std::optional<CameraView> cameraViewFromKey(std::string_view key);

// Muscle group from its stable key in core/muscle_regions.h ("gluteus_maximus"); nullopt for
// an unknown key and for "none".
std::optional<body::MuscleGroup> muscleFromKey(std::string_view key);
std::string_view muscleKey(body::MuscleGroup group);

// Joint names a cue or overlay may use, unsided (the overlay carries the side):
// head, neck, shoulder, elbow, wrist, chest, spine, pelvis, hip, knee, ankle, heel, toe.
std::span<const std::string_view> jointNames();
bool isJointName(std::string_view name);

// [SECTION] Exercise data ------------------------------------------------------------------

// Default prescription. Exactly one of reps and holdSeconds is > 0.
struct Dosage {
  int sets = 3;             // 1..10
  int reps = 0;             // per set (per side for single-leg work), 0 for holds
  int holdSeconds = 0;      // per set (per side), 0 for rep-based work
  int restSeconds = 60;     // between sets, 0..600
  std::string tempo;        // "3-1-1": eccentric-pause-concentric seconds (see session.h); may be empty
  bool operator==(const Dosage&) const = default;
};

struct Mistake {
  std::string title;         // "Knees cave in"
  std::string looksLike;     // what the viewer sees
  std::string whyItMatters;
  std::string fix;
  std::string clip;          // animation name, "mistake_<slug>"; empty if the clip is missing
  bool operator==(const Mistake&) const = default;
};

// The part of a clip a cue belongs to. In the file either a marker range ("descent..bottom",
// or one marker "bottom" = from that marker to the next one, or the clip's end) or seconds
// ([1.2, 2.0]). Validation resolves markers to start/end seconds when the clip is known.
struct CueRange {
  std::string clip = "correct";
  std::string fromMarker;    // empty when given in seconds
  std::string toMarker;      // empty: up to the next marker after fromMarker
  float start = 0.0f;        // seconds; resolved (or as written when given in seconds)
  float end = 0.0f;          // seconds, > start
  bool resolved = false;     // start/end are valid times in `clip`
  std::string text() const;  // as written: "descent..bottom", "bottom" or "1.2..2"
  bool operator==(const CueRange&) const = default;
};

struct Overlay {
  OverlayKind kind = OverlayKind::AngleArc;
  std::vector<std::string> joints;  // AngleArc: exactly 3 (arc at the middle one); AlignmentLine: 2+
  OverlaySide side = OverlaySide::Both;
  bool operator==(const Overlay&) const = default;
};

struct Cue {
  std::string phase;                    // phase label shown with the cue ("descent")
  std::string text;                     // short cue in plain words
  CueRange range;
  std::vector<body::MuscleGroup> muscles;
  std::vector<std::string> joints;      // jointNames()
  CameraView view = CameraView::ThreeQuarter;
  std::optional<Overlay> overlay;
  bool operator==(const Cue&) const = default;
};

// How hard each muscle region works in each phase of the exercise's clips (issue 6 item 2):
// levels 0 (at rest) .. 1 (working hardest), coaching estimates from the biomechanics
// reference and general EMG knowledge (docs/SESSIONS.md, "Activation"). Levels are stored per
// region id for the clip as baked: an entry for both sides fills the left and right region, a
// "working"/"other" entry fills the working side's or the other side's region. A mirrored clip
// (the other side's set) swaps left and right at run time (domain/activation.h).
struct PhaseActivation {
  std::string phase;                                    // a marker name of the exercise's clips
  std::array<float, body::kMuscleRegionCount> level{};  // per region id, 0..1; index 0 unused
  bool operator==(const PhaseActivation&) const = default;
};
struct Activation {
  body::RegionSide workingSide = body::RegionSide::None;  // Left/Right for a unilateral clip, else None
  std::vector<PhaseActivation> phases;                    // in the order of Exercise::phases
  bool empty() const { return phases.empty(); }
  const PhaseActivation* find(std::string_view phase) const;
  bool operator==(const Activation&) const = default;
};

struct Exercise {
  std::string id;                  // snake_case, unique
  std::string name;
  std::string description;         // one or two sentences
  Category category = Category::Strength;
  std::vector<Equipment> equipment;  // any of them will do; empty = none listed
  bool singleLeg = false;          // one leg works at a time (guidance: "single-leg work")
  bool perSide = false;            // done once per side although not single-leg (side plank, clamshell)
  bool isolation = false;          // one joint does the work (calf raise, clamshell): see guidance.h
  int difficulty = 1;              // 1 (beginner) .. 5
  std::vector<body::MuscleGroup> primary;
  std::vector<body::MuscleGroup> secondary;
  Dosage dosage;
  std::vector<std::string> regressions;   // ids of easier exercises
  std::vector<std::string> progressions;  // ids of harder exercises
  std::vector<std::string> phases;        // marker names the clips carry, in time order
  std::vector<Mistake> mistakes;
  std::vector<Cue> cues;
  Activation activation;           // empty: no activation data (muscles shown at full strength)
  bool hasClips = false;           // the clip index knows this exercise and its "correct" clip

  // The prescription is per side: single-leg work, or perSide. Duration and coverage use it.
  bool unilateral() const { return singleLeg || perSide; }
};

class Catalog {
 public:
  Catalog() = default;
  explicit Catalog(std::vector<Exercise> exercises);

  std::span<const Exercise> exercises() const { return exercises_; }
  const Exercise* find(std::string_view id) const;  // nullptr if unknown
  bool contains(std::string_view id) const { return find(id) != nullptr; }
  std::size_t size() const { return exercises_.size(); }

 private:
  std::vector<Exercise> exercises_;
};

// [SECTION] Clip index ---------------------------------------------------------------------

struct ClipMarker {
  std::string name;
  float time = 0.0f;  // seconds from the clip's start
};
struct ClipInfo {
  std::string name;        // "correct", "mistake_knee_valgus"
  float duration = 0.0f;   // seconds, > 0
  std::vector<ClipMarker> markers;
};

// Which animations exist for an exercise. Injected into loading so validation needs no files:
// the app implements it over animations/<id>.gltf, tests with MemoryClipIndex.
class ClipIndex {
 public:
  virtual ~ClipIndex() = default;
  // The clips of exercise `id`; nullopt when its file is missing or unreadable.
  virtual std::optional<std::vector<ClipInfo>> clips(std::string_view exerciseId) const = 0;
};

// A ClipIndex held in memory.
class MemoryClipIndex final : public ClipIndex {
 public:
  void add(std::string exerciseId, std::vector<ClipInfo> clips);
  std::optional<std::vector<ClipInfo>> clips(std::string_view exerciseId) const override;

 private:
  std::vector<std::pair<std::string, std::vector<ClipInfo>>> entries_;
};

// [SECTION] Loading ------------------------------------------------------------------------

struct CatalogIssue {
  std::string file;        // "catalog.json"
  std::string path;        // JSON path: "exercises[3].cues[1].range"
  std::string exerciseId;  // empty when the exercise has no usable id
  std::string message;     // "ends at 4.2 s but clip 'correct' lasts 3.5 s"
  std::string text() const;  // "catalog.json: exercises[3].cues[1].range: ends at 4.2 s but ..."
};

struct CatalogLoad {
  Catalog catalog;
  std::vector<CatalogIssue> issues;  // empty when everything loaded cleanly
};

// Parses and validates catalog JSON. `fileLabel` names the file in messages. Fails only when
// the text is not JSON or not a {"format": "formviz-catalog", "version": 1, "exercises": [...]}
// object; everything else is an issue (see the top of this file for what is dropped).
Result<CatalogLoad> parseCatalog(std::string_view json, std::string_view fileLabel, const ClipIndex& clips);
// Reads `path` and parses it, labelled with its file name.
Result<CatalogLoad> loadCatalog(const std::filesystem::path& path, const ClipIndex& clips);

}  // namespace formviz::domain
