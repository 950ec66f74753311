// [SECTION] Shader programs loaded from the shaders/ folder.
//
// A program is "<name>.vert" + "<name>.frag", assembled by render::assembleShader (shared
// limits as #defines, #include). Compile and link errors come back as an Error whose lines
// read "shaders/<file>:<line>: <driver message>", like a compiler's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/gl/handle.h"

namespace formviz::gl {

struct ProgramDeleter {
  void operator()(std::uint32_t id) const;
};

class ShaderProgram {
 public:
  // Loads, compiles and links `<shaderDir>/<name>.vert` and `.frag`.
  static Result<ShaderProgram> load(const std::filesystem::path& shaderDir, std::string_view name);
  // The same with two files named in full, for a vertex shader shared by several programs.
  static Result<ShaderProgram> load(const std::filesystem::path& shaderDir, std::string_view vertexFile,
                                    std::string_view fragmentFile);
  // The same with `defines` ("#define NAME VALUE" lines) after the shared prelude: compile-time
  // variants of one shader, since Mesa's llvmpipe runs code behind a uniform branch anyway.
  static Result<ShaderProgram> load(const std::filesystem::path& shaderDir, std::string_view vertexFile,
                                    std::string_view fragmentFile, std::string_view defines);

  void use() const;
  // Sets a uniform of this program, which must be in use (OpenGL 3.3 has no
  // glProgramUniform). Uniforms the program does not use (optimised out) are ignored.
  void set(const char* uniform, float value) const;
  void set(const char* uniform, int value) const;
  void set(const char* uniform, const glm::vec2& value) const;
  void set(const char* uniform, const glm::vec3& value) const;
  void set(const char* uniform, const glm::vec4& value) const;
  void set(const char* uniform, const glm::mat4& value) const;
  void set(const char* uniform, const glm::mat3& value) const;
  void set(const char* uniform, std::span<const glm::vec4> values) const;

  std::uint32_t id() const { return program_.id(); }

 private:
  Handle<struct ProgramTag, ProgramDeleter> program_;
};

}  // namespace formviz::gl
