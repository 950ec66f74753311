#version 330 core
// The floor's shading of a frame drawn over the static layer (RenderTarget::drawOver), on the
// floor's quad under the key light's shadow and the contact shade (ground.vert, uInner): a
// factor the blend multiplies the static picture by (glBlendFunc(GL_ZERO, GL_SRC_COLOR)) before
// what the frame drew is laid over it. ground.frag applies the same factors to a floor drawn
// whole, and fades them out the same way with distance.
// FV_SHADOWS: 0 leaves the key light's shadow out (contact shade only).
#ifndef FV_SHADOWS
#define FV_SHADOWS 1
#endif

uniform mat3 uScreenToFloor;   // NDC (x, y, 1) to the floor's homogeneous (x, z, 1 / w), as in ground.frag
uniform vec2 uViewportSize;
uniform vec3 uEye;
uniform vec4 uContactShadow;   // xz centre, radius (m), strength [0, 1]
#if FV_SHADOWS
uniform sampler2D uFloorShadow;
uniform vec4 uShadowRect;      // the rectangle the floor shadow texture covers: x0, z0, x1, z1 (metres)
#endif
out vec4 fragColor;

void main() {
  vec3 h = uScreenToFloor * vec3(gl_FragCoord.xy / uViewportSize * 2.0 - 1.0, 1.0);
  vec2 p = h.xy / h.z;
  float contact = 1.0 - smoothstep(0.0, uContactShadow.z, length(p - uContactShadow.xy));
  float factor = 1.0 - uContactShadow.w * contact * contact;
#if FV_SHADOWS
  factor *= mix(0.62, 1.0, texture(uFloorShadow, (p - uShadowRect.xy) / (uShadowRect.zw - uShadowRect.xy)).r);
#endif
  float near = 1.0 - smoothstep(5.0, 14.0, distance(uEye.xz, p));
  fragColor = vec4(vec3(mix(1.0, factor, near)), 1.0);
}
