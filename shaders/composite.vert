#version 330 core
// The compositor's full-target triangle (RenderTarget::drawOver; gl_VertexID, no vertex
// buffer), carrying for floor_shade.frag where each pixel's ray meets the floor (y = 0), in
// homogeneous coordinates: (x, z, 1) / w of the point seen there, w > 0 in front of the eye.
// Linear in the screen, so the rasterizer interpolates it and each pixel pays one division
// instead of unprojecting its ray.
uniform mat3 uScreenToFloor;   // NDC (x, y, 1) to the floor's homogeneous (x, z, 1 / w)
out vec3 vFloor;
void main() {
  vec2 corner = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
  vec2 ndc = corner * 2.0 - 1.0;
  vFloor = uScreenToFloor * vec3(ndc, 1.0);
  gl_Position = vec4(ndc, 0.0, 1.0);
}
