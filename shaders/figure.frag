#version 330 core
// The figure's surface: a neutral skin tone tinted by muscle region colours.
// FV_FIGURE_PASS (a #define, one program per pass): 0 the normal surface; for x-ray, 1 draws
// only the tinted muscles (lit, fully opaque) and 2 draws the skin over them as a
// translucent shell, clearer where it faces the viewer and denser at the silhouette.
#ifndef FV_FIGURE_PASS
#define FV_FIGURE_PASS 0
#endif
#if FV_FIGURE_PASS == 1
#define FV_SHADOWS 0
#endif
#include "lighting.glsl"

in vec3 vWorld;
in vec3 vNormal;
in vec4 vRegionTint;         // figure.vert: (colour * strength * weight, strength * weight), linear rgb
in float vRegionWeight;
#if FV_SHADOWS
in vec3 vShadowCoord;   // figure.vert: the key light's shadow map coordinates
#endif

uniform vec3 uEye;
uniform vec3 uSkinColor;                                // linear
out vec4 fragColor;

float keyVisibility() {
#if FV_SHADOWS
  return keyLightVisibilityAt(vShadowCoord);
#else
  return 1.0;
#endif
}

void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  vec3 v = normalize(uEye - vWorld);
#if FV_FIGURE_PASS == 2
  // The shell is plain skin: no region lookup.
  vec3 color = toSrgb(studioLight(uSkinColor, n, v, keyVisibility()));
  float facing = max(dot(n, v), 0.0);
  fragColor = vec4(color, mix(0.75, 0.18, facing));
#else
  // The colour and strength here, averaged over the regions around by strength and weight;
  // the weight fades to 0 at a region's edge, so colours blend softly into the skin.
  vec3 regionColor = vRegionTint.rgb / max(vRegionTint.a, 1e-6);
  float tint = vRegionTint.a / max(vRegionWeight, 1e-6) * smoothstep(0.0, 0.6, vRegionWeight);
#if FV_FIGURE_PASS == 1
  if (tint < 0.05) discard;
  vec3 lit = studioLight(regionColor, n, v, 1.0) * 0.8 + regionColor * 0.35;  // a little self-lit so it reads through the shell
  fragColor = vec4(toSrgb(lit), 1.0);
#else
  vec3 albedo = mix(uSkinColor, regionColor, tint);
  fragColor = vec4(toSrgb(studioLight(albedo, n, v, keyVisibility())), 1.0);
#endif
#endif
}
