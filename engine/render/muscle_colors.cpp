#include "render/muscle_colors.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/muscle_regions.h"
#include "render/shader_source.h"

namespace formviz::render {
namespace {

glm::vec3 hsvToRgb(float h, float s, float v) {
  const glm::vec3 k = glm::mod(glm::vec3(5.0f, 3.0f, 1.0f) + h * 6.0f, 6.0f);
  return v - v * s * glm::clamp(glm::min(k, 4.0f - k), 0.0f, 1.0f);
}

float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float toSrgb(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

struct ModeName {
  ViewMode mode;
  const char* name;
};
constexpr std::array<ModeName, 4> kModeNames{{{ViewMode::Highlight, "highlight"},
                                              {ViewMode::Anatomy, "anatomy"},
                                              {ViewMode::Plain, "plain"},
                                              {ViewMode::XRay, "x-ray"}}};

}  // namespace

static_assert(body::kMuscleRegionCount <= kMaxMuscleRegions, "the shaders' region table must hold every region id");

std::optional<ViewMode> viewModeFromName(std::string_view name) {
  for (const ModeName& m : kModeNames)
    if (name == m.name) return m.mode;
  return std::nullopt;
}

const char* viewModeName(ViewMode mode) {
  for (const ModeName& m : kModeNames)
    if (mode == m.mode) return m.name;
  return "?";
}

std::vector<glm::vec4> anatomyColors() {
  std::vector<glm::vec4> colors(static_cast<std::size_t>(kMaxMuscleRegions), glm::vec4(0.0f));
  for (int id = 1; id < body::kMuscleRegionCount; ++id) {
    const int group = static_cast<int>(body::regionGroup(id));
    const float hue = std::fmod(0.02f + static_cast<float>(group) * 0.618034f, 1.0f);
    const float value = group % 2 == 0 ? 0.80f : 0.92f;
    colors[static_cast<std::size_t>(id)] = glm::vec4(hsvToRgb(hue, 0.62f, value), 0.85f);
  }
  return colors;
}

std::vector<glm::vec4> highlightColors(std::span<const MuscleRole> roles, std::span<const float> activation) {
  std::vector<glm::vec4> colors(static_cast<std::size_t>(kMaxMuscleRegions), glm::vec4(0.0f));
  for (std::size_t id = 1; id < roles.size() && id < colors.size(); ++id) {
    const float level = id < activation.size() ? std::clamp(activation[id], 0.0f, 1.0f) : 1.0f;
    // A resting working muscle keeps a trace of its colour so it stays findable (0.25); from a
    // level of 0.7 up it shows in full, so hard work reads at a glance while light work
    // (0.2-0.4, e.g. the other leg of a lunge) stays visibly weaker.
    const float x = std::clamp(level / 0.7f, 0.0f, 1.0f);
    const float strength = 0.25f + 0.75f * x * x * (3.0f - 2.0f * x);
    if (roles[id] == MuscleRole::Primary) colors[id] = glm::vec4(kPrimaryColor, 0.95f * strength);
    if (roles[id] == MuscleRole::Secondary) colors[id] = glm::vec4(kSecondaryColor, 0.80f * strength);
  }
  return colors;
}

float cuePulseFactor(float seconds, float hz, float depth) {
  depth = std::clamp(depth, 0.0f, 1.0f);
  const float phase = 2.0f * 3.14159265f * hz * seconds;
  return 1.0f - depth * 0.5f * (1.0f - std::cos(phase));
}

void applyCuePulse(std::span<glm::vec4> colors, std::span<const int> regions, float seconds, float hz, float depth) {
  const float factor = cuePulseFactor(seconds, hz, depth);
  for (int id : regions)
    if (id > 0 && static_cast<std::size_t>(id) < colors.size()) colors[static_cast<std::size_t>(id)].w *= factor;
}

glm::vec3 simulateDeficiency(const glm::vec3& srgb, Deficiency deficiency) {
  // Machado et al. 2009, Table 1 at severity 1.0; rows act on linear RGB.
  static const glm::mat3 protanopia = glm::transpose(glm::mat3(0.152286f, 1.052583f, -0.204868f,   //
                                                               0.114503f, 0.786281f, 0.099216f,    //
                                                               -0.003882f, -0.048116f, 1.051998f));
  static const glm::mat3 deuteranopia = glm::transpose(glm::mat3(0.367322f, 0.860646f, -0.227968f,  //
                                                                 0.280085f, 0.672501f, 0.047413f,   //
                                                                 -0.011820f, 0.042940f, 0.968881f));
  const glm::vec3 linear(toLinear(srgb.x), toLinear(srgb.y), toLinear(srgb.z));
  const glm::vec3 seen = (deficiency == Deficiency::Protanopia ? protanopia : deuteranopia) * linear;
  return {toSrgb(seen.x), toSrgb(seen.y), toSrgb(seen.z)};
}

Image simulateDeficiency(const Image& image, Deficiency deficiency) {
  Image out = image;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      const glm::vec3 seen = simulateDeficiency(glm::vec3(p[0], p[1], p[2]) / 255.0f, deficiency);
      std::uint8_t* q = out.at(x, y);
      for (int c = 0; c < 3; ++c) q[c] = static_cast<std::uint8_t>(std::lround(seen[c] * 255.0f));
    }
  return out;
}

}  // namespace formviz::render
