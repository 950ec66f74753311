// [SECTION] Local-to-model conversion and the skinning palette.
//
// Both jobs own no buffers; inputs and outputs are caller-owned spans. Model space is the
// skeleton root's parent space (the character's own frame); matrices are affine glm::mat4.
#pragma once

#include <span>

#include "anim/skeleton.h"

namespace formviz::anim {

// model[i] = model[parent(i)] * toMatrix(local[i]) (root joints: root * toMatrix(local[i])).
// One pass in joint order: parents come before children, so no recursion.
struct LocalToModelJob {
  const Skeleton* skeleton = nullptr;   // required
  std::span<const Transform> local;     // size >= jointCount()
  std::span<glm::mat4> model;           // size >= jointCount(); output
  glm::mat4 root{1.0f};                 // placed above every root joint (identity by default)
  // Optional sub-range: recompute only joints [from, to) (to = -1: all). Joints before
  // `from` must already hold model matrices: use it to refresh one subtree after IK.
  int from = 0;
  int to = -1;

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

// palette[i] = model[i] * inverseBind[i]: the matrices the vertex shader blends. With the
// rest pose as input every entry is identity (up to rounding).
struct SkinningPaletteJob {
  std::span<const glm::mat4> model;        // size n
  std::span<const glm::mat4> inverseBind;  // size n (Skeleton::inverseBind())
  std::span<glm::mat4> palette;            // size >= n; output

  bool Validate() const;
  bool Run() const;  // false (writing nothing) when Validate() fails
};

}  // namespace formviz::anim
