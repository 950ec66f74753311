#include "anim/retarget.h"

#include <algorithm>

namespace formviz::anim {

JointMap JointMap::byName(const Skeleton& target, const Skeleton& source) {
  JointMap map;
  map.sourceOf.resize(static_cast<std::size_t>(target.jointCount()), kNoParent);
  for (int j = 0; j < target.jointCount(); ++j)
    map.sourceOf[static_cast<std::size_t>(j)] = source.findJoint(target.names()[static_cast<std::size_t>(j)]);
  return map;
}

int JointMap::matchedCount() const {
  return static_cast<int>(std::count_if(sourceOf.begin(), sourceOf.end(), [](int s) { return s != kNoParent; }));
}

float restRootHeight(const Skeleton& skeleton) {
  if (skeleton.jointCount() == 0) return 0.0f;
  return skeleton.restPose()[0].translation.y;
}

float bodyScale(const Skeleton& body, const Skeleton& clipBody) {
  const float source = restRootHeight(clipBody), target = restRootHeight(body);
  return source > 1e-6f && target > 1e-6f ? target / source : 1.0f;
}

bool RetargetJob::Validate() const {
  if (!target || !map) return false;
  const auto n = static_cast<std::size_t>(target->jointCount());
  if (map->sourceOf.size() != n || targetPose.size() < n) return false;
  return std::all_of(map->sourceOf.begin(), map->sourceOf.end(),
                     [&](int s) { return s < static_cast<int>(sourcePose.size()); });
}

bool RetargetJob::Run() const {
  if (!Validate()) return false;
  const std::span<const Transform> rest = target->restPose();
  for (int j = 0; j < target->jointCount(); ++j) {
    const auto tj = static_cast<std::size_t>(j);
    const int s = map->sourceOf[tj];
    Transform out = rest[tj];
    if (s != kNoParent) {
      const Transform& in = sourcePose[static_cast<std::size_t>(s)];
      out.rotation = in.rotation;
      if (target->parent(j) == kNoParent) out.translation = in.translation * rootScale;
    }
    targetPose[tj] = out;
  }
  return true;
}

}  // namespace formviz::anim
