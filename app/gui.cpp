// The window: poll input -> draw the UI -> apply what the user asked -> render the 3D view.
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "anim/character.h"
#include "app/commands.h"
#include "app/domain/gltf_clip_index.h"
#include "app/figure_scene.h"
#include "app/muscle_selection.h"
#include "core/muscle_regions.h"
#include "app/settings.h"
#include "app/ui/shell.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/math.h"
#include "core/paths.h"
#include "platform/imgui_layer.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/scene_renderer.h"
#include "render/muscle_colors.h"

namespace formviz::app {
namespace {


constexpr const char* kNoDisplayMessage =
    "formviz: no display found ($DISPLAY and $WAYLAND_DISPLAY are not set), so the window cannot open.\n"
    "Without a display you can:\n"
    "  render a picture:            formviz render --out figure.png --exercise bodyweight_squat --phase bottom\n"
    "                               (from the source tree: scripts/run render --out figure.png ...)\n"
    "  run the window virtually:    xvfb-run -a formviz\n"
    "  run every test headless:     scripts/test\n"
    "See 'formviz --help' for all commands and options.\n";

// Eases the camera toward a preset instead of jumping, so the viewer keeps their bearings.
struct CameraTransition {
  bool active = false;
  float yaw = 0.0f, pitch = 0.0f;

  void start(const render::OrbitCamera& goal) {
    active = true;
    yaw = goal.yaw;
    pitch = goal.pitch;
  }
  void advance(render::OrbitCamera& camera, float dt) {
    if (!active) return;
    const float blend = 1.0f - std::exp(-10.0f * dt);
    camera.yaw = wrapAngle(camera.yaw + wrapAngle(yaw - camera.yaw) * blend);
    camera.pitch += (pitch - camera.pitch) * blend;
    if (std::abs(wrapAngle(yaw - camera.yaw)) < 1e-3f && std::abs(pitch - camera.pitch) < 1e-3f) active = false;
  }
};

std::optional<render::ViewPreset> presetForKey(platform::Key key) {
  switch (key) {
    case platform::Key::Num1: return render::ViewPreset::Front;
    case platform::Key::Num2: return render::ViewPreset::Side;
    case platform::Key::Num3: return render::ViewPreset::Back;
    case platform::Key::Num4: return render::ViewPreset::ThreeQuarter;
    case platform::Key::Num5: return render::ViewPreset::Top;
    default: return std::nullopt;
  }
}

render::ViewPreset presetForCue(domain::CameraView view) {
  switch (view) {
    case domain::CameraView::Front: return render::ViewPreset::Front;
    case domain::CameraView::Side: return render::ViewPreset::Side;
    case domain::CameraView::Back: return render::ViewPreset::Back;
    case domain::CameraView::ThreeQuarter: return render::ViewPreset::ThreeQuarter;
    case domain::CameraView::Top: return render::ViewPreset::Top;
  }
  return render::ViewPreset::ThreeQuarter;
}

}  // namespace

ExitCode runGui(const CommandLine& cmd) {
  if (!platform::displayAvailable()) {
    std::fputs(kNoDisplayMessage, stderr);
    return ExitCode::NoDisplay;
  }
  auto dataDir = findDataDir(cmd.dataDir);
  if (!dataDir) {
    log::error("{}", dataDir.error().message);
    return ExitCode::Failure;
  }
  const std::filesystem::path configDir = userConfigDir();
  const std::filesystem::path settingsPath = configDir.empty() ? configDir : configDir / "settings.json";
  const std::filesystem::path imguiIniPath = configDir.empty() ? configDir : configDir / "imgui.ini";
  Settings settings = cmd.gui.resetLayout ? Settings{} : loadSettings(settingsPath);

  platform::WindowDesc desc;
  desc.width = settings.window.width;
  desc.height = settings.window.height;
  desc.x = settings.window.x;
  desc.y = settings.window.y;
  desc.maximized = settings.window.maximized;
#ifndef NDEBUG
  desc.debugContext = true;
#endif
  auto window = platform::Window::create(desc);
  if (!window) {
    log::error("{}", window.error().message);
    return ExitCode::NoDisplay;
  }
  if (!configDir.empty()) std::filesystem::create_directories(configDir);

  auto renderer = gl::SceneRenderer::create(*dataDir / "shaders");
  if (!renderer) {
    log::error("{}", renderer.error().message);
    return ExitCode::Failure;
  }
  const float dpiScale = platform::displayScale(**window);
  platform::ImGuiLayer imgui(**window, {cmd.gui.resetLayout ? std::filesystem::path() : imguiIniPath, 16.0f,
                                        dpiScale * settings.uiScale});

  render::OrbitCamera camera;
  render::ViewPreset view = render::viewPresetFromName(settings.view).value_or(render::ViewPreset::ThreeQuarter);
  camera.setPreset(view);
  CameraTransition transition;

  // The exercise catalog; problems in it are logged and the rest loads.
  domain::Catalog catalog;
  std::string notice;
  {
    const domain::GltfClipIndex clipIndex(*dataDir / "animations");
    auto loaded = domain::loadCatalog(*dataDir / "animations" / "catalog.json", clipIndex);
    if (loaded) {
      int withoutClips = 0;
      for (const domain::Exercise& exercise : loaded->catalog.exercises()) withoutClips += exercise.hasClips ? 0 : 1;
      for (const domain::CatalogIssue& issue : loaded->issues)
        if (issue.message.find("no clip file") == std::string::npos) log::warn("{}", issue.text());
      if (withoutClips > 0) log::info("{} exercises have no animation yet", withoutClips);
      catalog = std::move(loaded->catalog);
    } else {
      log::error("{}", loaded.error().message);
      notice = "the exercise catalog did not load (see the log)";
    }
  }
  LibraryFilter filter;
  std::string selectedExercise, currentClip = "correct";

  // The figure: what --model/--clip name, else the default body, else a stand-in object.
  // A file that does not load is reported and the window keeps what it showed.
  const std::string bodyName = !cmd.model.empty() ? cmd.model
                           : std::filesystem::exists(*dataDir / "models" / fmt::format("{}.gltf", kDefaultBody))
                               ? kDefaultBody
                               : "";
  const gl::TestObject testObject = gl::makeTestObject();
  std::unique_ptr<Figure> figure;
  std::optional<anim::Character> character;
  std::optional<FigureGpu> figureGpu;
  anim::Playback playback;
  render::ViewMode mode = render::viewModeFromName(settings.mode).value_or(render::ViewMode::Anatomy);
  std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
  int hoveredRegion = -1, selectedRegion = -1;
  // Region colours for the shader, rebuilt only when the mode, the exercise or the clicked
  // muscle changes (not every frame). The clicked muscle joins the highlight.
  std::vector<glm::vec4> regionColors;
  auto updateColors = [&] {
    std::vector<render::MuscleRole> shown = roles;
    if (selectedRegion > 0) shown[static_cast<std::size_t>(selectedRegion)] = render::MuscleRole::Primary;
    regionColors = mode == render::ViewMode::Anatomy ? render::anatomyColors()
                   : mode == render::ViewMode::Plain ? std::vector<glm::vec4>()
                                                     : render::highlightColors(shown);
  };
  std::optional<glm::vec2> lastMouse;

  // Loads a figure and its clip, replacing the current one only when everything loaded.
  auto showFigure = [&](const FigureRequest& request, bool frameCamera) -> bool {
    if (request.model.empty() && request.clip.empty()) return false;
    auto loaded = loadFigure(request, *dataDir);
    if (!loaded) {
      log::error("{}", loaded.error().message);
      notice = loaded.error().message.substr(0, loaded.error().message.find('\n'));
      return false;
    }
    auto next = std::make_unique<Figure>(std::move(loaded).value());
    anim::Character nextCharacter(next->skeleton());
    anim::Playback nextPlayback;
    if (const anim::Clip* clip = next->clip()) {
      nextCharacter.setClip(next->clipSkeleton(), *clip);
      nextPlayback.setClip(clip->startTime(), clip->endTime());
      nextPlayback.speed = playback.speed;  // keep the viewer's chosen speed across clips
      nextPlayback.play();
    }
    nextCharacter.evaluate(nextPlayback.time);
    auto uploaded = uploadFigure(*next, nextCharacter);
    if (!uploaded) {
      log::error("{}", uploaded.error().message);
      notice = uploaded.error().message;
      return false;
    }
    // The character points into the figure, which stays where it is on the heap.
    character.reset();
    figure = std::move(next);
    character.emplace(std::move(nextCharacter));
    playback = nextPlayback;
    figureGpu = std::move(uploaded).value();
    if (frameCamera) {
      const Bounds bounds = figureBounds(*figure, *character, figureGpu->metresPerUnit);
      camera.frame(bounds.centre(), std::max(bounds.radius(), 0.1f), 16.0f / 10.0f);
    }
    notice.clear();
    return true;
  };
  // Turns the camera to a preset, smoothly.
  auto selectView = [&](render::ViewPreset preset) {
    view = preset;
    render::OrbitCamera goal = camera;
    goal.setPreset(preset);
    transition.start(goal);
  };
  // Shows an exercise (or one of its mistake clips) on the current body.
  auto showExercise = [&](const std::string& id, const std::string& clipName) {
    const domain::Exercise* exercise = catalog.find(id);
    if (!exercise) return;
    selectedExercise = id;
    currentClip = clipName;
    roles = exerciseMuscles(*exercise);
    // Turn to the view the exercise's first cue is best seen from.
    if (!exercise->cues.empty() && clipName == "correct") selectView(presetForCue(exercise->cues.front().view));
    if (mode == render::ViewMode::Anatomy || mode == render::ViewMode::Plain) mode = render::ViewMode::Highlight;
    updateColors();
    if (!exercise->hasClips) {
      notice = fmt::format("the animation of {} is not made yet", exercise->name);
      return;
    }
    const std::string clipFile = (*dataDir / "animations" / fmt::format("{}.gltf", id)).string();
    showFigure({bodyName, fmt::format("{}:{}", clipFile, clipName), false}, false);
  };
  updateColors();
  showFigure({bodyName, cmd.clip, false}, true);
  if (!cmd.exercise.empty()) {
    const std::size_t colon = cmd.exercise.find(':');
    const std::string id = cmd.exercise.substr(0, colon);
    if (!catalog.find(id)) notice = fmt::format("no exercise '{}' in the catalog", id);
    showExercise(id, colon == std::string::npos ? "correct" : cmd.exercise.substr(colon + 1));
  }
  std::optional<gl::RenderTarget> viewport;
  glm::ivec2 viewportPixels{0};
  FrameClock clock;
  bool fullscreen = false;
  bool mirrored = false;

  for (int frame = 1;; ++frame) {
    // Screenshots advance a fixed 1/30 s a frame, so the picture does not depend on the machine.
    const float measured = clock.tick();
    const float dt = cmd.gui.screenshot ? 1.0f / 30.0f : measured;
    const platform::InputFrame input = (*window)->pollEvents(&imgui);
    if (input.quitRequested) break;

    ui::PlayerActions keyActions;
    for (platform::Key key : input.keysPressed) {
      if (auto preset = presetForKey(key)) selectView(*preset);
      if (key == platform::Key::Space) keyActions.togglePlay = true;
      if (key == platform::Key::M) mirrored = !mirrored;
      if (key == platform::Key::Comma) keyActions.stepFrames = -1;
      if (key == platform::Key::Period) keyActions.stepFrames = 1;
      if (key == platform::Key::F11 || (key == platform::Key::Escape && fullscreen)) {
        fullscreen = !fullscreen;
        (*window)->setFullscreen(fullscreen);
      }
    }

    // Pose the figure, then draw the 3D view at the size the UI asked for last frame.
    if (figure && figure->clip()) {
      ui::apply(keyActions, playback);
      playback.advance(dt);
      character->evaluate(playback.time);
      updatePose(*figureGpu, *figure, *character);
    }
    transition.advance(camera, dt);
    if (viewportPixels.x > 0 && viewportPixels.y > 0) {
      if (!viewport || viewport->width() != viewportPixels.x || viewport->height() != viewportPixels.y) {
        auto target = gl::RenderTarget::create(viewportPixels.x, viewportPixels.y, 4);
        if (target) viewport = std::move(target).value();
        else log::warn("{}", target.error().message);
      }
      if (viewport) {
        gl::Scene scene;
        scene.showGrid = settings.showGrid;
        scene.mirrored = mirrored;
        if (figureGpu) {
          addToScene(scene, *figureGpu, regionColors, mode == render::ViewMode::XRay);
          const Bounds bounds = poseBounds(*character, figureGpu->metresPerUnit);
          scene.contactShadow = glm::vec4(bounds.centre().x, bounds.centre().z, bounds.radius() * 0.5f, 0.35f);
          scene.shadowBounds = glm::vec4(bounds.centre(), std::max(bounds.radius(), 0.1f));
        } else {
          testObject.addTo(scene);
        }
        renderer->render(*viewport, camera, scene);
        // The muscle under the mouse, on the figure as posed this frame.
        hoveredRegion = lastMouse && figureGpu ? renderer->pickRegion(camera, viewportPixels, *lastMouse, scene) : -1;
      }
    }

    imgui.beginFrame();
    ui::ShellInput shellInput;
    shellInput.viewportTexture = viewport ? viewport->colorTexture() : 0;
    shellInput.frameMs = clock.averageFrameMs();
    shellInput.renderer = (*window)->contextDescription();
    shellInput.view = view;
    shellInput.showGrid = settings.showGrid;
    shellInput.mode = mode;
    shellInput.mirrored = mirrored;
    shellInput.catalog = &catalog;
    shellInput.filter = &filter;
    shellInput.selectedExercise = selectedExercise;
    shellInput.currentClip = currentClip;
    if (hoveredRegion > 0) shellInput.hoveredMuscle = regionDisplayName(hoveredRegion);
    if (selectedRegion > 0) shellInput.selectedMuscle = regionDisplayName(selectedRegion);
    shellInput.notice = notice;
    if (figure && figure->clip()) {
      shellInput.playback = &playback;
      shellInput.clipName = figure->clip()->name();
      shellInput.markers = figure->clip()->markers();
    }
    const ui::ShellActions actions = ui::drawShell(shellInput, settings.layout, dpiScale * settings.uiScale);
    imgui.endFrame();

    if (cmd.gui.screenshot && frame == cmd.gui.frames) {
      const glm::ivec2 size = (*window)->drawableSize();
      if (Status saved = render::savePng(gl::readWindowPixels(size.x, size.y), *cmd.gui.screenshot); !saved) {
        log::error("{}", saved.error().message);
        return ExitCode::Failure;
      }
      log::info("wrote {}", cmd.gui.screenshot->string());
    }
    (*window)->swapBuffers();

    if (actions.quit || (cmd.gui.frames > 0 && frame >= cmd.gui.frames)) break;
    if (actions.viewPreset) selectView(*actions.viewPreset);
    if (figure && figure->clip()) ui::apply(actions.player, playback);
    if (actions.toggleGrid) settings.showGrid = !settings.showGrid;
    if (actions.toggleMirror) mirrored = !mirrored;
    if (actions.toggleFullscreen) {
      fullscreen = !fullscreen;
      (*window)->setFullscreen(fullscreen);
    }
    if (actions.resetLayout) settings.layout = Settings::Layout{};
    if (actions.orbit != glm::vec2(0.0f)) {
      transition.active = false;
      camera.orbit(actions.orbit.x, actions.orbit.y);
    }
    if (actions.pan != glm::vec2(0.0f)) camera.pan(actions.pan.x, actions.pan.y);
    if (actions.zoom != 1.0f) camera.zoom(actions.zoom);
    viewportPixels = actions.viewportPixels;
    lastMouse = actions.viewportMouse;
    if (actions.viewportClicked) {
      selectedRegion = hoveredRegion > 0 ? hoveredRegion : -1;
      updateColors();
      // Clicking a muscle filters the library to exercises that train it.
      if (selectedRegion > 0) filter.muscle = body::regionGroup(selectedRegion);
    }
    if (actions.pickExercise) showExercise(*actions.pickExercise, "correct");
    if (actions.exercise.showClip) showExercise(selectedExercise, *actions.exercise.showClip);
    if (actions.mode) {
      mode = *actions.mode;
      settings.mode = render::viewModeName(mode);
      updateColors();
    }
  }

  if (!fullscreen) {
    settings.window.maximized = (*window)->maximized();
    if (!settings.window.maximized) {
      const glm::ivec2 size = (*window)->windowSize(), pos = (*window)->position();
      settings.window = {pos.x, pos.y, size.x, size.y, false};
    }
  }
  settings.view = render::viewPresetName(view);
  if (!settingsPath.empty() && !cmd.gui.screenshot) {
    if (Status saved = saveSettings(settingsPath, settings); !saved) log::warn("{}", saved.error().message);
  }
  return ExitCode::Ok;
}

}  // namespace formviz::app
