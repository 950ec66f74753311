#version 330 core
// Depth of a static mesh seen from the key light.
layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
uniform mat4 uModel;
uniform mat4 uLightViewProjection;

void main() { gl_Position = uLightViewProjection * uModel * vec4(aPosition, 1.0); }
