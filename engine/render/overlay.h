// [SECTION] Overlay primitives: what the 3D overlays (joint-angle arcs, alignment lines,
// ground contact markers, their labels) are made of, ready for gl::OverlayRenderer.
//
// Plain data, no GL. Positions are model space in metres (the figure's space; the renderer
// takes the same camera as the scene). Built by render::OverlayBuildJob (overlay_builder.h)
// from a posed figure and the form checker's measures.
#pragma once

#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace formviz::render {

// sRGB colours chosen to read over skin, the muscle highlight (vermillion/amber) and the light
// floor: a cool cyan for what is measured, white for references, a green for contacts. Every
// line and label also gets a dark halo, so it stays readable over any of them.
inline constexpr glm::vec3 kOverlayMeasureColor{0.20f, 0.85f, 1.00f};
inline constexpr glm::vec3 kOverlayGuideColor{0.95f, 0.97f, 1.00f};
inline constexpr glm::vec3 kOverlayContactColor{0.35f, 0.95f, 0.45f};
inline constexpr glm::vec3 kOverlayHaloColor{0.05f, 0.07f, 0.10f};

// A thick polyline with round joins and caps, `width` pixels wide (plus its halo).
struct OverlayLine {
  std::vector<glm::vec3> points;  // model space, metres; 2 or more
  glm::vec3 color = kOverlayMeasureColor;  // sRGB
  float width = 4.0f;                      // pixels at 720 lines of output (scaled with the target's height)
  bool closed = false;                     // joins the last point back to the first (rings)
  bool dashed = false;                     // drawn in dashes (references and extensions)
};

// Text at a 3D point, drawn on top of everything on a dark rounded backdrop.
struct OverlayLabel {
  glm::vec3 anchor{0.0f};       // model space; the label is centred on its projection
  std::string text;             // UTF-8, e.g. "knee 95°"
  glm::vec3 color = kOverlayMeasureColor;  // sRGB text colour
};

struct OverlayPrimitives {
  std::vector<OverlayLine> lines;
  std::vector<OverlayLabel> labels;
  bool empty() const { return lines.empty() && labels.empty(); }
  void append(const OverlayPrimitives& other) {
    lines.insert(lines.end(), other.lines.begin(), other.lines.end());
    labels.insert(labels.end(), other.labels.begin(), other.labels.end());
  }
};

}  // namespace formviz::render
