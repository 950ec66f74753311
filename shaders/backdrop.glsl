// The studio backdrop: a vertical gradient with a soft vignette, in sRGB. Shared by the
// backdrop pass and the floor, which fades into it with distance.
uniform vec3 uTopColor;
uniform vec3 uBottomColor;
uniform vec2 uViewportSize;   // pixels

vec3 backdrop(vec2 fragCoord) {
  vec2 uv = fragCoord / uViewportSize;
  vec3 color = mix(uBottomColor, uTopColor, smoothstep(0.0, 1.0, uv.y));
  float vignette = 1.0 - 0.10 * dot(uv - 0.5, uv - 0.5) * 2.0;
  return color * vignette;
}
