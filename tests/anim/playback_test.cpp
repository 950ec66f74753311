// Playback controller: deterministic, time comes from the caller.
#include "anim/playback.h"

#include <gtest/gtest.h>

namespace formviz::anim {
namespace {

Playback clipOf(float start, float end) {
  Playback p;
  p.setClip(start, end);
  return p;
}

TEST(Playback, InvalidInputsAreIgnoredOrClamped) {
  Playback p = clipOf(0.0f, 2.0f);
  p.setSpeed(std::numeric_limits<float>::quiet_NaN());
  EXPECT_FLOAT_EQ(p.speed, 1.0f);
  p.setSpeed(0.0f);
  EXPECT_FLOAT_EQ(p.speed, kMinSpeed);
  p.setSpeed(10.0f);
  EXPECT_FLOAT_EQ(p.speed, kMaxSpeed);
  p.seek(-5.0f);
  EXPECT_FLOAT_EQ(p.time, 0.0f);
  p.seek(50.0f);
  EXPECT_FLOAT_EQ(p.time, 2.0f);
  p.play();
  p.advance(-1.0f);
  EXPECT_FLOAT_EQ(p.time, 2.0f);
  Playback empty = clipOf(1.0f, 0.5f);  // end before start: zero length
  empty.play();
  empty.advance(0.5f);
  EXPECT_FLOAT_EQ(empty.time, 1.0f);
}

TEST(Playback, PausedDoesNotMoveAndPlayingScalesBySpeed) {
  Playback p = clipOf(0.0f, 10.0f);
  p.advance(1.0f);
  EXPECT_FLOAT_EQ(p.time, 0.0f);
  p.play();
  p.advance(1.0f);
  EXPECT_FLOAT_EQ(p.time, 1.0f);
  p.setSpeed(0.5f);
  p.advance(1.0f);
  EXPECT_FLOAT_EQ(p.time, 1.5f);
  p.setSpeed(2.0f);
  p.advance(1.0f);
  EXPECT_FLOAT_EQ(p.time, 3.5f);
  p.pause();
  p.advance(1.0f);
  EXPECT_FLOAT_EQ(p.time, 3.5f);
  p.togglePlay();
  EXPECT_TRUE(p.playing);
}

// Looping range [1, 2]; keys start after 0 (setClip(1/24, 2)).
TEST(Playback, LoopsSeamlesslyAndCountsWraps) {
  Playback p = clipOf(1.0f / 24.0f, 2.0f);
  p.setLoopRange(1.0f, 2.0f);
  EXPECT_FLOAT_EQ(p.time, 1.0f) << "time moved into the range";
  p.play();
  p.advance(0.75f);
  EXPECT_FLOAT_EQ(p.time, 1.75f);
  EXPECT_EQ(p.lastWraps, 0);
  p.advance(0.5f);
  EXPECT_NEAR(p.time, 1.25f, 1e-6f);
  EXPECT_EQ(p.lastWraps, 1);
  p.advance(2.0f);  // two whole loops
  EXPECT_NEAR(p.time, 1.25f, 1e-5f);
  EXPECT_EQ(p.lastWraps, 2);
  p.clearLoopRange();
  EXPECT_FLOAT_EQ(p.loopStart, 1.0f / 24.0f);
}

TEST(Playback, StopsAtTheEndWhenNotLooping) {
  Playback p = clipOf(0.0f, 1.0f);
  p.looping = false;
  p.play();
  p.advance(0.6f);
  p.advance(0.6f);
  EXPECT_FLOAT_EQ(p.time, 1.0f);
  EXPECT_FALSE(p.playing);
}

TEST(Playback, PingPongBouncesBetweenTheEnds) {
  Playback p = clipOf(0.0f, 1.0f);
  p.setPingPong(true);
  p.play();
  const std::pair<float, float> steps[] = {{0.5f, 0.5f}, {0.75f, 0.75f}, {0.5f, 0.25f}, {0.5f, 0.25f}, {0.1f, 0.35f}};
  // (dt, expected time): 0.5; 1.25 -> bounces to 0.75 going back; 0.25; -0.25 -> 0.25 going forward; 0.35.
  for (auto [dt, expected] : steps) {
    p.advance(dt);
    EXPECT_NEAR(p.time, expected, 1e-6f) << "dt " << dt;
  }
  EXPECT_EQ(p.direction, 1);
}

TEST(Playback, StepsFramesForwardAndBack) {
  Playback p = clipOf(0.0f, 1.0f);
  p.frameRate = 10.0f;
  p.play();
  p.stepFrame(1);
  EXPECT_FALSE(p.playing) << "stepping pauses";
  EXPECT_NEAR(p.time, 0.1f, 1e-6f);
  p.stepFrame(-2);  // wraps back to the end when looping
  EXPECT_NEAR(p.time, 0.9f, 1e-6f);
  p.looping = false;
  p.stepFrame(5);
  EXPECT_FLOAT_EQ(p.time, 1.0f) << "clamped when not looping";
}

}  // namespace
}  // namespace formviz::anim
