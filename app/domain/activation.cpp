#include "app/domain/activation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace formviz::domain {
namespace {

float smoothstep01(float x) {
  x = std::clamp(x, 0.0f, 1.0f);
  return x * x * (3.0f - 2.0f * x);
}

struct Span {
  float start = 0.0f;  // seconds
  float length = 0.0f; // seconds, > 0
  const PhaseActivation* levels = nullptr;
};

float levelOf(const Span& span, std::size_t region) {
  return span.levels ? span.levels->level[region] : 0.0f;
}

}  // namespace

RegionLevels activationAt(const Activation& activation, std::span<const ClipMarker> markers, float duration,
                          float time, bool mirrored) {
  RegionLevels out;
  out.fill(1.0f);
  out[0] = 0.0f;
  if (activation.empty() || markers.empty() || !(duration > 0.0f)) return out;

  // Phases in time order, cyclic over the clip.
  std::vector<ClipMarker> sorted(markers.begin(), markers.end());
  std::sort(sorted.begin(), sorted.end(), [](const ClipMarker& a, const ClipMarker& b) { return a.time < b.time; });
  std::vector<Span> spans;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const float start = std::clamp(sorted[i].time, 0.0f, duration);
    const float next = i + 1 < sorted.size() ? std::clamp(sorted[i + 1].time, 0.0f, duration)
                                             : std::clamp(sorted[0].time, 0.0f, duration) + duration;
    if (next - start <= 1e-5f) continue;  // two markers at one time: the later one wins
    spans.push_back({start, next - start, activation.find(sorted[i].name)});
  }
  if (spans.empty()) return out;

  // Time on the loop, shifted so that it lies in [first marker, first marker + duration).
  const float origin = spans.front().start;
  float t = std::fmod(time - origin, duration);
  if (t < 0.0f) t += duration;
  t += origin;
  std::size_t current = spans.size() - 1;
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (t >= spans[i].start && t < spans[i].start + spans[i].length) current = i;

  const std::size_t n = spans.size();
  const Span& here = spans[current];
  const Span& prev = spans[(current + n - 1) % n];
  const Span& next = spans[(current + 1) % n];
  auto halfWidth = [](const Span& a, const Span& b) {
    return std::min({kActivationEaseHalfWidth, 0.25f * a.length, 0.25f * b.length});
  };
  const float intoPhase = t - here.start;                    // seconds since this phase began
  const float toEnd = here.start + here.length - t;          // seconds until the next one begins
  const float hIn = halfWidth(prev, here), hOut = halfWidth(here, next);

  for (std::size_t region = 1; region < out.size(); ++region) {
    // The level at this region in the clip as baked; mirrored clips read the other side.
    const std::size_t source = mirrored ? static_cast<std::size_t>(body::mirrorRegion(static_cast<int>(region))) : region;
    float level = levelOf(here, source);
    if (n > 1 && intoPhase < hIn) {
      // Second half of the ease from the previous phase: 0.5 at the marker, 1 at hIn after it.
      const float s = smoothstep01(0.5f + 0.5f * intoPhase / hIn);
      level = levelOf(prev, source) + (level - levelOf(prev, source)) * s;
    } else if (n > 1 && toEnd < hOut) {
      // First half of the ease into the next phase: 0 at hOut before the marker, 0.5 at it.
      const float s = smoothstep01(0.5f - 0.5f * toEnd / hOut);
      level = level + (levelOf(next, source) - level) * s;
    }
    out[region] = std::clamp(level, 0.0f, 1.0f);
  }
  return out;
}

const Cue* cueAt(const Exercise& exercise, std::string_view clip, float time) {
  for (const Cue& cue : exercise.cues)
    if (cue.range.resolved && cue.range.clip == clip && time >= cue.range.start && time < cue.range.end) return &cue;
  return nullptr;
}

}  // namespace formviz::domain
