#version 330 core
// Skinned figure: linear blend skinning, muscle region passed on to the fragment shader.
#include "skinning.glsl"
// FV_SHADOWS (as for figure.frag; default 0, e.g. for picking): pass on the point's place in
// the key light's shadow map, computed here once per vertex instead of once per pixel.
#ifndef FV_SHADOWS
#define FV_SHADOWS 0
#endif
#include "lighting.glsl"

layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
layout(location = FV_ATTRIB_NORMAL) in vec3 aNormal;
layout(location = FV_ATTRIB_JOINTS) in uvec4 aJoints;
layout(location = FV_ATTRIB_WEIGHTS) in vec4 aWeights;
layout(location = FV_ATTRIB_REGION) in vec2 aRegion;   // muscle region id, weight in [0, 1]

uniform mat4 uModel;
uniform mat4 uViewProjection;
uniform int uShowRegions;                               // as figure.frag's
uniform vec4 uRegionColors[FV_MAX_MUSCLE_REGIONS];

out vec3 vWorld;
out vec3 vNormal;
flat out int vRegion;   // the triangle's region for picking (its strongest corner's: render/mesh_lod.h)
// The region's colour c and strength a (uRegionColors[region], or 0; looked up once per vertex,
// not per pixel: an indexed uniform read is a gather per pixel in Mesa's llvmpipe), with the
// vertex's region weight w: (c * a * w, a * w). Interpolated, a triangle across two regions
// blends their colours smoothly instead of taking one of them.
out vec4 vRegionTint;
out float vRegionWeight;
#if FV_SHADOWS
out vec3 vShadowCoord;
#endif

void main() {
  mat4 skin = skinMatrix(aJoints, aWeights);
  vec4 world = uModel * (skin * vec4(aPosition, 1.0));
  vWorld = world.xyz;
  // The palette holds rotations and uniform scales, so the upper 3x3 transforms normals
  // correctly up to length; the fragment shader renormalises.
  vNormal = mat3(uModel) * (mat3(skin) * aNormal);
  vRegion = int(aRegion.x + 0.5);
  vec4 region = uShowRegions != 0 && vRegion > 0 && vRegion < FV_MAX_MUSCLE_REGIONS ? uRegionColors[vRegion] : vec4(0.0);
  float strength = region.a * aRegion.y;
  vRegionTint = vec4(region.rgb * strength, strength);
  vRegionWeight = aRegion.y;
#if FV_SHADOWS
  vShadowCoord = keyLightCoord(world.xyz, normalize(vNormal));
#endif
  gl_Position = uViewProjection * world;
}
