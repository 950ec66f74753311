// [SECTION] index
//   frame     one 1280x720 frame of the body with shadows and highlighting, as the window draws it
//   variants  the same frame without shadows, without MSAA, in x-ray; the floor and backdrop alone
//   pick      the muscle under one pixel
//
// Everything runs on Mesa's llvmpipe (software OpenGL) through a headless context. Each
// iteration ends with glFinish so the time is the work done, not the commands queued.
// Times are wall-clock (llvmpipe renders on its own threads). Results: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "anim/character.h"
#include "asset/import.h"
#include "core/muscle_regions.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"

namespace {
namespace fs = std::filesystem;
using namespace formviz;

// Shared state: one context, the body and its GPU objects, built on first use.
struct Fixture {
  std::unique_ptr<platform::Window> window;
  std::optional<gl::SceneRenderer> renderer;
  asset::ImportedModel model;
  std::optional<gl::SkinnedGpuMesh> mesh;
  gl::PaletteBuffer palette;
  std::vector<glm::vec4> highlight;

  static Fixture& get() {
    static Fixture fixture;
    return fixture;
  }

 private:
  Fixture() {
    platform::WindowDesc desc;
    desc.headless = true;
    desc.width = desc.height = 64;
    window = std::move(platform::Window::create(desc)).value();
    const fs::path source(FORMVIZ_SOURCE_DIR);
    renderer = std::move(gl::SceneRenderer::create(source / "shaders")).value();
    model = std::move(asset::importGltf(source / "models" / "male_175.gltf")).value();
    mesh = std::move(gl::upload(model.meshes.front())).value();
    anim::Character character(model.skeleton);
    palette = gl::PaletteBuffer::create();
    palette.update(character.palette());
    std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
    for (int id = 1; id < body::kMuscleRegionCount; ++id) {
      const body::MuscleGroup g = body::regionGroup(id);
      if (g == body::MuscleGroup::GluteusMaximus || g == body::MuscleGroup::Quadriceps) roles[id] = render::MuscleRole::Primary;
      if (g == body::MuscleGroup::Hamstrings || g == body::MuscleGroup::Adductors) roles[id] = render::MuscleRole::Secondary;
    }
    highlight = render::highlightColors(roles);
  }
};

enum Variant { kFull, kNoShadows, kNoMsaa, kXRay, kFloorOnly };

gl::Scene scene(Fixture& f, Variant variant) {
  gl::Scene s;
  if (variant != kFloorOnly) {
    gl::FigureDraw draw;
    draw.mesh = &*f.mesh;
    draw.palette = &f.palette;
    draw.regionColors = f.highlight;
    draw.xray = variant == kXRay;
    s.figures.push_back(draw);
    s.contactShadow = glm::vec4(0, 0, 0.5f, 0.35f);
    if (variant != kNoShadows) s.shadowBounds = glm::vec4(0, 0.9f, 0, 1.0f);
  }
  return s;
}

void BM_Frame(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const auto variant = static_cast<Variant>(state.range(0));
  auto target = gl::RenderTarget::create(1280, 720, variant == kNoMsaa ? 1 : 4);
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  const gl::Scene s = scene(f, variant);
  f.renderer->render(*target, camera, s);  // warm-up: shader compilation, first allocations
  gl::finish();
  for (auto _ : state) {
    f.renderer->render(*target, camera, s);
    gl::finish();
  }
}
BENCHMARK(BM_Frame)->Arg(kFloorOnly)->Arg(kFull)->Arg(kNoShadows)->Arg(kNoMsaa)->Arg(kXRay)
    ->ArgName("variant")->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_Pick(benchmark::State& state) {
  Fixture& f = Fixture::get();
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  const gl::Scene s = scene(f, kFull);
  for (auto _ : state) benchmark::DoNotOptimize(f.renderer->pickRegion(camera, {1280, 720}, {640, 400}, s));
}
BENCHMARK(BM_Pick)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
