#include "render/camera.h"

#include <algorithm>
#include <array>

#include <glm/gtc/matrix_transform.hpp>

#include "core/math.h"

namespace formviz::render {
namespace {

struct PresetInfo {
  ViewPreset preset;
  const char* name;
  float yaw;
  float pitch;
};

constexpr std::array<PresetInfo, 5> kPresets{{
    {ViewPreset::Front, "front", 0.0f, radians(8.0f)},
    {ViewPreset::Side, "side", radians(90.0f), radians(8.0f)},
    {ViewPreset::Back, "back", radians(180.0f), radians(8.0f)},
    {ViewPreset::ThreeQuarter, "three-quarter", radians(40.0f), radians(18.0f)},
    {ViewPreset::Top, "top", 0.0f, radians(80.0f)},
}};

const PresetInfo& info(ViewPreset preset) {
  return *std::find_if(kPresets.begin(), kPresets.end(), [&](const PresetInfo& p) { return p.preset == preset; });
}

}  // namespace

std::optional<ViewPreset> viewPresetFromName(std::string_view name) {
  for (const PresetInfo& p : kPresets)
    if (name == p.name) return p.preset;
  return std::nullopt;
}

const char* viewPresetName(ViewPreset preset) { return info(preset).name; }

OrbitCamera::OrbitCamera() { setPreset(ViewPreset::Front); }

void OrbitCamera::setPreset(ViewPreset preset) {
  yaw = info(preset).yaw;
  pitch = info(preset).pitch;
}

void OrbitCamera::orbit(float deltaYaw, float deltaPitch) {
  yaw = wrapAngle(yaw + deltaYaw);
  pitch = std::clamp(pitch + deltaPitch, kMinPitch, kMaxPitch);
}

void OrbitCamera::pan(float rightFraction, float upFraction) {
  const glm::vec3 forward = -directionFromYawPitch(yaw, pitch);
  const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 1, 0)));
  const glm::vec3 up = glm::cross(right, forward);
  const float viewHeight = 2.0f * distance * std::tan(fovY * 0.5f);
  target += (right * rightFraction + up * upFraction) * viewHeight;
}

void OrbitCamera::frame(const glm::vec3& center, float radius, float aspect) {
  target = center;
  const float halfFovY = fovY * 0.5f;
  const float halfFovX = std::atan(std::tan(halfFovY) * std::max(aspect, 1e-3f));
  const float fill = 0.92f;  // a small margin around the sphere
  distance = std::clamp(radius / (std::sin(std::min(halfFovX, halfFovY)) * fill), kMinDistance, kMaxDistance);
  nearPlane = std::max(0.01f, distance - 4.0f * radius) * 0.5f;
}

void OrbitCamera::zoom(float factor) { distance = std::clamp(distance * factor, kMinDistance, kMaxDistance); }

glm::vec3 OrbitCamera::eye() const { return target + directionFromYawPitch(yaw, pitch) * distance; }

glm::mat4 OrbitCamera::view() const {
  // kMaxPitch stays below 90 degrees, so world up is never parallel to the view direction.
  return glm::lookAt(eye(), target, glm::vec3(0, 1, 0));
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  return glm::perspective(fovY, std::max(aspect, 1e-3f), nearPlane, farPlane);
}

}  // namespace formviz::render
