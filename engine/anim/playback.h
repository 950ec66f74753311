// [SECTION] Playback controller: where on a clip's timeline the figure is.
//
// A plain struct advanced by the caller with the frame's elapsed time: no clock inside,
// so playback is deterministic and testable. Times are seconds on the clip's timeline.
// Typical frame: playback.advance(dt); SampleJob{&clip, playback.time, ...}.Run();
#pragma once

namespace formviz::anim {

inline constexpr float kMinSpeed = 0.1f;
inline constexpr float kMaxSpeed = 2.0f;

struct Playback {
  float time = 0.0f;        // current time, seconds, within [clipStart, clipEnd]
  float clipStart = 0.0f;   // the clip's key span (Clip::startTime())
  float clipEnd = 0.0f;     // ... and Clip::endTime()
  float loopStart = 0.0f;   // active range: the whole clip unless setLoopRange() narrowed it
  float loopEnd = 0.0f;
  float speed = 1.0f;       // [kMinSpeed, kMaxSpeed]
  float frameRate = 30.0f;  // frames per second used by stepFrame(), > 0
  bool playing = false;
  bool looping = true;      // wrap (or bounce) at the range ends; false: stop at the end
  bool pingPong = false;    // bounce between the range ends instead of wrapping
  int direction = 1;        // +1 forwards, -1 backwards (ping-pong's return leg)
  int lastWraps = 0;        // wraps during the last advance(): +1 forward, -1 backward

  // Binds to a clip's key span [start, end] seconds: resets the loop range and puts the
  // time at `start`. end <= start gives a zero-length clip (time stays at start).
  void setClip(float start, float end);
  void play() { playing = true; }
  void pause() { playing = false; }
  void togglePlay() { playing = !playing; }
  // Clamped to [kMinSpeed, kMaxSpeed]; a non-finite value is ignored.
  void setSpeed(float newSpeed);
  // Jumps to `t`, clamped into the active range (scrubbing). Does not change `playing`.
  void seek(float t);
  // Pauses and moves `frames` frames (negative: back) of 1/frameRate s; wraps when looping,
  // clamps otherwise.
  void stepFrame(int frames);
  // Restricts looping and playback to [start, end] (clamped into the clip; for one phase
  // of a movement). The time moves into the range if outside it.
  void setLoopRange(float start, float end);
  void clearLoopRange();
  void setPingPong(bool enabled);
  // Advances by dtSeconds of wall time (>= 0) scaled by speed. At the end of the range:
  // wraps seamlessly when looping, bounces when ping-pong, stops and pauses otherwise.
  // Does nothing while paused.
  void advance(float dtSeconds);
};

}  // namespace formviz::anim
