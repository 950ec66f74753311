// Linear blend skinning with the joint palette in a uniform block (binding FV_PALETTE...).
layout(std140) uniform Palette {
  mat4 uJoints[FV_MAX_PALETTE_JOINTS];   // model * inverseBind, per joint
};

mat4 skinMatrix(uvec4 joints, vec4 weights) {
  return weights.x * uJoints[joints.x] + weights.y * uJoints[joints.y]
       + weights.z * uJoints[joints.z] + weights.w * uJoints[joints.w];
}
