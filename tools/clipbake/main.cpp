// clipbake: bakes the exercise clip sources into glTF animations.
//   clipbake --src animations/src --out animations [--exercise ID] [--report]
// --report prints each key pose's measured angles and feet heights.
// Exit status: 0 on success, 1 when a source is invalid or a file cannot be written, 2 on bad usage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bake.h"

namespace fs = std::filesystem;
using namespace formviz::clipbake;

namespace {

int usage(const char* problem) {
  std::fprintf(stderr, "clipbake: %s\nusage: clipbake --src DIR --out DIR [--exercise ID] [--report]\n", problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string src, out, only;
  bool wantReport = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--report") {
      wantReport = true;
    } else if ((arg == "--src" || arg == "--out" || arg == "--exercise") && i + 1 < argc) {
      (arg == "--src" ? src : arg == "--out" ? out : only) = argv[++i];
    } else {
      return usage(("unknown or incomplete argument '" + arg + "'").c_str());
    }
  }
  if (src.empty() || out.empty()) return usage("--src and --out are required");
  std::error_code ec;
  if (!fs::is_directory(src, ec)) return usage(("source folder '" + src + "' does not exist").c_str());
  if (!fs::is_directory(out, ec)) return usage(("output folder '" + out + "' does not exist").c_str());
  std::vector<fs::path> sources;
  for (const fs::directory_entry& e : fs::directory_iterator(src))
    if (e.path().extension() == ".json" && (only.empty() || e.path().stem() == only)) sources.push_back(e.path());
  std::sort(sources.begin(), sources.end());
  if (sources.empty()) {
    if (!only.empty()) return usage(("no source '" + only + ".json' in '" + src + "'").c_str());
    return usage(("no .json sources in '" + src + "'").c_str());
  }
  int failures = 0;
  for (const fs::path& path : sources) {
    if (wantReport) {
      formviz::Result<ExerciseSource> source = loadSource(path.string());
      if (source) {
        formviz::Result<std::vector<BakedClip>> clips = bakeClips(*source, path.string());
        if (clips) std::printf("%s", report(*clips).c_str());
      }
    }
    formviz::Result<GltfFiles> files = bakeFile(path);
    if (!files) {
      std::fprintf(stderr, "%s\n", files.error().message.c_str());
      ++failures;
      continue;
    }
    if (formviz::Status s = writeFiles(out, path.stem().string(), *files); !s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      ++failures;
      continue;
    }
    std::printf("%s -> %s\n", path.string().c_str(), (fs::path(out) / (path.stem().string() + ".gltf")).string().c_str());
  }
  return failures == 0 ? 0 : 1;
}
