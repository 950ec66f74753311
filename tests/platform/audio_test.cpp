// The follow-along signals' tones: length, loudness, pitch, and no clicks at either end.
#include "platform/audio.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace formviz::platform {
namespace {

TEST(SynthTone, HasTheAskedLengthAndPeakAndStartsAndEndsSilent) {
  const auto tone = synthTone(1000.0f, 0.1f, 0.5f, 48000);
  ASSERT_EQ(tone.size(), 4800u);
  float peak = 0.0f;
  for (float s : tone) peak = std::max(peak, std::abs(s));
  EXPECT_LE(peak, 0.5f + 1e-6f);
  EXPECT_GT(peak, 0.4f);
  EXPECT_NEAR(tone.front(), 0.0f, 1e-6f);
  EXPECT_NEAR(tone.back(), 0.0f, 1e-6f);
  // No jump between samples larger than a full-gain 1 kHz sine can make (2*pi*f/rate * gain).
  for (std::size_t i = 1; i < tone.size(); ++i) EXPECT_LE(std::abs(tone[i] - tone[i - 1]), 0.07f) << i;
}

TEST(SynthTone, CrossesZeroTwiceAPeriod) {
  const auto tone = synthTone(500.0f, 0.2f, 1.0f, 40000);
  int crossings = 0;
  for (std::size_t i = 1; i < tone.size(); ++i) crossings += (tone[i - 1] < 0.0f) != (tone[i] < 0.0f);
  EXPECT_NEAR(crossings, 2 * 500 * 0.2, 3);
}

TEST(SynthTone, ZeroLengthIsEmpty) { EXPECT_TRUE(synthTone(440.0f, 0.0f, 1.0f).empty()); }

}  // namespace
}  // namespace formviz::platform
