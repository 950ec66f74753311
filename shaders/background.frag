#version 330 core
// A quiet studio backdrop: vertical gradient with a soft vignette. Colours are sRGB.
in vec2 vUv;
uniform vec3 uTopColor;
uniform vec3 uBottomColor;
out vec4 fragColor;
void main() {
  vec3 color = mix(uBottomColor, uTopColor, smoothstep(0.0, 1.0, vUv.y));
  float vignette = 1.0 - 0.10 * dot(vUv - 0.5, vUv - 0.5) * 2.0;
  fragColor = vec4(color * vignette, 1.0);
}
