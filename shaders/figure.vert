#version 330 core
// Skinned figure: linear blend skinning, muscle region passed on to the fragment shader.
#include "skinning.glsl"

layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
layout(location = FV_ATTRIB_NORMAL) in vec3 aNormal;
layout(location = FV_ATTRIB_JOINTS) in uvec4 aJoints;
layout(location = FV_ATTRIB_WEIGHTS) in vec4 aWeights;
layout(location = FV_ATTRIB_REGION) in vec2 aRegion;   // muscle region id, weight in [0, 1]

uniform mat4 uModel;
uniform mat4 uViewProjection;

out vec3 vWorld;
out vec3 vNormal;
flat out int vRegion;
out float vRegionWeight;

void main() {
  mat4 skin = skinMatrix(aJoints, aWeights);
  vec4 world = uModel * (skin * vec4(aPosition, 1.0));
  vWorld = world.xyz;
  // The palette holds rotations and uniform scales, so the upper 3x3 transforms normals
  // correctly up to length; the fragment shader renormalises.
  vNormal = mat3(uModel) * (mat3(skin) * aNormal);
  vRegion = int(aRegion.x + 0.5);
  vRegionWeight = aRegion.y;
  gl_Position = uViewProjection * world;
}
