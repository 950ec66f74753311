#version 330 core
// The floor's per-frame shading over the static layer (the floor and backdrop, drawn once per
// camera and copied into each frame): the contact shade under the figure and the key light's
// shadow, as a factor the blend multiplies the floor's colour by (glBlendFunc(GL_ZERO,
// GL_SRC_COLOR)). Drawn on one quad (ground.vert, uInner) around the figure, after it, so
// pixels the figure covers fail the depth test. ground.frag applies the same factors before
// its fade into the backdrop; here they fade out the same way (near), the same on the floor
// close to the viewer and within 1/255 where it fades.
// FV_SHADOWS: 0 leaves the key light's shadow out (contact shade only).
#ifndef FV_SHADOWS
#define FV_SHADOWS 1
#endif

in vec3 vWorld;
#if FV_SHADOWS
uniform sampler2D uFloorShadow;
uniform vec4 uShadowRect;      // the rectangle the floor shadow texture covers: x0, z0, x1, z1 (metres)
#endif
uniform vec3 uEye;
uniform vec4 uContactShadow;   // xz centre, radius (m), strength [0, 1]
out vec4 fragColor;

void main() {
  vec2 p = vWorld.xz;
  float contact = 1.0 - smoothstep(0.0, uContactShadow.z, length(p - uContactShadow.xy));
  float factor = 1.0 - uContactShadow.w * contact * contact;
#if FV_SHADOWS
  factor *= mix(0.62, 1.0, texture(uFloorShadow, (p - uShadowRect.xy) / (uShadowRect.zw - uShadowRect.xy)).r);
#endif
  float near = 1.0 - smoothstep(5.0, 14.0, distance(uEye.xz, p));
  fragColor = vec4(vec3(mix(1.0, factor, near)), 1.0);
}
