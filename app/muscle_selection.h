// [SECTION] Naming muscles on the command line: "gluteus_maximus,hamstrings:left".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/domain/catalog.h"
#include "core/result.h"
#include "render/muscle_colors.h"

namespace formviz::app {

// Sets `role` on the regions named in `list`: comma-separated muscle group keys from
// engine/core/muscle_regions.h, each optionally suffixed ":left" or ":right" (default: both
// sides). `roles` is indexed by region id and grows as needed. The error names the bad entry
// and lists the valid keys.
Status selectMuscles(std::string_view list, render::MuscleRole role, std::vector<render::MuscleRole>& roles);

// Highlight roles, by region id, of an exercise's primary and secondary muscles (both sides).
std::vector<render::MuscleRole> exerciseMuscles(const domain::Exercise& exercise);

// "Quadriceps (left)"; "" for 0 or an id out of range.
std::string regionDisplayName(int regionId);

}  // namespace formviz::app
