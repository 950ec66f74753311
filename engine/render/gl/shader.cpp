#include "render/gl/shader.h"

#include <algorithm>

#include <glad/gl.h>
#include <fmt/format.h>
#include <glm/gtc/type_ptr.hpp>

#include "render/shader_source.h"

namespace formviz::gl {
namespace fs = std::filesystem;

void ProgramDeleter::operator()(std::uint32_t id) const { glDeleteProgram(id); }

namespace {

Result<GLuint> compile(GLenum stage, const fs::path& shaderDir, const std::string& fileName, std::string_view defines) {
  auto source = render::assembleShader(shaderDir, fileName, render::shaderPrelude() + std::string(defines));
  if (!source) return source.error();
  const GLuint shader = glCreateShader(stage);
  const char* text = source->text.c_str();
  const GLint length = static_cast<GLint>(source->text.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  GLint logLength = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &logLength);
  std::string log(static_cast<std::size_t>(std::max(logLength, 1)), '\0');
  glGetShaderInfoLog(shader, logLength, nullptr, log.data());
  glDeleteShader(shader);
  return makeError(fmt::format("shader '{}' does not compile:\n{}", (shaderDir / fileName).string(),
                               render::annotateShaderLog(log.c_str(), source->files)));
}

}  // namespace

Result<ShaderProgram> ShaderProgram::load(const fs::path& shaderDir, std::string_view name) {
  return load(shaderDir, fmt::format("{}.vert", name), fmt::format("{}.frag", name));
}

Result<ShaderProgram> ShaderProgram::load(const fs::path& shaderDir, std::string_view vertexFile,
                                          std::string_view fragmentFile) {
  return load(shaderDir, vertexFile, fragmentFile, {});
}

Result<ShaderProgram> ShaderProgram::load(const fs::path& shaderDir, std::string_view vertexFile,
                                          std::string_view fragmentFile, std::string_view defines) {
  const std::string vertFile(vertexFile), fragFile(fragmentFile);
  const std::string name = fmt::format("{} + {}", vertFile, fragFile);
  auto vert = compile(GL_VERTEX_SHADER, shaderDir, vertFile, defines);
  if (!vert) return vert.error();
  auto frag = compile(GL_FRAGMENT_SHADER, shaderDir, fragFile, defines);
  if (!frag) {
    glDeleteShader(*vert);
    return frag.error();
  }
  ShaderProgram program;
  program.program_ = Handle<ProgramTag, ProgramDeleter>(glCreateProgram());
  const GLuint id = program.program_.id();
  glAttachShader(id, *vert);
  glAttachShader(id, *frag);
  glLinkProgram(id);
  glDetachShader(id, *vert);
  glDetachShader(id, *frag);
  glDeleteShader(*vert);
  glDeleteShader(*frag);
  GLint ok = GL_FALSE;
  glGetProgramiv(id, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    GLint logLength = 0;
    glGetProgramiv(id, GL_INFO_LOG_LENGTH, &logLength);
    std::string log(static_cast<std::size_t>(std::max(logLength, 1)), '\0');
    glGetProgramInfoLog(id, logLength, nullptr, log.data());
    return makeError(fmt::format("shader program {} in {} does not link:\n{}", name, shaderDir.string(), log.c_str()));
  }
  // Programs that skin read the joint palette from one shared binding point.
  if (const GLuint block = glGetUniformBlockIndex(id, "Palette"); block != GL_INVALID_INDEX)
    glUniformBlockBinding(id, block, render::kPaletteBinding);
  return program;
}

void ShaderProgram::use() const { glUseProgram(program_.id()); }

void ShaderProgram::set(const char* uniform, float value) const {
  glUniform1f(glGetUniformLocation(program_.id(), uniform), value);
}
void ShaderProgram::set(const char* uniform, int value) const {
  glUniform1i(glGetUniformLocation(program_.id(), uniform), value);
}
void ShaderProgram::set(const char* uniform, const glm::vec2& value) const {
  glUniform2fv(glGetUniformLocation(program_.id(), uniform), 1, glm::value_ptr(value));
}
void ShaderProgram::set(const char* uniform, const glm::vec3& value) const {
  glUniform3fv(glGetUniformLocation(program_.id(), uniform), 1, glm::value_ptr(value));
}
void ShaderProgram::set(const char* uniform, const glm::vec4& value) const {
  glUniform4fv(glGetUniformLocation(program_.id(), uniform), 1, glm::value_ptr(value));
}
void ShaderProgram::set(const char* uniform, const glm::mat4& value) const {
  glUniformMatrix4fv(glGetUniformLocation(program_.id(), uniform), 1, GL_FALSE,
                            glm::value_ptr(value));
}
void ShaderProgram::set(const char* uniform, const glm::mat3& value) const {
  glUniformMatrix3fv(glGetUniformLocation(program_.id(), uniform), 1, GL_FALSE,
                            glm::value_ptr(value));
}

void ShaderProgram::set(const char* uniform, std::span<const glm::vec4> values) const {
  glUniform4fv(glGetUniformLocation(program_.id(), uniform), static_cast<GLsizei>(values.size()),
               glm::value_ptr(values.front()));
}

}  // namespace formviz::gl
