#version 330 core
// The figure's surface: a neutral skin tone, optionally tinted by muscle region.
#include "lighting.glsl"

in vec3 vWorld;
in vec3 vNormal;
flat in int vRegion;
in float vRegionWeight;

uniform vec3 uEye;
uniform vec3 uSkinColor;                                // sRGB
uniform int uShowRegions;                               // 0: plain figure, 1: region colours
uniform vec4 uRegionColors[FV_MAX_MUSCLE_REGIONS];      // sRGB + strength in [0, 1], per region id
out vec4 fragColor;

void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  vec3 v = normalize(uEye - vWorld);
  vec3 albedo = toLinear(uSkinColor);
  if (uShowRegions != 0 && vRegion > 0 && vRegion < FV_MAX_MUSCLE_REGIONS) {
    vec4 region = uRegionColors[vRegion];
    albedo = mix(albedo, toLinear(region.rgb), region.a * smoothstep(0.0, 0.6, vRegionWeight));
  }
  fragColor = vec4(toSrgb(studioLight(albedo, n, v, keyLightVisibility(vWorld, n))), 1.0);
}
