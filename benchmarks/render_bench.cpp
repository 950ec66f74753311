// [SECTION] index
//   frame     one 1280x720 frame of the body with shadows and highlighting, as the window draws it
//             while a squat plays (a new pose every frame: shadow map redrawn) with its overlays
//             (both knees' angle arcs and labels, the hip-knee-ankle line, the foot contacts),
//             and paused (pose and shadow map kept)
//   before    the same frame the way the renderer drew it before the static layer (backdrop and
//             floor drawn every frame) and with two resolves (scene, then overlays), in the same
//             run: the ratios in docs/PERFORMANCE.md divide by it
//   full mesh the window's frame with every triangle of the body drawn, not its display mesh
//             (as before the display mesh was used), in the same run
//   far       the window's frame with the camera farther (the figure about half the view's
//             height), before and after: the frame changes fewer of the view's pixels
//   variants  the frame without overlays, without shadows, without MSAA, at half resolution
//             (640x360), in x-ray, with a prop; the floor and backdrop alone, drawn every frame
//   pick      the muscle under one pixel
//
// Everything runs on Mesa's llvmpipe (software OpenGL) through a headless context. Each
// iteration ends with glFinish so the time is the work done, not the commands queued.
// Times are wall-clock (llvmpipe renders on its own threads) and the CPU time of the whole
// process, all of llvmpipe's threads included: on a machine shared with other work the wall
// clock mostly measures the other work, the process CPU time much less so (the frame's cost;
// on two idle cores the wall clock is at least half of it). Results: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "anim/character.h"
#include "asset/import.h"
#include "core/muscle_regions.h"
#include "form/body.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/overlay_renderer.h"
#include "render/gl/prop_meshes.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"
#include "render/overlay_builder.h"

namespace {
namespace fs = std::filesystem;
using namespace formviz;

// Shared state: one context, the body and its GPU objects, built on first use.
struct Fixture {
  std::unique_ptr<platform::Window> window;
  std::optional<gl::SceneRenderer> renderer;
  std::optional<gl::OverlayRenderer> overlays;
  asset::ImportedModel model;
  asset::ImportedModel squat;  // the bodyweight squat's clips: the "correct" one plays
  const anim::Clip* clip = nullptr;
  std::optional<form::BodyRig> rig;
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
    overlays = std::move(gl::OverlayRenderer::create(source / "shaders")).value();
    model = std::move(asset::importGltf(source / "models" / "male_175.gltf")).value();
    squat = std::move(asset::importGltf(source / "animations" / "bodyweight_squat.gltf")).value();
    for (const anim::Clip& c : squat.clips)
      if (c.name() == "correct") clip = &c;
    if (!clip) throw std::runtime_error("bodyweight_squat.gltf has no clip named correct");
    rig = std::move(form::BodyRig::bind(model.skeleton)).value();
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

enum Variant { kFull, kNoShadows, kNoMsaa, kXRay, kFloorOnly, kPaused, kHalfRes, kProps, kWindow, kWindowBefore, kWindowFar, kWindowFarBefore,
               kWindowFullMesh };

// The window's overlays on a squat: both knees' angles, the left hip-knee-ankle line, the
// feet's contacts with the floor.
render::OverlayPrimitives overlay(const Fixture& f, const anim::Character& character) {
  using render::OverlayRequestKind, render::OverlayRequestSide;
  static const render::OverlayRequest requests[] = {
      {OverlayRequestKind::Angle, {"hip", "knee", "ankle"}, OverlayRequestSide::Both},
      {OverlayRequestKind::Line, {"hip", "knee", "ankle"}, OverlayRequestSide::Left},
      {OverlayRequestKind::Contacts, {}, OverlayRequestSide::Both},
  };
  render::OverlayPrimitives out;
  for (const render::OverlayRequest& request : requests) {
    render::OverlayBuildJob job;
    job.rig = &*f.rig;
    job.model = character.modelMatrices();
    job.request = &request;
    job.output = &out;
    job.Run();
  }
  return out;
}

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
  return s;
}

void BM_Frame(benchmark::State& state) {
  Fixture& f = Fixture::get();
  const auto variant = static_cast<Variant>(state.range(0));
  // `before`: everything drawn every frame, the full body in the shadow map, two resolves.
  const bool before = variant == kWindowBefore || variant == kWindowFarBefore || variant == kFloorOnly;
  const bool overlays = variant == kWindow || variant == kWindowBefore || variant == kWindowFar || variant == kWindowFarBefore ||
                        variant == kWindowFullMesh;
  const bool playing = variant != kPaused && variant != kFloorOnly;
  f.renderer->setStaticLayer(!before);
  f.renderer->setSimplifiedShadowCasters(!before);
  f.renderer->setDisplayLod(!before && variant != kWindowFullMesh);
  const int width = variant == kHalfRes ? 640 : 1280, height = variant == kHalfRes ? 360 : 720;
  auto target = gl::RenderTarget::create(width, height, variant == kNoMsaa ? 1 : 4);
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  if (variant == kWindowFar || variant == kWindowFarBefore) camera.zoom(1.8f);  // the figure about half the view's height
  gl::Scene s = scene(f, variant);
  anim::Character character(f.model.skeleton);
  character.setClip(f.squat.skeleton, *f.clip);
  float time = f.clip->markerTime("bottom").value_or(0.0f);
  character.evaluate(time);
  f.palette.update(character.palette());
  // One frame: the window's order (pose, scene, overlays); `before`, with the scene's own resolve.
  auto frame = [&] {
    if (playing) {
      time = std::fmod(time + 1.0f / 60.0f, f.clip->duration());
      character.evaluate(time);
      f.palette.update(character.palette());
    }
    f.renderer->render(*target, camera, s, before || !overlays);
    if (overlays) f.overlays->render(*target, camera, overlay(f, character));
  };
  frame();  // warm-up: shader compilation, first allocations
  frame();  // the view held: the static layer is drawn
  gl::finish();
  for (auto _ : state) {
    frame();
    gl::finish();
  }
  using gl::MeshDetail;
  state.counters["triangles"] =
      double(f.mesh->indexCount(before || variant == kWindowFullMesh ? MeshDetail::Full : MeshDetail::Display) / 3);
  state.counters["caster_triangles"] =
      double((before ? std::size_t(f.mesh->indexCount(MeshDetail::Full)) : f.mesh->boundPoints().triangles.size()) / 3);
}
BENCHMARK(BM_Frame)->Arg(kFloorOnly)->Arg(kWindowBefore)->Arg(kWindow)->Arg(kWindowFarBefore)->Arg(kWindowFar)->Arg(kWindowFullMesh)->Arg(kFull)->Arg(kPaused)->Arg(kNoShadows)
    ->Arg(kNoMsaa)->Arg(kHalfRes)->Arg(kXRay)->Arg(kProps)
    ->ArgName("variant")->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->MinTime(2.0);

void BM_Pick(benchmark::State& state) {
  Fixture& f = Fixture::get();
  render::OrbitCamera camera;
  camera.setPreset(render::ViewPreset::ThreeQuarter);
  camera.frame({0, 0.9f, 0}, 1.0f, 1280.0f / 720.0f);
  const gl::Scene s = scene(f, kFull);
  f.renderer->setStaticLayer(true);
  for (auto _ : state) benchmark::DoNotOptimize(f.renderer->pickRegion(camera, {1280, 720}, {640, 400}, s));
}
BENCHMARK(BM_Pick)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
