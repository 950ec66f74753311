#include "anim/mirror.h"

namespace formviz::anim {

std::string mirrorJointName(std::string_view name) {
  if (name.starts_with("left")) return "right" + std::string(name.substr(4));
  if (name.starts_with("right")) return "left" + std::string(name.substr(5));
  return std::string(name);
}

std::vector<int> mirrorJoints(const Skeleton& skeleton) {
  std::vector<int> mirrorOf(static_cast<std::size_t>(skeleton.jointCount()));
  for (int i = 0; i < skeleton.jointCount(); ++i) {
    const int other = skeleton.findJoint(mirrorJointName(skeleton.names()[static_cast<std::size_t>(i)]));
    mirrorOf[static_cast<std::size_t>(i)] = other >= 0 ? other : i;
  }
  return mirrorOf;
}

Transform reflectX(const Transform& t) {
  Transform r = t;
  r.translation.x = -t.translation.x;
  r.rotation = glm::quat(t.rotation.w, t.rotation.x, -t.rotation.y, -t.rotation.z);
  return r;
}

bool MirrorPoseJob::Validate() const {
  if (mirrorOf.size() != input.size() || output.size() < input.size()) return false;
  if (!output.empty() && !input.empty() && output.data() == input.data()) return false;
  for (int j : mirrorOf)
    if (j < 0 || static_cast<std::size_t>(j) >= input.size()) return false;
  return true;
}

bool MirrorPoseJob::Run() const {
  if (!Validate()) return false;
  for (std::size_t i = 0; i < input.size(); ++i) output[i] = reflectX(input[static_cast<std::size_t>(mirrorOf[i])]);
  return true;
}

}  // namespace formviz::anim
