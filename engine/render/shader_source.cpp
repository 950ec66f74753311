#include "render/shader_source.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "core/paths.h"

namespace formviz::render {
namespace fs = std::filesystem;

std::string shaderPrelude() {
  return fmt::format(
      "#define FV_MAX_PALETTE_JOINTS {}\n#define FV_MAX_MUSCLE_REGIONS {}\n#define FV_ATTRIB_POSITION {}\n"
      "#define FV_ATTRIB_NORMAL {}\n#define FV_ATTRIB_JOINTS {}\n#define FV_ATTRIB_WEIGHTS {}\n"
      "#define FV_ATTRIB_REGION {}\n",
      kMaxPaletteJoints, kMaxMuscleRegions, kAttribPosition, kAttribNormal, kAttribJoints, kAttribWeights,
      kAttribRegion);
}

namespace {

std::string label(const fs::path& shaderDir, std::string_view name) {
  return (shaderDir.filename() / fs::path(name)).string();
}

struct Assembler {
  fs::path dir;
  ShaderSource out;
  std::vector<std::string> stack;  // files being expanded, for cycle detection

  // Appends `name`'s lines; `isMain` files keep their #version line and get the prelude.
  Status append(std::string_view name, bool isMain, std::string_view prelude) {
    const std::string fileLabel = label(dir, name);
    if (std::find(stack.begin(), stack.end(), fileLabel) != stack.end())
      return makeError(fmt::format("{}: includes itself through {}", fileLabel, fmt::join(stack, " -> ")));
    auto text = readFile(dir / fs::path(name));
    if (!text) return text.error();
    const int number = static_cast<int>(out.files.size());
    out.files.push_back(fileLabel);
    stack.push_back(fileLabel);
    if (!isMain) out.text += fmt::format("#line 1 {}\n", number);

    static const std::regex include(R"(^\s*#\s*include\s+\"([^\"]+)\"\s*$)");
    static const std::regex version(R"(^\s*#\s*version\b.*$)");
    std::istringstream lines(*text);
    std::string line;
    int lineNumber = 0;
    std::smatch m;
    while (std::getline(lines, line)) {
      ++lineNumber;
      if (std::regex_match(line, version)) {
        if (!isMain || lineNumber != 1)
          return makeError(fmt::format("{}:{}: #version belongs only on the first line of a main shader file",
                                       fileLabel, lineNumber));
        out.text += line + "\n" + std::string(prelude) + fmt::format("#line {} {}\n", lineNumber + 1, number);
        continue;
      }
      if (isMain && lineNumber == 1)
        return makeError(fmt::format("{}:1: a shader must start with a #version line", fileLabel));
      if (std::regex_match(line, m, include)) {
        std::error_code ec;
        if (!fs::is_regular_file(dir / fs::path(m[1].str()), ec))
          return makeError(fmt::format("{}:{}: cannot include \"{}\": no such file in {}", fileLabel, lineNumber,
                                       m[1].str(), dir.string()));
        if (Status included = append(m[1].str(), false, prelude); !included) return included;
        out.text += fmt::format("#line {} {}\n", lineNumber + 1, number);
        continue;
      }
      out.text += line + "\n";
    }
    if (isMain && lineNumber == 0) return makeError(fmt::format("{}: the file is empty", fileLabel));
    stack.pop_back();
    return Ok{};
  }
};

}  // namespace

Result<ShaderSource> assembleShader(const fs::path& shaderDir, std::string_view fileName, std::string_view prelude) {
  Assembler assembler{shaderDir, {}, {}};
  if (Status status = assembler.append(fileName, true, prelude); !status) return status.error();
  return std::move(assembler.out);
}

std::string annotateShaderLog(std::string_view log, const std::vector<std::string>& files) {
  // Mesa: "0:12(5): error: ..."   NVIDIA: "0(12) : error C0000: ..."   AMD: "ERROR: 0:12: ..."
  static const std::regex mesa(R"(^\s*(\d+):(\d+)\((\d+)\):\s*(.*)$)");
  static const std::regex nvidia(R"(^\s*(\d+)\((\d+)\)\s*:\s*(.*)$)");
  static const std::regex amd(R"(^\s*(ERROR|WARNING):\s*(\d+):(\d+):\s*(.*)$)");
  auto file = [&](const std::string& number) {
    const std::size_t index = std::stoul(number);
    return index < files.size() ? files[index] : fmt::format("<source {}>", number);
  };
  std::string out;
  std::istringstream lines{std::string(log)};
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (std::regex_match(line, m, mesa))
      out += fmt::format("{}:{}:{}: {}\n", file(m[1].str()), m[2].str(), m[3].str(), m[4].str());
    else if (std::regex_match(line, m, nvidia))
      out += fmt::format("{}:{}: {}\n", file(m[1].str()), m[2].str(), m[3].str());
    else if (std::regex_match(line, m, amd))
      out += fmt::format("{}:{}: {}: {}\n", file(m[2].str()), m[3].str(), m[1].str(), m[4].str());
    else
      out += fmt::format("{}: {}\n", files.empty() ? "shader" : files.front(), line);
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace formviz::render
