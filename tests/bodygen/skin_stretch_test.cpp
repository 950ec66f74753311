// [SECTION] Skin stretch: every committed clip on every committed body, skinned on the CPU.
//
// The figure must never tear. Each body in models/ plays each clip in animations/*.gltf the
// way the app plays it (anim::Character: retargeted by joint name, contacts pinned), sampled at
// 15 frames per second, and its mesh is skinned with linear blend skinning exactly as the vertex
// shader does it (palette = model * inverseBind, the file's weights). Per clip, the worst frame of:
//  - volume: the determinant of a vertex's blended skinning matrix. Blending two bones turned
//    by an angle t relative to each other half and half keeps cos^2(t / 2) of the volume there
//    (90 degrees: 0.5, a 140-degree knee: 0.12); a bone twisted 180 degrees against its
//    neighbour collapses the band between them to a line (0): the tear of the front plank.
//  - stretch: for every mesh edge, posed length / rest length.
//  - inverted: triangles whose posed normal points against their rest normal carried by
//    their vertices' blended matrices.
// The bounds are from what the healthy clips show (measured 2026-11-25, all three bodies,
// worst of the clips not in kKnownTears): volume 0.135 (the arms overhead in a jump squat;
// knees of a split squat 0.165; since clipbake eases a raised arm's twist, the bird dog's reach
// 0.140 and the jump squat 0.235), stretch 12.1 (one 6-8 mm edge between the thighs at the
// crotch, in a split squat, single-leg RDL and lunges; the crotch is stitched from the two
// thighs), inverted 597 triangles (the folds of a deep squat's hip and knee creases; the bird
// dog, listed when measured, reads 680 on female_160 back on all fours at 5.47 s). A torn clip shows volume 0,
// stretch 16-23 and 760-1030 inverted triangles. The worst clips are printed with body, time
// and the bones where it happens.
//
// Both triangle sets the app can draw are measured: the file's, and the display mesh over the
// same vertices (render/mesh_lod.h: fewer, larger triangles away from the bends), whose longer
// edges must keep within the same bounds.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "anim/anim.h"
#include "anim/character.h"
#include "asset/import.h"
#include "render/mesh_lod.h"

namespace formviz {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = FORMVIZ_SOURCE_DIR;

constexpr float kFps = 15.0f;
constexpr float kMinVolume = 0.1f;   // a 143-degree bend blended half and half; healthy worst 0.140
constexpr float kMaxStretch = 14.0f; // healthy worst 12.0 (crotch), torn 16-23
constexpr int kMaxInverted = 700;    // healthy worst 680 (bird dog on all fours), torn 760-1030

// Clips that tear today, each with the reason (found with this test; reported to the lead,
// the fixes are outside the body generator). The test also fails when one of them no longer
// tears on a body, so the list cannot go stale.
struct KnownTear {
  const char* file;
  const char* clip;
  const char* why;
};
// None today (the last ones, the arms reaching overhead and one frame of the Pallof press
// lean, are fixed in clipbake: docs/BODY.md). Add {"file", "clip", "why"} rows here.
const std::vector<KnownTear> kKnownTears = {};

struct Edge {
  std::uint32_t a, b;
  float rest;
};

struct Worst {
  float stretch = 0.0f;
  float time = 0.0f;
  std::string region;
  int inverted = 0;       // triangles inside out at the worst-inversion frame
  float minDet = 1e9f;    // smallest determinant of a vertex's blended skinning matrix (volume kept)
  float minDetTime = 0.0f;
  std::string minDetBones;
  float invertedTime = 0.0f;
};

// One set of triangles over the mesh's vertices.
struct Surface {
  std::string name;
  std::vector<std::uint32_t> indices;
  std::vector<Edge> edges;
  std::vector<glm::vec3> restNormals;  // per triangle, unit
};

Surface makeSurface(std::string name, const asset::MeshData& mesh, std::vector<std::uint32_t> indices) {
  Surface surface{std::move(name), std::move(indices), {}, {}};
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::size_t t = 0; t + 2 < surface.indices.size(); t += 3) {
    const std::uint32_t* tri = &surface.indices[t];
    const glm::vec3 p0 = mesh.positions[tri[0]], p1 = mesh.positions[tri[1]], p2 = mesh.positions[tri[2]];
    surface.restNormals.push_back(glm::normalize(glm::cross(p1 - p0, p2 - p0)));
    for (int e = 0; e < 3; ++e) {
      std::uint32_t a = tri[e], b = tri[(e + 1) % 3];
      if (a > b) std::swap(a, b);
      if (seen.insert({a, b}).second) surface.edges.push_back({a, b, glm::length(mesh.positions[a] - mesh.positions[b])});
    }
  }
  return surface;
}

struct Body {
  std::string name;
  asset::ImportedModel model;
  std::vector<Surface> surfaces;  // the file's triangles, the display mesh's
};

Body loadBody(const std::string& name) {
  Body body;
  body.name = name;
  auto model = asset::importGltf(kSource / "models" / fmt::format("{}.gltf", name));
  EXPECT_TRUE(static_cast<bool>(model)) << name;
  if (!model) return body;
  body.model = std::move(model).value();
  const asset::MeshData& mesh = body.model.meshes.at(0);
  body.surfaces.push_back(makeSurface("file", mesh, mesh.indices));
  body.surfaces.push_back(makeSurface("display", mesh, render::displayIndices(mesh)));
  return body;
}

struct ClipFile {
  std::string stem;
  asset::ImportedModel file;
};

std::vector<ClipFile> loadClips() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kSource / "animations"))
    if (entry.path().extension() == ".gltf") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<ClipFile> out;
  for (const fs::path& p : paths) {
    auto file = asset::importGltf(p);
    EXPECT_TRUE(static_cast<bool>(file)) << p.string();
    if (file) out.push_back({p.stem().string(), std::move(file).value()});
  }
  return out;
}

const std::vector<ClipFile>& clips() {
  static const std::vector<ClipFile> all = loadClips();
  return all;
}

// The bone carrying most of vertex v, by name.
std::string mainBone(const Body& body, std::uint32_t v) {
  const asset::MeshData& mesh = body.model.meshes[0];
  return body.model.skeleton.names()[mesh.joints[v][0]];
}

// Plays `clip` on `body` and returns its worst frame, one per surface (the volume is the
// vertices', the same for all).
std::vector<Worst> measure(const Body& body, const asset::ImportedModel& clipFile, const anim::Clip& clip) {
  const asset::MeshData& mesh = body.model.meshes[0];
  anim::Character character(body.model.skeleton);
  character.setClip(clipFile.skeleton, clip);
  std::vector<glm::vec3> posed(mesh.positions.size());
  std::vector<glm::mat3> rot(mesh.positions.size());
  std::vector<Worst> worsts(body.surfaces.size());
  Worst& worst = worsts[0];
  const int frames = std::max(1, static_cast<int>(std::ceil((clip.endTime() - clip.startTime()) * kFps)));
  for (int f = 0; f <= frames; ++f) {
    const float time = std::min(clip.endTime(), clip.startTime() + static_cast<float>(f) / kFps);
    character.evaluate(time);
    const std::span<const glm::mat4> palette = character.palette();
    for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
      glm::mat4 m(0.0f);
      for (int k = 0; k < 4; ++k) m += mesh.weights[v][k] * palette[mesh.joints[v][k]];
      posed[v] = glm::vec3(m * glm::vec4(mesh.positions[v], 1.0f));
      rot[v] = glm::mat3(m);
      const float det = glm::determinant(rot[v]);
      if (det < worst.minDet) {
        worst.minDet = det;
        worst.minDetTime = time;
        worst.minDetBones = fmt::format("{} {:.2f}, {} {:.2f}", body.model.skeleton.names()[mesh.joints[v][0]], mesh.weights[v][0],
                                        body.model.skeleton.names()[mesh.joints[v][1]], mesh.weights[v][1]);
      }
    }
    for (std::size_t i = 0; i < body.surfaces.size(); ++i) {
      const Surface& surface = body.surfaces[i];
      Worst& w = worsts[i];
      for (const Edge& e : surface.edges) {
        const float len = glm::length(posed[e.a] - posed[e.b]);
        const float s = len / e.rest;
        if (s > w.stretch) {
          w.stretch = s;
          w.time = time;
          std::string a = mainBone(body, e.a), b = mainBone(body, e.b);
          w.region = a == b ? a : fmt::format("{}/{}", std::min(a, b), std::max(a, b));
          w.region += fmt::format(", a {:.1f} mm edge at ({:.3f}, {:.3f}, {:.3f})", e.rest * 1000.0f, mesh.positions[e.a].x,
                                  mesh.positions[e.a].y, mesh.positions[e.a].z);
        }
      }
      int inverted = 0;
      for (std::size_t t = 0; t + 2 < surface.indices.size(); t += 3) {
        const std::uint32_t i0 = surface.indices[t], i1 = surface.indices[t + 1], i2 = surface.indices[t + 2];
        const glm::vec3 n = glm::cross(posed[i1] - posed[i0], posed[i2] - posed[i0]);
        const glm::vec3 carried = (rot[i0] + rot[i1] + rot[i2]) * surface.restNormals[t / 3];
        if (glm::dot(n, carried) < 0.0f) ++inverted;
      }
      if (inverted > w.inverted) {
        w.inverted = inverted;
        w.invertedTime = time;
      }
    }
  }
  for (std::size_t i = 1; i < worsts.size(); ++i) {
    worsts[i].minDet = worst.minDet;
    worsts[i].minDetTime = worst.minDetTime;
    worsts[i].minDetBones = worst.minDetBones;
  }
  return worsts;
}

const KnownTear* knownTear(const std::string& file, const std::string& clip) {
  for (const KnownTear& k : kKnownTears)
    if (file == k.file && clip == k.clip) return &k;
  return nullptr;
}

void checkBody(const std::string& name) {
  const Body body = loadBody(name);
  ASSERT_FALSE(body.model.meshes.empty()) << name;
  struct Row {
    std::string clip;
    std::string surface;
    Worst worst;
  };
  std::vector<Row> rows;
  for (const ClipFile& file : clips())
    for (const anim::Clip& clip : file.file.clips) {
      const std::vector<Worst> worsts = measure(body, file.file, clip);
      for (std::size_t i = 0; i < worsts.size(); ++i)
        rows.push_back({fmt::format("{}:{}", file.stem, clip.name()), body.surfaces[i].name, worsts[i]});
    }
  ASSERT_FALSE(rows.empty());
  // Worst first: least volume kept, then most stretch.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.worst.minDet != b.worst.minDet ? a.worst.minDet < b.worst.minDet : a.worst.stretch > b.worst.stretch;
  });
  std::string table;
  for (std::size_t i = 0; i < std::min<std::size_t>(rows.size(), 24); ++i) {
    const Worst& w = rows[i].worst;
    table += fmt::format("  {:<46} {:<7} volume {:5.3f} at {:5.2f} s ({}); stretch {:5.2f} at {:5.2f} s ({}); inverted {:4d} at {:5.2f} s{}\n",
                         rows[i].clip, rows[i].surface, w.minDet, w.minDetTime, w.minDetBones, w.stretch, w.time, w.region, w.inverted,
                         w.invertedTime, knownTear(rows[i].clip.substr(0, rows[i].clip.find(':')),
                                                   rows[i].clip.substr(rows[i].clip.find(':') + 1))
                                             ? " [known]"
                                             : "");
  }
  std::cout << fmt::format("{}: the worst {} of {} clips\n{}", name, std::min<std::size_t>(rows.size(), 24), rows.size(), table);
  for (const Row& row : rows) {
    const std::size_t colon = row.clip.find(':');
    const KnownTear* known = knownTear(row.clip.substr(0, colon), row.clip.substr(colon + 1));
    const Worst& w = row.worst;
    const bool tears = w.minDet < kMinVolume || w.stretch > kMaxStretch || w.inverted > kMaxInverted;
    if (known) {
      EXPECT_TRUE(tears) << name << " " << row.clip << " no longer tears: remove it from kKnownTears (" << known->why << ")";
      continue;
    }
    EXPECT_GE(w.minDet, kMinVolume) << name << " " << row.clip << " (" << row.surface << ")" << ": the skin keeps " << w.minDet << " of its volume at "
                                    << w.minDetTime << " s (" << w.minDetBones << "): a bone turned against its neighbour";
    EXPECT_LE(w.stretch, kMaxStretch) << name << " " << row.clip << " (" << row.surface << ")" << ": an edge stretches " << w.stretch << "x at " << w.time
                                      << " s (" << w.region << ")";
    EXPECT_LE(w.inverted, kMaxInverted) << name << " " << row.clip << " (" << row.surface << ")" << ": " << w.inverted << " triangles inside out at "
                                        << w.invertedTime << " s";
  }
}

TEST(SkinStretch, EveryClipOnFemale160) { checkBody("female_160"); }
TEST(SkinStretch, EveryClipOnMale175) { checkBody("male_175"); }
TEST(SkinStretch, EveryClipOnMale190) { checkBody("male_190"); }

}  // namespace
}  // namespace formviz
