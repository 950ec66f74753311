#include "app/headless.h"

#include <fmt/format.h>

#include "app/domain/gltf_clip_index.h"
#include "app/muscle_selection.h"

namespace formviz::app {
namespace fs = std::filesystem;

namespace {

Result<domain::CatalogLoad> loadShippedCatalog(const fs::path& dataDir) {
  const domain::GltfClipIndex clipIndex(dataDir / "animations");
  return domain::loadCatalog(dataDir / "animations" / "catalog.json", clipIndex);
}

}  // namespace

Result<ExerciseEntry> findExercise(const fs::path& dataDir, std::string_view id) {
  auto catalog = loadShippedCatalog(dataDir);
  if (!catalog) return catalog.error();
  const domain::Exercise* exercise = catalog->catalog.find(id);
  if (!exercise) {
    std::string known;
    for (const domain::Exercise& e : catalog->catalog.exercises()) known += fmt::format(" {}", e.id);
    return makeError(fmt::format("no exercise '{}' in {} (exercises:{})", id,
                                 (dataDir / "animations" / "catalog.json").string(), known));
  }
  ExerciseEntry entry;
  entry.exercise = *exercise;
  entry.clipFile = dataDir / "animations" / fmt::format("{}.gltf", exercise->id);
  entry.roles = exerciseMuscles(*exercise);
  return entry;
}

Result<std::vector<domain::Exercise>> exercisesWithClips(const fs::path& dataDir) {
  auto catalog = loadShippedCatalog(dataDir);
  if (!catalog) return catalog.error();
  std::vector<domain::Exercise> result;
  for (const domain::Exercise& e : catalog->catalog.exercises())
    if (e.hasClips) result.push_back(e);
  return result;
}

Result<HeadlessGl> createHeadlessGl(const fs::path& dataDir, bool* noDisplay) {
  if (noDisplay) *noDisplay = false;
  platform::WindowDesc desc;
  desc.headless = true;
  desc.width = 64;  // the window is never shown; pictures are drawn off-screen
  desc.height = 64;
#ifndef NDEBUG
  desc.debugContext = true;
#endif
  auto window = platform::Window::create(desc);
  if (!window) {
    if (noDisplay) *noDisplay = true;
    return window.error();
  }
  auto renderer = gl::SceneRenderer::create(dataDir / "shaders");
  if (!renderer) return renderer.error();
  return HeadlessGl{std::move(window).value(), std::move(renderer).value()};
}

}  // namespace formviz::app
