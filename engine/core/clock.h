// [SECTION] Frame clock: wall-clock frame times and a smoothed average for the status line.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>

namespace formviz {

// Records frame durations. Time is given by the caller (`tick(now)`) so tests are
// deterministic; `tick()` reads the steady clock.
class FrameClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Returns the seconds since the previous tick (0 on the first one), clamped to
  // kMaxStep so a stall (a debugger, a dragged window) does not jump animations.
  float tick(TimePoint now);
  float tick() { return tick(std::chrono::steady_clock::now()); }

  // Mean of the last kHistory frame durations, in milliseconds (0 before two ticks).
  float averageFrameMs() const;

  static constexpr float kMaxStep = 0.25f;
  static constexpr std::size_t kHistory = 60;

 private:
  bool started_ = false;
  TimePoint last_{};
  std::array<float, kHistory> history_{};
  std::size_t count_ = 0;
  std::size_t next_ = 0;
};

}  // namespace formviz
