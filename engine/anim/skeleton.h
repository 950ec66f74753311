// [SECTION] Skeleton: joints as indices in a depth-first parent-index array.
//
// RawSkeleton is the offline, editable form (plain vectors, checked by Validate()).
// Skeleton is the immutable runtime form built from it: contiguous arrays, no per-joint
// objects. Joint i's parent is parents()[i] (kNoParent for roots) and always < i; joints
// are in depth-first order, so the subtree of joint i is the contiguous index range
// [i, i + subtreeSize(i)).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anim/transform.h"
#include "core/result.h"

namespace formviz::anim {

inline constexpr int kNoParent = -1;
// Upper bound on joints in one skeleton (the GPU palette has its own, smaller limit).
inline constexpr int kMaxJoints = 1024;

// Offline skeleton. Validate() rules, numbered as in its error messages:
//   1. at least one joint and at most kMaxJoints;
//   2. names, parents and restPose have the same length; inverseBind is empty or that length;
//   3. every name is non-empty and unique;
//   4. parents[i] is kNoParent or in [0, i) (topological order);
//   5. depth-first order: parents[i] is kNoParent or an ancestor-or-self of joint i - 1;
//   6. rest translations and scales are finite, rest rotations are unit length (within 1e-3);
//   7. inverse bind matrices are finite.
struct RawSkeleton {
  std::vector<std::string> names;    // one per joint
  std::vector<int> parents;          // kNoParent or index of the parent joint
  std::vector<Transform> restPose;   // local bind/rest transform of each joint
  std::vector<glm::mat4> inverseBind;  // model -> joint space at bind; empty = computed from restPose

  Status Validate() const;
};

class Skeleton {
 public:
  Skeleton() = default;  // empty skeleton (0 joints)

  // Validates `raw` and builds the runtime skeleton. Rest rotations are renormalised;
  // missing inverse bind matrices are the inverse of the rest pose's model matrices.
  static Result<Skeleton> build(RawSkeleton raw);

  int jointCount() const { return static_cast<int>(parents_.size()); }
  std::span<const std::string> names() const { return names_; }
  std::span<const std::int16_t> parents() const { return parents_; }
  std::span<const Transform> restPose() const { return restPose_; }
  std::span<const glm::mat4> inverseBind() const { return inverseBind_; }
  int parent(int joint) const { return parents_[static_cast<std::size_t>(joint)]; }
  // Number of joints in the subtree rooted at `joint`, itself included (>= 1).
  int subtreeSize(int joint) const { return subtreeSizes_[static_cast<std::size_t>(joint)]; }

  // Index of the joint named `name`, or kNoParent (-1) when there is none.
  int findJoint(std::string_view name) const;

 private:
  std::vector<std::string> names_;
  std::vector<std::int16_t> parents_;
  std::vector<std::int16_t> subtreeSizes_;
  std::vector<Transform> restPose_;
  std::vector<glm::mat4> inverseBind_;
};

}  // namespace formviz::anim
