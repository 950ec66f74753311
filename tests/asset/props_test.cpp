// Props in asset.extras.formviz.props: parsed into plain data, bad ones refused naming the
// file and the field; the shipped clips' props read back through the importer.
#include "asset/props.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "asset/import.h"

namespace formviz::asset {
namespace {

const std::filesystem::path kFile = "clips/example.gltf";

TEST(Props, ParsesEveryField) {
  auto props = parseProps(
      R"([{"kind": "kettlebell", "attach": "leftHand", "position": [-0.09, 0, 0.06], "size": [0.2, 0.28, 0.2]},
          {"kind": "band", "attach": "leftHand", "to": "world", "toPosition": [1.2, 1.15, 0.35], "note": "anchor"},
          {"kind": "mat", "size": [0.6, 0.01, 1.8]}])",
      kFile);
  ASSERT_TRUE(props) << props.error().message;
  ASSERT_EQ(props->size(), 3u);
  const Prop& bell = (*props)[0];
  EXPECT_EQ(bell.kind, PropKind::Kettlebell);
  EXPECT_EQ(bell.attach, "leftHand");
  EXPECT_TRUE(bell.attached());
  EXPECT_FLOAT_EQ(bell.position.x, -0.09f);
  EXPECT_FLOAT_EQ(bell.size.y, 0.28f);
  const Prop& band = (*props)[1];
  EXPECT_TRUE(band.stretched());
  EXPECT_EQ(band.to, "world");
  EXPECT_FLOAT_EQ(band.toPosition.y, 1.15f);
  const Prop& mat = (*props)[2];
  EXPECT_EQ(mat.attach, "world");  // the default
  EXPECT_FALSE(mat.attached());
  EXPECT_EQ(propKindName(mat.kind), "mat");
}

TEST(Props, ErrorsNameTheFileAndTheField) {
  struct Case {
    const char* json;
    const char* field;
    const char* problem;
  };
  const Case cases[] = {
      {R"({"kind": "mat"})", "asset.extras.formviz.props:", "array"},
      {R"([{"kind": "barbell", "size": [1, 1, 1]}])", "props[0].kind:", "unknown prop 'barbell'"},
      {R"([{"size": [1, 1, 1]}])", "props[0].kind:", "kind"},
      {R"([{"kind": "box", "size": [0.4, 0.3, 0.4]}, {"kind": "box", "size": [0.4, 0.3]}])", "props[1].size:", "3 numbers"},
      {R"([{"kind": "box", "size": [0.4, -0.3, 0.4]}])", "props[0].size:", "0 to 5"},
      {R"([{"kind": "box", "size": [0.4, 0, 0.4]}])", "props[0].size:", "above 0"},
      {R"([{"kind": "box", "size": [1, 1, 1], "position": [0, "up", 0]}])", "props[0].position:", "3 numbers"},
      {R"([{"kind": "box", "size": [1, 1, 1], "position": [0, 9, 0]}])", "props[0].position:", "-5 to 5"},
      {R"([{"kind": "dumbbell", "size": [0.3, 0.1, 0.1], "attach": "leftElbow"}])", "props[0].attach:", "leftHand"},
      {R"([{"kind": "band", "attach": "leftHand"}])", "props[0].to:", "other end"},
      {R"([{"kind": "band", "attach": "leftHand", "to": "ceiling"}])", "props[0].to:", "world"},
      {R"([{"kind": "band", "attach": "leftHand", "to": "world", "toPosition": [1, 1]}])", "props[0].toPosition:", "3 numbers"},
      {R"([{"kind": "mat", "size": [1, 1, 1], "to": "world"}])", "props[0].to:", "no other end"},
      {R"([{"kind": "mat", "size": [1, 1, 1], "colour": "red"}])", "props[0].colour:", "unknown field"},
      {R"([{"kind": "mat", )", "props:", "not valid JSON"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    auto props = parseProps(c.json, kFile);
    ASSERT_FALSE(props);
    const std::string& message = props.error().message;
    EXPECT_NE(message.find(kFile.string()), std::string::npos) << message;
    EXPECT_NE(message.find(c.field), std::string::npos) << message;
    EXPECT_NE(message.find(c.problem), std::string::npos) << message;
  }
}

TEST(Props, ShippedClipsCarryTheirProps) {
  const std::filesystem::path animations = std::filesystem::path(FORMVIZ_SOURCE_DIR) / "animations";
  auto goblet = importGltf(animations / "goblet_squat.gltf");
  ASSERT_TRUE(goblet) << goblet.error().message;
  ASSERT_EQ(goblet->props.size(), 1u);
  EXPECT_EQ(goblet->props[0].kind, PropKind::Kettlebell);
  EXPECT_EQ(goblet->props[0].attach, "leftHand");
  auto stepUp = importGltf(animations / "step_up.gltf");
  ASSERT_TRUE(stepUp) << stepUp.error().message;
  ASSERT_EQ(stepUp->props.size(), 1u);
  EXPECT_EQ(stepUp->props[0].kind, PropKind::Box);
  EXPECT_FLOAT_EQ(stepUp->props[0].size.y, 0.3f);
  auto squat = importGltf(animations / "bodyweight_squat.gltf");
  ASSERT_TRUE(squat) << squat.error().message;
  EXPECT_TRUE(squat->props.empty());
}

TEST(Props, ImporterRefusesABadPropNamingTheFile) {
  const std::filesystem::path animations = std::filesystem::path(FORMVIZ_SOURCE_DIR) / "animations";
  const std::filesystem::path dir = std::filesystem::path(FORMVIZ_TEST_OUTPUT_DIR) / "asset" / "props";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(animations / "goblet_squat.bin", dir / "goblet_squat.bin",
                             std::filesystem::copy_options::overwrite_existing);
  std::ifstream in(animations / "goblet_squat.gltf", std::ios::binary);
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = json.find("\"kettlebell\"");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 12, "\"anvil\"");
  const std::filesystem::path file = dir / "goblet_squat.gltf";
  std::ofstream(file, std::ios::binary) << json;
  auto imported = importGltf(file);
  ASSERT_FALSE(imported);
  EXPECT_NE(imported.error().message.find(file.string()), std::string::npos) << imported.error().message;
  EXPECT_NE(imported.error().message.find("asset.extras.formviz.props[0].kind: unknown prop 'anvil'"), std::string::npos)
      << imported.error().message;
}

}  // namespace
}  // namespace formviz::asset
