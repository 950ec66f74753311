#include <gtest/gtest.h>

#include "core/paths.h"
#include "gl/golden.h"
#include "render/gl/scene_renderer.h"
#include "render/gl/shader.h"
#include "render/shader_source.h"

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
    for (const auto& entry : fs::directory_iterator(fs::path(FORMVIZ_SOURCE_DIR) / "shaders"))
      fs::copy_file(entry.path(), dir / entry.path().filename());
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

TEST_F(ShaderGLTest, ErrorInAnIncludedFileNamesThatFile) {
  ASSERT_TRUE(writeFileAtomic(dir / "lighting.glsl", "// comment\nvec3 toLinear(vec3 c) { return c * ; }\n"));
  auto program = gl::ShaderProgram::load(dir, "mesh");
  ASSERT_FALSE(program);
  EXPECT_NE(program.error().message.find("shaders/lighting.glsl:2:"), std::string::npos) << program.error().message;
}

TEST_F(ShaderGLTest, SharedLimitsReachTheShaders) {
  // A shader that fails to compile unless the prelude defines the limits with C++'s values.
  ASSERT_TRUE(writeFileAtomic(dir / "limits.vert",
                              "#version 330 core\n"
                              "#if FV_MAX_PALETTE_JOINTS != " + std::to_string(render::kMaxPaletteJoints) + "\n#error joints\n#endif\n"
                              "#if FV_MAX_MUSCLE_REGIONS != " + std::to_string(render::kMaxMuscleRegions) + "\n#error regions\n#endif\n"
                              "layout(location = FV_ATTRIB_REGION) in vec2 aRegion;\n"
                              "void main() { gl_Position = vec4(aRegion, 0.0, 1.0); }\n"));
  ASSERT_TRUE(writeFileAtomic(dir / "limits.frag", "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n"));
  auto program = gl::ShaderProgram::load(dir, "limits");
  EXPECT_TRUE(program) << program.error().message;
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

}  // namespace
}  // namespace formviz
