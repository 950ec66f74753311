#version 330 core
layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
layout(location = FV_ATTRIB_NORMAL) in vec3 aNormal;
uniform mat4 uModel;
uniform mat3 uNormalMatrix;
uniform mat4 uViewProjection;
out vec3 vWorld;
out vec3 vNormal;
void main() {
  vec4 world = uModel * vec4(aPosition, 1.0);
  vWorld = world.xyz;
  vNormal = uNormalMatrix * aNormal;
  gl_Position = uViewProjection * world;
}
