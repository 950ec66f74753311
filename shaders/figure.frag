#version 330 core
// The figure's surface: a neutral skin tone tinted by muscle region colours.
// uPass: 0 the normal surface; for x-ray, 1 draws only the tinted muscles (lit, fully
// opaque) and 2 draws the skin over them as a translucent shell, clearer where it
// faces the viewer and denser at the silhouette.
#include "lighting.glsl"

in vec3 vWorld;
in vec3 vNormal;
flat in int vRegion;
in float vRegionWeight;

uniform vec3 uEye;
uniform vec3 uSkinColor;                                // sRGB
uniform int uShowRegions;                               // 0: plain figure, 1: region colours
uniform vec4 uRegionColors[FV_MAX_MUSCLE_REGIONS];      // sRGB + strength in [0, 1], per region id
uniform int uPass;
out vec4 fragColor;

void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  vec3 v = normalize(uEye - vWorld);
  vec4 region = vec4(0.0);
  if (uShowRegions != 0 && vRegion > 0 && vRegion < FV_MAX_MUSCLE_REGIONS) region = uRegionColors[vRegion];
  // Region weights fade to 0 at a region's edge, so colours blend softly into the skin.
  float tint = region.a * smoothstep(0.0, 0.6, vRegionWeight);

  if (uPass == 1) {
    if (tint < 0.05) discard;
    vec3 muscle = toLinear(region.rgb);
    vec3 lit = studioLight(muscle, n, v, 1.0) * 0.8 + muscle * 0.35;  // a little self-lit so it reads through the shell
    fragColor = vec4(toSrgb(lit), 1.0);
    return;
  }
  vec3 albedo = mix(toLinear(uSkinColor), toLinear(region.rgb), uPass == 2 ? 0.0 : tint);
  vec3 color = toSrgb(studioLight(albedo, n, v, keyLightVisibility(vWorld, n)));
  if (uPass == 2) {
    float facing = max(dot(n, v), 0.0);
    fragColor = vec4(color, mix(0.75, 0.18, facing));
    return;
  }
  fragColor = vec4(color, 1.0);
}
