#version 330 core
// Depth of the skinned figure seen from the key light.
#include "skinning.glsl"

layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
layout(location = FV_ATTRIB_JOINTS) in uvec4 aJoints;
layout(location = FV_ATTRIB_WEIGHTS) in vec4 aWeights;
uniform mat4 uModel;
uniform mat4 uLightViewProjection;

void main() {
  gl_Position = uLightViewProjection * uModel * (skinMatrix(aJoints, aWeights) * vec4(aPosition, 1.0));
}
