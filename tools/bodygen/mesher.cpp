// [SECTION] Mesh: surface nets over the field, projection, relaxation, normals, checks.
//
// Naive surface nets (Gibson 1998): one vertex per grid cell the surface crosses, one
// quad per grid edge with a sign change, joining the four cells around that edge. The
// vertex starts at the mean of its cell's edge crossings and is then projected onto
// the zero set with Newton steps on the field; tangential relaxation (umbrella steps
// each followed by a projection) evens the triangles out without shrinking the body.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <utility>

#include "body.h"

namespace formviz::body {

namespace {

glm::vec3 gradient(const Shape& shape, const glm::vec3& p, float eps) {
  const glm::vec3 ex{eps, 0.0f, 0.0f}, ey{0.0f, eps, 0.0f}, ez{0.0f, 0.0f, eps};
  return glm::vec3(shape.distance(p + ex) - shape.distance(p - ex), shape.distance(p + ey) - shape.distance(p - ey),
                   shape.distance(p + ez) - shape.distance(p - ez)) /
         (2.0f * eps);
}

// Moves p onto the zero set along the gradient; never further than maxStep in total.
glm::vec3 project(const Shape& shape, glm::vec3 p, float eps, float maxStep, int steps) {
  const glm::vec3 start = p;
  for (int i = 0; i < steps; ++i) {
    const float d = shape.distance(p);
    const glm::vec3 g = gradient(shape, p, eps);
    const float g2 = glm::dot(g, g);
    if (g2 < 1e-8f) break;
    p -= g * (d / g2);
  }
  const glm::vec3 moved = p - start;
  const float len = glm::length(moved);
  if (len > maxStep) p = start + moved * (maxStep / len);
  return p;
}

std::vector<std::vector<std::uint32_t>> vertexNeighbours(size_t vertexCount, const std::vector<std::uint32_t>& indices) {
  std::vector<std::vector<std::uint32_t>> nb(vertexCount);
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    for (int e = 0; e < 3; ++e) {
      const std::uint32_t a = indices[t + static_cast<size_t>(e)], b = indices[t + static_cast<size_t>((e + 1) % 3)];
      nb[a].push_back(b);
      nb[b].push_back(a);
    }
  }
  for (auto& list : nb) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return nb;
}

// Keeps only the triangles of the largest edge-connected component and drops unused vertices.
void keepLargestComponent(Mesh& mesh) {
  const size_t triCount = mesh.indices.size() / 3;
  std::vector<std::uint32_t> parent(mesh.positions.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto findRoot = [&](std::uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (size_t t = 0; t < triCount; ++t) {
    const std::uint32_t a = findRoot(mesh.indices[3 * t]);
    for (size_t e = 1; e < 3; ++e) {
      const std::uint32_t b = findRoot(mesh.indices[3 * t + e]);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<size_t> count(mesh.positions.size(), 0);
  for (size_t t = 0; t < triCount; ++t) ++count[findRoot(mesh.indices[3 * t])];
  const std::uint32_t best = static_cast<std::uint32_t>(std::max_element(count.begin(), count.end()) - count.begin());
  std::vector<std::uint32_t> remap(mesh.positions.size(), UINT32_MAX);
  Mesh out;
  for (size_t t = 0; t < triCount; ++t) {
    if (findRoot(mesh.indices[3 * t]) != best) continue;
    for (size_t e = 0; e < 3; ++e) {
      const std::uint32_t v = mesh.indices[3 * t + e];
      if (remap[v] == UINT32_MAX) {
        remap[v] = static_cast<std::uint32_t>(out.positions.size());
        out.positions.push_back(mesh.positions[v]);
      }
      out.indices.push_back(remap[v]);
    }
  }
  mesh = std::move(out);
}

}  // namespace

Mesh extractSurface(const Shape& shape, const MeshOptions& options) {
  const float h = options.cellSize;
  glm::vec3 lo, hi;
  shape.bounds(lo, hi);
  const int nx = static_cast<int>(std::ceil((hi.x - lo.x) / h)) + 1;
  const int ny = static_cast<int>(std::ceil((hi.y - lo.y) / h)) + 1;
  const int nz = static_cast<int>(std::ceil((hi.z - lo.z) / h)) + 1;
  auto idx = [&](int i, int j, int k) { return (static_cast<size_t>(k) * static_cast<size_t>(ny) + static_cast<size_t>(j)) * static_cast<size_t>(nx) + static_cast<size_t>(i); };
  auto pos = [&](int i, int j, int k) {
    return lo + glm::vec3(static_cast<float>(i), static_cast<float>(j), static_cast<float>(k)) * h;
  };

  // Field samples: a coarse pass every 4 cells, then exact values only near the surface.
  constexpr int kStep = 4;
  const int cx = (nx - 1) / kStep + 2, cy = (ny - 1) / kStep + 2, cz = (nz - 1) / kStep + 2;
  std::vector<float> coarse(static_cast<size_t>(cx) * static_cast<size_t>(cy) * static_cast<size_t>(cz));
  for (int k = 0; k < cz; ++k)
    for (int j = 0; j < cy; ++j)
      for (int i = 0; i < cx; ++i)
        coarse[(static_cast<size_t>(k) * static_cast<size_t>(cy) + static_cast<size_t>(j)) * static_cast<size_t>(cx) + static_cast<size_t>(i)] =
            shape.distance(pos(i * kStep, j * kStep, k * kStep));
  const float margin = 7.0f * h;
  std::vector<float> field(static_cast<size_t>(nx) * static_cast<size_t>(ny) * static_cast<size_t>(nz));
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const int ci = (i + kStep / 2) / kStep, cj = (j + kStep / 2) / kStep, ck = (k + kStep / 2) / kStep;
        const float c = coarse[(static_cast<size_t>(ck) * static_cast<size_t>(cy) + static_cast<size_t>(cj)) * static_cast<size_t>(cx) + static_cast<size_t>(ci)];
        field[idx(i, j, k)] = std::abs(c) > margin ? c : shape.distance(pos(i, j, k));
      }
  auto inside = [&](int i, int j, int k) { return field[idx(i, j, k)] < 0.0f; };

  // Ambiguous faces (inside corners on one diagonal, outside on the other) would give an
  // edge shared by four quads. Resolve each toward joining the inside: the outside corner
  // nearest the surface becomes inside. Thin solids (hands, ears) stay solid. Repeat
  // until no face is ambiguous, since a change can make a neighbouring face ambiguous.
  for (int pass = 0; pass < 16; ++pass) {
    int changed = 0;
    for (int axis = 0; axis < 3; ++axis) {
      const int du[3] = {axis == 1 ? 1 : 0, axis == 2 ? 1 : 0, axis == 0 ? 1 : 0};  // first in-face direction
      const int dv[3] = {axis == 2 ? 1 : 0, axis == 0 ? 1 : 0, axis == 1 ? 1 : 0};  // second
      for (int k = 0; k + dv[2] + du[2] < nz; ++k)
        for (int j = 0; j + dv[1] + du[1] < ny; ++j)
          for (int i = 0; i + dv[0] + du[0] < nx; ++i) {
            const size_t c[4] = {idx(i, j, k), idx(i + du[0], j + du[1], k + du[2]),
                                 idx(i + du[0] + dv[0], j + du[1] + dv[1], k + du[2] + dv[2]), idx(i + dv[0], j + dv[1], k + dv[2])};
            const bool in0 = field[c[0]] < 0.0f, in1 = field[c[1]] < 0.0f, in2 = field[c[2]] < 0.0f, in3 = field[c[3]] < 0.0f;
            if (in0 != in2 || in1 != in3 || in0 == in1) continue;
            const size_t a = in0 ? c[1] : c[0], b = in0 ? c[3] : c[2];  // the two outside corners
            field[field[a] <= field[b] ? a : b] = -1e-6f;
            ++changed;
          }
    }
    if (changed == 0) break;
  }

  // One vertex per crossed cell (cell (i,j,k) spans samples i..i+1, j..j+1, k..k+1).
  Mesh mesh;
  std::vector<std::int32_t> cellVertex(field.size(), -1);
  static const int kEdges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  for (int k = 0; k + 1 < nz; ++k)
    for (int j = 0; j + 1 < ny; ++j)
      for (int i = 0; i + 1 < nx; ++i) {
        float v[8];
        int insideCount = 0;
        for (int c = 0; c < 8; ++c) {
          v[c] = field[idx(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1))];
          if (v[c] < 0.0f) ++insideCount;
        }
        if (insideCount == 0 || insideCount == 8) continue;
        glm::vec3 sum(0.0f);
        int n = 0;
        for (const auto& e : kEdges) {
          const float a = v[e[0]], b = v[e[1]];
          if ((a < 0.0f) == (b < 0.0f)) continue;
          const float t = a / (a - b);
          const glm::vec3 pa(static_cast<float>(e[0] & 1), static_cast<float>((e[0] >> 1) & 1), static_cast<float>((e[0] >> 2) & 1));
          const glm::vec3 pb(static_cast<float>(e[1] & 1), static_cast<float>((e[1] >> 1) & 1), static_cast<float>((e[1] >> 2) & 1));
          sum += pa + (pb - pa) * t;
          ++n;
        }
        cellVertex[idx(i, j, k)] = static_cast<std::int32_t>(mesh.positions.size());
        mesh.positions.push_back(pos(i, j, k) + sum / static_cast<float>(n) * h);
      }

  // Quads around every sign-changing grid edge, split along the shorter diagonal.
  auto emitQuad = [&](size_t c0, size_t c1, size_t c2, size_t c3, bool flip) {
    std::uint32_t q[4] = {static_cast<std::uint32_t>(cellVertex[c0]), static_cast<std::uint32_t>(cellVertex[c1]),
                          static_cast<std::uint32_t>(cellVertex[c2]), static_cast<std::uint32_t>(cellVertex[c3])};
    if (flip) std::swap(q[1], q[3]);
    const float d02 = glm::length(mesh.positions[q[0]] - mesh.positions[q[2]]);
    const float d13 = glm::length(mesh.positions[q[1]] - mesh.positions[q[3]]);
    if (d02 <= d13) {
      mesh.indices.insert(mesh.indices.end(), {q[0], q[1], q[2], q[0], q[2], q[3]});
    } else {
      mesh.indices.insert(mesh.indices.end(), {q[0], q[1], q[3], q[1], q[2], q[3]});
    }
  };
  for (int k = 1; k + 1 < nz; ++k)
    for (int j = 1; j + 1 < ny; ++j)
      for (int i = 1; i + 1 < nx; ++i) {
        const bool in0 = inside(i, j, k);
        if (in0 != inside(i + 1, j, k))  // x edge: cells around it in the (y, z) plane
          emitQuad(idx(i, j - 1, k - 1), idx(i, j, k - 1), idx(i, j, k), idx(i, j - 1, k), !in0);
        if (in0 != inside(i, j + 1, k))  // y edge: (z, x) plane
          emitQuad(idx(i - 1, j, k - 1), idx(i - 1, j, k), idx(i, j, k), idx(i, j, k - 1), !in0);
        if (in0 != inside(i, j, k + 1))  // z edge: (x, y) plane
          emitQuad(idx(i - 1, j - 1, k), idx(i, j - 1, k), idx(i, j, k), idx(i - 1, j, k), !in0);
      }
  keepLargestComponent(mesh);

  // Onto the surface, then relax tangentially.
  const float eps = 0.25f * h;
  for (glm::vec3& p : mesh.positions) p = project(shape, p, eps, 1.5f * h, 3);
  const auto nb = vertexNeighbours(mesh.positions.size(), mesh.indices);
  for (int it = 0; it < options.smoothIterations; ++it) {
    std::vector<glm::vec3> next(mesh.positions.size());
    for (size_t v = 0; v < mesh.positions.size(); ++v) {
      glm::vec3 c(0.0f);
      for (std::uint32_t n : nb[v]) c += mesh.positions[n];
      c /= static_cast<float>(nb[v].size());
      next[v] = mesh.positions[v] + 0.5f * (c - mesh.positions[v]);
    }
    for (size_t v = 0; v < next.size(); ++v) next[v] = project(shape, next[v], eps, 1.5f * h, 2);
    mesh.positions = std::move(next);
  }
  if (options.targetTriangles > 0) decimate(mesh, shape, options.targetTriangles, options.maxEdge, options.fineBones, options.fineMaxEdge);
  computeNormals(mesh);
  return mesh;
}

void computeNormals(Mesh& mesh) {
  std::vector<glm::vec3> n(mesh.positions.size(), glm::vec3(0.0f));
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const glm::vec3& a = mesh.positions[mesh.indices[t]];
    const glm::vec3& b = mesh.positions[mesh.indices[t + 1]];
    const glm::vec3& c = mesh.positions[mesh.indices[t + 2]];
    const glm::vec3 fn = glm::cross(b - a, c - a);  // length = 2 * area: area weighting
    for (size_t e = 0; e < 3; ++e) n[mesh.indices[t + e]] += fn;
  }
  for (glm::vec3& v : n) {
    const float len = glm::length(v);
    v = len > 0.0f ? v / len : glm::vec3(0.0f, 1.0f, 0.0f);
  }
  mesh.normals = std::move(n);
}

double enclosedVolume(const std::vector<glm::vec3>& p, const std::vector<std::uint32_t>& indices) {
  double sum = 0.0;
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    const glm::dvec3 a(p[indices[t]]), b(p[indices[t + 1]]), c(p[indices[t + 2]]);
    sum += glm::dot(a, glm::cross(b, c));
  }
  return sum / 6.0;
}

double surfaceArea(const std::vector<glm::vec3>& p, const std::vector<std::uint32_t>& indices) {
  double sum = 0.0;
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    const glm::dvec3 a(p[indices[t]]), b(p[indices[t + 1]]), c(p[indices[t + 2]]);
    sum += 0.5 * glm::length(glm::cross(b - a, c - a));
  }
  return sum;
}

int countOpenOrNonManifoldEdges(const std::vector<std::uint32_t>& indices) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> uses;
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    for (size_t e = 0; e < 3; ++e) {
      std::uint32_t a = indices[t + e], b = indices[t + (e + 1) % 3];
      if (a > b) std::swap(a, b);
      ++uses[{a, b}];
    }
  }
  int bad = 0;
  for (const auto& [edge, n] : uses) bad += (n != 2) ? 1 : 0;
  return bad;
}

int countDegenerateTriangles(const Mesh& mesh, float minArea) {
  int bad = 0;
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const std::uint32_t a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
    const float area = 0.5f * glm::length(glm::cross(mesh.positions[b] - mesh.positions[a], mesh.positions[c] - mesh.positions[a]));
    if (a == b || b == c || a == c || !(area >= minArea)) ++bad;
  }
  return bad;
}

}  // namespace formviz::body
