#version 330 core
// The floor as a 3x3 grid of quads whose inner quad (uInner: x0, z0, x1, z1 in metres) is
// where the key light's shadow can fall; the renderer draws it with the shadowed variant
// and the rest without. aPosition.xz hold column/row numbers 0..3, so the vertices never
// need uploading again; edges are shared, without T-junctions. ground.frag finds the floor
// point of each pixel itself.
layout(location = FV_ATTRIB_POSITION) in vec3 aPosition;
uniform mat4 uViewProjection;
uniform vec4 uInner;
uniform float uHalfSize;   // metres from the centre to the floor's edge

float line(float index, float lo, float hi) {
  return index < 0.5 ? -uHalfSize : index < 1.5 ? lo : index < 2.5 ? hi : uHalfSize;
}

void main() {
  gl_Position = uViewProjection * vec4(line(aPosition.x, uInner.x, uInner.z), 0.0, line(aPosition.z, uInner.y, uInner.w), 1.0);
  // The floor lies behind everything else, just short of the backdrop's far plane: it hides
  // nothing, so what is drawn on it (overlays, props) is tested against the figure alone, the
  // same whether the floor is drawn with the frame or comes from the static layer
  // (RenderTarget::drawOver), and the backdrop still fills only what the floor leaves.
  gl_Position.z = 0.99999 * gl_Position.w;
}
