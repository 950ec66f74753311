#version 330 core
// The floor's shading of a frame drawn over the static layer (RenderTarget::drawOver): the
// contact shade under the figure and the key light's shadow, as a factor the blend multiplies
// the static picture by (glBlendFunc(GL_ZERO, GL_SRC_COLOR)) before what the frame drew is laid
// over it. ground.frag applies the same factors to a floor drawn whole, and fades them out the
// same way with distance.
// FV_SHADOWS: 0 leaves the key light's shadow out (contact shade only).
#ifndef FV_SHADOWS
#define FV_SHADOWS 1
#endif

in vec3 vFloor;                // composite.vert: where the pixel's ray meets the floor, homogeneous
uniform vec4 uShadeRect;       // the floor rectangle this frame shades: x0, z0, x1, z1 (metres)
uniform vec3 uEye;
uniform vec4 uContactShadow;   // xz centre, radius (m), strength [0, 1]
#if FV_SHADOWS
uniform sampler2D uFloorShadow;
uniform vec4 uShadowRect;      // the rectangle the floor shadow texture covers: x0, z0, x1, z1 (metres)
#endif
out vec4 fragColor;

void main() {
  vec2 p = vFloor.xy / vFloor.z;
  // Only the floor in front of the eye, inside the shaded rectangle (not the backdrop).
  bool onFloor = vFloor.z > 0.0 && all(greaterThanEqual(p, uShadeRect.xy)) && all(lessThanEqual(p, uShadeRect.zw));
  float contact = 1.0 - smoothstep(0.0, uContactShadow.z, length(p - uContactShadow.xy));
  float factor = 1.0 - uContactShadow.w * contact * contact;
#if FV_SHADOWS
  factor *= mix(0.62, 1.0, texture(uFloorShadow, (p - uShadowRect.xy) / (uShadowRect.zw - uShadowRect.xy)).r);
#endif
  float near = 1.0 - smoothstep(5.0, 14.0, distance(uEye.xz, p));
  fragColor = vec4(vec3(onFloor ? mix(1.0, factor, near) : 1.0), 1.0);
}
