#include "anim/skeleton.h"

#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

namespace formviz::anim {
namespace {

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

bool finite(const glm::mat4& m) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      if (!std::isfinite(m[c][r])) return false;
  return true;
}

Error rule(int number, const std::string& detail) {
  return makeError(fmt::format("Invalid skeleton (rule {}): {}", number, detail));
}

}  // namespace

Status RawSkeleton::Validate() const {
  const std::size_t count = parents.size();
  if (count == 0 || count > static_cast<std::size_t>(kMaxJoints))
    return rule(1, fmt::format("it has {} joints; it needs 1 to {}", count, kMaxJoints));
  if (names.size() != count || restPose.size() != count || (!inverseBind.empty() && inverseBind.size() != count))
    return rule(2, fmt::format("{} names, {} parents, {} rest transforms and {} inverse bind matrices do not match",
                               names.size(), count, restPose.size(), inverseBind.size()));
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < count; ++i) {
    if (names[i].empty()) return rule(3, fmt::format("joint {} has no name", i));
    if (!seen.insert(names[i]).second) return rule(3, fmt::format("joint name '{}' is used twice", names[i]));
  }
  for (std::size_t i = 0; i < count; ++i) {
    const int p = parents[i];
    if (p != kNoParent && (p < 0 || p >= static_cast<int>(i)))
      return rule(4, fmt::format("joint {} '{}' has parent {}, which is not an earlier joint", i, names[i], p));
  }
  for (std::size_t i = 1; i < count; ++i) {
    const int p = parents[i];
    if (p == kNoParent) continue;
    int walk = static_cast<int>(i) - 1;
    while (walk != kNoParent && walk != p) walk = parents[static_cast<std::size_t>(walk)];
    if (walk != p)
      return rule(5, fmt::format("joint {} '{}' breaks depth-first order (its parent {} is not on the path to joint {})",
                                 i, names[i], p, i - 1));
  }
  for (std::size_t i = 0; i < count; ++i) {
    const Transform& t = restPose[i];
    const float len = std::sqrt(glm::dot(t.rotation, t.rotation));
    if (!finite(t.translation) || !finite(t.scale) || !std::isfinite(len) || std::abs(len - 1.0f) > 1e-3f)
      return rule(6, fmt::format("joint {} '{}' has a non-finite rest transform or a rotation that is not unit length",
                                 i, names[i]));
  }
  for (std::size_t i = 0; i < inverseBind.size(); ++i)
    if (!finite(inverseBind[i]))
      return rule(7, fmt::format("joint {} '{}' has a non-finite inverse bind matrix", i, names[i]));
  return Ok{};
}

Result<Skeleton> Skeleton::build(RawSkeleton raw) {
  if (Status status = raw.Validate(); !status) return status.error();
  const std::size_t count = raw.parents.size();
  Skeleton s;
  s.names_ = std::move(raw.names);
  s.parents_.assign(count, 0);
  s.restPose_ = std::move(raw.restPose);
  for (std::size_t i = 0; i < count; ++i) {
    s.parents_[i] = static_cast<std::int16_t>(raw.parents[i]);
    s.restPose_[i].rotation = glm::normalize(s.restPose_[i].rotation);
  }
  s.subtreeSizes_.assign(count, 1);
  for (std::size_t i = count; i-- > 1;) {
    const int p = s.parents_[i];
    if (p != kNoParent)
      s.subtreeSizes_[static_cast<std::size_t>(p)] =
          static_cast<std::int16_t>(s.subtreeSizes_[static_cast<std::size_t>(p)] + s.subtreeSizes_[i]);
  }
  if (raw.inverseBind.empty()) {
    std::vector<glm::mat4> model(count);
    s.inverseBind_.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const glm::mat4 local = toMatrix(s.restPose_[i]);
      const int p = s.parents_[i];
      model[i] = p == kNoParent ? local : mulAffine(model[static_cast<std::size_t>(p)], local);
      s.inverseBind_[i] = glm::inverse(model[i]);
    }
  } else {
    s.inverseBind_ = std::move(raw.inverseBind);
  }
  return s;
}

int Skeleton::findJoint(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int>(i);
  return kNoParent;
}

}  // namespace formviz::anim
