// [SECTION] Muscle activation over time: the catalog's per-phase levels turned into one
// intensity per muscle region at any moment of a clip (issue 6 item 2).
//
// Plain C++, no window: the app feeds the result to render::highlightColors as each region's
// activation. Phases come from the clip's markers: phase i runs from marker i to marker i + 1,
// the last one to the clip's end and on round the loop to the first marker (time before the
// first marker belongs to the last phase, as in a looping clip). Inside a phase the level is
// the catalog's; around each boundary it eases from one phase's level to the next with a
// smoothstep centred on the marker, over at most 0.4 s and at most half of each neighbouring
// phase, so the middle half of every phase shows exactly its level and nothing pops, not even
// where the loop wraps (the boundary at the first marker eases from the last phase).
#pragma once

#include <array>
#include <span>

#include "app/domain/catalog.h"

namespace formviz::domain {

using RegionLevels = std::array<float, body::kMuscleRegionCount>;

// Half the width of the ease across a phase boundary, seconds (capped per phase, see above).
inline constexpr float kActivationEaseHalfWidth = 0.2f;

// Intensity per region id in [0, 1] at `time` seconds of a clip lasting `duration` seconds
// whose markers are `markers` (any order). `mirrored`: the clip is shown mirrored (the other
// side's set of a unilateral exercise), so left and right swap. With no activation data or no
// markers every region is 1 (the highlight then shows the muscles at full strength). Regions a
// phase does not list are 0 in that phase; a marker with no levels counts as all 0.
RegionLevels activationAt(const Activation& activation, std::span<const ClipMarker> markers, float duration,
                          float time, bool mirrored = false);

// The first cue of `exercise` on clip `clip` whose resolved range holds `time`; nullptr if none.
const Cue* cueAt(const Exercise& exercise, std::string_view clip, float time);

}  // namespace formviz::domain
