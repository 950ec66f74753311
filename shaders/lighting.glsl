// Studio lighting shared by every lit surface: a key light that casts the shadow map's
// shadow, fill and rim lights, and a sky/ground hemisphere ambient, in linear space.

uniform vec3 uKeyLightDir;             // toward the key light, unit length
uniform sampler2DShadow uShadowMap;    // the key light's depth, compared in hardware
uniform mat4 uLightViewProjection;
uniform int uShadows;                  // 0: no shadow map this frame

vec3 toLinear(vec3 srgb) { return pow(srgb, vec3(2.2)); }
vec3 toSrgb(vec3 linear) { return pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)); }

// How much of the key light reaches `world` (1 lit, 0 in shadow): four hardware-filtered
// comparisons (each one a bilinear 2x2 test) 1.5 texels apart give a soft edge at a cost
// Mesa's software renderer can afford on every floor pixel. The sample point moves a little along the normal and
// toward the light so a surface does not shadow itself ("acne").
float keyLightVisibility(vec3 world, vec3 n) {
  if (uShadows == 0) return 1.0;
  float slope = 1.0 - max(dot(n, uKeyLightDir), 0.0);
  vec4 clip = uLightViewProjection * vec4(world + n * (0.006 + 0.012 * slope) + uKeyLightDir * 0.004, 1.0);
  vec3 p = clip.xyz / clip.w * 0.5 + 0.5;
  if (p.z > 1.0) return 1.0;
  vec2 texel = 1.0 / vec2(textureSize(uShadowMap, 0));
  float sum = texture(uShadowMap, vec3(p.xy + vec2(-0.75, -0.75) * texel * 2.0, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(0.75, -0.75) * texel * 2.0, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(-0.75, 0.75) * texel * 2.0, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(0.75, 0.75) * texel * 2.0, p.z));
  return sum * 0.25;
}

vec3 studioLight(vec3 albedo, vec3 n, vec3 v, float keyVisibility) {
  const vec3 fillDir = normalize(vec3(0.70, 0.35, 0.45));    // opposite side to the key
  const vec3 rimDir = normalize(vec3(-0.20, 0.50, -0.90));
  float key = max(dot(n, uKeyLightDir), 0.0) * keyVisibility;
  float fill = max(dot(n, fillDir), 0.0);
  float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * max(dot(n, rimDir) + 0.4, 0.0);
  float hemi = 0.5 + 0.5 * n.y;
  vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.42, 0.45, 0.50), hemi);
  vec3 h = normalize(uKeyLightDir + v);
  float specular = pow(max(dot(n, h), 0.0), 40.0) * 0.12 * key;
  return albedo * (ambient + key * vec3(1.00, 0.97, 0.92) * 0.95 + fill * vec3(0.55, 0.62, 0.75) * 0.35)
       + rim * vec3(0.9, 0.95, 1.0) * 0.35 + specular;
}
