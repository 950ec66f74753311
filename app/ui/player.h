// [SECTION] The player strip: play/pause, frame steps, speed, looping, and a timeline
// with the clip's markers that scrubs when dragged.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "anim/clip.h"
#include "anim/playback.h"

namespace formviz::app::ui {

struct PlayerActions {
  bool togglePlay = false;
  int stepFrames = 0;                   // -1 / +1
  std::optional<float> seek;            // seconds
  std::optional<float> speed;
  std::optional<bool> looping;
  std::optional<bool> pingPong;
  std::optional<std::pair<float, float>> loopRange;  // a phase between two markers
  bool clearLoopRange = false;
};

// A form cue's time range on the clip, drawn under the timeline.
struct CueSpan {
  float start = 0.0f, end = 0.0f;  // seconds
  bool current = false;            // the cue the stepper shows
};

// Draws the player for `playback` of a clip named `clipName` with `markers` and the exercise's
// cue ranges; nothing playable (no clip) shows the controls disabled with a hint.
PlayerActions drawPlayer(const anim::Playback* playback, const std::string& clipName,
                         std::span<const anim::Marker> markers, std::span<const CueSpan> cues = {});

// Applies the user's actions to the playback state.
void apply(const PlayerActions& actions, anim::Playback& playback);

}  // namespace formviz::app::ui
