#include "core/clock.h"

#include <gtest/gtest.h>

namespace formviz {
namespace {
using namespace std::chrono_literals;

TEST(FrameClock, FirstTickIsZeroThenElapsedSeconds) {
  FrameClock clock;
  const FrameClock::TimePoint t0{};
  EXPECT_EQ(clock.tick(t0), 0.0f);
  EXPECT_EQ(clock.averageFrameMs(), 0.0f);
  EXPECT_NEAR(clock.tick(t0 + 16ms), 0.016f, 1e-6f);
  EXPECT_NEAR(clock.averageFrameMs(), 16.0f, 1e-3f);
}

TEST(FrameClock, AveragesTheRecentFrames) {
  FrameClock clock;
  FrameClock::TimePoint t{};
  clock.tick(t);
  t += 10ms;
  clock.tick(t);
  t += 30ms;
  clock.tick(t);
  EXPECT_NEAR(clock.averageFrameMs(), 20.0f, 1e-3f);
  // Once the history is full, only the last kHistory frames count.
  for (std::size_t i = 0; i < FrameClock::kHistory; ++i) {
    t += 5ms;
    clock.tick(t);
  }
  EXPECT_NEAR(clock.averageFrameMs(), 5.0f, 1e-3f);
}

TEST(FrameClock, ClampsLongStallsButStillReportsThem) {
  FrameClock clock;
  const FrameClock::TimePoint t0{};
  clock.tick(t0);
  EXPECT_EQ(clock.tick(t0 + 2s), FrameClock::kMaxStep);
  EXPECT_NEAR(clock.averageFrameMs(), 2000.0f, 1e-2f);
}

}  // namespace
}  // namespace formviz
