// `formviz check [EXERCISE...] [--model NAME] [--brief]`: the form checker on the shipped clips.
//
// For each exercise: animations/<id>.gltf (the correct clip and its mistake clips, made on the
// reference body) and animations/<id>.rules.json (docs/FORM.md). Every clip is checked on every
// body in models/ (or the one --model names): anim::Character retargets it and pins its
// planted feet, form::CheckJob measures every frame against the rules and the global
// range-of-motion bounds, and form::judgeClip compares what failed with what the rules file
// expects of that clip (nothing for the correct clip; exactly its declared rules for a mistake).
// No GL, no display. Exit: 0 every verdict as expected, 1 any other verdict or a file problem,
// 2 bad command line (CLI11).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "app/commands.h"
#include "asset/import.h"
#include "core/paths.h"
#include "form/body.h"
#include "form/check.h"
#include "form/rules.h"

namespace formviz::app {
namespace {
namespace fs = std::filesystem;

// [SECTION] inputs

struct Body {
  std::string name;  // preset name (file stem)
  asset::ImportedModel model;
  form::BodyRig rig;
  form::Sex sex = form::Sex::Male;
};

// The sorted stems of `dir`'s files ending in `suffix`.
std::vector<std::string> stems(const fs::path& dir, const std::string& suffix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > suffix.size() && name.ends_with(suffix))
      out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Body> loadBody(const fs::path& modelsDir, const std::string& name) {
  const fs::path file = modelsDir / fmt::format("{}.gltf", name);
  if (!fs::exists(file)) {
    std::string known;
    for (const std::string& s : stems(modelsDir, ".gltf")) known += " " + s;
    return makeError(fmt::format("{}: no such body (bodies:{})", file.string(), known.empty() ? " none" : known));
  }
  auto model = asset::importGltf(file);
  if (!model) return model.error();
  auto rig = form::BodyRig::bind(model->skeleton);
  if (!rig) return makeError(fmt::format("{}: {}", file.string(), rig.error().message));
  Body body{name, std::move(model).value(), *rig,
            name.starts_with("female") ? form::Sex::Female : form::Sex::Male};  // de Leva's table half
  return body;
}

// The lines of a report worth showing in --brief mode: the header, failures, the count.
std::string briefReport(const std::string& table) {
  std::string out;
  std::size_t line = 0, start = 0;
  while (start < table.size()) {
    const std::size_t end = table.find('\n', start);
    const std::string text = table.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
    if (line < 2 || text.find(" FAIL") != std::string::npos || end == std::string::npos || end + 1 == table.size())
      out += text;
    start = end == std::string::npos ? table.size() : end + 1;
    ++line;
  }
  return out;
}

}  // namespace

ExitCode runCheck(const CommandLine& cmd) {
  auto dataDir = findDataDir(cmd.dataDir);
  if (!dataDir) {
    fmt::print(stderr, "{}\n", dataDir.error().message);
    return ExitCode::Failure;
  }
  const fs::path animations = *dataDir / "animations", modelsDir = *dataDir / "models";

  // Exercises: the named ones, or every clip file (a rules file without its clip is noted).
  std::vector<std::string> exercises = cmd.check.exercises;
  if (exercises.empty()) {
    exercises = stems(animations, ".gltf");
    for (const std::string& id : stems(animations, ".rules.json"))
      if (!std::binary_search(exercises.begin(), exercises.end(), id))
        fmt::print("note: {} has rules but no clip yet ({} does not exist): skipped\n", id,
                   (animations / fmt::format("{}.gltf", id)).string());
    if (exercises.empty()) {
      fmt::print(stderr, "{}: no exercise clips (*.gltf) to check\n", animations.string());
      return ExitCode::Failure;
    }
  }

  // Bodies: --model, or every preset.
  std::vector<std::string> bodyNames = cmd.model.empty() ? stems(modelsDir, ".gltf") : std::vector{cmd.model};
  if (bodyNames.empty()) {
    fmt::print(stderr, "{}: no body models (*.gltf) to check on\n", modelsDir.string());
    return ExitCode::Failure;
  }
  std::vector<Body> bodies;
  for (const std::string& name : bodyNames) {
    auto body = loadBody(modelsDir, name);
    if (!body) {
      fmt::print(stderr, "{}\n", body.error().message);
      return ExitCode::Failure;
    }
    bodies.push_back(std::move(body).value());
  }

  int problems = 0;
  struct Line {
    std::string exercise, clip, body, verdict;
    bool ok;
  };
  std::vector<Line> summary;
  for (const std::string& id : exercises) {
    const fs::path clipFile = animations / fmt::format("{}.gltf", id);
    const fs::path rulesFile = animations / fmt::format("{}.rules.json", id);
    if (!fs::exists(clipFile)) {
      fmt::print(stderr, "{}: no clip file for exercise '{}'\n", clipFile.string(), id);
      ++problems;
      continue;
    }
    auto clips = asset::importGltf(clipFile);
    if (!clips) {
      fmt::print(stderr, "{}\n", clips.error().message);
      ++problems;
      continue;
    }
    auto rules = form::loadRules(rulesFile);
    if (!rules) {
      fmt::print(stderr, "{}\n", rules.error().message);
      ++problems;
      continue;
    }
    if (clips->clips.empty()) {
      fmt::print(stderr, "{}: holds no animation\n", clipFile.string());
      ++problems;
      continue;
    }
    for (const anim::Clip& clip : clips->clips) {
      for (const Body& body : bodies) {
        form::CheckReport report;
        form::CheckJob job;
        job.skeleton = &body.model.skeleton;
        job.rig = &body.rig;
        job.clip = &clip;
        job.clipSkeleton = &clips->skeleton;
        job.rules = &*rules;
        job.sex = body.sex;
        job.output = &report;
        if (!job.Run()) {
          fmt::print(stderr, "{}: clip '{}' cannot be checked on {} (its skeleton does not match the body's)\n",
                     clipFile.string(), clip.name(), body.name);
          ++problems;
          continue;
        }
        const form::ClipVerdict verdict = judgeClip(report, *rules);
        report.clip = fmt::format("{} / {} on {}", id, clip.name(), body.name);
        const std::string table = form::formatReport(report);
        fmt::print("\n{}", cmd.check.brief ? briefReport(table) : table);
        const std::string line = form::formatVerdict(verdict);
        fmt::print("{}", line);
        summary.push_back({id, clip.name(), body.name, line, verdict.ok()});
        if (!verdict.ok()) ++problems;
      }
    }
  }

  fmt::print("\nsummary\n");
  for (const Line& l : summary)
    fmt::print("{:<5} {:<22} {:<28} {:<11} {}", l.ok ? "ok" : "WRONG", l.exercise, l.clip, l.body,
               l.verdict.substr(l.verdict.find(':') + 2));
  const auto wrong = std::count_if(summary.begin(), summary.end(), [](const Line& l) { return !l.ok; });
  fmt::print("{} of {} clip checks as expected{}\n", summary.size() - static_cast<std::size_t>(wrong), summary.size(),
             problems > wrong ? fmt::format("; {} file problem(s) above", problems - wrong) : "");
  return problems == 0 ? ExitCode::Ok : ExitCode::Failure;
}

}  // namespace formviz::app
