// [SECTION] Audio signals for follow-along: a short tick on each tempo beat, a blip for the
// last seconds of a rest, and a two-note chime when a rest ends or the session finishes.
//
// The tones are synthesised (no sound files): synthTone is plain C++ and tested; AudioSignals
// queues them on SDL's default output device. Without an audio device (a headless machine,
// no sound server) open() fails with a clear message and the app stays silent.
#pragma once

#include <memory>
#include <vector>

#include "core/result.h"

namespace formviz::platform {

inline constexpr int kAudioSampleRate = 44100;

// A sine tone of `hz` for `seconds` at `gain` (0..1), mono float samples at `sampleRate`, with
// a 5 ms fade in and a fade out over the rest, so it starts and ends at zero (no clicks).
std::vector<float> synthTone(float hz, float seconds, float gain, int sampleRate = kAudioSampleRate);

enum class Signal { Beat, Countdown, Chime };

class AudioSignals {
 public:
  static Result<std::unique_ptr<AudioSignals>> open();
  ~AudioSignals();
  AudioSignals(const AudioSignals&) = delete;
  AudioSignals& operator=(const AudioSignals&) = delete;

  // Queues the signal; returns at once (SDL plays it on its own thread).
  void play(Signal signal);

 private:
  explicit AudioSignals(unsigned device) : device_(device) {}
  unsigned device_ = 0;  // SDL_AudioDeviceID
  std::vector<float> beat_, countdown_, chime_;
};

}  // namespace formviz::platform
