// Clip: every Validate() rule first, then sampling tables with the key layout sketched.
#include <limits>

#include "anim/track_sampling.h"
#include "test_helpers.h"

namespace formviz::anim {
namespace {

using test::axisAngle;
using test::near;

// A one-joint clip with linear translation keys (0 s, 0,0,0) (1 s, 2,0,0) and rotation keys
// (0 s, identity) (2 s, 90 deg about z).
RawClip simpleClip() {
  RawClip clip;
  clip.name = "simple";
  clip.duration = 2.0f;
  clip.joints.resize(1);
  clip.joints[0].translation = {Interpolation::Linear, {0.0f, 1.0f}, {glm::vec3(0.0f), glm::vec3(2.0f, 0.0f, 0.0f)}};
  clip.joints[0].rotation = {Interpolation::Linear, {0.0f, 2.0f}, {glm::quat(1, 0, 0, 0), axisAngle(90.0f, {0, 0, 1})}};
  return clip;
}

struct InvalidClipCase {
  const char* what;
  int rule;
  void (*breakIt)(RawClip&);
};

const InvalidClipCase kInvalidClips[] = {
    {"zero duration", 1, [](RawClip& c) { c.duration = 0.0f; }},
    {"negative duration", 1, [](RawClip& c) { c.duration = -1.0f; }},
    {"NaN duration", 1, [](RawClip& c) { c.duration = std::numeric_limits<float>::quiet_NaN(); }},
    {"no joint tracks", 2, [](RawClip& c) { c.joints.clear(); }},
    {"too many joint tracks", 2, [](RawClip& c) { c.joints.resize(kMaxJoints + 1); }},
    {"key after duration", 3, [](RawClip& c) { c.joints[0].translation.times[1] = 2.5f; }},
    {"negative key time", 3, [](RawClip& c) { c.joints[0].translation.times[0] = -0.1f; }},
    {"NaN key time", 3, [](RawClip& c) { c.joints[0].rotation.times[0] = std::numeric_limits<float>::quiet_NaN(); }},
    {"keys out of order", 4,
     [](RawClip& c) {
       c.joints[0].translation.times = {1.0f, 0.5f};
     }},
    {"duplicate key time", 4, [](RawClip& c) { c.joints[0].rotation.times = {1.0f, 1.0f}; }},
    {"missing value", 5, [](RawClip& c) { c.joints[0].translation.values.pop_back(); }},
    {"cubic without tangents", 5, [](RawClip& c) { c.joints[0].translation.interpolation = Interpolation::CubicSpline; }},
    {"NaN value", 6,
     [](RawClip& c) { c.joints[0].translation.values[1].y = std::numeric_limits<float>::quiet_NaN(); }},
    {"zero rotation", 6, [](RawClip& c) { c.joints[0].rotation.values[1] = glm::quat(0, 0, 0, 0); }},
    {"unnamed marker", 7, [](RawClip& c) { c.markers.push_back({"", 1.0f}); }},
    {"marker after end", 7, [](RawClip& c) { c.markers.push_back({"lockout", 3.0f}); }},
};

class InvalidClip : public ::testing::TestWithParam<InvalidClipCase> {};

TEST_P(InvalidClip, IsRejectedWithItsRuleNumber) {
  RawClip raw = simpleClip();
  ASSERT_TRUE(raw.Validate());
  GetParam().breakIt(raw);
  const Status status = raw.Validate();
  ASSERT_FALSE(status) << GetParam().what;
  EXPECT_NE(status.error().message.find(fmt::format("rule {}", GetParam().rule)), std::string::npos)
      << status.error().message;
  EXPECT_NE(status.error().message.find("'simple'"), std::string::npos) << "names the clip";
  EXPECT_FALSE(Clip::build(raw));
}

INSTANTIATE_TEST_SUITE_P(Rules, InvalidClip, ::testing::ValuesIn(kInvalidClips));

// translation x:  0 ---------- 2 (held)
// time (s):       0           1          2
// rotation z:     0 deg ------------------ 90 deg
struct LinearRow {
  float time;
  float x;
  float degrees;
};
const LinearRow kLinearTable[] = {
    {-1.0f, 0.0f, 0.0f},   // before the first key: first key held
    {0.0f, 0.0f, 0.0f},    // exactly at a key: the key
    {0.25f, 0.5f, 11.25f}, {0.5f, 1.0f, 22.5f}, {1.0f, 2.0f, 45.0f},  // halfway rotation = slerp
    {1.5f, 2.0f, 67.5f},   {2.0f, 2.0f, 90.0f}, {5.0f, 2.0f, 90.0f},  // after the end: last key held
};

TEST(ClipSampling, LinearKeysTable) {
  const Clip clip = test::buildOrDie(simpleClip());
  for (const LinearRow& row : kLinearTable) {
    EXPECT_TRUE(near(clip.sampleTranslation(0, row.time), glm::vec3(row.x, 0, 0), 1e-6f)) << "t=" << row.time;
    EXPECT_TRUE(near(clip.sampleRotation(0, row.time), axisAngle(row.degrees, {0, 0, 1}), 2e-4f)) << "t=" << row.time;
    EXPECT_TRUE(near(clip.sampleScale(0, row.time), glm::vec3(1.0f), 0.0f)) << "empty track is neutral";
  }
}

TEST(ClipSampling, HalfwayBetweenRotationKeysIsTheSlerp) {
  RawClip raw = simpleClip();
  const glm::quat a = axisAngle(10.0f, {1, 2, 3}), b = axisAngle(150.0f, {-1, 0.5f, 0.2f});
  raw.joints[0].rotation.values = {a, b};
  const Clip clip = test::buildOrDie(raw);
  EXPECT_TRUE(near(clip.sampleRotation(0, 1.0f), glm::slerp(a, b, 0.5f), 1e-5f));
  EXPECT_NEAR(glm::length(clip.sampleRotation(0, 1.0f)), 1.0f, 1e-6f);
  for (float t : {0.1f, 0.5f, 1.5f, 1.9f})  // elsewhere: within the documented 0.002 rad of slerp
    EXPECT_TRUE(near(clip.sampleRotation(0, t), glm::slerp(a, b, t / 2.0f), 2e-3f)) << "t=" << t;
}

TEST(ClipSampling, RotationTakesTheShortestArc) {
  RawClip raw = simpleClip();
  // 170 deg and -170 deg about z are 20 deg apart; the second is stored negated as well.
  const glm::quat a = axisAngle(170.0f, {0, 0, 1});
  const glm::quat b = -axisAngle(-170.0f, {0, 0, 1});
  raw.joints[0].rotation.values = {a, b};
  const Clip clip = test::buildOrDie(raw);
  EXPECT_TRUE(near(clip.sampleRotation(0, 1.0f), axisAngle(180.0f, {0, 0, 1}), 1e-5f));
}

// step:  v=1 ______ v=4 ______ v=9
// time:  0         1          2
TEST(ClipSampling, StepHoldsTheEarlierKey) {
  RawClip raw = simpleClip();
  raw.joints[0].translation = {Interpolation::Step, {0.0f, 1.0f, 2.0f}, {glm::vec3(1), glm::vec3(4), glm::vec3(9)}};
  const Clip clip = test::buildOrDie(raw);
  const std::pair<float, float> table[] = {{0.0f, 1}, {0.5f, 1}, {0.999f, 1}, {1.0f, 4}, {1.7f, 4}, {2.0f, 9}};
  for (auto [t, v] : table) EXPECT_TRUE(near(clip.sampleTranslation(0, t), glm::vec3(v), 0.0f)) << "t=" << t;
}

// Cubic Hermite, keys at 0 s and 2 s (dt = 2):
//   key 0: value 0, out-tangent 3 / s      key 1: in-tangent -1 / s, value 4
// p(s) = (2s^3-3s^2+1)*0 + dt(s^3-2s^2+s)*3 + (-2s^3+3s^2)*4 + dt(s^3-s^2)*(-1)
TEST(ClipSampling, CubicSplineMatchesHandComputedHermite) {
  RawClip raw = simpleClip();
  raw.joints[0].translation.interpolation = Interpolation::CubicSpline;
  raw.joints[0].translation.times = {0.0f, 2.0f};
  raw.joints[0].translation.values = {glm::vec3(9), glm::vec3(0), glm::vec3(3), glm::vec3(-1), glm::vec3(4), glm::vec3(9)};
  const Clip clip = test::buildOrDie(raw);
  const std::pair<float, float> table[] = {
      {0.0f, 0.0f},    // s = 0
      {0.5f, 1.5625f},  // s = 0.25: 2*0.140625*3 + 0.15625*4 + 2*(-0.046875)*(-1) = 0.84375 + 0.625 + 0.09375
      {1.0f, 3.0f},    // s = 0.5 : 2*0.125*3 + 0.5*4 + 2*(-0.125)*(-1) = 0.75 + 2 + 0.25
      {1.5f, 3.9375f},  // s = 0.75: 2*0.046875*3 + 0.84375*4 + 2*(-0.140625)*(-1) = 0.28125 + 3.375 + 0.28125
      {2.0f, 4.0f},    // s = 1
  };
  for (auto [t, v] : table) EXPECT_NEAR(clip.sampleTranslation(0, t).x, v, 1e-5f) << "t=" << t;
}

TEST(ClipSampling, CubicSplineRotationIsNormalised) {
  RawClip raw = simpleClip();
  const glm::quat a(1, 0, 0, 0), b = axisAngle(90.0f, {0, 1, 0}), zero(0, 0, 0, 0);
  raw.joints[0].rotation = {Interpolation::CubicSpline, {0.0f, 2.0f}, {zero, a, zero, zero, b, zero}};
  const Clip clip = test::buildOrDie(raw);
  EXPECT_NEAR(glm::length(clip.sampleRotation(0, 0.7f)), 1.0f, 1e-6f);
  EXPECT_TRUE(near(clip.sampleRotation(0, 2.0f), b, 1e-6f));
}

TEST(ClipSampling, KeysStartingAfterZero) {
  RawClip raw = simpleClip();
  raw.joints[0].translation.times = {0.5f, 1.0f};
  raw.joints[0].rotation.times = {0.25f, 2.0f};
  const Clip clip = test::buildOrDie(raw);
  EXPECT_FLOAT_EQ(clip.startTime(), 0.25f);
  EXPECT_FLOAT_EQ(clip.duration(), 2.0f);
  EXPECT_TRUE(near(clip.sampleTranslation(0, 0.1f), glm::vec3(0.0f), 0.0f));
  EXPECT_TRUE(near(clip.sampleTranslation(0, 0.75f), glm::vec3(1, 0, 0), 1e-6f));
}

TEST(ClipSampling, MarkersAreSortedAndFoundByName) {
  RawClip raw = simpleClip();
  raw.markers = {{"lockout", 1.5f}, {"bottom", 0.75f}};
  const Clip clip = test::buildOrDie(raw);
  ASSERT_EQ(clip.markers().size(), 2u);
  EXPECT_EQ(clip.markers()[0].name, "bottom");
  EXPECT_EQ(clip.markerTime("lockout"), 1.5f);
  EXPECT_FALSE(clip.markerTime("missing"));
}

// A long clip played forwards, backwards and with jumps: the cached SampleJob must give
// exactly what stateless binary-search sampling gives.
TEST(SampleJob, CursorsMatchBinarySearchInAnyOrder) {
  RawClip raw;
  raw.name = "long";
  raw.duration = 10.0f;
  raw.joints.resize(3);
  for (int k = 0; k <= 100; ++k) {
    const float t = 0.1f * static_cast<float>(k);
    raw.joints[1].translation.times.push_back(t);
    raw.joints[1].translation.values.push_back(glm::vec3(std::sin(t), t * t, 0.0f));
    raw.joints[2].rotation.times.push_back(t);
    raw.joints[2].rotation.values.push_back(axisAngle(37.0f * t, {1, 1, 0}));
  }
  const Clip clip = test::buildOrDie(raw);
  SamplingCache cache(3);
  Pose pose(3);
  const float times[] = {0.0f, 0.016f, 0.033f, 0.05f, 3.3f, 3.31f, 1.0f, 9.99f, 10.0f, 0.2f, 0.2f, 5.55f, 5.0f};
  for (float t : times) {
    ASSERT_TRUE((SampleJob{&clip, t, &cache, pose}.Run()));
    EXPECT_TRUE(near(pose[1].translation, clip.sampleTranslation(1, t), 0.0f)) << t;
    EXPECT_TRUE(near(pose[2].rotation, clip.sampleRotation(2, t), 0.0f)) << t;
    EXPECT_TRUE(near(pose[0].translation, glm::vec3(0.0f), 0.0f));
  }
}

TEST(SampleJob, InvalidInputsAreRefused) {
  const Clip clip = test::buildOrDie(simpleClip());
  SamplingCache cache(1), small;
  Pose pose(1), none;
  EXPECT_FALSE((SampleJob{nullptr, 0.0f, &cache, pose}.Validate()));
  EXPECT_FALSE((SampleJob{&clip, 0.0f, nullptr, pose}.Validate()));
  EXPECT_FALSE((SampleJob{&clip, 0.0f, &small, pose}.Validate()));
  EXPECT_FALSE((SampleJob{&clip, 0.0f, &cache, none}.Run()));
  EXPECT_FALSE((SampleJob{&clip, std::numeric_limits<float>::quiet_NaN(), &cache, pose}.Validate()));
  EXPECT_FALSE((SampleJob{&clip, std::numeric_limits<float>::infinity(), &cache, pose}.Validate()));
  EXPECT_TRUE(test::near(clip.sampleTranslation(0, std::numeric_limits<float>::quiet_NaN()), glm::vec3(0.0f), 0.0f))
      << "stateless sampling of a NaN time gives the first key, never reads out of range";
  EXPECT_TRUE((SampleJob{&clip, 0.0f, &cache, pose}.Run()));
}

// Loop: the last key repeats the first, as in an authored cycle. Playing across the end
// with a looping Playback gives poses that change by a small amount per small step.
TEST(SampleJob, LoopWrapIsContinuous) {
  RawClip raw;
  raw.name = "cycle";
  raw.duration = 1.0f;
  raw.joints.resize(1);
  raw.joints[0].translation = {Interpolation::Linear, {0.1f, 0.6f, 1.0f}, {glm::vec3(0), glm::vec3(1, 2, 0), glm::vec3(0)}};
  raw.joints[0].rotation = {Interpolation::Linear,
                            {0.1f, 0.6f, 1.0f},
                            {glm::quat(1, 0, 0, 0), axisAngle(120.0f, {0, 1, 0}), glm::quat(1, 0, 0, 0)}};
  const Clip clip = test::buildOrDie(raw);
  Playback playback;
  playback.setClip(clip.startTime(), clip.endTime());
  playback.play();
  SamplingCache cache(1);
  Pose pose(1), previous(1);
  ASSERT_TRUE((SampleJob{&clip, playback.time, &cache, previous}.Run()));
  const float dt = 1.0f / 120.0f;
  bool wrapped = false;
  for (int frame = 0; frame < 400; ++frame) {
    playback.advance(dt);
    wrapped = wrapped || playback.lastWraps != 0;
    ASSERT_TRUE((SampleJob{&clip, playback.time, &cache, pose}.Run()));
    // Fastest segments: 2.24 units in 0.4 s and 120 deg in 0.4 s; a jump at the wrap would be far larger.
    EXPECT_LT(glm::length(pose[0].translation - previous[0].translation), 6.0f * dt) << playback.time;
    EXPECT_LT(test::angleBetween(pose[0].rotation, previous[0].rotation), glm::radians(320.0f) * dt) << playback.time;
    previous = pose;
  }
  EXPECT_TRUE(wrapped);
}

TEST(TrackSampling, FindIntervalFromAnyCursor) {
  const float times[] = {0.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f, 9.0f};
  for (std::uint32_t cursor = 0; cursor < 12; ++cursor)
    for (float t : {0.0f, 0.5f, 1.0f, 4.2f, 8.99f})
      EXPECT_EQ(detail::findInterval(times, 10, t, cursor), static_cast<std::uint32_t>(t)) << cursor << " " << t;
}

}  // namespace
}  // namespace formviz::anim
