#include "render/mesh.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include "core/math.h"

namespace formviz::render {
namespace {

// A lathe: rings of (radius, y) profile points revolved about +Y; first and last
// rings have radius 0 (the poles), so the surface is closed.
TriangleMesh revolveProfile(const std::vector<glm::vec2>& profile, const std::vector<glm::vec2>& profileNormals,
                     int segments) {
  TriangleMesh mesh;
  const auto ringSize = static_cast<std::uint32_t>(segments + 1);  // seam duplicated for simple indexing
  for (std::size_t r = 0; r < profile.size(); ++r) {
    for (int s = 0; s <= segments; ++s) {
      const float angle = kTwoPi * static_cast<float>(s) / static_cast<float>(segments);
      const glm::vec3 around(std::sin(angle), 0.0f, std::cos(angle));
      mesh.positions.push_back(around * profile[r].x + glm::vec3(0, profile[r].y, 0));
      mesh.normals.push_back(glm::normalize(around * profileNormals[r].x + glm::vec3(0, profileNormals[r].y, 0)));
    }
  }
  for (std::uint32_t r = 0; r + 1 < profile.size(); ++r) {
    for (std::uint32_t s = 0; s < static_cast<std::uint32_t>(segments); ++s) {
      const std::uint32_t a = r * ringSize + s, b = a + 1, c = a + ringSize, d = c + 1;
      // profile runs from bottom to top; (a, b, c) winds counter-clockwise from outside
      if (r != 0) mesh.indices.insert(mesh.indices.end(), {a, b, d});
      if (r + 2 != profile.size()) mesh.indices.insert(mesh.indices.end(), {a, d, c});
    }
  }
  return mesh;
}

void addHemisphere(std::vector<glm::vec2>& profile, std::vector<glm::vec2>& normals, float radius, float centreY,
                   bool bottom, int rings) {
  for (int i = 0; i <= rings; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(rings);
    const float polar = bottom ? -kPi * 0.5f + t * kPi * 0.5f : t * kPi * 0.5f;  // -90..0 or 0..90 degrees
    const glm::vec2 n(std::cos(polar), std::sin(polar));
    profile.push_back(glm::vec2(n.x * radius, centreY + n.y * radius));
    normals.push_back(n);
  }
}

}  // namespace

TriangleMesh makeSphere(float radius, int segments) {
  assert(segments >= 3 && "makeSphere: segments must be at least 3");
  std::vector<glm::vec2> profile, normals;
  const int rings = std::max(2, segments / 2);
  for (int i = 0; i <= rings; ++i) {
    const float polar = -kPi * 0.5f + kPi * static_cast<float>(i) / static_cast<float>(rings);
    const glm::vec2 n(std::cos(polar), std::sin(polar));
    profile.push_back(n * radius);
    normals.push_back(n);
  }
  profile.front().x = profile.back().x = 0.0f;
  return revolveProfile(profile, normals, segments);
}

TriangleMesh makeCapsule(float radius, float height, int segments, int lengthSegments) {
  assert(segments >= 3 && height >= 2.0f * radius && "makeCapsule: needs segments >= 3 and height >= 2 * radius");
  std::vector<glm::vec2> profile, normals;
  const int rings = std::max(2, segments / 4);
  addHemisphere(profile, normals, radius, radius, true, rings);
  for (int i = 1; i < lengthSegments; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(lengthSegments);
    profile.push_back(glm::vec2(radius, radius + t * (height - 2.0f * radius)));
    normals.push_back(glm::vec2(1.0f, 0.0f));
  }
  addHemisphere(profile, normals, radius, height - radius, false, rings);
  profile.front().x = profile.back().x = 0.0f;
  return revolveProfile(profile, normals, segments);
}

TriangleMesh makeLathe(const std::vector<glm::vec2>& profile, const std::vector<glm::vec2>& profileNormals,
                       int segments) {
  assert(segments >= 3 && profile.size() >= 3 && profile.size() == profileNormals.size() &&
         profile.front().x == 0.0f && profile.back().x == 0.0f && "makeLathe: needs poles and a normal per point");
  return revolveProfile(profile, profileNormals, segments);
}

TriangleMesh makeRoundedBox(const glm::vec3& size, float radius, int segments) {
  assert(segments >= 1 && radius > 0.0f && "makeRoundedBox: needs segments >= 1 and radius > 0");
  const glm::vec3 half = size * 0.5f;
  const float r = std::min(radius, std::min(half.x, std::min(half.y, half.z)));
  const glm::vec3 inner = half - glm::vec3(r);
  // Each face is a grid on the cube of `half`; every grid point p is pushed onto the rounded
  // surface: inner box + r * direction(p - clamp(p, inner)). On a face the rounded band is
  // 45 degrees of each edge's arc; grid lines at r * tan(angle) spread its vertices evenly.
  auto coordinates = [&](float innerHalf) {
    std::vector<float> c;
    for (int k = segments; k >= 1; --k) c.push_back(-innerHalf - r * std::tan(kPi * 0.25f * float(k) / float(segments)));
    c.push_back(-innerHalf);
    if (innerHalf > 1e-6f) c.push_back(innerHalf);
    for (int k = 1; k <= segments; ++k) c.push_back(innerHalf + r * std::tan(kPi * 0.25f * float(k) / float(segments)));
    return c;
  };
  const std::array<std::vector<float>, 3> axes = {coordinates(inner.x), coordinates(inner.y), coordinates(inner.z)};
  TriangleMesh mesh;
  for (int axis = 0; axis < 3; ++axis) {
    const int u = (axis + 1) % 3, v = (axis + 2) % 3;  // u x v = +axis
    for (const float sign : {1.0f, -1.0f}) {
      const auto base = static_cast<std::uint32_t>(mesh.positions.size());
      const std::vector<float>& cu = axes[static_cast<std::size_t>(u)];
      const std::vector<float>& cv = axes[static_cast<std::size_t>(v)];
      for (float b : cv) {
        for (float a : cu) {
          glm::vec3 p(0.0f);
          p[axis] = sign * half[axis];
          p[u] = a;
          p[v] = b;
          const glm::vec3 n = glm::normalize(p - glm::clamp(p, -inner, inner));
          mesh.positions.push_back(glm::clamp(p, -inner, inner) + n * r);
          mesh.normals.push_back(n);
        }
      }
      const auto nu = static_cast<std::uint32_t>(cu.size());
      for (std::uint32_t j = 0; j + 1 < cv.size(); ++j) {
        for (std::uint32_t i = 0; i + 1 < nu; ++i) {
          const std::uint32_t a = base + j * nu + i, b = a + 1, c = a + nu, d = c + 1;
          if (sign > 0.0f) mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
          else mesh.indices.insert(mesh.indices.end(), {a, d, b, a, c, d});
        }
      }
    }
  }
  return mesh;
}

TriangleMesh makeRoundedCylinder(float radius, float length, float bevel, int segments) {
  assert(bevel > 0.0f && bevel <= radius && 2.0f * bevel <= length && "makeRoundedCylinder: bad bevel");
  std::vector<glm::vec2> profile{{0.0f, 0.0f}}, normals{{0.0f, -1.0f}};
  constexpr int kArc = 4;  // steps per rounded rim
  for (int i = 0; i <= kArc; ++i) {  // bottom rim, from facing down to facing out
    const float a = -kPi * 0.5f + kPi * 0.5f * float(i) / float(kArc);
    profile.push_back({radius - bevel + bevel * std::cos(a), bevel + bevel * std::sin(a)});
    normals.push_back({std::cos(a), std::sin(a)});
  }
  for (int i = 0; i <= kArc; ++i) {  // top rim, from facing out to facing up
    const float a = kPi * 0.5f * float(i) / float(kArc);
    profile.push_back({radius - bevel + bevel * std::cos(a), length - bevel + bevel * std::sin(a)});
    normals.push_back({std::cos(a), std::sin(a)});
  }
  if (2.0f * bevel >= length - 1e-6f) {  // rims meet: drop the repeated ring between them
    profile.erase(profile.begin() + kArc + 2);
    normals.erase(normals.begin() + kArc + 2);
  }
  if (bevel >= radius - 1e-6f) {  // fully round ends: the rims start and end at the poles
    profile.erase(profile.begin() + 1);
    normals.erase(normals.begin() + 1);
    profile.pop_back();
    normals.pop_back();
  }
  profile.push_back({0.0f, length});
  normals.push_back({0.0f, 1.0f});
  return revolveProfile(profile, normals, segments);
}

TriangleMesh makeTorus(float majorRadius, float minorRadius, int majorSegments, int minorSegments) {
  assert(majorSegments >= 3 && minorSegments >= 3 && minorRadius < majorRadius && "makeTorus: bad sizes");
  TriangleMesh mesh;
  const auto ring = static_cast<std::uint32_t>(minorSegments + 1);
  for (int i = 0; i <= majorSegments; ++i) {
    const float a = kTwoPi * float(i) / float(majorSegments);
    const glm::vec3 out(std::cos(a), std::sin(a), 0.0f);
    for (int j = 0; j <= minorSegments; ++j) {
      const float b = kTwoPi * float(j) / float(minorSegments);
      const glm::vec3 n = out * std::cos(b) + glm::vec3(0.0f, 0.0f, std::sin(b));
      mesh.positions.push_back(out * majorRadius + n * minorRadius);
      mesh.normals.push_back(n);
    }
  }
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(majorSegments); ++i) {
    for (std::uint32_t j = 0; j < static_cast<std::uint32_t>(minorSegments); ++j) {
      const std::uint32_t a = i * ring + j, b = a + ring, c = a + 1, d = b + 1;
      mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
    }
  }
  return mesh;
}

void appendMesh(TriangleMesh& target, const TriangleMesh& source, const glm::mat4& transform) {
  const auto base = static_cast<std::uint32_t>(target.positions.size());
  const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(transform)));
  for (std::size_t i = 0; i < source.positions.size(); ++i) {
    target.positions.push_back(glm::vec3(transform * glm::vec4(source.positions[i], 1.0f)));
    target.normals.push_back(glm::normalize(normalMatrix * source.normals[i]));
  }
  for (std::uint32_t index : source.indices) target.indices.push_back(base + index);
}

}  // namespace formviz::render
