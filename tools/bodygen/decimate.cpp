// [SECTION] Decimation: quadric-error edge collapse (Garland & Heckbert 1997) that keeps
// the mesh a closed 2-manifold and puts every new vertex back on the body's surface.
//
// A collapse of edge (a, b) is refused when it would break the link condition (the
// one-rings of a and b may share only the two vertices opposite the edge), flip or
// squash a triangle, or make an edge longer than `maxEdge` (long edges bend badly
// under skinning; `fineMaxEdge` on bones that need detail). Ties break on vertex indices, so the result is deterministic.
#include <algorithm>
#include <array>
#include <cmath>
#include <queue>
#include <tuple>

#include "body.h"

namespace formviz::body {

namespace {

using Quadric = std::array<double, 10>;  // symmetric 4x4: xx xy xz xw yy yz yw zz zw ww

Quadric planeQuadric(const glm::dvec3& n, double d) {
  return {n.x * n.x, n.x * n.y, n.x * n.z, n.x * d, n.y * n.y, n.y * n.z, n.y * d, n.z * n.z, n.z * d, d * d};
}
void add(Quadric& a, const Quadric& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] += b[i];
}
double evaluate(const Quadric& q, const glm::dvec3& p) {
  const double x = p.x, y = p.y, z = p.z;
  return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y +
         q[7] * z * z + 2 * q[8] * z + q[9];
}

struct Candidate {
  double cost;
  std::uint32_t a, b;
  std::uint32_t stampA, stampB;
  bool operator<(const Candidate& o) const {  // std::priority_queue pops the largest: invert
    return std::tie(cost, a, b) > std::tie(o.cost, o.a, o.b);
  }
};

float quality(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
  const float area2 = glm::length(glm::cross(b - a, c - a));
  const float sum = glm::dot(b - a, b - a) + glm::dot(c - b, c - b) + glm::dot(a - c, a - c);
  return sum > 0.0f ? 2.0f * std::sqrt(3.0f) * area2 / sum : 0.0f;  // 1 for equilateral
}

}  // namespace

void decimate(Mesh& mesh, const Shape& shape, int targetTriangles, float maxEdge, const std::vector<int>& fineBones,
              float fineMaxEdge) {
  const size_t nv = mesh.positions.size();
  std::vector<float> limit(nv, maxEdge);
  if (!fineBones.empty()) {
    for (size_t v = 0; v < nv; ++v) {
      const int owner = shape.owner(mesh.positions[v]);
      if (std::find(fineBones.begin(), fineBones.end(), owner) != fineBones.end()) limit[v] = fineMaxEdge;
    }
  }
  std::vector<std::array<std::uint32_t, 3>> tris(mesh.indices.size() / 3);
  for (size_t t = 0; t < tris.size(); ++t) tris[t] = {mesh.indices[3 * t], mesh.indices[3 * t + 1], mesh.indices[3 * t + 2]};
  std::vector<bool> triAlive(tris.size(), true);
  std::vector<std::vector<std::uint32_t>> vertTris(nv);
  for (size_t t = 0; t < tris.size(); ++t)
    for (std::uint32_t v : tris[t]) vertTris[v].push_back(static_cast<std::uint32_t>(t));
  std::vector<Quadric> quadric(nv, Quadric{});
  for (const auto& t : tris) {
    const glm::dvec3 a(mesh.positions[t[0]]), b(mesh.positions[t[1]]), c(mesh.positions[t[2]]);
    const glm::dvec3 cr = glm::cross(b - a, c - a);
    const double len = glm::length(cr);
    if (len <= 0.0) continue;
    const glm::dvec3 n = cr / len;
    Quadric q = planeQuadric(n, -glm::dot(n, a));
    for (double& x : q) x *= 0.5 * len;  // area weighted
    for (std::uint32_t v : t) add(quadric[v], q);
  }
  std::vector<std::uint32_t> stamp(nv, 0);
  std::vector<bool> vertAlive(nv, true);
  const double lengthWeight = 1e-4;

  auto neighbours = [&](std::uint32_t v) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t t : vertTris[v]) {
      if (!triAlive[t]) continue;
      for (std::uint32_t w : tris[t])
        if (w != v) out.push_back(w);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  auto target = [&](std::uint32_t a, std::uint32_t b) {
    const glm::dvec3 pa(mesh.positions[a]), pb(mesh.positions[b]);
    Quadric q = quadric[a];
    add(q, quadric[b]);
    const glm::dvec3 mid = 0.5 * (pa + pb);
    glm::dvec3 best = mid;
    double err = evaluate(q, mid);
    for (const glm::dvec3& p : {pa, pb}) {
      const double e = evaluate(q, p);
      if (e < err) {
        err = e;
        best = p;
      }
    }
    return std::pair<glm::dvec3, double>(best, err);
  };
  std::priority_queue<Candidate> queue;
  auto push = [&](std::uint32_t a, std::uint32_t b) {
    if (a > b) std::swap(a, b);
    const auto [p, err] = target(a, b);
    const double len2 = glm::dot(glm::dvec3(mesh.positions[a]) - glm::dvec3(mesh.positions[b]),
                                 glm::dvec3(mesh.positions[a]) - glm::dvec3(mesh.positions[b]));
    queue.push({std::max(err, 0.0) + lengthWeight * len2, a, b, stamp[a], stamp[b]});
  };
  for (std::uint32_t v = 0; v < nv; ++v)
    for (std::uint32_t w : neighbours(v))
      if (v < w) push(v, w);

  int alive = static_cast<int>(tris.size());
  const float eps = 0.25f * maxEdge / 2.5f;
  while (alive > targetTriangles && !queue.empty()) {
    const Candidate c = queue.top();
    queue.pop();
    if (!vertAlive[c.a] || !vertAlive[c.b] || stamp[c.a] != c.stampA || stamp[c.b] != c.stampB) continue;
    const std::uint32_t a = c.a, b = c.b;
    // Link condition.
    const auto na = neighbours(a), nb = neighbours(b);
    std::vector<std::uint32_t> common;
    std::set_intersection(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(common));
    int shared = 0;
    for (std::uint32_t t : vertTris[a]) {
      if (!triAlive[t]) continue;
      if (tris[t][0] == b || tris[t][1] == b || tris[t][2] == b) ++shared;
    }
    if (shared != 2 || common.size() != 2) continue;
    // New position: the quadric's choice, projected back onto the surface.
    glm::vec3 p = glm::vec3(target(a, b).first);
    for (int i = 0; i < 2; ++i) {
      const float d = shape.distance(p);
      const glm::vec3 ex{eps, 0, 0}, ey{0, eps, 0}, ez{0, 0, eps};
      const glm::vec3 g = glm::vec3(shape.distance(p + ex) - shape.distance(p - ex), shape.distance(p + ey) - shape.distance(p - ey),
                                    shape.distance(p + ez) - shape.distance(p - ez)) / (2.0f * eps);
      const float g2 = glm::dot(g, g);
      if (g2 < 1e-8f) break;
      p -= g * (d / g2);
    }
    // Geometry checks on every surviving triangle around a or b.
    const float edgeLimit = std::min(limit[a], limit[b]);
    bool ok = true;
    for (std::uint32_t v : {a, b}) {
      for (std::uint32_t t : vertTris[v]) {
        if (!ok) break;
        if (!triAlive[t]) continue;
        const auto& tri = tris[t];
        const bool hasA = tri[0] == a || tri[1] == a || tri[2] == a;
        const bool hasB = tri[0] == b || tri[1] == b || tri[2] == b;
        if (hasA && hasB) continue;  // removed by the collapse
        glm::vec3 q[3], o[3];
        for (int k = 0; k < 3; ++k) {
          o[k] = mesh.positions[tri[static_cast<size_t>(k)]];
          q[k] = (tri[static_cast<size_t>(k)] == a || tri[static_cast<size_t>(k)] == b) ? p : o[k];
        }
        const glm::vec3 n0 = glm::cross(o[1] - o[0], o[2] - o[0]);
        const glm::vec3 n1 = glm::cross(q[1] - q[0], q[2] - q[0]);
        const float l0 = glm::length(n0), l1 = glm::length(n1);
        if (l1 <= 1e-10f || glm::dot(n0, n1) < 0.5f * l0 * l1) ok = false;
        else if (quality(q[0], q[1], q[2]) < 0.3f) ok = false;
        else if (glm::length(q[1] - q[0]) > edgeLimit || glm::length(q[2] - q[1]) > edgeLimit || glm::length(q[0] - q[2]) > edgeLimit) ok = false;
      }
    }
    if (!ok) continue;
    // Collapse b into a.
    mesh.positions[a] = p;
    limit[a] = edgeLimit;
    add(quadric[a], quadric[b]);
    vertAlive[b] = false;
    for (std::uint32_t t : vertTris[b]) {
      if (!triAlive[t]) continue;
      auto& tri = tris[t];
      const bool hasA = tri[0] == a || tri[1] == a || tri[2] == a;
      if (hasA) {
        triAlive[t] = false;
        --alive;
        continue;
      }
      for (std::uint32_t& v : tri)
        if (v == b) v = a;
      vertTris[a].push_back(t);
    }
    vertTris[b].clear();
    std::vector<std::uint32_t> cleaned;
    for (std::uint32_t t : vertTris[a])
      if (triAlive[t]) cleaned.push_back(t);
    std::sort(cleaned.begin(), cleaned.end());
    cleaned.erase(std::unique(cleaned.begin(), cleaned.end()), cleaned.end());
    vertTris[a] = std::move(cleaned);
    ++stamp[a];
    for (std::uint32_t w : neighbours(a)) {
      ++stamp[w];
    }
    for (std::uint32_t w : neighbours(a)) {
      push(a, w);
      for (std::uint32_t x : neighbours(w))
        if (x != a) push(w, x);
    }
  }

  // Compact.
  std::vector<std::uint32_t> remap(nv, UINT32_MAX);
  Mesh out;
  for (size_t t = 0; t < tris.size(); ++t) {
    if (!triAlive[t]) continue;
    for (std::uint32_t v : tris[t]) {
      if (remap[v] == UINT32_MAX) {
        remap[v] = static_cast<std::uint32_t>(out.positions.size());
        out.positions.push_back(mesh.positions[v]);
      }
      out.indices.push_back(remap[v]);
    }
  }
  mesh = std::move(out);
}

}  // namespace formviz::body
