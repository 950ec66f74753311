#include "render/props.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "core/math.h"

namespace formviz::render {
namespace {

// [SECTION] materials (sRGB): quiet, darker than the floor and away from the highlight
// colours (vermillion, amber), so the worked muscles stay what the eye goes to.
constexpr glm::vec3 kMatColor{0.31f, 0.40f, 0.50f};       // slate-blue rubber
constexpr glm::vec3 kBoxColor{0.47f, 0.50f, 0.54f};       // grey foam box
constexpr glm::vec3 kPadColor{0.18f, 0.19f, 0.21f};       // bench pad
constexpr glm::vec3 kSteelColor{0.62f, 0.64f, 0.67f};     // frames, handles
constexpr glm::vec3 kIronColor{0.19f, 0.20f, 0.22f};      // dumbbell heads, kettlebell
constexpr glm::vec3 kBandColor{0.20f, 0.52f, 0.56f};      // teal rubber band
constexpr glm::vec3 kCableColor{0.30f, 0.31f, 0.33f};
constexpr glm::vec3 kPostColor{0.28f, 0.29f, 0.31f};

constexpr float kPalm = 0.035f;  // metres from the wrist joint to the middle of a gripping hand

const glm::mat4 kYToX = glm::rotate(glm::mat4(1.0f), -kPi * 0.5f, glm::vec3(0, 0, 1));  // +Y onto +X

TriangleMesh transformed(const TriangleMesh& mesh, const glm::mat4& transform) {
  TriangleMesh out;
  appendMesh(out, mesh, transform);
  return out;
}

// A rounded cylinder along X from x0 to x1.
TriangleMesh barAlongX(float radius, float x0, float x1, float bevel, int segments) {
  const float length = x1 - x0;
  const float b = std::min({bevel, radius, length * 0.5f});
  return transformed(makeRoundedCylinder(radius, length, b, segments),
                     glm::translate(glm::mat4(1.0f), glm::vec3(x0, 0, 0)) * kYToX);
}

// Where a prop end is: the world point, or a point in a joint's frame (its scale removed,
// so offsets stay metres whatever units the figure is in).
glm::vec3 endPoint(const PropPoseJob& job, int joint, const glm::vec3& position) {
  if (joint < 0) return position;
  const glm::mat4 m = job.figureModel * job.jointModel[static_cast<std::size_t>(joint)];
  const glm::mat3 axes(glm::normalize(glm::vec3(m[0])), glm::normalize(glm::vec3(m[1])), glm::normalize(glm::vec3(m[2])));
  return glm::vec3(m[3]) + axes * position;
}

}  // namespace

std::optional<PropKind> propKindFromName(std::string_view name) {
  for (std::size_t i = 0; i < kPropKindNames.size(); ++i)
    if (kPropKindNames[i] == name) return static_cast<PropKind>(i);
  return std::nullopt;
}

float stretchRadius(PropKind kind) { return kind == PropKind::Cable ? 0.004f : 0.009f; }

std::vector<PropPart> buildPropParts(const PropInstance& prop) {
  const glm::vec3 s = glm::max(prop.size, glm::vec3(0.005f));
  std::vector<PropPart> parts;
  switch (prop.kind) {
    case PropKind::Box:
      parts.push_back({makeRoundedBox(s, 0.02f, 3), kBoxColor});
      break;
    case PropKind::Mat:
      parts.push_back({makeRoundedBox(s, s.y * 0.5f, 2), kMatColor});
      break;
    case PropKind::Bench: {
      // A padded top on two flat steel legs.
      const float pad = std::min(0.09f, s.y * 0.35f);
      parts.push_back({transformed(makeRoundedBox({s.x, pad, s.z}, 0.025f, 3),
                                   glm::translate(glm::mat4(1.0f), glm::vec3(0, s.y * 0.5f - pad * 0.5f, 0))),
                       kPadColor});
      TriangleMesh legs;
      const float legHeight = s.y - pad + 0.01f;  // slightly into the pad: no gap
      const float legX = std::max(0.0f, s.x * 0.5f - std::min(0.07f, s.x * 0.2f));
      for (const float side : {-1.0f, 1.0f})
        appendMesh(legs, makeRoundedBox({0.045f, legHeight, s.z * 0.85f}, 0.012f, 2),
                   glm::translate(glm::mat4(1.0f), glm::vec3(side * legX, -s.y * 0.5f + legHeight * 0.5f, 0)));
      parts.push_back({std::move(legs), kSteelColor});
      break;
    }
    case PropKind::Dumbbell: {
      const float head = s.x * 0.24f, radius = s.y * 0.5f;
      TriangleMesh heads = barAlongX(radius, -s.x * 0.5f, -s.x * 0.5f + head, 0.012f, 32);
      appendMesh(heads, barAlongX(radius, s.x * 0.5f - head, s.x * 0.5f, 0.012f, 32), glm::mat4(1.0f));
      parts.push_back({std::move(heads), kIronColor});
      const float handle = std::max(0.014f, radius * 0.28f);
      parts.push_back({barAlongX(handle, -s.x * 0.5f + head - 0.01f, s.x * 0.5f - head + 0.01f, 0.004f, 20), kSteelColor});
      break;
    }
    case PropKind::Kettlebell: {
      const float d = s.x;
      const float ring = d * 0.36f, tube = std::max(0.012f, d * 0.085f);
      const float base = ring + tube - s.y;  // the bell's flat base (y), handle top at ring + tube
      const float r = d * 0.5f, flat = d * 0.28f;
      const float cy = base + std::sqrt(r * r - flat * flat);
      std::vector<glm::vec2> profile{{0.0f, base}, {flat, base}}, normals{{0, -1}, {0, -1}};
      const float start = -std::acos(flat / r);
      constexpr int kSteps = 20;
      for (int i = 0; i <= kSteps; ++i) {
        const float a = start + (kPi * 0.5f - start) * float(i) / float(kSteps);
        profile.push_back({r * std::cos(a), cy + r * std::sin(a)});
        normals.push_back({std::cos(a), std::sin(a)});
      }
      profile.back().x = 0.0f;
      parts.push_back({makeLathe(profile, normals, 40), kIronColor});
      parts.push_back({makeTorus(ring, tube, 40, 14), kIronColor});
      break;
    }
    case PropKind::Band:
    case PropKind::Cable: {
      parts.push_back({makeRoundedCylinder(1.0f, 1.0f, 0.01f, 12), prop.kind == PropKind::Band ? kBandColor : kCableColor,
                       PropFrame::Stretch});
      // A world end is tied to a post standing on the floor.
      const bool worldEnd = prop.toJoint < 0 || prop.joint < 0;
      if (worldEnd) {
        const glm::vec3 end = prop.toJoint < 0 ? prop.toPosition : prop.position;
        const glm::vec3 foot(end.x, 0.0f, end.z);
        TriangleMesh post = transformed(makeRoundedCylinder(0.15f, 0.03f, 0.012f, 40), glm::translate(glm::mat4(1.0f), foot));
        appendMesh(post, makeRoundedCylinder(0.025f, std::max(0.1f, end.y + 0.06f), 0.01f, 20),
                   glm::translate(glm::mat4(1.0f), foot));
        appendMesh(post, makeSphere(0.032f, 20), glm::translate(glm::mat4(1.0f), end));
        parts.push_back({std::move(post), kPostColor, PropFrame::World});
      }
      break;
    }
  }
  return parts;
}

bool PropPoseJob::Validate() const {
  if (transforms.size() != props.size() || stretches.size() != props.size()) return false;
  for (const PropInstance& p : props) {
    for (const int j : {p.joint, p.jointParent, p.toJoint})
      if (j >= static_cast<int>(jointModel.size())) return false;
  }
  return true;
}

bool PropPoseJob::Run() const {
  if (!Validate()) return false;
  for (std::size_t i = 0; i < props.size(); ++i) {
    const PropInstance& p = props[i];
    glm::mat4& transform = transforms[i];
    stretches[i] = glm::mat4(1.0f);
    const glm::vec3 origin = endPoint(*this, p.joint, p.position);
    if (p.stretched()) {
      // The unit tube's y axis runs from this end to the other; x and z are its radius.
      const glm::vec3 other = endPoint(*this, p.toJoint, p.toPosition);
      glm::vec3 axis = other - origin;
      if (glm::length(axis) < 1e-4f) axis = glm::vec3(0, 1e-4f, 0);
      const glm::vec3 dir = glm::normalize(axis);
      const glm::vec3 helper = std::abs(dir.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
      const glm::vec3 side = glm::normalize(glm::cross(helper, dir));
      const glm::vec3 third = glm::cross(side, dir);
      const float r = stretchRadius(p.kind);
      stretches[i] = glm::mat4(glm::vec4(side * r, 0), glm::vec4(axis, 0), glm::vec4(third * r, 0), glm::vec4(origin, 1));
      transform = glm::translate(glm::mat4(1.0f), origin);
      continue;
    }
    if (p.joint < 0) {
      // On the floor at least: a mat given at y = 0 lies on it rather than half under it.
      glm::vec3 at = origin;
      if (p.kind == PropKind::Box || p.kind == PropKind::Bench || p.kind == PropKind::Mat)
        at.y = std::max(at.y, p.size.y * 0.5f);
      transform = glm::translate(glm::mat4(1.0f), at);
      continue;
    }
    const glm::mat4 joint = figureModel * jointModel[static_cast<std::size_t>(p.joint)];
    // A hand joint sits at the wrist; weights are gripped a palm's length further along the fingers.
    glm::vec3 grip = origin;
    glm::vec3 fingers(0.0f);
    if (p.jointParent >= 0) {
      const glm::vec3 along = glm::vec3(joint[3]) - glm::vec3(figureModel * jointModel[static_cast<std::size_t>(p.jointParent)][3]);
      if (glm::length(along) > 1e-5f) fingers = glm::normalize(along);
      if (p.kind == PropKind::Dumbbell || p.kind == PropKind::Kettlebell) grip += fingers * kPalm;
    }
    glm::mat3 axes(glm::normalize(glm::vec3(joint[0])), glm::normalize(glm::vec3(joint[1])),
                   glm::normalize(glm::vec3(joint[2])));
    if (p.kind == PropKind::Kettlebell) {
      // A kettlebell hangs: upright in the figure's frame wherever the hands are.
      axes = glm::mat3(glm::normalize(glm::vec3(figureModel[0])), glm::normalize(glm::vec3(figureModel[1])),
                       glm::normalize(glm::vec3(figureModel[2])));
    } else if (p.kind == PropKind::Dumbbell && glm::length(fingers) > 0.5f) {
      // The handle lies across the palm: the hand's x axis made square to the forearm.
      {
        const glm::vec3 f = fingers;
        glm::vec3 x = axes[0] - f * glm::dot(axes[0], f);
        if (glm::length(x) < 1e-4f) x = axes[2] - f * glm::dot(axes[2], f);
        x = glm::normalize(x);
        const glm::vec3 y = -f;
        axes = glm::mat3(x, y, glm::cross(x, y));
      }
    }
    transform = glm::mat4(glm::vec4(axes[0], 0), glm::vec4(axes[1], 0), glm::vec4(axes[2], 0), glm::vec4(grip, 1));
  }
  return true;
}

}  // namespace formviz::render
