// [SECTION] Tempo: "3-1-1" style rep timing.
//
// Three or four parts separated by '-': eccentric (lowering), pause at the bottom,
// concentric (lifting) and, optionally, a pause at the top. Each part is a whole number of
// seconds 0..20, or 'X' for an explosive part, counted as kExplosiveSeconds.
#pragma once

#include <optional>
#include <string_view>

namespace formviz::domain {

inline constexpr float kExplosiveSeconds = 0.5f;

struct Tempo {
  float eccentric = 0.0f;   // seconds
  float pause = 0.0f;       // seconds
  float concentric = 0.0f;  // seconds
  float top = 0.0f;         // seconds (0 when the tempo has three parts)
  float repSeconds() const { return eccentric + pause + concentric + top; }
};

// nullopt for anything else (empty text, other separators, numbers above 20, a zero total).
std::optional<Tempo> parseTempo(std::string_view text);

}  // namespace formviz::domain
