// Shared helpers for the asset tests: fixture paths, CPU skinning, a tiny glTF writer.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "anim/anim.h"
#include "asset/import.h"

namespace formviz::asset::test {

inline std::filesystem::path fixturesDir() { return std::filesystem::path(FORMVIZ_FIXTURES_DIR); }

inline std::filesystem::path outputDir() {
  std::filesystem::path dir = std::filesystem::path(FORMVIZ_TEST_OUTPUT_DIR) / "asset";
  std::filesystem::create_directories(dir);
  return dir;
}

// Skips the calling test when the fixture is missing.
#define FORMVIZ_REQUIRE_FIXTURE(relative)                                                                  \
  do {                                                                                                     \
    if (!std::filesystem::exists(::formviz::asset::test::fixturesDir() / (relative)))                      \
      GTEST_SKIP() << "fixture " << (::formviz::asset::test::fixturesDir() / (relative)).string()           \
                   << " is absent: the third-party fixtures live in ../shared/fixtures beside the project"; \
  } while (0)

inline void writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Model matrices and skinning palette of `clip` at `time`.
struct Posed {
  std::vector<glm::mat4> model;
  std::vector<glm::mat4> palette;
};

inline Posed pose(const anim::Skeleton& skeleton, const anim::Clip* clip, float time) {
  const std::size_t n = static_cast<std::size_t>(skeleton.jointCount());
  anim::Pose local = anim::restPose(skeleton);
  if (clip != nullptr) {
    anim::SamplingCache cache(skeleton.jointCount());
    EXPECT_TRUE((anim::SampleJob{clip, time, &cache, local}.Run()));
  }
  Posed out{std::vector<glm::mat4>(n), std::vector<glm::mat4>(n)};
  EXPECT_TRUE((anim::LocalToModelJob{&skeleton, local, out.model}.Run()));
  EXPECT_TRUE((anim::SkinningPaletteJob{out.model, skeleton.inverseBind(), out.palette}.Run()));
  return out;
}

// Linear blend skinning on the CPU, as the vertex shader does it.
inline glm::vec3 skin(const MeshData& mesh, std::size_t v, const std::vector<glm::mat4>& palette) {
  glm::vec4 p(0.0f);
  for (int k = 0; k < 4; ++k)
    p += mesh.weights[v][k] * (palette[mesh.joints[v][k]] * glm::vec4(mesh.positions[v], 1.0f));
  return glm::vec3(p);
}

// --- A tiny glTF writer: one triangle skinned to a two-joint chain, one animation. ---

inline std::string base64(const std::vector<std::uint8_t>& bytes) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63u];
  }
  if (i < bytes.size()) {
    std::uint32_t v = std::uint32_t{bytes[i]} << 16;
    if (i + 1 < bytes.size()) v |= std::uint32_t{bytes[i + 1]} << 8;
    out += kAlphabet[(v >> 18) & 63u];
    out += kAlphabet[(v >> 12) & 63u];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63u] : '=';
    out += '=';
  }
  return out;
}

struct TinyGltfOptions {
  bool inverseBindMatrices = true;
  bool byteWeights = false;  // WEIGHTS_0 as normalised UNSIGNED_BYTE (assimp misreads these)
  int inverseBindCount = 2;  // elements declared by the inverse bind accessor (2 joints)
  int stepKeyCount = 2;      // elements declared by the STEP sampler's input accessor
};

// Layout written:
//   nodes: 0 "body" (mesh, skin, translation (5,0,0): must be ignored), 1 "root", 2 "tip" (child of root, y = 1)
//   TEXCOORD_0 (0.25,0.1) (0.5,0.2) (0.75,0.3); TEXCOORD_1 (3,0.7) (4,0.8) (5,0.9)
//   weights: v0 root .5 tip .25 (sum .75), v1 root 1 tip 1 (sum 2), v2 tip 2
//   animation "moves": tip translation CUBICSPLINE keys 0 s (0,0,0) out-tangent (1,0,0),
//                      1 s in-tangent (-1,0,0) value (0,2,0);
//                      root rotation STEP keys 0 s identity, 0.5 s 90 deg about z.
inline std::string tinyGltf(const TinyGltfOptions& options) {
  std::vector<std::uint8_t> buffer;
  std::vector<std::string> views;
  auto add = [&](const void* data, std::size_t size) {
    while (buffer.size() % 4 != 0) buffer.push_back(0);
    views.push_back(fmt::format(R"({{"buffer":0,"byteOffset":{},"byteLength":{}}})", buffer.size(), size));
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    buffer.insert(buffer.end(), bytes, bytes + size);
    return views.size() - 1;
  };
  const float positions[] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  const float uv0[] = {0.25f, 0.1f, 0.5f, 0.2f, 0.75f, 0.3f};
  const float uv1[] = {3, 0.7f, 4, 0.8f, 5, 0.9f};
  const std::uint16_t joints[] = {0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0};
  const float weights[] = {0.5f, 0.25f, 0, 0, 1, 1, 0, 0, 2, 0, 0, 0};
  const std::uint8_t byteWeights[] = {128, 64, 0, 0, 255, 255, 0, 0, 255, 0, 0, 0};
  const float ibm[] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1};
  const float cubicTimes[] = {0, 1};
  const float cubicValues[] = {0, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 2, 0, 0, 0, 0};
  const float stepTimes[] = {0, 0.5f};
  const float stepValues[] = {0, 0, 0, 1, 0, 0, 0.70710678f, 0.70710678f};
  const std::uint16_t indices[] = {0, 1, 2};
  std::vector<std::string> accessors;
  auto accessor = [&](std::size_t view, int componentType, int count, const char* type, const char* extra = "") {
    accessors.push_back(fmt::format(R"({{"bufferView":{},"componentType":{},"count":{},"type":"{}"{}}})", view,
                                    componentType, count, type, extra));
    return accessors.size() - 1;
  };
  const auto aPos = accessor(add(positions, sizeof positions), 5126, 3, "VEC3", R"(,"min":[0,0,0],"max":[1,1,0])");
  const auto aUv0 = accessor(add(uv0, sizeof uv0), 5126, 3, "VEC2");
  const auto aUv1 = accessor(add(uv1, sizeof uv1), 5126, 3, "VEC2");
  const auto aJoints = accessor(add(joints, sizeof joints), 5123, 3, "VEC4");
  const auto aWeights = options.byteWeights
                            ? accessor(add(byteWeights, sizeof byteWeights), 5121, 3, "VEC4", R"(,"normalized":true)")
                            : accessor(add(weights, sizeof weights), 5126, 3, "VEC4");
  const auto aIbm = accessor(add(ibm, sizeof ibm), 5126, options.inverseBindCount, "MAT4");
  const auto aCubicT = accessor(add(cubicTimes, sizeof cubicTimes), 5126, 2, "SCALAR", R"(,"min":[0],"max":[1])");
  const auto aCubicV = accessor(add(cubicValues, sizeof cubicValues), 5126, 6, "VEC3");
  const auto aStepT = accessor(add(stepTimes, sizeof stepTimes), 5126, options.stepKeyCount, "SCALAR");
  const auto aStepV = accessor(add(stepValues, sizeof stepValues), 5126, 2, "VEC4");
  const auto aIndices = accessor(add(indices, sizeof indices), 5123, 3, "SCALAR");
  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
      if (!out.empty()) out += ',';
      out += p;
    }
    return out;
  };
  const std::string skin = options.inverseBindMatrices ? fmt::format(R"({{"joints":[1,2],"inverseBindMatrices":{}}})", aIbm)
                                                       : std::string(R"({"joints":[1,2]})");
  return fmt::format(
      R"({{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0,1]}}],)"
      R"("nodes":[{{"name":"body","mesh":0,"skin":0,"translation":[5,0,0]}},{{"name":"root","children":[2]}},)"
      R"({{"name":"tip","translation":[0,1,0]}}],)"
      R"("meshes":[{{"primitives":[{{"attributes":{{"POSITION":{},"TEXCOORD_0":{},"TEXCOORD_1":{},"JOINTS_0":{},)"
      R"("WEIGHTS_0":{}}},"indices":{}}}]}}],"skins":[{}],)"
      R"("animations":[{{"name":"moves","channels":[{{"sampler":0,"target":{{"node":2,"path":"translation"}}}},)"
      R"({{"sampler":1,"target":{{"node":1,"path":"rotation"}}}}],)"
      R"("samplers":[{{"input":{},"output":{},"interpolation":"CUBICSPLINE"}},)"
      R"({{"input":{},"output":{},"interpolation":"STEP"}}]}}],)"
      R"("accessors":[{}],"bufferViews":[{}],)"
      R"("buffers":[{{"byteLength":{},"uri":"data:application/octet-stream;base64,{}"}}]}})",
      aPos, aUv0, aUv1, aJoints, aWeights, aIndices, skin, aCubicT, aCubicV, aStepT, aStepV, join(accessors),
      join(views), buffer.size(), base64(buffer));
}

}  // namespace formviz::asset::test
