#version 330 core
// The floor: a plane with an anti-aliased grid (0.25 m minor, 1 m major lines), a soft
// contact shadow under the figure and the key light's shadow. With distance it fades into
// the backdrop colour behind it, so it has no visible far edge and needs no blending.
#include "lighting.glsl"
#include "backdrop.glsl"

in vec3 vWorld;
uniform vec3 uEye;
uniform vec3 uGroundColor;     // sRGB
uniform vec3 uLineColor;       // sRGB
uniform int uShowGrid;
uniform vec4 uContactShadow;   // xz centre, radius (m), strength [0, 1]
out vec4 fragColor;

// 1 on a grid line (about `widthPx` pixels wide), 0 between lines, anti-aliased by fwidth.
float gridLines(vec2 p, float spacing, float widthPx) {
  vec2 coord = p / spacing;
  vec2 distPx = abs(fract(coord - 0.5) - 0.5) / max(fwidth(coord), vec2(1e-6));
  return 1.0 - clamp(min(distPx.x, distPx.y) - (widthPx - 1.0) * 0.5, 0.0, 1.0);
}

void main() {
  vec2 p = vWorld.xz;
  float dist = length(p);
  vec3 color = uGroundColor;
  if (uShowGrid != 0) {
    float fade = 1.0 - smoothstep(3.0, 9.0, dist);
    float minor = gridLines(p, 0.25, 1.0) * 0.25;
    float major = gridLines(p, 1.0, 1.5) * 0.7;
    color = mix(color, uLineColor, max(minor, major) * fade);
  }
  // Contact shading (soft darkening right under the figure) plus the key light's shadow.
  float contact = 1.0 - smoothstep(0.0, uContactShadow.z, length(p - uContactShadow.xy));
  color *= 1.0 - uContactShadow.w * contact * contact;
  color *= mix(0.62, 1.0, keyLightVisibility(vWorld, vec3(0.0, 1.0, 0.0)));
  float near = 1.0 - smoothstep(5.0, 14.0, distance(uEye.xz, p));
  fragColor = vec4(mix(backdrop(gl_FragCoord.xy), color, near), 1.0);
}
