// Animation-only glTF files (a node hierarchy and animations, no mesh) and FormViz phase
// markers in an animation's extras, read back into anim::Clip markers.
//
//   node 0 "hips" (y = 1) ── node 1 "knee" (y = -0.5)
//   animation "squat": hips translation and knee rotation keyed at 0, 0.5, 1 s
//   extras.markers: descent 0, bottom 0.5, ascent 0.75 (written out of order: 0.75 first)
#include <cmath>

#include "asset_test_helpers.h"

namespace formviz::asset {
namespace {

std::string floatsBase64(const std::vector<float>& values) {
  std::vector<std::uint8_t> bytes(values.size() * sizeof(float));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return test::base64(bytes);
}

// `markers` is the JSON of extras.markers; `skin` adds a skin (joints 0 and 1) without a mesh.
std::string animationOnlyGltf(const std::string& markers, bool skin) {
  const std::vector<float> times = {0.0f, 0.5f, 1.0f};
  const std::vector<float> hips = {0, 1, 0, 0, 0.6f, 0, 0, 1, 0};
  const float s = std::sin(0.5f), c = std::cos(0.5f);
  const std::vector<float> knee = {0, 0, 0, 1, s, 0, 0, c, 0, 0, 0, 1};
  const std::vector<float> ibm = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1,
                                  1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -0.5f, 0, 1};
  std::vector<float> all = times;
  all.insert(all.end(), hips.begin(), hips.end());
  all.insert(all.end(), knee.begin(), knee.end());
  all.insert(all.end(), ibm.begin(), ibm.end());
  const std::string skinJson =
      skin ? R"(,"skins":[{"inverseBindMatrices":3,"joints":[0,1]}])" : "";
  return fmt::format(
      R"({{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],
"nodes":[{{"name":"hips","translation":[0,1,0],"children":[1]}},{{"name":"knee","translation":[0,-0.5,0]}}]{},
"animations":[{{"name":"squat","channels":[{{"sampler":0,"target":{{"node":0,"path":"translation"}}}},
{{"sampler":1,"target":{{"node":1,"path":"rotation"}}}}],
"samplers":[{{"input":0,"output":1,"interpolation":"LINEAR"}},{{"input":0,"output":2,"interpolation":"LINEAR"}}],
"extras":{{"markers":{}}}}}],
"accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"SCALAR","min":[0],"max":[1]}},
{{"bufferView":1,"componentType":5126,"count":3,"type":"VEC3"}},
{{"bufferView":2,"componentType":5126,"count":3,"type":"VEC4"}},
{{"bufferView":3,"componentType":5126,"count":2,"type":"MAT4"}}],
"bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":12}},{{"buffer":0,"byteOffset":12,"byteLength":36}},
{{"buffer":0,"byteOffset":48,"byteLength":48}},{{"buffer":0,"byteOffset":96,"byteLength":128}}],
"buffers":[{{"byteLength":224,"uri":"data:application/octet-stream;base64,{}"}}]}})",
      skinJson, markers, floatsBase64(all));
}

const char* const kMarkers =
    R"([{"name":"ascent","time":0.75},{"name":"descent","time":0},{"name":"bottom","time":0.5}])";

TEST(GltfMarkers, AnimationOnlyFileWithoutSkinImportsTheAnimatedNodesAndMarkers) {
  const auto path = test::outputDir() / "markers_no_skin.gltf";
  test::writeFile(path, animationOnlyGltf(kMarkers, false));
  Result<ImportedModel> model = importGltf(path);
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->skeleton.jointCount(), 2);
  EXPECT_EQ(model->skeleton.names()[0], "hips");
  EXPECT_EQ(model->skeleton.names()[1], "knee");
  EXPECT_TRUE(model->meshes.empty());
  ASSERT_EQ(model->clips.size(), 1u);
  const anim::Clip& clip = model->clips[0];
  EXPECT_EQ(clip.name(), "squat");
  // Sorted by time on the way in.
  ASSERT_EQ(clip.markers().size(), 3u);
  EXPECT_EQ(clip.markers()[0].name, "descent");
  EXPECT_FLOAT_EQ(clip.markers()[0].time, 0.0f);
  EXPECT_EQ(clip.markers()[1].name, "bottom");
  EXPECT_FLOAT_EQ(clip.markers()[1].time, 0.5f);
  EXPECT_EQ(clip.markers()[2].name, "ascent");
  EXPECT_FLOAT_EQ(clip.markers()[2].time, 0.75f);
  EXPECT_EQ(clip.markerTime("bottom").value_or(-1.0f), 0.5f);
  EXPECT_NEAR(clip.sampleTranslation(0, 0.5f).y, 0.6f, 1e-6f);
}

TEST(GltfMarkers, AnimationOnlyFileWithMeshlessSkinImports) {
  const auto path = test::outputDir() / "markers_skin.gltf";
  test::writeFile(path, animationOnlyGltf(kMarkers, true));
  Result<ImportedModel> model = importGltf(path);
  ASSERT_TRUE(model) << model.error().message;
  ASSERT_EQ(model->skeleton.jointCount(), 2);
  ASSERT_EQ(model->clips.size(), 1u);
  EXPECT_EQ(model->clips[0].markers().size(), 3u);
}

TEST(GltfMarkers, FileWithoutMarkersHasNone) {
  const auto path = test::outputDir() / "markers_empty.gltf";
  test::writeFile(path, animationOnlyGltf("[]", false));
  Result<ImportedModel> model = importGltf(path);
  ASSERT_TRUE(model) << model.error().message;
  EXPECT_TRUE(model->clips[0].markers().empty());
}

// Every malformed marker list is refused with a message naming the animation and marker.
TEST(GltfMarkers, MalformedMarkersAreRefused) {
  const struct {
    const char* markers;
    const char* expected;
  } cases[] = {
      {R"({"name":"a"})", "extras.markers is not an array"},
      {R"([{"time":0.5}])", "extras.markers[0]"},
      {R"([{"name":"","time":0.5}])", "extras.markers[0]"},
      {R"([{"name":"a","time":"0.5"}])", "extras.markers[0]"},
      {R"([{"name":"a","time":0.1},{"name":"b","time":-1}])", "extras.markers[1]"},
      {R"([3])", "extras.markers[0]"},
  };
  int i = 0;
  for (const auto& c : cases) {
    const auto path = test::outputDir() / fmt::format("markers_bad_{}.gltf", i++);
    test::writeFile(path, animationOnlyGltf(c.markers, false));
    Result<ImportedModel> model = importGltf(path);
    ASSERT_FALSE(model) << c.markers;
    EXPECT_NE(model.error().message.find(c.expected), std::string::npos) << model.error().message;
    EXPECT_NE(model.error().message.find(path.filename().string()), std::string::npos) << model.error().message;
  }
}

// A marker after the clip's end breaks anim::RawClip rule 7: refused, not clamped.
TEST(GltfMarkers, MarkerAfterTheEndIsRefused) {
  const auto path = test::outputDir() / "markers_late.gltf";
  test::writeFile(path, animationOnlyGltf(R"([{"name":"late","time":2}])", false));
  Result<ImportedModel> model = importGltf(path);
  ASSERT_FALSE(model);
  EXPECT_NE(model.error().message.find("rule 7"), std::string::npos) << model.error().message;
}

}  // namespace
}  // namespace formviz::asset

namespace formviz::asset {
namespace {

// bodygen's figures have two scene roots (the mesh node and hips), which assimp 5.2.5 puts
// under a synthetic "ROOT" node. It is left out of the skeleton, so hips is the root joint and
// a clip's hips translation retargets onto the figure (anim::RetargetJob moves root joints only).
TEST(GltfMarkers, AssimpsSyntheticRootIsNotAJoint) {
  const std::filesystem::path model = std::filesystem::path(FORMVIZ_SOURCE_DIR) / "models" / "male_175.gltf";
  if (!std::filesystem::exists(model)) GTEST_SKIP() << model << " is absent";
  Result<ImportedModel> imported = importGltf(model);
  ASSERT_TRUE(imported) << imported.error().message;
  ASSERT_EQ(imported->skeleton.jointCount(), 26);
  EXPECT_EQ(imported->skeleton.names()[0], "hips");
  EXPECT_EQ(imported->skeleton.parent(0), anim::kNoParent);
  EXPECT_EQ(imported->skeleton.findJoint("ROOT"), anim::kNoParent);
}

}  // namespace
}  // namespace formviz::asset
