// Studio lighting shared by every lit surface: a key light that casts the shadow map's
// shadow, fill and rim lights, and a sky/ground hemisphere ambient, in linear space.

//
// FV_SHADOWS (a #define the renderer sets per program variant, default 1): 0 compiles the
// shadow lookup out. Mesa's llvmpipe runs code behind a uniform branch for every pixel, so
// surfaces without shadows this frame (or outside their reach) use the variant without.
// Colour uniforms arrive linear (the renderer converts sRGB on the CPU, once per draw).
#ifndef FV_SHADOWS
#define FV_SHADOWS 1
#endif

uniform vec3 uKeyLightDir;             // toward the key light, unit length
#if FV_SHADOWS
uniform sampler2DShadow uShadowMap;    // the key light's depth, compared in hardware
uniform mat4 uLightViewProjection;
#endif

// x^(1/2.2) as a square root and a multiply-add: within 2.8 levels of 255 everywhere (the most
// near x = 0.013, in deep shadow), and llvmpipe pays for pow's log and exp on every pixel.
vec3 toSrgb(vec3 linear) {
  vec3 s = sqrt(clamp(linear, 0.0, 1.0));
  return s * (1.138 - 0.138 * s);
}

#if FV_SHADOWS
// Where `world`, on a surface with unit normal `n`, lies in the key light's shadow map: xy the
// texture coordinates, z the depth to compare. The point moves a little along the normal and
// toward the light so a surface does not shadow itself ("acne"). The light's projection is
// orthographic, so this is linear in `world`: the figure computes it per vertex and lets the
// rasterizer interpolate it (llvmpipe then pays for it per vertex, not per pixel).
vec3 keyLightCoord(vec3 world, vec3 n) {
  float slope = 1.0 - max(dot(n, uKeyLightDir), 0.0);
  vec4 clip = uLightViewProjection * vec4(world + n * (0.006 + 0.012 * slope) + uKeyLightDir * 0.004, 1.0);
  return clip.xyz / clip.w * 0.5 + 0.5;
}

// How much of the key light reaches the shadow map point `p` (keyLightCoord; 1 lit, 0 in
// shadow): four hardware-filtered comparisons (each one a bilinear 2x2 test) 1.5 texels of the
// 768 map apart give a soft edge at a cost Mesa's software renderer can afford.
float keyLightVisibilityAt(vec3 p) {
  if (p.z > 1.0) return 1.0;
  vec2 texel = 1.0 / vec2(textureSize(uShadowMap, 0));
  float sum = texture(uShadowMap, vec3(p.xy + vec2(-0.75, -0.75) * texel, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(0.75, -0.75) * texel, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(-0.75, 0.75) * texel, p.z))
            + texture(uShadowMap, vec3(p.xy + vec2(0.75, 0.75) * texel, p.z));
  return sum * 0.25;
}
#endif

// How much of the key light reaches `world` on a surface with unit normal `n` (1 lit, 0 in shadow).
float keyLightVisibility(vec3 world, vec3 n) {
#if !FV_SHADOWS
  return 1.0;
#else
  return keyLightVisibilityAt(keyLightCoord(world, n));
#endif
}

#if FV_SHADOWS
// One hardware-filtered comparison (a bilinear 2x2 test) of the key light's depth at `world`
// on a surface facing up (the floor), for callers that place their own taps.
float keyLightTap(vec3 world) {
  vec4 clip = uLightViewProjection * vec4(world + vec3(0.0, 0.006, 0.0) + uKeyLightDir * 0.004, 1.0);
  vec3 p = clip.xyz / clip.w * 0.5 + 0.5;
  if (p.z > 1.0) return 1.0;
  return texture(uShadowMap, p);
}
#endif

vec3 studioLight(vec3 albedo, vec3 n, vec3 v, float keyVisibility) {
  const vec3 fillDir = normalize(vec3(0.70, 0.35, 0.45));    // opposite side to the key
  const vec3 rimDir = normalize(vec3(-0.20, 0.50, -0.90));
  float key = max(dot(n, uKeyLightDir), 0.0) * keyVisibility;
  float fill = max(dot(n, fillDir), 0.0);
  float edge = 1.0 - max(dot(n, v), 0.0);
  float rim = edge * edge * edge * max(dot(n, rimDir) + 0.4, 0.0);
  float hemi = 0.5 + 0.5 * n.y;
  vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.42, 0.45, 0.50), hemi);
  vec3 h = normalize(uKeyLightDir + v);
  // pow(x, 40) as x^32 * x^8 by squaring: a few multiplies instead of a log and an exp per pixel.
  float x = max(dot(n, h), 0.0);
  float x2 = x * x, x4 = x2 * x2, x8 = x4 * x4, x16 = x8 * x8;
  float specular = x16 * x16 * x8 * 0.12 * key;
  return albedo * (ambient + key * vec3(1.00, 0.97, 0.92) * 0.95 + fill * vec3(0.55, 0.62, 0.75) * 0.35)
       + rim * vec3(0.9, 0.95, 1.0) * 0.35 + specular;
}
