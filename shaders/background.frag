#version 330 core
// The backdrop, drawn last at the far plane so only pixels nothing else covered pay for it.
#include "backdrop.glsl"
out vec4 fragColor;
void main() { fragColor = vec4(backdrop(gl_FragCoord.xy), 1.0); }
