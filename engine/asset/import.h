// [SECTION] Importing skinned models and motion capture through assimp 5.2.5.
//
// The only module that includes assimp (linked PRIVATE). Pipeline: check the file
// ourselves (glTF: JSON/GLB inspection before assimp sees it) -> assimp with explicit
// post-processing flags -> raw anim types -> Validate() -> runtime Skeleton and Clips.
// Every failure with the user's file is an Error naming the file and the problem; nothing
// throws or crashes. Handles the assimp 5.2.5 behaviours listed in
// ../shared/fixtures/README.md; docs/ANIMATION.md explains each decision.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "anim/clip.h"
#include "anim/skeleton.h"
#include "asset/mesh_data.h"
#include "asset/props.h"
#include "core/result.h"

namespace formviz::asset {

// What the importer noticed and decided, for logs and tests.
struct ImportReport {
  int verticesOverFourInfluences = 0;  // vertices whose extra influences were dropped
  int maxInfluences = 0;               // most non-zero influences seen on one vertex
  int verticesWithoutWeights = 0;      // bound to the mesh's first joint with weight 1
  int droppedKeys = 0;                 // keys removed because their time did not increase
  std::vector<std::string> notes;      // one sentence each
};

// A skinned model: skeleton, its clips and its skinned meshes.
struct ImportedModel {
  anim::Skeleton skeleton;
  std::vector<anim::Clip> clips;    // in file order; unnamed clips are named "animation<i>"
  std::vector<MeshData> meshes;     // skinned triangle meshes only
  std::vector<Prop> props;          // asset.extras.formviz.props of an exercise clip file
  ImportReport report;
};

// glTF 2.0 (.gltf with data: or external buffers, or .glb).
//  - Skeleton: every skin joint plus all of their ancestors in the node tree (so glTF's
//    joint world transforms, e.g. CesiumMan's Z-up node, are part of model space), in
//    depth-first order. Inverse bind matrices come from the skin; ancestors that are not
//    skin joints get the inverse of their rest model matrix.
//  - Clips: key times converted from assimp's ticks (milliseconds for glTF) to seconds;
//    STEP and CUBICSPLINE modes (and cubic tangents) are read from the file itself because
//    assimp drops them; channels the file does not animate play the rest pose.
//  - Animation-only files (no mesh): assimp's "incomplete scene" flag is accepted; without a
//    skin, the skeleton is the animated nodes and their ancestors. assimp's synthetic "ROOT"
//    node (added over a scene with several root nodes) is not a joint, so the top joint (hips)
//    is a root and its translation retargets.
//  - Markers: each animation's extras {"markers": [{"name": string, "time": seconds}]} become the
//    clip's markers (sorted by time); malformed entries are refused naming the marker.
//  - Contacts: each animation's extras {"contacts": [{"joint", "start", "end", "position"}]}
//    (docs/CLIPS.md) become anim::Clip::contacts(); a malformed entry or an unknown joint is refused.
//  - Props: asset.extras.formviz.props (asset/props.h); a malformed prop is refused naming
//    the file and the field.
//  - Meshes: bind-space vertices (the skinned node's own transform is ignored as glTF
//    requires); per vertex the 4 largest non-zero influences renormalised to sum 1
//    (assimp's zero "dummy" weights are dropped; see ImportReport for what was cut);
//    TEXCOORD_0/1 as stored in the file (assimp's V flip is undone).
Result<ImportedModel> importGltf(const std::filesystem::path& path);

// How BVH units become metres.
struct BvhOptions {
  // Metres per file unit; 0 = guess from the figure's height (see BvhMotion::units).
  float metresPerUnit = 0.0f;
  // Keep "End Site" leaves as joints named EndSite_<parent> (head top, toe and finger tips).
  bool keepEndSites = true;
};

// A BVH motion: skeleton (rest pose = the HIERARCHY offsets, a T-pose for CMU) and one clip.
struct BvhMotion {
  anim::Skeleton skeleton;
  anim::Clip clip;
  float metresPerUnit = 1.0f;  // scale applied to offsets and positions
  std::string units;           // what the file's units were taken to be, for the user
  float frameTime = 0.0f;      // seconds per frame in the file
  int frameCount = 0;
};

// BVH through assimp: per-joint rotation orders (honoured by assimp), 6-channel joints whose
// position channels replace OFFSET, End Sites, assimp's synthetic skeleton mesh ignored.
Result<BvhMotion> importBvh(const std::filesystem::path& path, const BvhOptions& options = {});

}  // namespace formviz::asset
