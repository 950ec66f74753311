// [SECTION] Build: rig, shape, mesh, weights and regions for one preset.
#include "body.h"

namespace formviz::body {

Body buildBody(const Preset& preset) {
  Body body;
  body.preset = preset;
  body.rig = buildRig(preset);
  const Shape shape = buildShape(preset, body.rig);
  MeshOptions options;
  // Extract finely, then decimate: detail stays where the surface curves (face, hands,
  // feet), flat skin gets larger triangles. Sizes scale with stature, so every preset
  // gets about the same triangle count.
  const float k = preset.height / 1.75f;
  options.cellSize = 0.009f * k;
  options.targetTriangles = 34000;
  options.maxEdge = 0.024f * k;
  options.fineMaxEdge = 0.011f * k;
  for (const Joint& j : body.rig.skeleton.joints) {
    const std::string& n = j.name;
    if (n == "head" || n.ends_with("Hand") || n.ends_with("ThumbProximal") || n.ends_with("MiddleProximal") ||
        n.ends_with("Foot") || n.ends_with("Toes")) {
      options.fineBones.push_back(body.rig.skeleton.find(n));
    }
  }
  body.mesh = extractSurface(shape, options);
  computeSkinWeights(shape, body.rig, body.mesh);
  assignRegions(shape, body.rig, body.mesh);
  return body;
}

}  // namespace formviz::body
