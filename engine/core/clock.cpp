#include "core/clock.h"

#include <algorithm>
#include <numeric>

namespace formviz {

float FrameClock::tick(TimePoint now) {
  if (!started_) {
    started_ = true;
    last_ = now;
    return 0.0f;
  }
  const float seconds = std::chrono::duration<float>(now - last_).count();
  last_ = now;
  history_[next_] = seconds * 1000.0f;
  next_ = (next_ + 1) % kHistory;
  count_ = std::min(count_ + 1, kHistory);
  return std::clamp(seconds, 0.0f, kMaxStep);
}

float FrameClock::averageFrameMs() const {
  if (count_ == 0) return 0.0f;
  return std::accumulate(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(count_), 0.0f) /
         static_cast<float>(count_);
}

}  // namespace formviz
