// Studio lighting shared by every lit surface: key, fill and rim lights plus a sky/ground
// hemisphere ambient, computed in linear space. Colours in and out are linear.

vec3 toLinear(vec3 srgb) { return pow(srgb, vec3(2.2)); }
vec3 toSrgb(vec3 linear) { return pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)); }

vec3 studioLight(vec3 albedo, vec3 n, vec3 v) {
  const vec3 keyDir = normalize(vec3(0.55, 0.80, 0.65));   // above, in front, on the figure's left
  const vec3 fillDir = normalize(vec3(-0.70, 0.35, 0.45));
  const vec3 rimDir = normalize(vec3(-0.20, 0.50, -0.90));
  float key = max(dot(n, keyDir), 0.0);
  float fill = max(dot(n, fillDir), 0.0);
  float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * max(dot(n, rimDir) + 0.4, 0.0);
  float hemi = 0.5 + 0.5 * n.y;
  vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.42, 0.45, 0.50), hemi);
  vec3 h = normalize(keyDir + v);
  float specular = pow(max(dot(n, h), 0.0), 40.0) * 0.12 * key;
  return albedo * (ambient + key * vec3(1.00, 0.97, 0.92) * 0.95 + fill * vec3(0.55, 0.62, 0.75) * 0.35)
       + rim * vec3(0.9, 0.95, 1.0) * 0.35 + specular;
}
