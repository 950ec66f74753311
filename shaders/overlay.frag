#version 330 core
// Anti-aliased overlay: capsule lines with a dark halo, rounded label backdrops, glyphs.
// Output is sRGB like every FormViz shader; blending is plain alpha.
// No discard: where a line leaves a pixel alone it outputs alpha 0, which the blend leaves
// unchanged, so Mesa's llvmpipe can test depth before the shader and skip the blocks that fail
// (a discard makes it run the shader on every pixel of the quad first).
in vec2 vLocal;
in vec4 vColor;
in vec4 vShape;

uniform int uMode;        // 0 lines, 1 labels
uniform int uLayer;       // lines: 0 the halo, 1 the coloured core
uniform float uOpacity;   // lines: 1 where visible, lower where the body hides them
uniform vec2 uDash;       // dash and gap length, pixels
uniform vec3 uHalo;       // sRGB
uniform sampler2D uAtlas; // glyph coverage in .r

out vec4 fragColor;

void main() {
  if (uMode == 0) {
    float len = vShape.x, halfWidth = vShape.y, halo = vShape.z;
    float u = clamp(vLocal.x, 0.0, len);
    float dist = length(vec2(vLocal.x - u, vLocal.y));  // pixels from the segment
    float alpha;
    vec3 color;
    if (uLayer == 0) {
      alpha = 0.8 * (1.0 - smoothstep(halfWidth + halo - 0.6, halfWidth + halo + 0.6, dist));
      color = uHalo;
    } else {
      alpha = 1.0 - smoothstep(halfWidth - 0.6, halfWidth + 0.6, dist);
      color = vColor.rgb;
    }
    alpha *= uOpacity * vColor.a;
    if (vShape.w >= 0.0 && mod(vShape.w + u, uDash.x + uDash.y) > uDash.x) alpha = 0.0;  // a dash's gap
    fragColor = vec4(color, max(alpha, 0.0));
  } else if (vShape.x > 0.0) {
    // Rounded rectangle: signed distance to its edge, smooth over one pixel.
    vec2 q = abs(vLocal) - vShape.xy + vShape.z;
    float d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - vShape.z;
    fragColor = vec4(vColor.rgb, vColor.a * (1.0 - smoothstep(-0.6, 0.6, d)));
  } else {
    fragColor = vec4(vColor.rgb, vColor.a * texture(uAtlas, vLocal).r);
  }
}
