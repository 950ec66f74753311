#include "app/muscle_selection.h"

#include <fmt/format.h>

#include "core/muscle_regions.h"

namespace formviz::app {

Status selectMuscles(std::string_view list, render::MuscleRole role, std::vector<render::MuscleRole>& roles) {
  roles.resize(std::max<std::size_t>(roles.size(), body::kMuscleRegionCount), render::MuscleRole::None);
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view entry = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) continue;

    std::string_view key = entry, side;
    if (const std::size_t colon = entry.find(':'); colon != std::string_view::npos) {
      key = entry.substr(0, colon);
      side = entry.substr(colon + 1);
    }
    if (!side.empty() && side != "left" && side != "right")
      return makeError(fmt::format("'{}': the side must be 'left' or 'right'", entry));
    const body::MuscleGroupInfo* found = nullptr;
    for (const body::MuscleGroupInfo& info : body::kMuscleGroups)
      if (info.group != body::MuscleGroup::None && key == info.key) found = &info;
    if (!found) {
      std::string keys;
      for (const body::MuscleGroupInfo& info : body::kMuscleGroups)
        if (info.group != body::MuscleGroup::None) keys += fmt::format(" {}", info.key);
      return makeError(fmt::format("unknown muscle '{}'; known muscles:{}", key, keys));
    }
    for (const body::RegionSide s : {body::RegionSide::Left, body::RegionSide::Right}) {
      if ((side == "left" && s != body::RegionSide::Left) || (side == "right" && s != body::RegionSide::Right)) continue;
      roles[static_cast<std::size_t>(body::regionId(found->group, s))] = role;
    }
  }
  return Ok{};
}

std::vector<render::MuscleRole> exerciseMuscles(const domain::Exercise& exercise) {
  std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
  auto mark = [&](const std::vector<body::MuscleGroup>& groups, render::MuscleRole role) {
    for (body::MuscleGroup g : groups)
      for (body::RegionSide side : {body::RegionSide::Left, body::RegionSide::Right})
        roles[static_cast<std::size_t>(body::regionId(g, side))] = role;
  };
  mark(exercise.secondary, render::MuscleRole::Secondary);
  mark(exercise.primary, render::MuscleRole::Primary);  // a muscle listed twice counts as primary
  return roles;
}

std::string regionDisplayName(int regionId) {
  const body::MuscleGroup group = body::regionGroup(regionId);
  if (group == body::MuscleGroup::None) return "";
  return fmt::format("{} ({})", body::kMuscleGroups[static_cast<std::size_t>(group)].name,
                     body::regionSide(regionId) == body::RegionSide::Left ? "left" : "right");
}

}  // namespace formviz::app
