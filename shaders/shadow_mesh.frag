#version 330 core
// Depth only: the depth buffer is all the shadow pass keeps.
void main() {}
