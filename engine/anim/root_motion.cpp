#include "anim/root_motion.h"

namespace formviz::anim {
namespace {

glm::vec3 horizontal(const glm::vec3& v, const glm::vec3& up) { return v - up * glm::dot(v, up); }

}  // namespace

glm::vec3 extractRootMotion(const Clip& clip, const RootMotionSettings& settings, float fromTime, float toTime,
                            int wraps, float rangeStart, float rangeEnd) {
  const glm::mat3 toModel(settings.parentModel);
  glm::vec3 travel = clip.sampleTranslation(settings.joint, toTime) - clip.sampleTranslation(settings.joint, fromTime);
  if (wraps != 0) {
    const glm::vec3 loop =
        clip.sampleTranslation(settings.joint, rangeEnd) - clip.sampleTranslation(settings.joint, rangeStart);
    travel += loop * static_cast<float>(wraps);
  }
  return horizontal(toModel * travel, settings.up);
}

void removeRootMotion(const Clip& clip, const RootMotionSettings& settings, float referenceTime,
                      std::span<Transform> pose) {
  const glm::mat3 toModel(settings.parentModel);
  const glm::mat3 toParent = glm::inverse(toModel);
  Transform& root = pose[static_cast<std::size_t>(settings.joint)];
  const glm::vec3 reference = clip.sampleTranslation(settings.joint, referenceTime);
  const glm::vec3 offsetModel = horizontal(toModel * (root.translation - reference), settings.up);
  root.translation -= toParent * offsetModel;
}

glm::mat4 applyRootMotion(const glm::mat4& world, const glm::vec3& delta) {
  glm::mat4 out = world;
  out[3] += world[0] * delta.x + world[1] * delta.y + world[2] * delta.z;
  return out;
}

}  // namespace formviz::anim
