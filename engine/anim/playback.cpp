#include "anim/playback.h"

#include <algorithm>
#include <cmath>

namespace formviz::anim {

void Playback::setClip(float start, float end) {
  clipStart = start;
  clipEnd = std::max(start, end);
  loopStart = clipStart;
  loopEnd = clipEnd;
  time = clipStart;
  direction = 1;
  lastWraps = 0;
}

void Playback::setSpeed(float newSpeed) {
  if (std::isfinite(newSpeed)) speed = std::clamp(newSpeed, kMinSpeed, kMaxSpeed);
}

void Playback::seek(float t) {
  if (std::isfinite(t)) time = std::clamp(t, loopStart, loopEnd);
}

void Playback::stepFrame(int frames) {
  playing = false;
  const float length = loopEnd - loopStart;
  const float step = static_cast<float>(frames) / (frameRate > 0.0f ? frameRate : 30.0f);
  float t = time + step;
  if (looping && !pingPong && length > 0.0f) {
    t = loopStart + std::fmod(t - loopStart, length);
    if (t < loopStart) t += length;
  }
  time = std::clamp(t, loopStart, loopEnd);
}

void Playback::setLoopRange(float start, float end) {
  if (!std::isfinite(start) || !std::isfinite(end)) return;
  if (end < start) std::swap(start, end);
  loopStart = std::clamp(start, clipStart, clipEnd);
  loopEnd = std::clamp(end, clipStart, clipEnd);
  time = std::clamp(time, loopStart, loopEnd);
}

void Playback::clearLoopRange() {
  loopStart = clipStart;
  loopEnd = clipEnd;
}

void Playback::setPingPong(bool enabled) {
  pingPong = enabled;
  if (!enabled) direction = 1;
}

void Playback::advance(float dtSeconds) {
  lastWraps = 0;
  if (!playing || !(dtSeconds > 0.0f)) return;
  const float length = loopEnd - loopStart;
  if (length <= 0.0f) {
    time = loopStart;
    return;
  }
  float t = time + dtSeconds * speed * static_cast<float>(direction);
  if (pingPong && looping) {
    // Reflect off the range ends as often as needed (a long dt may bounce several times).
    while (t > loopEnd || t < loopStart) {
      if (t > loopEnd) {
        t = 2.0f * loopEnd - t;
        direction = -1;
      } else {
        t = 2.0f * loopStart - t;
        direction = 1;
      }
    }
  } else if (looping) {
    const float wraps = std::floor((t - loopStart) / length);
    if (wraps != 0.0f) {
      t -= wraps * length;
      lastWraps = static_cast<int>(wraps);
    }
    t = std::clamp(t, loopStart, loopEnd);
  } else if (t >= loopEnd || t <= loopStart) {
    t = std::clamp(t, loopStart, loopEnd);
    playing = false;
  }
  time = t;
}

}  // namespace formviz::anim
