// [SECTION] Colours for the muscle regions of FormViz bodies, per view mode.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "render/image.h"

namespace formviz::render {

// How the figure shows its muscles.
enum class ViewMode {
  Highlight,  // the exercise's working muscles: primary strong, secondary weaker (default)
  Anatomy,    // every muscle group in its own colour
  Plain,      // skin only
  XRay,       // working muscles seen through a translucent skin, from any side
};
std::optional<ViewMode> viewModeFromName(std::string_view name);  // "highlight", "anatomy", "plain", "x-ray"
const char* viewModeName(ViewMode mode);

enum class MuscleRole : unsigned char { None, Secondary, Primary };

// Chosen to stay apart for every viewer: a saturated vermillion and a light amber differ in
// lightness as well as hue, so they remain distinct under protanopia and deuteranopia
// (tests/render check the simulated colours).
inline constexpr glm::vec3 kPrimaryColor{0.89f, 0.30f, 0.10f};    // sRGB
inline constexpr glm::vec3 kSecondaryColor{0.98f, 0.80f, 0.36f};  // sRGB
inline constexpr glm::vec3 kSkinColor{0.80f, 0.68f, 0.60f};       // sRGB

// One sRGB colour + strength per region id (index 0 = no region, strength 0), kMaxMuscleRegions
// entries. Every muscle group gets its own hue, spread by the golden angle so neighbours in
// the table (which are often neighbours on the body) differ; left and right share a colour.
std::vector<glm::vec4> anatomyColors();

// Highlight colours per region id from each region's role and activation in [0, 1] (how
// hard it works at this moment; 1 when unknown). The strength eases from 0.25 (at rest, a
// trace of the colour) to 1 at activation 0.7 and above (smoothstep). `roles` and `activation` are indexed by
// region id; missing entries count as None and 1.
std::vector<glm::vec4> highlightColors(std::span<const MuscleRole> roles, std::span<const float> activation = {});

// Cue pulse (issue 6 item 2): the muscles the current form cue is about breathe gently, their
// strength dipping by up to `depth` and back, `hz` times a second, so the eye finds them
// without the colours changing meaning. A cosine: factor 1 at t = 0, 1 - depth half a period later.
inline constexpr float kCuePulseHz = 1.2f;
inline constexpr float kCuePulseDepth = 0.3f;
// The strength factor at `seconds`, in [1 - depth, 1] (depth clamped to [0, 1]).
float cuePulseFactor(float seconds, float hz = kCuePulseHz, float depth = kCuePulseDepth);
// Multiplies the strength (alpha) of `regions` in `colors` (indexed by region id) by the pulse
// factor at `seconds`; ids out of range are ignored, colours keep their hue.
void applyCuePulse(std::span<glm::vec4> colors, std::span<const int> regions, float seconds, float hz = kCuePulseHz,
                   float depth = kCuePulseDepth);

// Colour vision deficiencies simulated with Machado, Oliveira & Fernandes (2009), severity 1.
enum class Deficiency { Protanopia, Deuteranopia };
glm::vec3 simulateDeficiency(const glm::vec3& srgb, Deficiency deficiency);
Image simulateDeficiency(const Image& image, Deficiency deficiency);

}  // namespace formviz::render
