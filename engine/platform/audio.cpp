#include "platform/audio.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace formviz::platform {

std::vector<float> synthTone(float hz, float seconds, float gain, int sampleRate) {
  const int count = std::max(0, static_cast<int>(std::lround(seconds * static_cast<float>(sampleRate))));
  std::vector<float> samples(static_cast<std::size_t>(count));
  const int attack = std::min(count, sampleRate / 200);  // 5 ms
  constexpr double kTwoPi = 6.283185307179586;
  for (int i = 0; i < count; ++i) {
    const float in = attack > 0 ? std::min(1.0f, static_cast<float>(i) / static_cast<float>(attack)) : 1.0f;
    const float left = static_cast<float>(count - 1 - i) / static_cast<float>(std::max(1, count - attack));
    const float envelope = in * std::min(1.0f, left) * std::min(1.0f, left);  // quadratic decay to 0
    const double phase = kTwoPi * static_cast<double>(hz) * static_cast<double>(i) / static_cast<double>(sampleRate);
    samples[static_cast<std::size_t>(i)] = gain * envelope * static_cast<float>(std::sin(phase));
  }
  return samples;
}

Result<std::unique_ptr<AudioSignals>> AudioSignals::open() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
    return Error{fmt::format("no audio: SDL could not start its audio ({}); follow-along stays silent", SDL_GetError())};
  SDL_AudioSpec want{};
  want.freq = kAudioSampleRate;
  want.format = AUDIO_F32SYS;
  want.channels = 1;
  want.samples = 1024;
  const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
  if (device == 0) {
    const std::string why = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return Error{fmt::format("no audio device ({}); follow-along stays silent", why)};
  }
  std::unique_ptr<AudioSignals> audio(new AudioSignals(device));
  audio->beat_ = synthTone(1320.0f, 0.05f, 0.35f);
  audio->countdown_ = synthTone(880.0f, 0.12f, 0.4f);
  audio->chime_ = synthTone(660.0f, 0.18f, 0.45f);
  const std::vector<float> high = synthTone(990.0f, 0.35f, 0.45f);
  audio->chime_.insert(audio->chime_.end(), high.begin(), high.end());
  SDL_PauseAudioDevice(device, 0);
  return audio;
}

AudioSignals::~AudioSignals() {
  SDL_CloseAudioDevice(device_);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void AudioSignals::play(Signal signal) {
  const std::vector<float>& samples = signal == Signal::Beat ? beat_ : signal == Signal::Countdown ? countdown_ : chime_;
  // A signal replaces what is still queued, so signals never pile up behind each other.
  SDL_ClearQueuedAudio(device_);
  SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(float)));
}

}  // namespace formviz::platform
