// [SECTION] Orbit camera: GPU-free, unit-tested.
//
// The camera circles a target point. Yaw 0 looks from +Z (the figure's front, glTF
// convention) toward -Z; positive yaw moves the eye toward +X (the figure's left).
// Pitch is the eye's elevation above the target's horizon. Units: metres, radians.
#pragma once

#include <optional>
#include <string_view>

#include <glm/glm.hpp>

namespace formviz::render {

enum class ViewPreset { Front, Side, Back, ThreeQuarter, Top };

// "front", "side", "back", "three-quarter", "top"; nullopt for anything else.
std::optional<ViewPreset> viewPresetFromName(std::string_view name);
const char* viewPresetName(ViewPreset preset);

class OrbitCamera {
 public:
  // Looks at a standing adult (target at mid-height), from the front.
  OrbitCamera();

  void setPreset(ViewPreset preset);

  // Rotates by the given angles; pitch stays within [kMinPitch, kMaxPitch].
  void orbit(float deltaYaw, float deltaPitch);
  // Moves the target in the view plane; offsets are fractions of the viewport height,
  // so a drag across the whole viewport pans by what the viewport shows.
  void pan(float rightFraction, float upFraction);
  // Aims at `center` and sets the distance so a sphere of `radius` fills most of a view
  // of the given aspect ratio (width / height), keeping the current angles.
  void frame(const glm::vec3& center, float radius, float aspect);
  // Multiplies the distance by `factor` (< 1 moves closer), within [kMinDistance, kMaxDistance].
  void zoom(float factor);

  glm::vec3 eye() const;
  glm::mat4 view() const;
  // Right-handed, OpenGL clip space (z in [-1, 1]).
  glm::mat4 projection(float aspect) const;

  float yaw = 0.0f;
  float pitch = 0.0f;
  float distance = 3.6f;
  glm::vec3 target{0.0f, 0.9f, 0.0f};
  float fovY = 0.6f;  // vertical field of view, radians (about 34 degrees: a short tele lens, little distortion)
  float nearPlane = 0.05f;
  float farPlane = 100.0f;

  static constexpr float kMinPitch = -1.2f;
  static constexpr float kMaxPitch = 1.5f;
  static constexpr float kMinDistance = 0.4f;
  static constexpr float kMaxDistance = 30.0f;
};

}  // namespace formviz::render
