#version 330 core
// Static lit meshes (props, the stand-in figure).
#include "lighting.glsl"

in vec3 vWorld;
in vec3 vNormal;
uniform vec3 uEye;
uniform vec3 uBaseColor;   // linear
out vec4 fragColor;

void main() {
  vec3 n = normalize(vNormal);
  vec3 v = normalize(uEye - vWorld);
  fragColor = vec4(toSrgb(studioLight(uBaseColor, n, v, keyLightVisibility(vWorld, n))), 1.0);
}
