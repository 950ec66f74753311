// [SECTION] index
//   frame     one 1280x720 frame of the body with shadows and highlighting, as the window draws it
//             while a clip plays (a new pose every frame: shadow map redrawn), and paused (kept)
//   variants  the same frame without shadows, without MSAA, at half resolution (640x360, what a
//             lower-resolution view while the camera moves would cost), in x-ray, with a prop;
//             the floor and backdrop alone (the baseline the others are divided by)
//   overlays  3D overlays (angle arcs, lines) will add their draws in scene() below
//   pick      the muscle under one pixel
//
// Everything runs on Mesa's llvmpipe (software OpenGL) through a headless context. Each
// iteration ends with glFinish so the time is the work done, not the commands queued.
// Times are wall-clock (llvmpipe renders on its own threads) and the CPU time of the whole
// process, all of llvmpipe's threads included: on a machine shared with other work the wall
// clock mostly measures the other work, the process CPU time much less so (the frame's cost;
// on two idle cores the wall clock is at least half of it). Results: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "anim/character.h"
#include "asset/import.h"
#include "core/muscle_regions.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/prop_meshes.h"
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
  gl::GpuProps props;  // a kettlebell held at the chest, as in the goblet squat

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
    render::PropInstance bell;
    bell.kind = render::PropKind::Kettlebell;
    bell.size = {0.2f, 0.28f, 0.2f};
    bell.position = {0.0f, 1.15f, 0.25f};
    props = gl::GpuProps({bell});
    props.pose(character.modelMatrices(), glm::mat4(1.0f));
  }
};

enum Variant { kFull, kNoShadows, kNoMsaa, kXRay, kFloorOnly, kPaused, kHalfRes, kProps };

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
  if (variant == kProps) f.props.addTo(s);
  // [SECTION] overlays: when the 3D overlays land (engine/render/overlay*), add the squat's
  // knee-angle arc and alignment line to `s` here, so every frame variant pays for them.
  return s;
}

void BM_Frame(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const auto variant = static_cast<Variant>(state.range(0));
  const int width = variant == kHalfRes ? 640 : 1280, height = variant == kHalfRes ? 360 : 720;
  auto target = gl::RenderTarget::create(width, height, variant == kNoMsaa ? 1 : 4);
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  const gl::Scene s = scene(f, variant);
  f.renderer->render(*target, camera, s);  // warm-up: shader compilation, first allocations
  gl::finish();
  anim::Character character(f.model.skeleton);
  for (auto _ : state) {
    // A playing clip poses the figure anew every frame; paused, the pose stays.
    if (variant != kPaused && variant != kFloorOnly) f.palette.update(character.palette());
    f.renderer->render(*target, camera, s);
    gl::finish();
  }
}
BENCHMARK(BM_Frame)->Arg(kFloorOnly)->Arg(kFull)->Arg(kPaused)->Arg(kNoShadows)->Arg(kNoMsaa)->Arg(kHalfRes)
    ->Arg(kXRay)->Arg(kProps)
    ->ArgName("variant")->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->MinTime(2.0);

void BM_Pick(benchmark::State& state) {
  Fixture& f = Fixture::get();
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  const gl::Scene s = scene(f, kFull);
  for (auto _ : state) benchmark::DoNotOptimize(f.renderer->pickRegion(camera, {1280, 720}, {640, 400}, s));
}
BENCHMARK(BM_Pick)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
