#include "form/body.h"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "anim/model_space.h"

namespace formviz::form {

const char* sideName(Side side) { return side == Side::Left ? "left" : "right"; }

namespace {

glm::mat3 rotationOf(const glm::mat4& m) {
  return glm::mat3(glm::normalize(glm::vec3(m[0])), glm::normalize(glm::vec3(m[1])), glm::normalize(glm::vec3(m[2])));
}

}  // namespace

Result<BodyRig> BodyRig::bind(const anim::Skeleton& skeleton) {
  BodyRig rig;
  std::vector<std::string> missing;
  auto find = [&](const std::string& name) {
    const int joint = skeleton.findJoint(name);
    if (joint < 0) missing.push_back(name);
    return joint;
  };
  BodyJoints& j = rig.joints;
  j.hips = find("hips");
  j.spine = find("spine");
  j.chest = find("chest");
  j.upperChest = find("upperChest");
  j.neck = find("neck");
  j.head = find("head");
  for (Side side : {Side::Left, Side::Right}) {
    const std::string pre = sideName(side);
    BodyJoints::Arm& arm = j.arm[static_cast<std::size_t>(index(side))];
    arm.shoulder = find(pre + "Shoulder");
    arm.upperArm = find(pre + "UpperArm");
    arm.lowerArm = find(pre + "LowerArm");
    arm.hand = find(pre + "Hand");
    arm.middleProximal = find(pre + "MiddleProximal");
    BodyJoints::Leg& leg = j.leg[static_cast<std::size_t>(index(side))];
    leg.upperLeg = find(pre + "UpperLeg");
    leg.lowerLeg = find(pre + "LowerLeg");
    leg.foot = find(pre + "Foot");
    leg.toes = find(pre + "Toes");
  }
  if (!missing.empty())
    return makeError(fmt::format("The skeleton cannot be form-checked: it has no joint named {} (the form checker "
                                 "needs bodygen's VRM humanoid joint names).",
                                 fmt::join(missing, ", ")));

  // Rest pose in model space.
  const auto count = static_cast<std::size_t>(skeleton.jointCount());
  std::vector<anim::Transform> local(skeleton.restPose().begin(), skeleton.restPose().end());
  std::vector<glm::mat4> model(count);
  anim::LocalToModelJob toModel;
  toModel.skeleton = &skeleton;
  toModel.local = local;
  toModel.model = model;
  if (!toModel.Run()) return makeError("The skeleton's rest pose could not be converted to model space.");
  auto pos = [&](int joint) { return glm::vec3(model[static_cast<std::size_t>(joint)][3]); };

  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  float ankleToBall = 0.0f, ankleHeight = 0.0f, ballHeight = 0.0f;
  for (Side side : {Side::Left, Side::Right}) {
    const auto s = static_cast<std::size_t>(index(side));
    const BodyJoints::Leg& leg = j.leg[s];
    glm::vec3 forward = pos(leg.toes) - pos(leg.foot);
    forward.y = 0.0f;
    if (glm::length(forward) < 1e-4f)
      return makeError(fmt::format("The skeleton cannot be form-checked: in its rest pose {}Toes is not ahead of {}Foot "
                                   "(the rest pose must stand with feet flat).",
                                   sideName(side), sideName(side)));
    ankleToBall += 0.5f * glm::length(forward);
    ankleHeight += 0.5f * pos(leg.foot).y;
    ballHeight += 0.5f * pos(leg.toes).y;
    forward = glm::normalize(forward);
    const glm::mat3 footT = glm::transpose(rotationOf(model[static_cast<std::size_t>(leg.foot)]));
    const glm::mat3 toesT = glm::transpose(rotationOf(model[static_cast<std::size_t>(leg.toes)]));
    rig.footForwardLocal[s] = footT * forward;
    rig.footUpLocal[s] = footT * up;
    rig.toesForwardLocal[s] = toesT * forward;
    rig.toesUpLocal[s] = toesT * up;
  }
  rig.hipsRestInverse = glm::transpose(rotationOf(model[static_cast<std::size_t>(j.hips)]));
  rig.upperChestRestInverse = glm::transpose(rotationOf(model[static_cast<std::size_t>(j.upperChest)]));
  for (Side side : {Side::Left, Side::Right})
    rig.shoulderRestOffset[static_cast<std::size_t>(index(side))] =
        pos(j.arm[static_cast<std::size_t>(index(side))].upperArm) - pos(j.upperChest);
  const glm::vec3 trunk = pos(j.neck) - pos(j.hips);
  if (trunk.y <= 0.0f)
    return makeError("The skeleton cannot be form-checked: in its rest pose the neck is not above the hips.");
  rig.trunkRestTilt = std::atan2(-trunk.z, trunk.y);
  const glm::vec3 shoulderLine = 0.5f * (pos(j.arm[0].upperArm) + pos(j.arm[1].upperArm)) -
                                 0.5f * (pos(j.leg[0].upperLeg) + pos(j.leg[1].upperLeg));
  if (shoulderLine.y <= 0.0f)
    return makeError("The skeleton cannot be form-checked: in its rest pose the shoulders are not above the hips.");
  rig.shoulderRestTilt = std::atan2(-shoulderLine.z, shoulderLine.y);

  // Foot contact offsets scaled to this body; bodygen places the heel 0.24 and the ball 0.73
  // of the foot length from the back, the toe tip at 1.0 (ankle to ball = 0.49 foot lengths).
  if (ankleHeight > 0.0f && ballHeight >= 0.0f) {
    rig.contactOffsets.heelDown = ankleHeight;
    rig.contactOffsets.toeDown = ballHeight;
    rig.contactOffsets.heelBack = ankleToBall * (0.24f / 0.49f);
    rig.contactOffsets.toeForward = ankleToBall * (0.27f / 0.49f);
  }
  return rig;
}

}  // namespace formviz::form
