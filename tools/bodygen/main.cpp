// [SECTION] bodygen command line: builds the FormViz bodies into models/.
//
//   bodygen --out-dir models [--preset NAME | --all]
//   bodygen --preview out.png [--preset NAME] [--pose rest|squat|flexion] [--plain]
//   bodygen --list
//
// Exit status: 0 on success, 1 on a runtime failure (unwritable folder), 2 on bad usage.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "body.h"
#include "gltf_writer.h"
#include "preview.h"

namespace {

using namespace formviz::body;

void usage(std::FILE* out) {
  std::fputs(
      "usage: bodygen --out-dir DIR [--preset NAME | --all]\n"
      "       bodygen --preview FILE.png [--preset NAME] [--pose rest|squat|flexion] [--plain]\n"
      "       bodygen --list\n"
      "Builds the FormViz human figures as glTF 2.0 (DIR/<preset>.gltf + .bin).\n"
      "Without --preset every preset is built.\n",
      out);
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "bodygen: %s\n", message.c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  std::string outDir, previewPath, pose = "rest";
  std::vector<std::string> names;
  bool all = false, list = false, plain = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = std::string(args[++i]);
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else if (a == "--out-dir") {
      if (!value(outDir)) return fail("--out-dir needs a folder.", 2);
    } else if (a == "--preset") {
      if (!value(v)) return fail("--preset needs a name (see --list).", 2);
      names.push_back(v);
    } else if (a == "--all") {
      all = true;
    } else if (a == "--list") {
      list = true;
    } else if (a == "--preview") {
      if (!value(previewPath)) return fail("--preview needs a PNG file name.", 2);
    } else if (a == "--pose") {
      if (!value(pose)) return fail("--pose needs rest, squat or flexion.", 2);
    } else if (a == "--plain") {
      plain = true;
    } else {
      usage(stderr);
      return fail("unknown argument '" + std::string(a) + "'.", 2);
    }
  }
  if (list) {
    for (const Preset& p : presets()) std::printf("%-12s %s\n", p.name.c_str(), p.description.c_str());
    return 0;
  }
  if (outDir.empty() && previewPath.empty()) {
    usage(stderr);
    return fail("nothing to do: give --out-dir or --preview.", 2);
  }
  if (all && !names.empty()) return fail("--all and --preset exclude each other.", 2);
  std::vector<const Preset*> chosen;
  for (const std::string& n : names) {
    const Preset* p = findPreset(n);
    if (!p) {
      std::string known;
      for (const Preset& q : presets()) known += (known.empty() ? "" : ", ") + q.name;
      return fail("unknown preset '" + n + "'; known presets: " + known + ".", 2);
    }
    chosen.push_back(p);
  }
  if (pose != "rest" && pose != "squat" && pose != "flexion") return fail("unknown pose '" + pose + "'; use rest, squat or flexion.", 2);

  if (!previewPath.empty()) {
    const Preset* p = chosen.empty() ? findPreset("male_175") : chosen.front();
    const Body body = buildBody(*p);
    const Skeleton& sk = body.rig.skeleton;
    const Pose chosenPose = pose == "squat" ? deepSquatPose(sk) : pose == "flexion" ? deepFlexionPose(sk) : restPose(sk);
    std::vector<glm::vec3> normals;
    const auto positions = skinPositions(body.mesh, sk, chosenPose, &normals);
    const formviz::Status s = writePng(previewPath, renderViews(body.mesh, positions, normals, 720, !plain));
    if (!s) return fail(s.error().message, 1);
    std::printf("wrote %s (%s, %s pose, %d triangles)\n", previewPath.c_str(), p->name.c_str(), pose.c_str(),
                body.mesh.triangleCount());
    if (outDir.empty()) return 0;
  }

  if (chosen.empty()) {
    for (const Preset& p : presets()) chosen.push_back(&p);
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(outDir, ec)) return fail("output folder '" + outDir + "' does not exist or is not a folder.", 1);
  // Fail before the slow build if the folder cannot take files.
  const std::filesystem::path probe = std::filesystem::path(outDir) / ".bodygen-probe";
  const formviz::Status probed = writeFileAtomic(probe, "", 0);
  if (!probed) return fail("output folder '" + outDir + "' is not writable: " + probed.error().message, 1);
  std::filesystem::remove(probe, ec);
  for (const Preset* p : chosen) {
    const Body body = buildBody(*p);
    const formviz::Status s = writeBodyFiles(body, outDir);
    if (!s) return fail(s.error().message, 1);
    std::printf("wrote %s/%s.gltf (%d vertices, %d triangles, %d joints)\n", outDir.c_str(), p->name.c_str(),
                body.mesh.vertexCount(), body.mesh.triangleCount(), body.rig.skeleton.size());
  }
  return 0;
}
