#version 330 core
// Overlay quads arrive projected (render/gl/overlay_renderer.cpp builds them on the CPU).
layout(location = 0) in vec3 aNdc;    // x, y in [-1, 1]; z: depth to test against the scene
layout(location = 1) in vec2 aLocal;  // lines: pixels along/across; label backdrops: pixels from the centre; glyphs: atlas uv
layout(location = 2) in vec4 aColor;  // sRGB + opacity
layout(location = 3) in vec4 aShape;  // see Vertex in overlay_renderer.cpp

out vec2 vLocal;
out vec4 vColor;
out vec4 vShape;

void main() {
  vLocal = aLocal;
  vColor = aColor;
  vShape = aShape;
  gl_Position = vec4(aNdc, 1.0);
}
