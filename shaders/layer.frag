#version 330 core
// What a frame drawn over the static layer drew (RenderTarget::drawOver: the figure, props and
// overlays over a transparent background, premultiplied alpha), its FV_SAMPLES samples
// averaged (the multisample resolve), laid over the static picture by the blend
// (glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA)), in the rectangle drawn (the scissor).
uniform sampler2DMS uSamples;  // the target's samples
out vec4 fragColor;

void main() {
  ivec2 texel = ivec2(gl_FragCoord.xy);
  // Unrolled by the #define: a loop over a uniform count costs llvmpipe more than the fetches.
  vec4 sum = texelFetch(uSamples, texel, 0);
#if FV_SAMPLES > 1
  for (int i = 1; i < FV_SAMPLES; ++i) sum += texelFetch(uSamples, texel, i);
#endif
  fragColor = sum / float(FV_SAMPLES);
}
