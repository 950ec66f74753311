#include "render/shader_source.h"

#include <gtest/gtest.h>

#include "core/paths.h"

namespace formviz::render {
namespace {
namespace fs = std::filesystem;

class ShaderSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "shader_source" /
          ::testing::UnitTest::GetInstance()->current_test_info()->name() / "shaders";
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void write(const char* name, const std::string& text) { ASSERT_TRUE(writeFileAtomic(dir / name, text)); }
  fs::path dir;
};

TEST_F(ShaderSourceTest, PreludeFollowsVersionAndLinesStayTrue) {
  write("a.frag", "#version 330 core\nvoid main() {}\n");
  auto source = assembleShader(dir, "a.frag", "#define X 1\n");
  ASSERT_TRUE(source) << source.error().message;
  EXPECT_EQ(source->text, "#version 330 core\n#define X 1\n#line 2 0\nvoid main() {}\n");
  ASSERT_EQ(source->files.size(), 1u);
  EXPECT_EQ(source->files[0], "shaders/a.frag");
}

//   main.frag            common.glsl        inner.glsl
//   1 #version           1 // common        1 float inner;
//   2 #include common    2 #include inner
//   3 void main() {}     3 float common;
TEST_F(ShaderSourceTest, IncludesNestAndGetTheirOwnSourceNumbers) {
  write("main.frag", "#version 330 core\n#include \"common.glsl\"\nvoid main() {}\n");
  write("common.glsl", "// common\n#include \"inner.glsl\"\nfloat common;\n");
  write("inner.glsl", "float inner;\n");
  auto source = assembleShader(dir, "main.frag", "");
  ASSERT_TRUE(source) << source.error().message;
  EXPECT_EQ(source->text,
            "#version 330 core\n#line 2 0\n"
            "#line 1 1\n// common\n"
            "#line 1 2\nfloat inner;\n#line 3 1\n"
            "float common;\n#line 3 0\n"
            "void main() {}\n");
  EXPECT_EQ(source->files, (std::vector<std::string>{"shaders/main.frag", "shaders/common.glsl", "shaders/inner.glsl"}));
}

TEST_F(ShaderSourceTest, SharedLimitsArePrelude) {
  const std::string prelude = shaderPrelude();
  EXPECT_NE(prelude.find("#define FV_MAX_PALETTE_JOINTS " + std::to_string(kMaxPaletteJoints) + "\n"), std::string::npos);
  EXPECT_NE(prelude.find("#define FV_ATTRIB_REGION " + std::to_string(kAttribRegion) + "\n"), std::string::npos);
}

struct BadCase {
  const char* mainText;
  const char* otherName;
  const char* otherText;
  const char* message;
};
class BadShaderSource : public ShaderSourceTest, public ::testing::WithParamInterface<BadCase> {};
TEST_P(BadShaderSource, NamesFileAndLine) {
  write("main.frag", GetParam().mainText);
  if (GetParam().otherName) write(GetParam().otherName, GetParam().otherText);
  auto source = assembleShader(dir, "main.frag", "");
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find(GetParam().message), std::string::npos) << source.error().message;
}
INSTANTIATE_TEST_SUITE_P(
    Table, BadShaderSource,
    ::testing::Values(
        BadCase{"void main() {}\n", nullptr, nullptr, "shaders/main.frag:1: a shader must start with a #version"},
        BadCase{"", nullptr, nullptr, "shaders/main.frag: the file is empty"},
        BadCase{"#version 330 core\n\n#include \"nope.glsl\"\n", nullptr, nullptr,
                "shaders/main.frag:3: cannot include \"nope.glsl\": no such file"},
        BadCase{"#version 330 core\n#include \"loop.glsl\"\n", "loop.glsl", "#include \"loop.glsl\"\n",
                "shaders/loop.glsl: includes itself"},
        BadCase{"#version 330 core\n#include \"v.glsl\"\n", "v.glsl", "#version 330 core\n",
                "shaders/v.glsl:1: #version belongs only on the first line"}));

TEST(ShaderSource, MissingMainFileIsNamed) {
  auto source = assembleShader("/nonexistent/shaders", "x.vert", "");
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message.find("/nonexistent/shaders/x.vert"), std::string::npos) << source.error().message;
}

struct LogCase {
  const char* driverLog;
  const char* expected;
};
class AnnotateShaderLog : public ::testing::TestWithParam<LogCase> {};
TEST_P(AnnotateShaderLog, NamesTheFileOfEachSourceNumber) {
  EXPECT_EQ(annotateShaderLog(GetParam().driverLog, {"shaders/x.frag", "shaders/lighting.glsl"}), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(
    Drivers, AnnotateShaderLog,
    ::testing::Values(
        LogCase{"0:12(5): error: `foo' undeclared\n", "shaders/x.frag:12:5: error: `foo' undeclared"},
        LogCase{"1:3(9): error: syntax error", "shaders/lighting.glsl:3:9: error: syntax error"},
        LogCase{"0(7) : error C1008: undefined variable \"foo\"",
                "shaders/x.frag:7: error C1008: undefined variable \"foo\""},
        LogCase{"ERROR: 1:3: 'foo' : undeclared identifier", "shaders/lighting.glsl:3: ERROR: 'foo' : undeclared identifier"},
        LogCase{"7:1(1): error: odd", "<source 7>:1:1: error: odd"},
        LogCase{"something else", "shaders/x.frag: something else"}));

}  // namespace
}  // namespace formviz::render
