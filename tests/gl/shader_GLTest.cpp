#include <gtest/gtest.h>

#include "core/paths.h"
#include "gl/golden.h"
#include "render/gl/scene_renderer.h"
#include "render/gl/shader.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

class ShaderGLTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::glContext(); }
  void SetUp() override {
    dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "shaders" / ::testing::UnitTest::GetInstance()->current_test_info()->name() / "shaders";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* file : {"background.vert", "background.frag", "ground.vert", "ground.frag", "mesh.vert", "mesh.frag"})
      fs::copy_file(fs::path(FORMVIZ_SOURCE_DIR) / "shaders" / file, dir / file);
  }
  fs::path dir;
};

TEST_F(ShaderGLTest, TheShippedShadersCompile) {
  for (const char* name : {"background", "ground", "mesh"}) {
    auto program = gl::ShaderProgram::load(dir, name);
    EXPECT_TRUE(program) << program.error().message;
  }
}

TEST_F(ShaderGLTest, MissingFileIsNamed) {
  fs::remove(dir / "ground.frag");
  auto renderer = gl::SceneRenderer::create(dir);
  ASSERT_FALSE(renderer);
  EXPECT_NE(renderer.error().message.find("ground.frag"), std::string::npos) << renderer.error().message;
  EXPECT_NE(renderer.error().message.find("no such file"), std::string::npos) << renderer.error().message;
}

TEST_F(ShaderGLTest, CompileErrorNamesFileAndLine) {
  // Line 4 gets a statement the compiler must reject.
  ASSERT_TRUE(writeFileAtomic(dir / "mesh.frag",
                              "#version 330 core\n"
                              "out vec4 fragColor;\n"
                              "void main() {\n"
                              "  fragColor = vec4(undeclaredThing, 1.0);\n"
                              "}\n"));
  auto program = gl::ShaderProgram::load(dir, "mesh");
  ASSERT_FALSE(program);
  const std::string& message = program.error().message;
  EXPECT_NE(message.find("shaders/mesh.frag:4:"), std::string::npos) << message;
  EXPECT_NE(message.find("undeclaredThing"), std::string::npos) << message;
}

TEST_F(ShaderGLTest, LinkErrorNamesTheProgram) {
  // A fragment shader without main() compiles on its own but cannot be linked.
  ASSERT_TRUE(writeFileAtomic(dir / "mesh.frag",
                              "#version 330 core\nout vec4 fragColor;\nvoid shade() { fragColor = vec4(1.0); }\n"));
  auto program = gl::ShaderProgram::load(dir, "mesh");
  ASSERT_FALSE(program);
  EXPECT_NE(program.error().message.find("mesh"), std::string::npos) << program.error().message;
  EXPECT_NE(program.error().message.find("link"), std::string::npos) << program.error().message;
}

struct LogCase {
  const char* driverLog;
  const char* expected;
};
class AnnotateShaderLog : public ::testing::TestWithParam<LogCase> {};
TEST_P(AnnotateShaderLog, PrefixesFileAndLine) {
  EXPECT_EQ(gl::annotateShaderLog(GetParam().driverLog, "shaders/x.frag"), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(
    Drivers, AnnotateShaderLog,
    ::testing::Values(
        LogCase{"0:12(5): error: `foo' undeclared\n", "shaders/x.frag:12:5: error: `foo' undeclared"},
        LogCase{"0(7) : error C1008: undefined variable \"foo\"", "shaders/x.frag:7: error C1008: undefined variable \"foo\""},
        LogCase{"ERROR: 0:3: 'foo' : undeclared identifier", "shaders/x.frag:3: ERROR: 'foo' : undeclared identifier"},
        LogCase{"something else", "shaders/x.frag: something else"}));

}  // namespace
}  // namespace formviz
