#version 330 core
// Studio lighting in linear space: key, fill and rim lights plus a sky/ground
// hemisphere ambient, then encoded to sRGB.
in vec3 vWorld;
in vec3 vNormal;
uniform vec3 uEye;
uniform vec3 uBaseColor;   // sRGB
out vec4 fragColor;

vec3 toLinear(vec3 c) { return pow(c, vec3(2.2)); }
vec3 toSrgb(vec3 c) { return pow(clamp(c, 0.0, 1.0), vec3(1.0 / 2.2)); }

void main() {
  vec3 n = normalize(vNormal);
  vec3 v = normalize(uEye - vWorld);
  vec3 albedo = toLinear(uBaseColor);

  const vec3 keyDir = normalize(vec3(0.55, 0.80, 0.65));   // above, front, figure's left
  const vec3 fillDir = normalize(vec3(-0.70, 0.35, 0.45));
  const vec3 rimDir = normalize(vec3(-0.20, 0.50, -0.90));
  float key = max(dot(n, keyDir), 0.0);
  float fill = max(dot(n, fillDir), 0.0);
  float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * max(dot(n, rimDir) + 0.4, 0.0);
  float hemi = 0.5 + 0.5 * n.y;
  vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.42, 0.45, 0.50), hemi);

  vec3 h = normalize(keyDir + v);
  float specular = pow(max(dot(n, h), 0.0), 40.0) * 0.12 * key;

  vec3 color = albedo * (ambient + key * vec3(1.00, 0.97, 0.92) * 0.95 + fill * vec3(0.55, 0.62, 0.75) * 0.35)
             + rim * vec3(0.9, 0.95, 1.0) * 0.35 + specular;
  fragColor = vec4(toSrgb(color), 1.0);
}
