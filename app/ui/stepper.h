// [SECTION] Over the 3D view: the cue stepper's banner (the current cue in large text with
// previous/next) and the follow-along card (exercise, side, set and rep counters, the tempo
// beat, the rest countdown, what comes next).
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "app/domain/catalog.h"
#include "app/domain/follow_along.h"

namespace formviz::app::ui {

struct CueBannerActions {
  int step = 0;  // -1 previous cue, +1 next cue
};

// The cue `index` of `exercise` at the top of the rectangle [origin, origin + size].
CueBannerActions drawCueBanner(const domain::Exercise& exercise, std::size_t index, ImVec2 origin, ImVec2 size);

struct FollowActions {
  bool togglePause = false;
  bool next = false;
  bool previous = false;
  bool stop = false;
  bool toggleSound = false;
};

// `beat` in [0, 1]: 1 just after a tempo beat, fading to 0 (drawn as a pulsing dot).
FollowActions drawFollowCard(const domain::FollowAlong& run, const domain::Session& session,
                             const domain::Catalog& catalog, float beat, bool sound, ImVec2 origin, ImVec2 size);

}  // namespace formviz::app::ui
