// Shared builders for the form tests: a small FormViz-named skeleton standing on the floor,
// poses set joint by joint, and clips built in code.
//
// Rest pose (model space, metres; the figure faces +Z, its left is +X; every rest rotation is
// the identity, as on bodygen figures, so joint-local axes are the model axes at rest):
//
//            head   (0, 1.62, 0)
//            neck   (0, 1.50, 0)           <- trunk line hips -> neck is vertical
//   UpperArm (+-0.18, 1.45, 0)   LowerArm (+-0.18, 1.15, 0)   Hand (+-0.18, 0.88, 0)
//            upperChest 1.35, chest 1.25, spine 1.10
//            hips   (0, 1.00, 0)
//   UpperLeg (+-0.09, 1.00, 0)
//   LowerLeg (+-0.09, 0.55, 0)             thigh 0.45 m
//   Foot     (+-0.09, 0.08, 0)             shank 0.47 m, ankle 8 cm above the floor
//   Toes     (+-0.09, 0.02, 0.13)          ball of the foot 2 cm up, 13 cm ahead of the ankle
#pragma once

#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <gtest/gtest.h>

#include "anim/model_space.h"
#include "anim/sampling.h"
#include "form/body.h"

namespace formviz::form::test {

struct JointSpec {
  std::string name;
  std::string parent;  // empty for the root
  glm::vec3 position;  // model space at rest
};

inline std::vector<JointSpec> bodySpec(float neckBack = 0.0f, float scale = 1.0f) {
  std::vector<JointSpec> spec = {
      {"hips", "", {0, 1.00f, 0}},
      {"spine", "hips", {0, 1.10f, 0}},
      {"chest", "spine", {0, 1.25f, 0}},
      {"upperChest", "chest", {0, 1.35f, 0}},
      {"neck", "upperChest", {0, 1.50f, -neckBack}},
      {"head", "neck", {0, 1.62f, -neckBack}},
  };
  for (int s = 0; s < 2; ++s) {
    const std::string p = s == 0 ? "left" : "right";
    const float x = s == 0 ? 1.0f : -1.0f;
    spec.push_back({p + "Shoulder", "upperChest", {x * 0.03f, 1.44f, 0.02f}});
    spec.push_back({p + "UpperArm", p + "Shoulder", {x * 0.18f, 1.45f, 0}});
    spec.push_back({p + "LowerArm", p + "UpperArm", {x * 0.18f, 1.15f, 0}});
    spec.push_back({p + "Hand", p + "LowerArm", {x * 0.18f, 0.88f, 0}});
    spec.push_back({p + "MiddleProximal", p + "Hand", {x * 0.18f, 0.80f, 0}});
  }
  for (int s = 0; s < 2; ++s) {
    const std::string p = s == 0 ? "left" : "right";
    const float x = s == 0 ? 1.0f : -1.0f;
    spec.push_back({p + "UpperLeg", "hips", {x * 0.09f, 1.00f, 0}});
    spec.push_back({p + "LowerLeg", p + "UpperLeg", {x * 0.09f, 0.55f, 0}});
    spec.push_back({p + "Foot", p + "LowerLeg", {x * 0.09f, 0.08f, 0}});
    spec.push_back({p + "Toes", p + "Foot", {x * 0.09f, 0.02f, 0.13f}});
  }
  for (JointSpec& j : spec) j.position *= scale;
  return spec;
}

inline anim::RawSkeleton rawBody(const std::vector<JointSpec>& spec) {
  anim::RawSkeleton raw;
  for (const JointSpec& j : spec) {
    raw.names.push_back(j.name);
    int parent = anim::kNoParent;
    glm::vec3 parentPos(0.0f);
    for (std::size_t i = 0; i < spec.size(); ++i)
      if (!j.parent.empty() && spec[i].name == j.parent) {
        parent = static_cast<int>(i);
        parentPos = spec[i].position;
      }
    raw.parents.push_back(parent);
    anim::Transform t;
    t.translation = j.position - parentPos;
    raw.restPose.push_back(t);
  }
  return raw;
}

inline anim::Skeleton buildBody(float neckBack = 0.0f, float scale = 1.0f) {
  Result<anim::Skeleton> s = anim::Skeleton::build(rawBody(bodySpec(neckBack, scale)));
  if (!s) ADD_FAILURE() << s.error().message;
  return s ? std::move(s).value() : anim::Skeleton{};
}

inline BodyRig bindOrDie(const anim::Skeleton& skeleton) {
  Result<BodyRig> rig = BodyRig::bind(skeleton);
  if (!rig) ADD_FAILURE() << rig.error().message;
  return rig ? std::move(rig).value() : BodyRig{};
}

inline glm::quat axisAngle(float degrees, glm::vec3 axis) {
  return glm::angleAxis(glm::radians(degrees), glm::normalize(axis));
}

inline constexpr glm::vec3 kX{1, 0, 0}, kY{0, 1, 0}, kZ{0, 0, 1};

// A pose being built: the rest pose with rotations applied joint by joint (local frames).
struct PoseBuilder {
  const anim::Skeleton* skeleton;
  anim::Pose local;
  explicit PoseBuilder(const anim::Skeleton& s) : skeleton(&s), local(anim::restPose(s)) {}
  int joint(const std::string& name) const {
    const int j = skeleton->findJoint(name);
    EXPECT_GE(j, 0) << name;
    return j;
  }
  // Rotates joint `name` by `degrees` about `axis` (in its parent's frame, after what it has).
  PoseBuilder& rotate(const std::string& name, float degrees, glm::vec3 axis) {
    anim::Transform& t = local[static_cast<std::size_t>(joint(name))];
    t.rotation = axisAngle(degrees, axis) * t.rotation;
    return *this;
  }
  PoseBuilder& move(const std::string& name, glm::vec3 offset) {
    local[static_cast<std::size_t>(joint(name))].translation += offset;
    return *this;
  }
  std::vector<glm::mat4> model(const glm::mat4& root = glm::mat4(1.0f)) const {
    std::vector<glm::mat4> out(static_cast<std::size_t>(skeleton->jointCount()));
    anim::LocalToModelJob job;
    job.skeleton = skeleton;
    job.local = local;
    job.model = out;
    job.root = root;
    EXPECT_TRUE(job.Run());
    return out;
  }
};

}  // namespace formviz::form::test
