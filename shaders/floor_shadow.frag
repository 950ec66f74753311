#version 330 core
// The key light's visibility on the floor rectangle uInner (x0, z0, x1, z1 in metres), one
// texel per sample, filtered as every lit surface filters it (lighting.glsl).
#include "lighting.glsl"
in vec2 vUv;
uniform vec4 uInner;
out vec4 fragColor;
void main() {
  vec2 p = mix(uInner.xy, uInner.zw, vUv);
  fragColor = vec4(keyLightVisibility(vec3(p.x, 0.0, p.y), vec3(0.0, 1.0, 0.0)), 0.0, 0.0, 1.0);
}
