// [SECTION] Props drawn with the figure: meshes built on the CPU for each kind (mat, box,
// bench, dumbbell, kettlebell, band, cable) and a job that places them each frame, moving
// with the joint that holds them. GPU-free; gl::upload() turns the parts into GpuMeshes.
//
// Prop frames (metres, +Y up, +Z the figure's front, +X its left), so a clip's numbers read
// the same as in docs/CLIPS.md:
//   box, bench, mat   centred on the origin, `size` the full extents. A world-placed one whose
//                     bottom would be below the floor is lifted onto it (a mat at y = 0).
//   dumbbell          handle along X centred on the origin; size.x the whole length,
//                     size.y the heads' diameter.
//   kettlebell        origin between the horns (where the hands hold it), handle in the XY
//                     plane; the bell, size.x wide, hangs below; size.y from base to handle top.
//   (Held in a hand, dumbbells and kettlebells sit a palm past the wrist joint, along the fingers.)
//   band, cable       a tube from the attach point to the other end; a world end gets a post.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "render/mesh.h"

namespace formviz::render {

// Same order and names as asset::PropKind (a test checks they agree).
enum class PropKind { Box, Bench, Dumbbell, Kettlebell, Band, Mat, Cable };
inline constexpr std::array<std::string_view, 7> kPropKindNames = {"box", "bench", "dumbbell", "kettlebell",
                                                                   "band", "mat", "cable"};
std::optional<PropKind> propKindFromName(std::string_view name);

// What a part of a prop moves with.
enum class PropFrame {
  Prop,     // the prop's own frame (PropPoseJob's transform)
  Stretch,  // a unit tube (radius 1, y 0..1) stretched from the band's one end to the other
  World,    // fixed in the world (a band's anchor post)
};

// One mesh of a prop with its material.
struct PropPart {
  TriangleMesh mesh;
  glm::vec3 color{0.5f};  // sRGB
  PropFrame frame = PropFrame::Prop;
};

// A prop resolved against the figure's skeleton: joint indices instead of names.
struct PropInstance {
  PropKind kind = PropKind::Box;
  glm::vec3 size{0.0f};        // metres
  int joint = -1;              // joint holding it; -1 = the world
  int jointParent = -1;        // that joint's parent (a hand's forearm), -1 if none
  glm::vec3 position{0.0f};    // world metres, or in the joint's frame
  int toJoint = -1;            // band/cable: joint at the other end, -1 = world
  glm::vec3 toPosition{0.0f};
  bool stretched() const { return kind == PropKind::Band || kind == PropKind::Cable; }
};

// The meshes of `prop` in the frames above. World parts (a band's anchor post) are built
// in place from the prop's world end.
std::vector<PropPart> buildPropParts(const PropInstance& prop);

// Places props for one pose. Inputs are borrowed for the call; outputs are caller-owned.
struct PropPoseJob {
  std::span<const PropInstance> props;
  std::span<const glm::mat4> jointModel;  // joint -> model space (anim::Character::modelMatrices)
  glm::mat4 figureModel{1.0f};            // model -> world (FigureDraw::model)
  // Per prop: its frame -> world, and for bands the unit tube's stretch -> world.
  std::span<glm::mat4> transforms;
  std::span<glm::mat4> stretches;

  // Output spans as long as `props`, joint indices inside `jointModel`.
  bool Validate() const;
  // False if Validate() fails.
  bool Run() const;
};

// Tube radius (metres) of a band or cable.
float stretchRadius(PropKind kind);

}  // namespace formviz::render
