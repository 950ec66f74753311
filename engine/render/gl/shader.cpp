#include "render/gl/shader.h"

#include <regex>
#include <sstream>

#include <glad/gl.h>
#include <fmt/format.h>
#include <glm/gtc/type_ptr.hpp>

#include "core/paths.h"

namespace formviz::gl {
namespace fs = std::filesystem;

void ProgramDeleter::operator()(std::uint32_t id) const { glDeleteProgram(id); }

std::string annotateShaderLog(std::string_view log, std::string_view fileLabel) {
  // Mesa: "0:12(5): error: ..."   NVIDIA: "0(12) : error C0000: ..."   AMD: "ERROR: 0:12: ..."
  static const std::regex mesa(R"(^\s*\d+:(\d+)\((\d+)\):\s*(.*)$)");
  static const std::regex nvidia(R"(^\s*\d+\((\d+)\)\s*:\s*(.*)$)");
  static const std::regex amd(R"(^\s*(ERROR|WARNING):\s*\d+:(\d+):\s*(.*)$)");
  std::string out;
  std::istringstream lines{std::string(log)};
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (std::regex_match(line, m, mesa))
      out += fmt::format("{}:{}:{}: {}\n", fileLabel, m[1].str(), m[2].str(), m[3].str());
    else if (std::regex_match(line, m, nvidia))
      out += fmt::format("{}:{}: {}\n", fileLabel, m[1].str(), m[2].str());
    else if (std::regex_match(line, m, amd))
      out += fmt::format("{}:{}: {}: {}\n", fileLabel, m[2].str(), m[1].str(), m[3].str());
    else
      out += fmt::format("{}: {}\n", fileLabel, line);
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

namespace {

std::string label(const fs::path& file) { return (file.parent_path().filename() / file.filename()).string(); }

Result<GLuint> compile(GLenum stage, const fs::path& file) {
  auto source = readFile(file);
  if (!source) return makeError(fmt::format("shader file missing or unreadable: {}", source.error().message));
  const GLuint shader = glCreateShader(stage);
  const char* text = source->c_str();
  const GLint length = static_cast<GLint>(source->size());
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
  return makeError(fmt::format("shader '{}' does not compile:\n{}", file.string(),
                               annotateShaderLog(log.c_str(), label(file))));
}

}  // namespace

Result<ShaderProgram> ShaderProgram::load(const fs::path& shaderDir, std::string_view name) {
  const fs::path vertFile = shaderDir / fmt::format("{}.vert", name);
  const fs::path fragFile = shaderDir / fmt::format("{}.frag", name);
  auto vert = compile(GL_VERTEX_SHADER, vertFile);
  if (!vert) return vert.error();
  auto frag = compile(GL_FRAGMENT_SHADER, fragFile);
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
    return makeError(fmt::format("shader program '{}' ({} + {}) does not link:\n{}", name, label(vertFile),
                                 label(fragFile), log.c_str()));
  }
  return program;
}

void ShaderProgram::use() const { glUseProgram(program_.id()); }

void ShaderProgram::set(const char* uniform, float value) const {
  glUniform1f(glGetUniformLocation(program_.id(), uniform), value);
}
void ShaderProgram::set(const char* uniform, int value) const {
  glUniform1i(glGetUniformLocation(program_.id(), uniform), value);
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

}  // namespace formviz::gl
