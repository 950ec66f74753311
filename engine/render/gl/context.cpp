#include "render/gl/context.h"

#include <glad/gl.h>
#include <fmt/format.h>

#include "core/log.h"

namespace formviz::gl {

Status loadFunctions(ProcLoader loader) {
  const int version = gladLoadGL(reinterpret_cast<GLADloadfunc>(loader));
  if (version == 0) return makeError("cannot load the OpenGL functions for this context");
  if (GLAD_VERSION_MAJOR(version) < 3 || (GLAD_VERSION_MAJOR(version) == 3 && GLAD_VERSION_MINOR(version) < 3))
    return makeError(fmt::format("the OpenGL context is version {}.{}; FormViz needs 3.3 core",
                                 GLAD_VERSION_MAJOR(version), GLAD_VERSION_MINOR(version)));
  return Ok{};
}

std::string describeContext() {
  auto str = [](GLenum name) {
    const GLubyte* value = glGetString(name);
    return value ? std::string(reinterpret_cast<const char*>(value)) : std::string("?");
  };
  return fmt::format("OpenGL {} on {}", str(GL_VERSION), str(GL_RENDERER));
}

namespace {
void GLAD_API_PTR onDebugMessage(GLenum source, GLenum type, GLuint id, GLenum severity, GLsizei /*length*/,
                                 const GLchar* message, const void* /*user*/) {
  if (severity == GL_DEBUG_SEVERITY_NOTIFICATION) return;
  // Compiler messages reach the user through ShaderProgram's error, with file names.
  if (source != GL_DEBUG_SOURCE_SHADER_COMPILER && (type == GL_DEBUG_TYPE_ERROR || severity == GL_DEBUG_SEVERITY_HIGH))
    log::error("GL [{}]: {}", id, message);
  else
    log::debug("GL [{}]: {}", id, message);
}
}  // namespace

void enableDebugOutput() {
  if (!GLAD_GL_KHR_debug) {
    log::debug("GL debug output unavailable (no KHR_debug)");
    return;
  }
  GLint flags = 0;
  glGetIntegerv(GL_CONTEXT_FLAGS, &flags);
  glEnable(GL_DEBUG_OUTPUT);
  if (flags & GL_CONTEXT_FLAG_DEBUG_BIT) glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
  glDebugMessageCallback(onDebugMessage, nullptr);
  log::debug("GL debug output routed to the log");
}

void beginWindowFrame(int width, int height, float r, float g, float b) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void finish() { glFinish(); }

render::Image readWindowPixels(int width, int height) {
  render::Image image(width, height);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
  render::flipVertically(image);
  return image;
}

}  // namespace formviz::gl
