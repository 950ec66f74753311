// [SECTION] Muscle regions: the id table shared by bodygen and the engine.
//
// Plain C++ with no dependencies, so the engine and the shaders' limits header can
// include it as is. Every vertex of a body written by bodygen carries TEXCOORD_1 =
// (region id, weight) as FLOAT VEC2: the id is an integral float in [0, kMuscleRegionCount)
// (0 = no region) and the weight in [0, 1] fades from 1 in the middle of the region to
// 0 at its edge. docs/BODY.md describes the encoding.
//
// Ids are stable: files in models/ depend on them. Paired muscles have a left and a
// right id; left is the figure's own left, which is +X (the figure faces +Z).
#pragma once

#include <cstdint>

namespace formviz::body {

enum class RegionSide : std::uint8_t { None, Left, Right };

// One muscle group, the same on both sides. Region ids: left = 2 * group - 1, right = 2 * group.
enum class MuscleGroup : std::uint8_t {
  None = 0,
  GluteusMaximus = 1,
  HipStabilizers = 2,  // gluteus medius and minimus, deep hip rotators
  Hamstrings = 3,
  Quadriceps = 4,
  Adductors = 5,
  HipFlexors = 6,  // iliopsoas, rectus femoris origin, sartorius/TFL at the hip crease
  Gastrocnemius = 7,
  Soleus = 8,
  TibialisAnterior = 9,
  RectusAbdominis = 10,
  Obliques = 11,  // external and internal obliques, transversus abdominis
  ErectorSpinae = 12,
  LatissimusDorsi = 13,
  UpperBack = 14,  // rhomboids, middle and lower trapezius
  UpperTrapezius = 15,
  DeltoidFront = 16,
  DeltoidRear = 17,
  Pectorals = 18,
  Biceps = 19,
  Triceps = 20,
  Forearms = 21,
};

inline constexpr int kMuscleGroupCount = 22;                       // including None
inline constexpr int kMuscleRegionCount = 2 * (kMuscleGroupCount - 1) + 1;  // 43, including 0 = none

struct MuscleGroupInfo {
  MuscleGroup group;
  const char* key;   // stable snake_case identifier
  const char* name;  // English name for the UI
};

inline constexpr MuscleGroupInfo kMuscleGroups[kMuscleGroupCount] = {
    {MuscleGroup::None, "none", "No region"},
    {MuscleGroup::GluteusMaximus, "gluteus_maximus", "Gluteus maximus"},
    {MuscleGroup::HipStabilizers, "hip_stabilizers", "Gluteus medius and deep hip rotators"},
    {MuscleGroup::Hamstrings, "hamstrings", "Hamstrings"},
    {MuscleGroup::Quadriceps, "quadriceps", "Quadriceps"},
    {MuscleGroup::Adductors, "adductors", "Adductors"},
    {MuscleGroup::HipFlexors, "hip_flexors", "Hip flexors"},
    {MuscleGroup::Gastrocnemius, "gastrocnemius", "Gastrocnemius"},
    {MuscleGroup::Soleus, "soleus", "Soleus"},
    {MuscleGroup::TibialisAnterior, "tibialis_anterior", "Tibialis anterior"},
    {MuscleGroup::RectusAbdominis, "rectus_abdominis", "Rectus abdominis"},
    {MuscleGroup::Obliques, "obliques", "Obliques and transversus abdominis"},
    {MuscleGroup::ErectorSpinae, "erector_spinae", "Erector spinae (lower back)"},
    {MuscleGroup::LatissimusDorsi, "latissimus_dorsi", "Latissimus dorsi"},
    {MuscleGroup::UpperBack, "upper_back", "Rhomboids and middle/lower trapezius"},
    {MuscleGroup::UpperTrapezius, "upper_trapezius", "Upper trapezius"},
    {MuscleGroup::DeltoidFront, "deltoid_front", "Front deltoid"},
    {MuscleGroup::DeltoidRear, "deltoid_rear", "Rear deltoid"},
    {MuscleGroup::Pectorals, "pectorals", "Pectorals"},
    {MuscleGroup::Biceps, "biceps", "Biceps"},
    {MuscleGroup::Triceps, "triceps", "Triceps"},
    {MuscleGroup::Forearms, "forearms", "Forearm muscles"},
};

// Region id of a group on one side; 0 for MuscleGroup::None or RegionSide::None.
constexpr int regionId(MuscleGroup group, RegionSide side) {
  const int g = static_cast<int>(group);
  if (g == 0 || side == RegionSide::None) return 0;
  return side == RegionSide::Left ? 2 * g - 1 : 2 * g;
}
// Group of a region id in [0, kMuscleRegionCount); None for 0 or an id out of range.
constexpr MuscleGroup regionGroup(int id) {
  if (id <= 0 || id >= kMuscleRegionCount) return MuscleGroup::None;
  return static_cast<MuscleGroup>((id + 1) / 2);
}
constexpr RegionSide regionSide(int id) {
  if (id <= 0 || id >= kMuscleRegionCount) return RegionSide::None;
  return (id % 2 == 1) ? RegionSide::Left : RegionSide::Right;
}
// The same group on the other side (0 stays 0).
constexpr int mirrorRegion(int id) {
  if (id <= 0 || id >= kMuscleRegionCount) return 0;
  return (id % 2 == 1) ? id + 1 : id - 1;
}

}  // namespace formviz::body
