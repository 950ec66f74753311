// Bad files: a clear Error naming the file and the problem, never a crash.
#include "asset_test_helpers.h"

namespace formviz::asset {
namespace {

void expectError(const Result<ImportedModel>& result, const std::filesystem::path& path, const std::string& phrase) {
  ASSERT_FALSE(result) << path;
  const std::string& message = result.error().message;
  EXPECT_NE(message.find(path.filename().string()), std::string::npos) << "names the file: " << message;
  EXPECT_NE(message.find(phrase), std::string::npos) << "explains '" << phrase << "': " << message;
}

TEST(GltfErrors, MissingFile) {
  const auto path = test::outputDir() / "does_not_exist.glb";
  expectError(importGltf(path), path, "cannot be opened");
}

TEST(GltfErrors, EmptyFile) {
  const auto path = test::outputDir() / "empty.gltf";
  test::writeFile(path, "");
  expectError(importGltf(path), path, "empty");
}

TEST(GltfErrors, CorruptJson) {
  const auto path = test::outputDir() / "corrupt.gltf";
  test::writeFile(path, "{\"asset\": {\"version\": \"2.0\"}, \"nodes\": [ {\"name\": ");
  expectError(importGltf(path), path, "cannot be parsed");
}

TEST(GltfErrors, WrongVersion) {
  const auto path = test::outputDir() / "version1.gltf";
  test::writeFile(path, R"({"asset": {"version": "1.0"}})");
  expectError(importGltf(path), path, "version 1.0");
}

TEST(GltfErrors, JsonOfTheWrongShape) {
  const auto path = test::outputDir() / "shape.gltf";
  test::writeFile(path, R"({"asset": {"version": "2.0"}, "skins": [{"inverseBindMatrices": "zero", "joints": [0]}]})");
  const Result<ImportedModel> result = importGltf(path);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("shape.gltf"), std::string::npos) << result.error().message;
}

TEST(GltfErrors, NoSkin) {
  const auto path = test::outputDir() / "static.gltf";
  test::writeFile(path, R"({"asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"name": "n"}]})");
  expectError(importGltf(path), path, "no skin");
}

TEST(GltfErrors, TruncatedGlb) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/CesiumMan.glb");
  const std::string bytes = test::readFile(test::fixturesDir() / "gltf/CesiumMan.glb");
  const auto half = test::outputDir() / "CesiumMan_truncated.glb";
  test::writeFile(half, bytes.substr(0, bytes.size() / 2));
  expectError(importGltf(half), half, "truncated");
  const auto header = test::outputDir() / "CesiumMan_header_only.glb";
  test::writeFile(header, bytes.substr(0, 10));
  expectError(importGltf(header), header, "truncated");
}

TEST(GltfErrors, GarbageWithGlbMagic) {
  const auto path = test::outputDir() / "garbage.glb";
  std::string bytes = "glTF";
  bytes += std::string("\x02\x00\x00\x00\x40\x00\x00\x00", 8);
  bytes += std::string(52, '\x7f');
  test::writeFile(path, bytes);
  const Result<ImportedModel> result = importGltf(path);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("garbage.glb"), std::string::npos) << result.error().message;
}

// Optional in glTF, but assimp 5.2.5 crashes on it: refused before assimp sees the file.
TEST(GltfErrors, SkinWithoutInverseBindMatrices) {
  const auto path = test::outputDir() / "no_ibm.gltf";
  test::TinyGltfOptions options;
  options.inverseBindMatrices = false;
  test::writeFile(path, test::tinyGltf(options));
  expectError(importGltf(path), path, "no inverseBindMatrices");
}

TEST(GltfErrors, NormalisedIntegerWeights) {
  const auto path = test::outputDir() / "byte_weights.gltf";
  test::TinyGltfOptions options;
  options.byteWeights = true;
  test::writeFile(path, test::tinyGltf(options));
  expectError(importGltf(path), path, "normalised UNSIGNED_BYTE");
}

TEST(GltfErrors, TooFewInverseBindMatrices) {
  const auto path = test::outputDir() / "short_ibm.gltf";
  test::TinyGltfOptions options;
  options.inverseBindCount = 1;
  test::writeFile(path, test::tinyGltf(options));
  expectError(importGltf(path), path, "1 inverse bind matrices");
}

TEST(GltfErrors, SamplerKeyAndValueCountsDisagree) {
  const auto path = test::outputDir() / "sampler_counts.gltf";
  test::TinyGltfOptions options;
  options.stepKeyCount = 1;
  test::writeFile(path, test::tinyGltf(options));
  expectError(importGltf(path), path, "1 key times and 2 values");
}

// Deterministic mutation: overwrite a few random bytes (and truncate every fourth copy) of
// small fixtures; every import must come back as a model or as an error naming the file.
// (Run once by hand under AddressSanitizer with 150 mutations of every glTF fixture and 40 of
// a BVH: no crash, no sanitizer report.)
TEST(GltfErrors, MutatedFilesNeverCrash) {
  FORMVIZ_REQUIRE_FIXTURE("gltf/SimpleSkin.gltf");
  FORMVIZ_REQUIRE_FIXTURE("gltf/quad_skin.glb");
  std::uint32_t seed = 12345u;
  auto next = [&seed]() {
    seed = seed * 1664525u + 1013904223u;  // LCG: same sequence on every platform
    return seed >> 8;
  };
  for (const char* name : {"gltf/SimpleSkin.gltf", "gltf/quad_skin.glb"}) {
    const std::string original = test::readFile(test::fixturesDir() / name);
    const auto path = test::outputDir() / (std::string("mutated") + std::filesystem::path(name).extension().string());
    for (int i = 0; i < 60; ++i) {
      std::string bytes = original;
      const int flips = 1 + static_cast<int>(next() % 6);
      for (int f = 0; f < flips; ++f) bytes[next() % bytes.size()] = static_cast<char>(next() & 0xFFu);
      if (i % 4 == 3) bytes.resize(next() % bytes.size());
      test::writeFile(path, bytes);
      const Result<ImportedModel> result = importGltf(path);
      if (!result) {
        EXPECT_NE(result.error().message.find(path.filename().string()), std::string::npos) << result.error().message;
      }
    }
  }
}

TEST(BvhErrors, MissingTruncatedAndGarbage) {
  const auto missing = test::outputDir() / "missing.bvh";
  Result<BvhMotion> a = importBvh(missing);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("missing.bvh"), std::string::npos) << a.error().message;

  const auto garbage = test::outputDir() / "garbage.bvh";
  test::writeFile(garbage, "HIERARCHY\nROOT Hips\n{\n OFFSET 0 0\n CHANNELS 9 Xposition\n");
  Result<BvhMotion> b = importBvh(garbage);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("garbage.bvh"), std::string::npos) << b.error().message;

  FORMVIZ_REQUIRE_FIXTURE("bvh/CMU_131_01_scaled_m.bvh");
  const std::string bytes = test::readFile(test::fixturesDir() / "bvh/CMU_131_01_scaled_m.bvh");
  const auto truncated = test::outputDir() / "CMU_truncated.bvh";
  test::writeFile(truncated, bytes.substr(0, bytes.size() / 3));
  Result<BvhMotion> c = importBvh(truncated);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("CMU_truncated.bvh"), std::string::npos) << c.error().message;
}

}  // namespace
}  // namespace formviz::asset
