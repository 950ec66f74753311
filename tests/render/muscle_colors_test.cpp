#include "render/muscle_colors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>
#include <functional>

#include "core/muscle_regions.h"

namespace formviz::render {
namespace {

// CIE L*a*b* (D65) of an sRGB colour, for perceptual distances (CIE76 delta E).
glm::vec3 lab(const glm::vec3& srgb) {
  auto lin = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
  const glm::vec3 l(lin(srgb.x), lin(srgb.y), lin(srgb.z));
  const glm::vec3 xyz(0.4124f * l.x + 0.3576f * l.y + 0.1805f * l.z, 0.2126f * l.x + 0.7152f * l.y + 0.0722f * l.z,
                      0.0193f * l.x + 0.1192f * l.y + 0.9505f * l.z);
  const glm::vec3 n = xyz / glm::vec3(0.95047f, 1.0f, 1.08883f);
  auto f = [](float t) { return t > 0.008856f ? std::cbrt(t) : 7.787f * t + 16.0f / 116.0f; };
  return {116.0f * f(n.y) - 16.0f, 500.0f * (f(n.x) - f(n.y)), 200.0f * (f(n.y) - f(n.z))};
}
float deltaE(const glm::vec3& a, const glm::vec3& b) { return glm::length(lab(a) - lab(b)); }

TEST(MuscleColors, PrimarySecondaryAndSkinStayApartForColourBlindViewers) {
  struct Vision {
    const char* name;
    std::function<glm::vec3(glm::vec3)> see;
  };
  const Vision visions[] = {{"normal", [](glm::vec3 c) { return c; }},
                            {"protanopia", [](glm::vec3 c) { return simulateDeficiency(c, Deficiency::Protanopia); }},
                            {"deuteranopia", [](glm::vec3 c) { return simulateDeficiency(c, Deficiency::Deuteranopia); }}};
  for (const Vision& v : visions) {
    const glm::vec3 primary = v.see(kPrimaryColor), secondary = v.see(kSecondaryColor), skin = v.see(kSkinColor);
    EXPECT_GT(deltaE(primary, secondary), 20.0f) << v.name;
    EXPECT_GT(deltaE(primary, skin), 20.0f) << v.name;
    EXPECT_GT(deltaE(secondary, skin), 15.0f) << v.name;
    // Primary is the darker, stronger one in every vision, so "strong vs weak" reads by lightness too.
    EXPECT_LT(lab(primary).x + 10.0f, lab(secondary).x) << v.name;
  }
}

TEST(MuscleColors, SimulationKeepsGreysAndFoldsRedGreen) {
  const glm::vec3 grey(0.5f);
  EXPECT_LT(glm::length(simulateDeficiency(grey, Deficiency::Deuteranopia) - grey), 0.01f);
  // Pure red and a green of equal lightness become hard to tell apart for a deuteranope.
  const glm::vec3 red(0.8f, 0.2f, 0.1f), green(0.45f, 0.5f, 0.1f);
  EXPECT_LT(deltaE(simulateDeficiency(red, Deficiency::Deuteranopia), simulateDeficiency(green, Deficiency::Deuteranopia)),
            deltaE(red, green) * 0.5f);
}

TEST(MuscleColors, HighlightFollowsRoleAndActivation) {
  std::vector<MuscleRole> roles(body::kMuscleRegionCount, MuscleRole::None);
  const int leftGlute = body::regionId(body::MuscleGroup::GluteusMaximus, body::RegionSide::Left);
  const int leftHams = body::regionId(body::MuscleGroup::Hamstrings, body::RegionSide::Left);
  roles[leftGlute] = MuscleRole::Primary;
  roles[leftHams] = MuscleRole::Secondary;
  std::vector<float> activation(roles.size(), 1.0f);
  activation[leftGlute] = 0.0f;
  const auto resting = highlightColors(roles, activation);
  const auto working = highlightColors(roles);
  EXPECT_EQ(glm::vec3(working[leftGlute]), kPrimaryColor);
  EXPECT_EQ(glm::vec3(working[leftHams]), kSecondaryColor);
  EXPECT_GT(working[leftGlute].w, resting[leftGlute].w) << "a working muscle shows stronger than a resting one";
  EXPECT_GT(resting[leftGlute].w, 0.0f) << "but a resting one stays findable";
  EXPECT_EQ(working[body::mirrorRegion(leftGlute)].w, 0.0f) << "the right side is not highlighted";
  EXPECT_EQ(working[0].w, 0.0f);
}

TEST(MuscleColors, CuePulseIsBoundedGentleAndPeriodic) {
  // Sampled finely over two periods: the factor stays in [1 - depth, 1] and reaches both ends.
  float lo = 2.0f, hi = -1.0f;
  for (int i = 0; i <= 2000; ++i) {
    const float f = cuePulseFactor(static_cast<float>(i) * (2.0f / kCuePulseHz) / 2000.0f);
    lo = std::min(lo, f);
    hi = std::max(hi, f);
  }
  EXPECT_NEAR(lo, 1.0f - kCuePulseDepth, 1e-4f);
  EXPECT_NEAR(hi, 1.0f, 1e-6f);
  EXPECT_LE(kCuePulseDepth, 0.35f) << "gentle: the muscle never fades by more than about a third";
  EXPECT_NEAR(cuePulseFactor(0.0f), 1.0f, 1e-6f);
  EXPECT_NEAR(cuePulseFactor(0.5f / kCuePulseHz), 1.0f - kCuePulseDepth, 1e-5f) << "lowest half a period in";
  EXPECT_NEAR(cuePulseFactor(0.3f), cuePulseFactor(0.3f + 1.0f / kCuePulseHz), 1e-4f) << "periodic at 1.2 Hz";
  EXPECT_NEAR(cuePulseFactor(1.0f, 2.0f, 5.0f), 1.0f, 1e-5f) << "depth clamps to 1; whole periods return to 1";
  EXPECT_GE(cuePulseFactor(0.25f, 2.0f, 5.0f), 0.0f);
}

TEST(MuscleColors, CuePulseDimsOnlyTheGivenRegionsAndKeepsTheirHue) {
  std::vector<MuscleRole> roles(body::kMuscleRegionCount, MuscleRole::None);
  const int leftQuad = body::regionId(body::MuscleGroup::Quadriceps, body::RegionSide::Left);
  const int rightQuad = body::mirrorRegion(leftQuad);
  roles[leftQuad] = roles[rightQuad] = MuscleRole::Primary;
  const auto base = highlightColors(roles);
  auto pulsed = base;
  const std::vector<int> cue{leftQuad, 999, -3};  // out-of-range ids are ignored
  const float t = 0.5f / kCuePulseHz;                // the pulse's lowest point
  applyCuePulse(pulsed, cue, t);
  EXPECT_NEAR(pulsed[leftQuad].w, base[leftQuad].w * (1.0f - kCuePulseDepth), 1e-5f);
  EXPECT_EQ(glm::vec3(pulsed[leftQuad]), glm::vec3(base[leftQuad]));
  EXPECT_EQ(pulsed[rightQuad], base[rightQuad]) << "regions outside the cue do not pulse";
  for (std::size_t id = 0; id < base.size(); ++id) EXPECT_LE(pulsed[id].w, base[id].w + 1e-6f);
}

TEST(MuscleColors, AnatomyGivesEveryGroupItsOwnColourAndBothSidesTheSame) {
  const auto colors = anatomyColors();
  for (int id = 1; id < body::kMuscleRegionCount; ++id) {
    EXPECT_GT(colors[id].w, 0.5f);
    EXPECT_EQ(colors[id], colors[body::mirrorRegion(id)]);
  }
  for (int a = 1; a < body::kMuscleRegionCount; a += 2)
    for (int b = a + 2; b < body::kMuscleRegionCount; b += 2)
      EXPECT_GT(deltaE(glm::vec3(colors[a]), glm::vec3(colors[b])), 3.0f) << a << " vs " << b;
}

TEST(ViewMode, NamesRoundTrip) {
  for (ViewMode mode : {ViewMode::Highlight, ViewMode::Anatomy, ViewMode::Plain, ViewMode::XRay})
    EXPECT_EQ(viewModeFromName(viewModeName(mode)), mode);
  EXPECT_FALSE(viewModeFromName("xray"));
}

}  // namespace
}  // namespace formviz::render
