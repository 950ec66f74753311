// [SECTION] What the headless commands (render, sheet) share: finding an exercise in the
// catalog, and a hidden window whose OpenGL context draws off-screen.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "app/domain/catalog.h"
#include "core/result.h"
#include "platform/window.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"

namespace formviz::app {

// An exercise of animations/catalog.json with its clip file and highlight roles.
struct ExerciseEntry {
  domain::Exercise exercise;
  std::filesystem::path clipFile;            // <data>/animations/<id>.gltf
  std::vector<render::MuscleRole> roles;     // its primary and secondary muscles
};

// Loads the catalog and finds `id`. Errors: the catalog cannot be read; no such exercise
// (the message lists the ids that exist).
Result<ExerciseEntry> findExercise(const std::filesystem::path& dataDir, std::string_view id);

// Every exercise of the catalog that has its clips (in catalog order).
Result<std::vector<domain::Exercise>> exercisesWithClips(const std::filesystem::path& dataDir);

// A hidden window (never shown: pictures are drawn into render targets) and the scene
// renderer with the data folder's shaders.
struct HeadlessGl {
  std::unique_ptr<platform::Window> window;
  gl::SceneRenderer renderer;
};

// `noDisplay` is set when the failure is the missing OpenGL context (exit code 3).
Result<HeadlessGl> createHeadlessGl(const std::filesystem::path& dataDir, bool* noDisplay = nullptr);

}  // namespace formviz::app
