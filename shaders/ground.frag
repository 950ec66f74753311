#version 330 core
// The floor: a plane with an anti-aliased grid (0.25 m minor, 1 m major lines), a soft
// contact shadow under the figure and the key light's shadow. With distance it fades into
// the backdrop colour behind it, so it has no visible far edge and needs no blending.
// Colours here stay sRGB: the floor is shaded by darkening, not lit.
// FV_SHADOWS: the key light's shadow comes from the floor shadow texture (filtered once per
// shadow map by floor_shadow.frag), one bilinear fetch a pixel; the renderer draws this variant
// only on the inner quad (ground.vert's uInner) where the frame shades the floor.
#ifndef FV_SHADOWS
#define FV_SHADOWS 1
#endif
#include "backdrop.glsl"

uniform mat3 uScreenToFloor;   // NDC (x, y, 1) to the floor's homogeneous (x, z, 1 / w) (scene_renderer.cpp screenToFloor)
#if FV_SHADOWS
uniform sampler2D uFloorShadow;
uniform vec4 uShadowRect;      // the rectangle it covers: x0, z0, x1, z1 (metres)
#endif
uniform vec3 uEye;
uniform vec3 uGroundColor;     // sRGB
uniform vec3 uLineColor;       // sRGB
uniform vec4 uContactShadow;   // xz centre, radius (m), strength [0, 1]
out vec4 fragColor;

// FV_GRID (a #define per program variant, default 1): 0 leaves the grid out.
#ifndef FV_GRID
#define FV_GRID 1
#endif

// 1 on a grid line (about `widthPx` pixels wide), 0 between lines, anti-aliased by the
// footprint `w` of a pixel on the floor (fwidth of p, metres).
float gridLines(vec2 p, vec2 w, float spacing, float widthPx) {
  vec2 coord = p / spacing;
  vec2 distPx = abs(fract(coord - 0.5) - 0.5) / max(w / spacing, vec2(1e-6));
  return 1.0 - clamp(min(distPx.x, distPx.y) - (widthPx - 1.0) * 0.5, 0.0, 1.0);
}

void main() {
  // The floor point seen at this pixel, from the pixel itself rather than interpolated over the
  // floor's triangles (40 m long: their rounding showed their diagonals through the grid lines'
  // smoothing), so the floor is the same however it is cut into triangles.
  vec3 h = uScreenToFloor * vec3(gl_FragCoord.xy / uViewportSize * 2.0 - 1.0, 1.0);
  vec2 p = h.xy / h.z;
  float dist = length(p);
  vec3 color = uGroundColor;
#if FV_GRID
  vec2 w = fwidth(p);
  float fade = 1.0 - smoothstep(3.0, 9.0, dist);
  float minor = gridLines(p, w, 0.25, 1.0) * 0.25;
  float major = gridLines(p, w, 1.0, 1.5) * 0.7;
  color = mix(color, uLineColor, max(minor, major) * fade);
#endif
  // Contact shading (soft darkening right under the figure) plus the key light's shadow.
  float contact = 1.0 - smoothstep(0.0, uContactShadow.z, length(p - uContactShadow.xy));
  color *= 1.0 - uContactShadow.w * contact * contact;
#if FV_SHADOWS
  color *= mix(0.62, 1.0, texture(uFloorShadow, (p - uShadowRect.xy) / (uShadowRect.zw - uShadowRect.xy)).r);
#endif
  float near = 1.0 - smoothstep(5.0, 14.0, distance(uEye.xz, p));
  fragColor = vec4(mix(backdrop(gl_FragCoord.xy), color, near), 1.0);
}
