// [SECTION] Helpers that turn a posed character into something to draw and to frame.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "anim/character.h"
#include "asset/import.h"
#include "core/result.h"
#include "render/gl/prop_meshes.h"
#include "render/gl/scene_renderer.h"
#include "render/mesh.h"
#include "render/props.h"

namespace formviz::app {

// The body shown when the command line names none (a preset in models/).
inline constexpr const char* kDefaultBody = "male_175";

// What the user asked to see (--model, --clip).
struct FigureRequest {
  std::string model;       // a glTF file, or a body name in <data>/models/
  std::string clip;        // "FILE[:NAME]" (glTF or BVH) or ":NAME" (one of the model's own clips)
  bool wantClip = false;   // play the model's first clip when `clip` is empty
};

// A figure and its motion, loaded from the user's files.
struct Figure {
  std::optional<asset::ImportedModel> model;     // skinned figure to draw
  std::optional<asset::ImportedModel> clipFile;  // a second glTF the clip comes from
  std::optional<asset::BvhMotion> bvh;           // motion capture (drawn as a stick figure without a model)
  int clipIndex = -1;                            // in clipFile's or model's clips; -1: none (or the BVH's)

  const anim::Skeleton& skeleton() const { return model ? model->skeleton : bvh->skeleton; }
  const anim::Skeleton& clipSkeleton() const {
    return bvh ? bvh->skeleton : clipFile ? clipFile->skeleton : model->skeleton;
  }
  // The clip file's props (mat, box, dumbbell, ...), drawn with the figure.
  const std::vector<asset::Prop>& props() const {
    static const std::vector<asset::Prop> none;
    return clipFile ? clipFile->props : model ? model->props : none;
  }
  const anim::Clip* clip() const {
    if (bvh) return &bvh->clip;
    if (clipIndex < 0) return nullptr;
    return &(clipFile ? clipFile->clips : model->clips)[static_cast<std::size_t>(clipIndex)];
  }
};

// Loads the model and clip files. Without a model, a glTF clip file brings its own figure
// and a BVH is drawn as a stick figure. Errors name the file and the problem.
Result<Figure> loadFigure(const FigureRequest& request, const std::filesystem::path& dataDir);

struct Bounds {
  glm::vec3 min{1e30f};
  glm::vec3 max{-1e30f};
  void add(const glm::vec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
  bool empty() const { return min.x > max.x; }
  glm::vec3 centre() const { return (min + max) * 0.5f; }
  float radius() const { return glm::length(max - min) * 0.5f; }
};

// Bounds of `mesh` skinned by `palette` on the CPU (the same blend as the vertex shader).
Bounds skinnedBounds(const asset::MeshData& mesh, std::span<const glm::mat4> palette);

// Bounds of the character's joints.
Bounds jointBounds(const anim::Character& character);

// A stick figure for motions without a mesh (BVH): a capsule along every bone and a
// sphere on every joint, `radius` thick, in model space.
render::TriangleMesh makeSkeletonMesh(const anim::Character& character, float radius);

// Scale that brings a model to metres: 0.01 when it is clearly in centimetres (taller or
// longer than 10 units, like the glTF samples' Fox), else 1.
float guessMetresPerUnit(const Bounds& bounds);

// A figure's GPU objects and how to draw it.
struct FigureGpu {
  std::vector<gl::SkinnedGpuMesh> meshes;
  gl::PaletteBuffer palette;
  std::optional<gl::GpuMesh> sticks;  // stick figure of a mesh-less motion, rebuilt every pose
  float metresPerUnit = 1.0f;
  gl::GpuProps props;                 // the clip's props, posed with the figure
};

// The figure's props with their joints found in `skeleton` (props held by a joint the
// skeleton lacks are left out, with a warning).
// `mirrored`: for a character playing its clip mirrored (anim::Character::setMirrored).
// `worldScale`: anim::bodyScale(body, clip body): props placed in the world (box, bench, mat, a
// band's world end) have their position and size scaled by it about the origin, as the clip's
// hips path and planted surfaces are on this body; props held by a joint (dumbbell,
// kettlebell) keep their size and their offset from the joint.
std::vector<render::PropInstance> resolveProps(std::span<const asset::Prop> props, const anim::Skeleton& skeleton,
                                              bool mirrored = false, float worldScale = 1.0f);
// The same for a loaded figure: its props, skeleton and the scale of its clip's world.
std::vector<render::PropInstance> resolveProps(const Figure& figure, bool mirrored);

// `bounds` grown to hold the figure's posed props (for the shadow map's reach).
Bounds withProps(Bounds bounds, const FigureGpu& gpu);

// Uploads the figure's meshes (checks the joint count against the GPU palette).
Result<FigureGpu> uploadFigure(const Figure& figure, const anim::Character& character);

// Sends the character's current pose to the GPU (palette, or the stick figure) and places the props.
void updatePose(FigureGpu& gpu, const Figure& figure, const anim::Character& character);

// Adds the figure and its props to `scene`; `regionColors` (may be empty) tint the muscle regions, and
// `xray` shows them through a translucent skin.
void addToScene(gl::Scene& scene, const FigureGpu& gpu, std::span<const glm::vec4> regionColors, bool xray = false);

// The figure's bounds in metres (skinned mesh, else joints) for framing the camera. Skins
// every vertex on the CPU: for occasional use, not every frame.
Bounds figureBounds(const Figure& figure, const anim::Character& character, float metresPerUnit);

// Cheap per-frame bounds in metres: the joints, padded by `padding` metres for the flesh,
// head and feet around them (enough to hold the figure's shadow).
Bounds poseBounds(const anim::Character& character, float metresPerUnit, float padding = 0.25f);

}  // namespace formviz::app
