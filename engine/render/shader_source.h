// [SECTION] Shader sources: the limits C++ and GLSL share, #include, and error locations.
//
// GPU-free, so it is tested without a context. The loader (gl::ShaderProgram) compiles
// what assembleShader() returns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace formviz::render {

// Limits and bindings shared with the shaders, which see them as #defines of the same
// name (FV_MAX_PALETTE_JOINTS, ...), inserted after their #version line.
inline constexpr int kMaxPaletteJoints = 128;   // joints one skinned draw can use (a 8 KiB uniform block)
inline constexpr int kMaxMuscleRegions = 64;    // muscle region ids 0..63 (0 = none)
inline constexpr std::uint32_t kAttribPosition = 0;
inline constexpr std::uint32_t kAttribNormal = 1;
inline constexpr std::uint32_t kAttribJoints = 2;
inline constexpr std::uint32_t kAttribWeights = 3;
inline constexpr std::uint32_t kAttribRegion = 4;   // (muscle region id, weight)
inline constexpr std::uint32_t kPaletteBinding = 0; // uniform block binding of the skinning palette

// The #define lines above, one per line.
std::string shaderPrelude();

// A shader ready to compile. `files[i]` labels GLSL source string number i, which the
// #line directives in `text` use, so driver messages can name the file they are about.
struct ShaderSource {
  std::string text;
  std::vector<std::string> files;  // "shaders/mesh.frag", "shaders/lighting.glsl", ...
};

// Reads `<shaderDir>/<fileName>`, which must start with a #version line, puts `prelude`
// after it, and replaces each `#include "name"` line with `<shaderDir>/<name>` (itself
// without #version; includes nest, cycles are an error). Errors name the file and line.
Result<ShaderSource> assembleShader(const std::filesystem::path& shaderDir, std::string_view fileName,
                                    std::string_view prelude);

// Rewrites a driver's info log so each message starts with "<file>:<line>:", taking the
// file from `files` by source string number. Understands Mesa's "0:12(5): error" and
// NVIDIA's "0(12) : error" / AMD's "ERROR: 0:12:" forms; other lines are kept as they are.
std::string annotateShaderLog(std::string_view log, const std::vector<std::string>& files);

}  // namespace formviz::render
