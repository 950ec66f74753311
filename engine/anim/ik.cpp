#include "anim/ik.h"

#include <algorithm>
#include <cmath>

#include "anim/model_space.h"

namespace formviz::anim {
namespace {

constexpr float kEpsilon = 1e-6f;

glm::quat rotationOf(const glm::mat4& m) {
  const glm::mat3 r(glm::normalize(glm::vec3(m[0])), glm::normalize(glm::vec3(m[1])), glm::normalize(glm::vec3(m[2])));
  return glm::normalize(glm::quat_cast(r));
}

// Any unit vector perpendicular to `v` (v non-zero).
glm::vec3 perpendicular(const glm::vec3& v) {
  const glm::vec3 other = std::abs(v.x) < 0.9f * glm::length(v) ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  return glm::normalize(glm::cross(v, other));
}

// Unit part of `v` perpendicular to unit `axis`, or zero-length when parallel.
glm::vec3 orthogonalPart(const glm::vec3& v, const glm::vec3& axis) { return v - axis * glm::dot(v, axis); }

glm::quat shortestRotation(const glm::vec3& from, const glm::vec3& to) {
  const glm::vec3 f = glm::normalize(from), t = glm::normalize(to);
  const float d = glm::dot(f, t);
  if (d < -0.999999f) return glm::angleAxis(3.14159265f, perpendicular(f));
  const glm::vec3 c = glm::cross(f, t);
  return glm::normalize(glm::quat(1.0f + d, c.x, c.y, c.z));
}

}  // namespace

bool TwoBoneIkJob::Validate() const { return startCorrection != nullptr && midCorrection != nullptr; }

bool TwoBoneIkJob::Run() const {
  if (!Validate()) return false;
  const glm::vec3 a(start[3]), b(mid[3]), c(end[3]);
  const glm::vec3 ab = b - a, cb = c - b;
  const float lab = glm::length(ab), lcb = glm::length(cb);
  const glm::vec3 at = target - a;
  const float lat = glm::length(at);
  const glm::quat identity(1.0f, 0.0f, 0.0f, 0.0f);
  if (lab < kEpsilon || lcb < kEpsilon) {  // zero-length bone: nothing to solve
    *startCorrection = identity;
    *midCorrection = identity;
    if (reached) *reached = false;
    return true;
  }
  const float maxReach = lab + lcb, minReach = std::abs(lab - lcb);
  if (reached) *reached = lat <= maxReach * (1.0f + 1e-5f) && lat >= minReach * (1.0f - 1e-5f);
  const float latc = std::clamp(lat, minReach, maxReach);

  // Step 1: bend the mid joint about its current bend axis to the interior angle that puts
  // the end joint at distance latc from the start joint (law of cosines).
  const glm::vec3 ba = a - b;
  const float cosCurrent = std::clamp(glm::dot(glm::normalize(ba), glm::normalize(cb)), -1.0f, 1.0f);
  const float cosWanted = std::clamp((lab * lab + lcb * lcb - latc * latc) / (2.0f * lab * lcb), -1.0f, 1.0f);
  glm::vec3 axis = glm::cross(cb, ba);
  // A straight limb has no bend axis: bend so the end moves away from the pole (the mid joint
  // then lies on the pole's side without step 2 turning the limb half a turn about itself).
  if (glm::length(axis) < kEpsilon * lab * lcb) axis = glm::cross(pole - b, cb);
  if (glm::length(axis) < kEpsilon * lab * lcb) axis = perpendicular(cb);
  axis = glm::normalize(axis);
  const glm::quat midWorld = glm::angleAxis(std::acos(cosCurrent) - std::acos(cosWanted), axis);
  const glm::vec3 c2 = b + midWorld * cb;

  // Step 2: rotate the whole limb about the start joint so that start->end points at the
  // target and the mid joint lies on the pole's side of that line.
  const glm::vec3 e1 = glm::normalize(c2 - a);
  const glm::vec3 f1 = lat > kEpsilon ? at / lat : e1;
  glm::vec3 e2 = orthogonalPart(ab, e1);
  glm::quat startWorld;
  if (glm::length(e2) < kEpsilon * lab) {
    startWorld = shortestRotation(e1, f1);  // straight limb: only the direction matters
  } else {
    e2 = glm::normalize(e2);
    glm::vec3 f2 = orthogonalPart(pole - a, f1);
    if (glm::length(f2) < kEpsilon) {
      f2 = orthogonalPart(shortestRotation(e1, f1) * e2, f1);  // pole on the line: keep the bend plane
    }
    f2 = glm::normalize(f2);
    const glm::mat3 from(e1, e2, glm::cross(e1, e2));
    const glm::mat3 to(f1, f2, glm::cross(f1, f2));
    startWorld = glm::normalize(glm::quat_cast(to * glm::transpose(from)));
  }

  // Model-space rotations R applied to a joint with model rotation Q equal the local
  // post-multiplied correction inverse(Q) * R * Q.
  const float w = std::clamp(weight, 0.0f, 1.0f);
  const glm::quat qs = rotationOf(start), qm = rotationOf(mid);
  glm::quat sc = glm::normalize(glm::conjugate(qs) * startWorld * qs);
  glm::quat mc = glm::normalize(glm::conjugate(qm) * midWorld * qm);
  if (w < 1.0f) {
    sc = interpolateRotation(identity, sc, w);
    mc = interpolateRotation(identity, mc, w);
  }
  *startCorrection = sc;
  *midCorrection = mc;
  return true;
}

bool isValidChain(const Skeleton& skeleton, const TwoBoneChain& chain) {
  const int n = skeleton.jointCount();
  auto inRange = [n](int j) { return j >= 0 && j < n; };
  if (!inRange(chain.start) || !inRange(chain.mid) || !inRange(chain.end)) return false;
  auto isAncestor = [&](int ancestor, int joint) {
    for (int j = skeleton.parent(joint); j != kNoParent; j = skeleton.parent(j))
      if (j == ancestor) return true;
    return false;
  };
  return isAncestor(chain.start, chain.mid) && isAncestor(chain.mid, chain.end);
}

glm::vec3 currentPole(std::span<const glm::mat4> model, const TwoBoneChain& chain, const glm::vec3& fallback) {
  const glm::vec3 a(model[static_cast<std::size_t>(chain.start)][3]);
  const glm::vec3 b(model[static_cast<std::size_t>(chain.mid)][3]);
  const glm::vec3 c(model[static_cast<std::size_t>(chain.end)][3]);
  const glm::vec3 ac = c - a;
  const float lac = glm::length(ac);
  if (lac < kEpsilon) return b + fallback;
  const glm::vec3 out = orthogonalPart(b - a, ac / lac);
  if (glm::length(out) < 1e-4f * glm::length(b - a)) return b + fallback;
  return b + glm::normalize(out) * glm::length(b - a);
}

bool solveTwoBoneIk(const Skeleton& skeleton, const TwoBoneChain& chain, const glm::vec3& target,
                    const glm::vec3& pole, float weight, std::span<Transform> local, std::span<glm::mat4> model,
                    const glm::mat4& root, bool* reached) {
  const std::size_t n = static_cast<std::size_t>(skeleton.jointCount());
  if (!isValidChain(skeleton, chain) || local.size() < n || model.size() < n) return false;
  glm::quat startCorrection, midCorrection;
  TwoBoneIkJob job;
  job.start = model[static_cast<std::size_t>(chain.start)];
  job.mid = model[static_cast<std::size_t>(chain.mid)];
  job.end = model[static_cast<std::size_t>(chain.end)];
  job.target = target;
  job.pole = pole;
  job.weight = weight;
  job.startCorrection = &startCorrection;
  job.midCorrection = &midCorrection;
  job.reached = reached;
  if (!job.Run()) return false;
  Transform& s = local[static_cast<std::size_t>(chain.start)];
  Transform& m = local[static_cast<std::size_t>(chain.mid)];
  s.rotation = glm::normalize(s.rotation * startCorrection);
  m.rotation = glm::normalize(m.rotation * midCorrection);
  LocalToModelJob refresh;
  refresh.skeleton = &skeleton;
  refresh.local = local;
  refresh.model = model;
  refresh.root = root;
  refresh.from = chain.start;
  refresh.to = chain.start + skeleton.subtreeSize(chain.start);
  return refresh.Run();
}

bool PinJointJob::Validate() const {
  if (skeleton == nullptr || !isValidChain(*skeleton, chain)) return false;
  const std::size_t n = static_cast<std::size_t>(skeleton->jointCount());
  if (local.size() < n || model.size() < n || joint < 0 || joint >= skeleton->jointCount()) return false;
  for (int j = joint; j != kNoParent; j = skeleton->parent(j))
    if (j == chain.end) return true;  // the planted joint hangs under the chain's end
  return false;
}

bool PinJointJob::Run() const {
  if (!Validate()) return false;
  const float w = std::clamp(weight, 0.0f, 1.0f);
  if (w <= 0.0f) return true;
  const std::size_t end = static_cast<std::size_t>(chain.end), mid = static_cast<std::size_t>(chain.mid);
  const glm::vec3 planted(model[static_cast<std::size_t>(joint)][3]), ankle(model[end][3]);
  glm::vec3 goal = ankle + (target - planted) * w;
  // A goal beyond reach (the body's hips sit too high for this leg: a straight-legged calf
  // raise on a body with shorter feet) is pulled onto a sphere just inside the reach, along
  // the hip -> goal line: the leg stays a hair bent in its own plane instead of flipping
  // about the straight-knee singularity, and the foot misses mostly vertically. A limb the pose
  // already holds straighter than that (a bird dog's lifting arm) is pulled in only with the
  // weight, so a pin fading out (weight -> 0) lets it go continuously instead of bending it
  // 0.9995 of the way until the last frame and then snapping it straight (8.7 mm at the elbow).
  // By weight squared: the bend off straight grows with the square root of the shortening, so
  // the mid joint then moves about in proportion to the weight.
  const glm::vec3 hip(model[static_cast<std::size_t>(chain.start)][3]), knee(model[mid][3]);
  const float limit = 0.9995f * (glm::length(knee - hip) + glm::length(ankle - knee));
  const float extension = glm::length(ankle - hip);
  const float reach = extension > limit ? extension + (limit - extension) * w * w : limit;
  const float toGoal = glm::length(goal - hip);
  if (toGoal > reach) goal = hip + (goal - hip) * (reach / toGoal);
  const glm::quat endRotation = rotationOf(model[end]);
  // Fallback pole for a straight leg: ahead of the knee along the foot (ankle -> ball).
  glm::vec3 along = planted - ankle;
  along.y = 0.0f;
  const glm::vec3 fallback = glm::length(along) > kEpsilon ? glm::normalize(along) : glm::vec3(0.0f, 0.0f, 1.0f);
  const glm::vec3 bendToward = pole ? *pole : currentPole(model, chain, fallback);
  if (!solveTwoBoneIk(*skeleton, chain, goal, bendToward, 1.0f, local, model)) return false;
  // Give the end joint back its model rotation: local = inverse(parent rotation) * wanted.
  Transform& e = local[end];
  e.rotation = glm::normalize(glm::conjugate(rotationOf(model[mid])) * endRotation);
  LocalToModelJob refresh;
  refresh.skeleton = skeleton;
  refresh.local = local;
  refresh.model = model;
  refresh.from = chain.end;
  refresh.to = chain.end + skeleton->subtreeSize(chain.end);
  return refresh.Run();
}

bool AimBoneJob::Validate() const {
  if (skeleton == nullptr) return false;
  const int n = skeleton->jointCount();
  if (start < 0 || start >= n || joint < 0 || joint >= n || skeleton->parent(joint) != start) return false;
  return local.size() >= static_cast<std::size_t>(n) && model.size() >= static_cast<std::size_t>(n);
}

bool AimBoneJob::Run() const {
  if (!Validate()) return false;
  const float w = std::clamp(weight, 0.0f, 1.0f);
  if (w <= 0.0f) return true;
  const auto s = static_cast<std::size_t>(start), j = static_cast<std::size_t>(joint);
  const glm::vec3 origin(model[s][3]), bone = glm::vec3(model[j][3]) - origin, want = target - origin;
  if (glm::length(bone) < kEpsilon || glm::length(want) < kEpsilon) return true;
  // The model-space turn taking the bone onto the target's direction, weighted.
  const glm::vec3 a = glm::normalize(bone), b = glm::normalize(want);
  const float cosine = glm::dot(a, b);
  if (cosine < -0.9999f) return true;  // the target straight behind: no single shortest arc
  const glm::vec3 axis = glm::cross(a, b);
  const glm::quat arc = glm::normalize(glm::quat(1.0f + cosine, axis.x, axis.y, axis.z));
  const glm::quat turn = glm::slerp(glm::quat(1.0f, 0.0f, 0.0f, 0.0f), arc, w);
  const glm::quat startModel = rotationOf(model[s]), jointModel = rotationOf(model[j]);
  // local' = local * inverse(startModel) * turn * startModel (the turn expressed in start's frame).
  Transform& ls = local[s];
  ls.rotation = glm::normalize(ls.rotation * (glm::conjugate(startModel) * turn * startModel));
  LocalToModelJob refresh;
  refresh.skeleton = skeleton;
  refresh.local = local;
  refresh.model = model;
  refresh.from = start;
  refresh.to = start + 1;
  if (!refresh.Run()) return false;
  // The joint keeps its model rotation: local = inverse(start's new model rotation) * wanted.
  Transform& lj = local[j];
  lj.rotation = glm::normalize(glm::conjugate(rotationOf(model[s])) * jointModel);
  refresh.from = start;
  refresh.to = start + skeleton->subtreeSize(start);
  return refresh.Run();
}

bool ContactConstraint::update(bool inContact, const Skeleton& skeleton, std::span<Transform> local,
                               std::span<glm::mat4> model, const glm::vec3& pole, const glm::mat4& root) {
  if (!isValidChain(skeleton, chain) || model.size() < static_cast<std::size_t>(skeleton.jointCount())) return false;
  if (!inContact) {
    planted = false;
    return false;
  }
  if (!planted) {
    planted = true;
    anchor = glm::vec3(model[static_cast<std::size_t>(chain.end)][3]);
    return false;  // already there on the first frame
  }
  return solveTwoBoneIk(skeleton, chain, anchor, pole, 1.0f, local, model, root);
}

}  // namespace formviz::anim
