#version 330 core
// The key light's visibility on the floor rectangle uInner (x0, z0, x1, z1 in metres), one
// value per texel of the floor shadow texture: four comparisons spread over the texel's own
// square (a rotated grid), so each texel holds the share of it in light and the bilinear
// lookup on the floor draws a smooth edge at any zoom, with no staircase.
#include "lighting.glsl"
in vec2 vUv;
uniform vec4 uInner;
uniform float uTexels;   // texels across the floor shadow texture
out vec4 fragColor;
void main() {
  vec2 size = (uInner.zw - uInner.xy) / uTexels;   // one texel, metres
  vec2 p = mix(uInner.xy, uInner.zw, vUv);
  float lit = keyLightTap(vec3(p.x - 0.375 * size.x, 0.0, p.y - 0.125 * size.y))
            + keyLightTap(vec3(p.x + 0.125 * size.x, 0.0, p.y - 0.375 * size.y))
            + keyLightTap(vec3(p.x + 0.375 * size.x, 0.0, p.y + 0.125 * size.y))
            + keyLightTap(vec3(p.x - 0.125 * size.x, 0.0, p.y + 0.375 * size.y));
  fragColor = vec4(lit * 0.25, 0.0, 0.0, 1.0);
}
