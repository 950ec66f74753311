#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>

#include "anim/character.h"
#include "app/commands.h"
#include "app/exercise_overlay.h"
#include "app/figure_scene.h"
#include "app/headless.h"
#include "app/muscle_selection.h"
#include "core/log.h"
#include "core/paths.h"
#include "platform/window.h"
#include "render/gl/overlay_renderer.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"
#include "render/shader_source.h"

namespace formviz::app {

ExitCode runRender(const CommandLine& cmd) {
  const RenderOptions& options = cmd.render;
  auto dataDir = findDataDir(cmd.dataDir);
  if (!dataDir) {
    log::error("{}", dataDir.error().message);
    return ExitCode::Failure;
  }
  // An exercise from the catalog brings its clip and its working muscles.
  std::string model = cmd.model, clipSpec = cmd.clip, clipName;
  std::vector<render::MuscleRole> roles;
  std::optional<ExerciseEntry> entry;
  const domain::Exercise* exercise = nullptr;
  if (!cmd.exercise.empty()) {
    const std::size_t colon = cmd.exercise.find(':');
    auto found = findExercise(*dataDir, cmd.exercise.substr(0, colon));
    if (!found) {
      log::error("{}", found.error().message);
      return ExitCode::Failure;
    }
    entry = std::move(found).value();
    exercise = &entry->exercise;
    roles = entry->roles;
    if (model.empty()) model = kDefaultBody;
    clipName = colon == std::string::npos ? "correct" : cmd.exercise.substr(colon + 1);
    clipSpec = fmt::format("{}:{}", entry->clipFile.string(), clipName);
  }
  (void)selectMuscles(options.primary, render::MuscleRole::Primary, roles);  // checked by the command line
  (void)selectMuscles(options.secondary, render::MuscleRole::Secondary, roles);

  // Files first: a bad model or clip is reported before any window work.
  std::optional<Figure> figure;
  if (!model.empty() || !clipSpec.empty()) {
    auto loaded = loadFigure({model, clipSpec, options.time.has_value() || !options.phase.empty()}, *dataDir);
    if (!loaded) {
      log::error("{}", loaded.error().message);
      return ExitCode::Failure;
    }
    figure = std::move(loaded).value();
  }

  bool noDisplay = false;
  auto headless = createHeadlessGl(*dataDir, &noDisplay);
  if (!headless) {
    log::error("{}", headless.error().message);
    return noDisplay ? ExitCode::NoDisplay : ExitCode::Failure;
  }
  gl::SceneRenderer& renderer = headless->renderer;
  auto target = gl::RenderTarget::create(options.width, options.height, options.samples);
  if (!target) {
    log::error("{}", target.error().message);
    return ExitCode::Failure;
  }

  render::OrbitCamera camera;
  camera.setPreset(options.view);
  gl::Scene scene;
  scene.showGrid = options.grid;
  const float aspect = static_cast<float>(options.width) / static_cast<float>(options.height);

  const gl::TestObject testObject = gl::makeTestObject();  // kept alive until the frame is drawn
  std::optional<FigureGpu> gpu;
  render::OverlayPrimitives overlay;
  const bool named = !options.primary.empty() || !options.secondary.empty() || !cmd.exercise.empty();
  const render::ViewMode mode = render::viewModeFromName(options.mode).value_or(named ? render::ViewMode::Highlight
                                                                                          : render::ViewMode::Anatomy);
  std::vector<glm::vec4> regionColors = mode == render::ViewMode::Anatomy ? render::anatomyColors()
                                              : mode == render::ViewMode::Plain ? std::vector<glm::vec4>()
                                                                                : render::highlightColors(roles);
  if (!figure) {
    testObject.addTo(scene);
  } else {
    anim::Character character(figure->skeleton());
    const anim::Clip* clip = figure->clip();
    if (clip) character.setClip(figure->clipSkeleton(), *clip);
    float time = options.time.value_or(clip ? clip->startTime() : 0.0f);
    if (!options.phase.empty()) {
      const std::optional<float> marker = clip ? clip->markerTime(options.phase) : std::nullopt;
      if (!marker) {
        std::string names;
        if (clip)
          for (const anim::Marker& m : clip->markers()) names += fmt::format(" {}", m.name);
        log::error("no phase '{}' in the clip (phases:{})", options.phase, names.empty() ? " none" : names);
        return ExitCode::Failure;
      }
      time = *marker;
    }
    character.evaluate(time);
    // An exercise's muscles show as hard as they work at this moment (catalog activation).
    const bool highlighting = mode == render::ViewMode::Highlight || mode == render::ViewMode::XRay;
    if (exercise && clip && highlighting && options.primary.empty() && options.secondary.empty())
      regionColors = activeColors(roles, *exercise, clipMarkers(*clip), clip->duration(), time, false);
    if (!options.overlay.empty()) {
      auto rig = form::BodyRig::bind(figure->skeleton());
      if (!rig) {
        log::error("--overlay: this figure's skeleton cannot be measured: {}", rig.error().message);
        return ExitCode::Failure;
      }
      auto requests = overlayRequests(options.overlay, exercise ? domain::cueAt(*exercise, clipName, time) : nullptr);
      if (!requests) {
        log::error("{}", requests.error().message);
        return ExitCode::Failure;
      }
      overlay = buildOverlay(*rig, character.modelMatrices(), *requests);
    }
    auto uploaded = uploadFigure(*figure, character);
    if (!uploaded) {
      log::error("{}", uploaded.error().message);
      return ExitCode::Failure;
    }
    gpu = std::move(uploaded).value();
    addToScene(scene, *gpu, regionColors, mode == render::ViewMode::XRay);
    const Bounds bounds = figureBounds(*figure, character, gpu->metresPerUnit);
    const float radius = std::max(bounds.radius(), 0.1f);
    camera.frame(bounds.centre(), radius, aspect);
    scene.contactShadow = glm::vec4(bounds.centre().x, bounds.centre().z, radius * 0.6f, 0.35f);
    const Bounds lit = withProps(bounds, *gpu);  // props cast shadows too
    scene.shadowBounds = glm::vec4(lit.centre(), std::max(lit.radius(), 0.1f));
  }

  renderer.render(*target, camera, scene);
  if (!overlay.empty()) {
    auto overlayRenderer = gl::OverlayRenderer::create(*dataDir / "shaders");
    if (!overlayRenderer) {
      log::error("{}", overlayRenderer.error().message);
      return ExitCode::Failure;
    }
    overlayRenderer->render(*target, camera, overlay, glm::scale(glm::mat4(1.0f), glm::vec3(gpu ? gpu->metresPerUnit : 1.0f)));
  }
  if (Status saved = render::savePng(target->readPixels(), options.out); !saved) {
    log::error("{}", saved.error().message);
    return ExitCode::Failure;
  }
  log::info("wrote {} ({}x{}, {} view)", options.out.string(), options.width, options.height,
            render::viewPresetName(options.view));
  return ExitCode::Ok;
}

}  // namespace formviz::app
