#version 330 core
// Picking: the muscle region under one pixel. Red = region id / 255, green = 1 where the
// figure is (so region 0, skin without a muscle, differs from the background).
flat in int vRegion;
in float vRegionWeight;
out vec4 fragColor;
void main() { fragColor = vec4(float(vRegion) / 255.0, 1.0, 0.0, 1.0); }
