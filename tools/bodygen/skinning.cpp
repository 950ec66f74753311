// [SECTION] Skinning: weights from bone ownership and joint blending, and CPU posing.
//
// Each vertex starts fully on the bone of the primitive that makes its surface (so an
// arm never takes weight from the trunk it nearly touches). Across each joint the
// weight moves from the parent bone to the child bone with a smoothstep over a band
// of joint-specific width, measured along the child bone. Three umbrella passes over
// the mesh then diffuse the weights along the surface (a cheap stand-in for heat
// diffusion), the four largest are kept and quantised to multiples of 2^-16 so that
// they sum to exactly 1 in float.
#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "body.h"

namespace formviz::body {

namespace {

float smoothstep(float e0, float e1, float x) {
  const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

struct JointBlend {
  glm::vec3 dir{0.0f, 1.0f, 0.0f};  // direction of the joint's own bone (toward its child)
  float band = 0.03f;                // half width of the blend band along dir, metres
  float reach = 1.0f;                // radius around the bone axis the band applies in
};

std::vector<JointBlend> jointBlends(const Skeleton& sk, float k) {
  std::vector<JointBlend> out(static_cast<size_t>(sk.size()));
  for (int j = 0; j < sk.size(); ++j) {
    const std::string& name = sk.joints[static_cast<size_t>(j)].name;
    JointBlend& b = out[static_cast<size_t>(j)];
    int child = -1;
    for (int c = j + 1; c < sk.size(); ++c) {
      if (sk.joints[static_cast<size_t>(c)].parent == j) {
        child = c;
        break;
      }
    }
    const glm::vec3 p = sk.joints[static_cast<size_t>(j)].position;
    if (name == "hips" || name == "head") {
      b.dir = {0.0f, 1.0f, 0.0f};
    } else if (name.ends_with("Toes")) {
      b.dir = {0.0f, 0.0f, 1.0f};
    } else if (name.ends_with("Foot")) {
      b.dir = glm::normalize(sk.joints[static_cast<size_t>(child)].position - p);
    } else if (name.ends_with("ThumbProximal") || name.ends_with("MiddleProximal")) {
      const int hand = sk.joints[static_cast<size_t>(j)].parent;
      const int arm = sk.joints[static_cast<size_t>(hand)].parent;
      b.dir = glm::normalize(sk.joints[static_cast<size_t>(hand)].position - sk.joints[static_cast<size_t>(arm)].position);
    } else if (name.ends_with("Hand")) {
      b.dir = glm::normalize(p - sk.joints[static_cast<size_t>(sk.joints[static_cast<size_t>(j)].parent)].position);
    } else if (child >= 0) {
      b.dir = glm::normalize(sk.joints[static_cast<size_t>(child)].position - p);
    }
    // Band half-widths (for a 1.75 m figure) and reach of each joint.
    float band = 0.03f, reach = 1.0f;
    if (name == "spine" || name == "chest" || name == "upperChest") band = 0.07f;
    else if (name == "neck") band = 0.035f;
    else if (name == "head") band = 0.03f;
    else if (name.ends_with("Shoulder")) { band = 0.05f; reach = 0.12f; }
    else if (name.ends_with("UpperArm")) { band = 0.055f; reach = 0.13f; }
    else if (name.ends_with("LowerArm")) band = 0.035f;
    else if (name.ends_with("Hand")) band = 0.025f;
    else if (name.ends_with("ThumbProximal") || name.ends_with("MiddleProximal")) { band = 0.015f; reach = 0.05f; }
    else if (name.ends_with("UpperLeg")) { band = 0.07f; reach = 0.13f; }
    else if (name.ends_with("LowerLeg")) band = 0.04f;
    else if (name.ends_with("Foot")) band = 0.03f;
    else if (name.ends_with("Toes")) { band = 0.015f; reach = 0.08f; }
    b.band = band * k;
    b.reach = reach * k;
  }
  return out;
}

// Fraction of a vertex at p that belongs to joint j's bone rather than to its parent.
float childShare(const Skeleton& sk, const std::vector<JointBlend>& blends, int j, const glm::vec3& p) {
  const JointBlend& b = blends[static_cast<size_t>(j)];
  const glm::vec3 rel = p - sk.joints[static_cast<size_t>(j)].position;
  const float along = glm::dot(rel, b.dir);
  const float radial = glm::length(rel - b.dir * along);
  return smoothstep(-b.band, b.band, along) * (1.0f - smoothstep(b.reach, b.reach * 1.4f, radial));
}

glm::mat3 axisAngle(glm::vec3 axis, float degrees) {
  return glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(degrees), glm::normalize(axis)));
}

// Rotation taking unit vector a onto unit vector b (a != -b).
glm::mat3 rotationBetween(glm::vec3 a, glm::vec3 b) {
  const glm::vec3 v = glm::cross(a, b);
  const float c = glm::dot(a, b);
  const glm::mat3 vx(glm::vec3(0.0f, v.z, -v.y), glm::vec3(-v.z, 0.0f, v.x), glm::vec3(v.y, -v.x, 0.0f));
  return glm::mat3(1.0f) + vx + vx * vx * (1.0f / (1.0f + c));
}

}  // namespace

void computeSkinWeights(const Shape& shape, const Rig& rig, Mesh& mesh) {
  const Skeleton& sk = rig.skeleton;
  const size_t nj = static_cast<size_t>(sk.size());
  const size_t nv = mesh.positions.size();
  const auto blends = jointBlends(sk, rig.landmarks.vertex.y / 1.75f);
  std::vector<std::vector<int>> children(nj);
  for (int j = 1; j < sk.size(); ++j) children[static_cast<size_t>(sk.joints[static_cast<size_t>(j)].parent)].push_back(j);

  std::vector<float> w(nv * nj, 0.0f);
  for (size_t v = 0; v < nv; ++v) {
    const glm::vec3 p = mesh.positions[v];
    float* wv = &w[v * nj];
    const int owner = shape.owner(p);
    float own = 1.0f;
    const int parent = sk.joints[static_cast<size_t>(owner)].parent;
    if (parent >= 0) {
      const float s = childShare(sk, blends, owner, p);
      wv[parent] += 1.0f - s;
      own = s;
    }
    for (int c : children[static_cast<size_t>(owner)]) {
      const float g = childShare(sk, blends, c, p);
      wv[c] += own * g;
      own *= 1.0f - g;
    }
    wv[owner] += own;
  }

  // Diffuse along the surface: umbrella passes over the one-ring.
  std::vector<std::vector<std::uint32_t>> nb(nv);
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    for (size_t e = 0; e < 3; ++e) {
      const std::uint32_t a = mesh.indices[t + e], b = mesh.indices[t + (e + 1) % 3];
      nb[a].push_back(b);
      nb[b].push_back(a);
    }
  }
  for (auto& list : nb) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  std::vector<float> next(w.size());
  for (int it = 0; it < 3; ++it) {
    for (size_t v = 0; v < nv; ++v) {
      const float inv = 1.0f / static_cast<float>(nb[v].size());
      for (size_t j = 0; j < nj; ++j) {
        float s = 0.0f;
        for (std::uint32_t n : nb[v]) s += w[n * nj + j];
        next[v * nj + j] = 0.5f * w[v * nj + j] + 0.5f * s * inv;
      }
    }
    w.swap(next);
  }

  // Four largest, quantised so the sum is exactly 1.
  constexpr int kQ = 65536;
  mesh.joints.assign(nv, {0, 0, 0, 0});
  mesh.weights.assign(nv, glm::vec4(0.0f));
  for (size_t v = 0; v < nv; ++v) {
    std::vector<std::pair<float, int>> order;
    for (size_t j = 0; j < nj; ++j) order.emplace_back(w[v * nj + j], static_cast<int>(j));
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    float total = 0.0f;
    int used = 0;
    for (; used < 4 && order[static_cast<size_t>(used)].first > 1.0f / 256.0f; ++used) total += order[static_cast<size_t>(used)].first;
    int q[4] = {0, 0, 0, 0};
    int sum = 0;
    for (int i = 0; i < used; ++i) {
      q[i] = static_cast<int>(std::lround(order[static_cast<size_t>(i)].first / total * static_cast<float>(kQ)));
      sum += q[i];
    }
    q[0] += kQ - sum;  // the largest absorbs the rounding
    for (int i = 0; i < used; ++i) {
      mesh.joints[v][static_cast<size_t>(i)] = static_cast<std::uint8_t>(order[static_cast<size_t>(i)].second);
      mesh.weights[v][i] = static_cast<float>(q[i]) / static_cast<float>(kQ);
    }
    // Rounding can leave a trailing zero weight; clear its joint so indices stay unique.
    for (int i = 0; i < 4; ++i) {
      if (mesh.weights[v][i] == 0.0f) mesh.joints[v][static_cast<size_t>(i)] = 0;
    }
  }
}

Pose restPose(const Skeleton& skeleton) {
  Pose pose;
  pose.rotations.assign(static_cast<size_t>(skeleton.size()), glm::mat3(1.0f));
  return pose;
}

void rotateJoint(Pose& pose, const Skeleton& skeleton, std::string_view name, glm::vec3 axis, float degrees) {
  const int j = skeleton.find(name);
  if (j < 0) return;
  pose.rotations[static_cast<size_t>(j)] = axisAngle(axis, degrees) * pose.rotations[static_cast<size_t>(j)];
}

std::vector<glm::mat4> globalTransforms(const Skeleton& skeleton, const Pose& pose) {
  std::vector<glm::mat4> g(static_cast<size_t>(skeleton.size()));
  for (int j = 0; j < skeleton.size(); ++j) {
    const Joint& joint = skeleton.joints[static_cast<size_t>(j)];
    glm::mat4 local(pose.rotations[static_cast<size_t>(j)]);
    if (joint.parent < 0) {
      local[3] = glm::vec4(joint.position + pose.rootOffset, 1.0f);
      g[static_cast<size_t>(j)] = local;
    } else {
      local[3] = glm::vec4(joint.position - skeleton.joints[static_cast<size_t>(joint.parent)].position, 1.0f);
      g[static_cast<size_t>(j)] = g[static_cast<size_t>(joint.parent)] * local;
    }
  }
  return g;
}

std::vector<glm::vec3> skinPositions(const Mesh& mesh, const Skeleton& skeleton, const Pose& pose,
                                     std::vector<glm::vec3>* normalsOut) {
  const auto g = globalTransforms(skeleton, pose);
  std::vector<glm::mat4> palette(g.size());
  for (size_t j = 0; j < g.size(); ++j) {
    palette[j] = g[j] * glm::translate(glm::mat4(1.0f), -skeleton.joints[j].position);
  }
  std::vector<glm::vec3> out(mesh.positions.size());
  if (normalsOut) normalsOut->resize(mesh.positions.size());
  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    glm::mat4 m(0.0f);
    for (int i = 0; i < 4; ++i) m += palette[mesh.joints[v][static_cast<size_t>(i)]] * mesh.weights[v][i];
    out[v] = glm::vec3(m * glm::vec4(mesh.positions[v], 1.0f));
    if (normalsOut) (*normalsOut)[v] = glm::normalize(glm::mat3(m) * mesh.normals[v]);
  }
  return out;
}

namespace {

// Sets joint `name`'s local rotation so that its bone (toward `childName`) points along
// the model-space direction `target`, given the rotations of its ancestors already set.
void aim(Pose& pose, const Skeleton& sk, const char* name, const char* childName, glm::vec3 target) {
  const int j = sk.find(name), c = sk.find(childName);
  const int parent = sk.joints[static_cast<size_t>(j)].parent;
  const auto g = globalTransforms(sk, pose);
  const glm::mat3 parentRot = parent >= 0 ? glm::mat3(g[static_cast<size_t>(parent)]) : glm::mat3(1.0f);
  const glm::vec3 rest = glm::normalize(sk.joints[static_cast<size_t>(c)].position - sk.joints[static_cast<size_t>(j)].position);
  const glm::mat3 world = rotationBetween(rest, glm::normalize(target));
  pose.rotations[static_cast<size_t>(j)] = glm::transpose(parentRot) * world;
}

}  // namespace

Pose deepSquatPose(const Skeleton& sk) {
  Pose pose = restPose(sk);
  const glm::vec3 x{1.0f, 0.0f, 0.0f};
  rotateJoint(pose, sk, "hips", x, 28.0f);  // trunk leans forward with the pelvis
  rotateJoint(pose, sk, "spine", x, 6.0f);
  rotateJoint(pose, sk, "chest", x, 4.0f);
  rotateJoint(pose, sk, "neck", x, -18.0f);
  rotateJoint(pose, sk, "head", x, -12.0f);
  const float thighDown = 100.0f, shankLean = 38.0f;  // segment angles from vertical
  for (const char* side : {"left", "right"}) {
    const std::string s = side;
    const float sx = s == "left" ? 1.0f : -1.0f;
    const float th = glm::radians(thighDown), sh = glm::radians(shankLean);
    // Thighs forward and a little apart (knees over the toes), shanks leaning forward.
    aim(pose, sk, (s + "UpperLeg").c_str(), (s + "LowerLeg").c_str(), glm::vec3(sx * 0.28f, -std::cos(th), std::sin(th)));
    aim(pose, sk, (s + "LowerLeg").c_str(), (s + "Foot").c_str(), glm::vec3(sx * 0.05f, -std::cos(sh), -std::sin(sh)));
    aim(pose, sk, (s + "Foot").c_str(), (s + "Toes").c_str(),
        sk.joints[static_cast<size_t>(sk.find(s + "Toes"))].position - sk.joints[static_cast<size_t>(sk.find(s + "Foot"))].position);
    // Arms reach forward for balance.
    aim(pose, sk, (s + "UpperArm").c_str(), (s + "LowerArm").c_str(), glm::vec3(sx * 0.15f, 0.05f, 1.0f));
    aim(pose, sk, (s + "LowerArm").c_str(), (s + "Hand").c_str(), glm::vec3(sx * 0.05f, 0.05f, 1.0f));
  }
  // Keep the feet where they were: move the root so the left ankle returns to rest.
  const int ankle = sk.find("leftFoot");
  const auto g = globalTransforms(sk, pose);
  pose.rootOffset = sk.joints[static_cast<size_t>(ankle)].position - glm::vec3(g[static_cast<size_t>(ankle)][3]);
  return pose;
}

Pose deepFlexionPose(const Skeleton& sk) {
  Pose pose = restPose(sk);
  rotateJoint(pose, sk, "leftUpperLeg", {1.0f, 0.0f, 0.0f}, -110.0f);
  rotateJoint(pose, sk, "leftLowerLeg", {1.0f, 0.0f, 0.0f}, 130.0f);
  const glm::vec3 arm = glm::normalize(sk.joints[static_cast<size_t>(sk.find("leftLowerArm"))].position -
                                       sk.joints[static_cast<size_t>(sk.find("leftUpperArm"))].position);
  rotateJoint(pose, sk, "leftLowerArm", glm::cross(arm, glm::vec3(0.0f, 0.0f, 1.0f)), 140.0f);
  return pose;
}

}  // namespace formviz::body
