#version 330 core
// Anti-aliased overlay: capsule lines with a dark halo, rounded label backdrops, glyphs.
// Output is sRGB like every FormViz shader; blending is plain alpha. Drawn over the resolved
// picture: lines test their depth against the scene's (uDepth, its first sample) here, one
// pass for the hidden and the visible parts. No discard: where a line leaves a pixel alone it
// outputs alpha 0, which the blend leaves unchanged.
in vec2 vLocal;
in vec4 vColor;
in vec4 vShape;

// FV_OVERLAY (a #define, one program each: llvmpipe runs code behind a uniform branch on every
// pixel): 0 line halos, 1 line cores, 2 labels (backdrops, shape.x > 0, and glyphs).
uniform float uHiddenOpacity;  // lines: their strength where the body hides them
uniform sampler2DMS uDepth;    // the scene's depth, to test lines against
uniform vec2 uDash;            // dash and gap length, pixels
uniform vec3 uHalo;            // sRGB
uniform sampler2D uAtlas;      // glyph coverage in .r

out vec4 fragColor;

void main() {
#if FV_OVERLAY < 2
  float len = vShape.x, halfWidth = vShape.y, halo = vShape.z;
  float u = clamp(vLocal.x, 0.0, len);
  float dist = length(vec2(vLocal.x - u, vLocal.y));  // pixels from the segment
#if FV_OVERLAY == 0
  float alpha = 0.8 * (1.0 - smoothstep(halfWidth + halo - 0.6, halfWidth + halo + 0.6, dist));
  vec3 color = uHalo;
#else
  float alpha = 1.0 - smoothstep(halfWidth - 0.6, halfWidth + 0.6, dist);
  vec3 color = vColor.rgb;
#endif
  bool hidden = gl_FragCoord.z > texelFetch(uDepth, ivec2(gl_FragCoord.xy), 0).r;
  alpha *= (hidden ? uHiddenOpacity : 1.0) * vColor.a;
  if (vShape.w >= 0.0 && mod(vShape.w + u, uDash.x + uDash.y) > uDash.x) alpha = 0.0;  // a dash's gap
  fragColor = vec4(color, max(alpha, 0.0));
#else
  if (vShape.x > 0.0) {
    // Rounded rectangle: signed distance to its edge, smooth over one pixel.
    vec2 q = abs(vLocal) - vShape.xy + vShape.z;
    float d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - vShape.z;
    fragColor = vec4(vColor.rgb, vColor.a * (1.0 - smoothstep(-0.6, 0.6, d)));
  } else {
    fragColor = vec4(vColor.rgb, vColor.a * texture(uAtlas, vLocal).r);
  }
#endif
}
