// The window: poll input -> draw the UI -> apply what the user asked -> render the 3D view.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "anim/character.h"
#include "app/commands.h"
#include "app/domain/follow_along.h"
#include "app/domain/gltf_clip_index.h"
#include "app/domain/guidance.h"
#include "app/session_document.h"
#include "app/ui_script.h"
#include "app/exercise_overlay.h"
#include "app/figure_scene.h"
#include "app/muscle_selection.h"
#include "core/muscle_regions.h"
#include "app/settings.h"
#include "app/ui/shell.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/math.h"
#include "core/paths.h"
#include "platform/audio.h"
#include "platform/imgui_layer.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/overlay_renderer.h"
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

// Eases the camera toward a preset and a framing instead of jumping, so the viewer keeps
// their bearings.
struct CameraTransition {
  bool active = false;
  float yaw = 0.0f, pitch = 0.0f, distance = 3.6f;
  glm::vec3 target{0.0f};

  void start(const render::OrbitCamera& goal) {
    active = true;
    yaw = goal.yaw;
    pitch = goal.pitch;
    distance = goal.distance;
    target = goal.target;
  }
  void advance(render::OrbitCamera& camera, float dt) {
    if (!active) return;
    const float blend = 1.0f - std::exp(-10.0f * dt);
    camera.yaw = wrapAngle(camera.yaw + wrapAngle(yaw - camera.yaw) * blend);
    camera.pitch += (pitch - camera.pitch) * blend;
    camera.distance += (distance - camera.distance) * blend;
    camera.target += (target - camera.target) * blend;
    if (std::abs(wrapAngle(yaw - camera.yaw)) < 1e-3f && std::abs(pitch - camera.pitch) < 1e-3f &&
        std::abs(distance - camera.distance) < 1e-3f && glm::length(target - camera.target) < 1e-3f)
      active = false;
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

// Region colours for the session's coverage: untrained regions plain, the rest from amber
// (a little) to vermillion (the most trained region).
std::vector<glm::vec4> coverageColors(const domain::Coverage& coverage) {
  std::vector<glm::vec4> colors(body::kMuscleRegionCount, glm::vec4(0.0f));
  for (int id = 1; id < body::kMuscleRegionCount; ++id) {
    const float amount = coverage.normalized(id);
    if (amount <= 0.0f) continue;
    colors[static_cast<std::size_t>(id)] = glm::vec4(glm::mix(render::kSecondaryColor, render::kPrimaryColor, amount), 0.35f + 0.65f * amount);
  }
  return colors;
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
  // Scripted and screenshot runs advance a fixed 1/30 s a frame, make no sound and save no settings.
  const bool scripted = cmd.gui.script.has_value();
  const bool fixedStep = scripted || cmd.gui.screenshot.has_value();

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
  // Overlays (angles, lines, contacts): the window works without them if they cannot load.
  auto overlayRenderer = gl::OverlayRenderer::create(*dataDir / "shaders");
  if (!overlayRenderer) log::warn("{}; angles and lines are not available", overlayRenderer.error().message);
  bool showOverlay = cmd.gui.angles, pulseCue = cmd.gui.angles;
  float pulseSeconds = 0.0f;  // wall-clock time for the cue pulse
  std::optional<form::BodyRig> rig;  // the figure's joints for the overlays, bound per figure
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

  // The session being built, its file, recent files and the crash-recovery snapshot.
  SessionDocument document(catalog, cmd.gui.screenshot && configDir.empty() ? std::filesystem::path() : configDir);
  std::optional<domain::RecoveryInfo> recovery = document.pendingRecovery();
  std::vector<std::string> messages;
  std::optional<std::size_t> selectedItem;
  bool showCoverage = false;
  std::uint64_t analysedRevision = ~std::uint64_t(0);
  domain::DurationEstimate estimate;
  std::vector<domain::Finding> findings;
  domain::Coverage coverage;
  std::optional<domain::FollowAlong> follow;
  float beat = 0.0f;
  // Opened on the first follow-along with sound on; scripted runs stay silent.
  std::unique_ptr<platform::AudioSignals> audio;
  bool audioTried = false;
  auto signal = [&](platform::Signal s) {
    if (!settings.sound || fixedStep) return;
    if (!audioTried) {
      audioTried = true;
      auto opened = platform::AudioSignals::open();
      if (opened) audio = std::move(opened).value();
      else log::info("{}", opened.error().message);
    }
    if (audio) audio->play(s);
  };
  std::optional<std::size_t> currentCue;
  double sessionSeconds = 0.0;  // app time for the autosave (advances with the frames)

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
    regionColors = showCoverage                       ? coverageColors(coverage)
                   : mode == render::ViewMode::Anatomy ? render::anatomyColors()
                   : mode == render::ViewMode::Plain   ? std::vector<glm::vec4>()
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
    // Same body, another clip (correct form <-> a mistake): blend from the pose on screen.
    if (character && figure && figure->clip()) nextCharacter.fadeFrom(character->localPose(), 0.4f);
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
    auto bound = form::BodyRig::bind(next->skeleton());
    rig = bound ? std::optional<form::BodyRig>(std::move(bound).value()) : std::nullopt;
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
    if (transition.active) goal.target = transition.target, goal.distance = transition.distance;
    goal.setPreset(preset);
    transition.start(goal);
  };
  // Frames the whole movement of the clip shown (sampled over its length), smoothly, so
  // floor exercises and travelling moves stay in view.
  auto frameMovement = [&] {
    if (!figure || !character || !figureGpu) return;
    Bounds all;
    const anim::Clip* clip = figure->clip();
    // A probe of its own: the character on screen may still be fading from the last clip.
    anim::Character probe(figure->skeleton());
    if (clip) probe.setClip(figure->clipSkeleton(), *clip);
    constexpr int kSamples = 12;
    for (int i = 0; i <= kSamples; ++i) {
      probe.evaluate(clip ? clip->startTime() + (clip->endTime() - clip->startTime()) * static_cast<float>(i) / kSamples : 0.0f);
      const Bounds b = poseBounds(probe, figureGpu->metresPerUnit);
      all.add(b.min);
      all.add(b.max);
    }
    render::OrbitCamera goal = camera;
    if (transition.active) goal.yaw = transition.yaw, goal.pitch = transition.pitch;
    goal.frame(all.centre(), std::max(all.radius(), 0.1f), 16.0f / 10.0f);
    transition.start(goal);
  };
  // Shows an exercise (or one of its mistake clips) on the current body.
  auto showExercise = [&](const std::string& id, const std::string& clipName) {
    const domain::Exercise* exercise = catalog.find(id);
    if (!exercise) return;
    if (id != selectedExercise) currentCue.reset();
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
    if (showFigure({bodyName, fmt::format("{}:{}", clipFile, clipName), false}, false)) frameMovement();
  };
  // The cue stepper: jump to the cue's moment, hold (loop) its range, turn to its view.
  auto selectCue = [&](std::size_t index) {
    const domain::Exercise* exercise = catalog.find(selectedExercise);
    if (!exercise || index >= exercise->cues.size()) return;
    const domain::Cue& cue = exercise->cues[index];
    if (cue.range.clip != currentClip) showExercise(selectedExercise, cue.range.clip);
    currentCue = index;
    selectView(presetForCue(cue.view));
    if (figure && figure->clip() && cue.range.resolved) {
      ui::PlayerActions hold;
      hold.loopRange = std::pair(cue.range.start, cue.range.end);
      hold.seek = cue.range.start;
      ui::apply(hold, playback);
      playback.play();
    }
  };
  auto stepCue = [&](int step) {
    const domain::Exercise* exercise = catalog.find(selectedExercise);
    if (!exercise || exercise->cues.empty()) return;
    const int count = static_cast<int>(exercise->cues.size());
    const int next = currentCue ? std::clamp(static_cast<int>(*currentCue) + step, 0, count - 1) : (step > 0 ? 0 : count - 1);
    selectCue(static_cast<std::size_t>(next));
  };
  // Up/Down: through the session's items when the exercise shown is one of them, else
  // through the library's list as filtered.
  auto stepExercise = [&](int step) {
    const domain::Session& session = document.session();
    if (selectedItem && *selectedItem < session.items.size()) {
      const int next = std::clamp(static_cast<int>(*selectedItem) + step, 0, static_cast<int>(session.items.size()) - 1);
      selectedItem = static_cast<std::size_t>(next);
      showExercise(session.items[*selectedItem].exerciseId, "correct");
      return;
    }
    std::vector<std::string> ids;
    for (const domain::Exercise& exercise : catalog.exercises())
      if (matches(exercise, filter)) ids.push_back(exercise.id);
    if (ids.empty()) return;
    const auto at = std::find(ids.begin(), ids.end(), selectedExercise);
    const int index = at == ids.end() ? (step > 0 ? -1 : static_cast<int>(ids.size()))
                                      : static_cast<int>(at - ids.begin());
    showExercise(ids[static_cast<std::size_t>(std::clamp(index + step, 0, static_cast<int>(ids.size()) - 1))], "correct");
  };
  // Follow-along: show the step's exercise, pace the animation, and react to its events.
  std::size_t followItem = ~std::size_t(0);
  auto followStepStarted = [&] {
    const domain::FollowStep* step = follow ? follow->current() : nullptr;
    if (!step) return;
    if (step->item != followItem) {
      followItem = step->item;
      selectedItem = step->item;
      showExercise(document.session().items[step->item].exerciseId, "correct");
    }
    if (step->kind == domain::StepKind::Work && figure && figure->clip()) {
      ui::PlayerActions restart;
      restart.clearLoopRange = true;
      restart.seek = figure->clip()->startTime();
      ui::apply(restart, playback);
    }
  };
  auto startFollowAlong = [&] {
    follow.emplace(domain::buildPlan(document.session(), catalog));
    followItem = ~std::size_t(0);
    currentCue.reset();
    followStepStarted();
  };
  auto fileError = [&](const Error& error) {
    log::error("{}", error.message);
    messages.push_back(error.message);
  };
  updateColors();
  showFigure({bodyName, cmd.clip, false}, true);
  if (!cmd.exercise.empty()) {
    const std::size_t colon = cmd.exercise.find(':');
    const std::string id = cmd.exercise.substr(0, colon);
    if (!catalog.find(id)) notice = fmt::format("no exercise '{}' in the catalog", id);
    showExercise(id, colon == std::string::npos ? "correct" : cmd.exercise.substr(colon + 1));
  }
  // A UI script (tests, documentation screenshots) stands in for the user.
  std::vector<ScriptCommand> script;
  if (cmd.gui.script) {
    auto loaded = loadScript(*cmd.gui.script);
    if (!loaded) {
      log::error("{}", loaded.error().message);
      return ExitCode::Failure;
    }
    script = std::move(loaded).value();
  }
  std::size_t scriptNext = 0;
  int scriptWait = 0;
  int scriptFailures = 0;
  std::optional<gl::RenderTarget> viewport;
  glm::ivec2 viewportPixels{0};
  FrameClock clock;
  bool fullscreen = false;
  bool mirrored = false;

  for (int frame = 1;; ++frame) {
    // A fixed step makes the picture independent of the machine.
    const float measured = clock.tick();
    const float dt = fixedStep ? 1.0f / 30.0f : measured;
    // Script commands up to the next wait or screenshot; clicks are applied after the UI.
    std::vector<const ScriptCommand*> scriptClicks;
    std::optional<std::filesystem::path> scriptShot;
    bool scriptQuit = scripted && scriptNext >= script.size() && scriptWait == 0;
    if (scriptWait > 0) --scriptWait;
    while (scripted && scriptWait == 0 && scriptNext < script.size()) {
      const ScriptCommand& c = script[scriptNext++];
      auto expect = [&](bool ok, const std::string& what) {
        if (ok) return;
        ++scriptFailures;
        log::error("{}:{}: expected {}", cmd.gui.script->filename().string(), c.line, what);
      };
      // One user action a frame, as a person would: a key or click ends this frame's batch.
      if (c.verb == "wait") scriptWait = c.number;
      else if (c.verb == "key") {
        platform::Window::injectKey(static_cast<platform::Key>(c.number));
        break;
      } else if (c.verb == "shortcut") {
        const std::string& n = c.argument;
        platform::Window::injectShortcut(n == "new" ? platform::Shortcut::New : n == "open" ? platform::Shortcut::Open
                                         : n == "save" ? platform::Shortcut::Save : n == "save-as" ? platform::Shortcut::SaveAs
                                         : n == "undo" ? platform::Shortcut::Undo : platform::Shortcut::Redo);
        break;
      } else if (c.verb == "screenshot") {
        scriptShot = c.argument;
        break;
      } else if (c.verb == "expect-items") {
        expect(document.session().items.size() == static_cast<std::size_t>(c.number),
               fmt::format("{} session items, found {}", c.number, document.session().items.size()));
      } else if (c.verb == "expect-exercise") {
        expect(selectedExercise == c.argument, fmt::format("exercise '{}', showing '{}'", c.argument, selectedExercise));
      } else if (c.verb == "expect-cue") {
        const int shown = currentCue ? static_cast<int>(*currentCue) + 1 : 0;
        expect(shown == c.number, fmt::format("cue {}, showing {}", c.number, shown));
      } else if (c.verb == "quit") {
        scriptQuit = true;
        break;
      } else {
        scriptClicks.push_back(&c);
        break;
      }
    }
    pulseSeconds += dt;
    const platform::InputFrame input = (*window)->pollEvents(&imgui);
    if (input.quitRequested) break;

    ui::PlayerActions keyActions;
    for (platform::Key key : input.keysPressed) {
      if (auto preset = presetForKey(key)) selectView(*preset);
      if (key == platform::Key::M) mirrored = !mirrored;
      if (key == platform::Key::Comma) keyActions.stepFrames = -1;
      if (key == platform::Key::Period) keyActions.stepFrames = 1;
      if (key == platform::Key::Up) stepExercise(-1);
      if (key == platform::Key::Down) stepExercise(1);
      if (key == platform::Key::F || key == platform::Key::F11 || (key == platform::Key::Escape && fullscreen && !follow)) {
        fullscreen = !fullscreen;
        (*window)->setFullscreen(fullscreen);
      }
      if (follow) {
        // In follow-along the keys drive the run, not the clip.
        if (key == platform::Key::Space) follow->paused() ? follow->resume() : follow->pause();
        if (key == platform::Key::Right) follow->next(), followStepStarted();
        if (key == platform::Key::Left) follow->previous(), followStepStarted();
        if (key == platform::Key::Escape) follow.reset();
        continue;
      }
      if (key == platform::Key::Space) keyActions.togglePlay = true;
      if (key == platform::Key::Left) stepCue(-1);
      if (key == platform::Key::Right) stepCue(1);
    }
    SessionEdits shortcutEdits;
    bool saveRequested = false;
    for (platform::Shortcut shortcut : input.shortcuts) {
      if (shortcut == platform::Shortcut::Undo) shortcutEdits.undo = true;
      if (shortcut == platform::Shortcut::Redo) shortcutEdits.redo = true;
      if (shortcut == platform::Shortcut::Save) saveRequested = true;
      if (shortcut == platform::Shortcut::New) document.newSession(), selectedItem.reset();
    }
    if (Status s = applySessionEdits(shortcutEdits, catalog, document.editor()); !s) log::warn("{}", s.error().message);
    sessionSeconds += static_cast<double>(dt);
    document.tick(sessionSeconds);

    // The session's estimate, guidance and coverage, recomputed when it changes.
    if (document.editor().revision() != analysedRevision) {
      analysedRevision = document.editor().revision();
      estimate = domain::estimateDuration(document.session(), catalog);
      findings = domain::checkSession(document.session(), catalog);
      coverage = domain::computeCoverage(document.session(), catalog);
      if (selectedItem && *selectedItem >= document.session().items.size()) selectedItem.reset();
      if (showCoverage) updateColors();
      if (follow && follow->empty()) follow.reset();
    }

    // Pose the figure, then draw the 3D view at the size the UI asked for last frame.
    if (follow) {
      for (domain::FollowEvent event : follow->advance(dt)) {
        if (event == domain::FollowEvent::StepStarted) followStepStarted();
        if (event == domain::FollowEvent::Beat || event == domain::FollowEvent::StepStarted) beat = 1.0f;
        const domain::FollowStep* now = follow->current();
        if (event == domain::FollowEvent::Beat) signal(platform::Signal::Beat);
        if (event == domain::FollowEvent::Countdown) signal(platform::Signal::Countdown);
        // The end of a rest or of the session; a new set starting after a rest is the cue to go.
        if (event == domain::FollowEvent::Finished || (event == domain::FollowEvent::StepStarted && now && now->kind == domain::StepKind::Work))
          signal(platform::Signal::Chime);
      }
      beat = std::max(0.0f, beat - 2.5f * dt);
    }
    const domain::FollowStep* followStep = follow ? follow->current() : nullptr;
    if (figure && figure->clip()) {
      ui::apply(keyActions, playback);
      if (followStep && followStep->kind == domain::StepKind::Work && followStep->reps > 0) {
        // One loop of the clip per rep, paced by the tempo.
        const anim::Clip& clip = *figure->clip();
        playback.time = clip.startTime() + follow->repProgress() * (clip.endTime() - clip.startTime());
      } else if (!follow || !follow->paused()) {
        playback.advance(dt);
      }
      // A unilateral clip plays mirrored when the side being worked is not the clip's: a
      // follow-along step (or alternating rep) on the other side, or a session item set to it.
      domain::Side side = domain::Side::Both;
      if (followStep && followStep->kind == domain::StepKind::Work) side = follow->repSide();
      else if (!follow && selectedItem && *selectedItem < document.session().items.size() &&
               document.session().items[*selectedItem].exerciseId == selectedExercise)
        side = document.session().items[*selectedItem].side;
      const domain::Exercise* shownExercise = catalog.find(selectedExercise);
      const body::RegionSide clipSide = shownExercise ? shownExercise->activation.workingSide : body::RegionSide::None;
      const bool otherSide = (side == domain::Side::Left && clipSide == body::RegionSide::Right) ||
                             (side == domain::Side::Right && clipSide == body::RegionSide::Left);
      if (otherSide != character->mirrored()) {
        character->setMirrored(otherSide);
        figureGpu->props = gl::GpuProps(resolveProps(*figure, otherSide));
      }
      character->advanceFade(dt);
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
        // The exercise's muscles as hard as they work at this moment, the current cue's pulsing.
        const domain::Exercise* exercise = catalog.find(selectedExercise);
        const anim::Clip* clip = figure ? figure->clip() : nullptr;
        // The cue: the one stepped to (the stepper then always shows its overlay and pulse),
        // else the one whose range the animation is in.
        const bool stepping = exercise && currentCue && *currentCue < exercise->cues.size();
        const domain::Cue* cue = stepping ? &exercise->cues[*currentCue]
                                 : exercise && clip ? domain::cueAt(*exercise, currentClip, playback.time)
                                                    : nullptr;
        std::vector<glm::vec4> activeRegionColors;
        if (exercise && clip && (mode == render::ViewMode::Highlight || mode == render::ViewMode::XRay)) {
          std::vector<render::MuscleRole> shown = roles;
          if (selectedRegion > 0) shown[static_cast<std::size_t>(selectedRegion)] = render::MuscleRole::Primary;
          const std::span<const body::MuscleGroup> pulse =
              (pulseCue || stepping) && cue ? std::span<const body::MuscleGroup>(cue->muscles)
                                            : std::span<const body::MuscleGroup>();
          activeRegionColors = activeColors(shown, *exercise, clipMarkers(*clip), clip->duration(), playback.time,
                                            character && character->mirrored(),
                                            pulse, pulseSeconds);
        }
        if (figureGpu) {
          addToScene(scene, *figureGpu, activeRegionColors.empty() ? std::span<const glm::vec4>(regionColors)
                                                                   : std::span<const glm::vec4>(activeRegionColors),
                     mode == render::ViewMode::XRay);
          const Bounds bounds = poseBounds(*character, figureGpu->metresPerUnit);
          scene.contactShadow = glm::vec4(bounds.centre().x, bounds.centre().z, bounds.radius() * 0.5f, 0.35f);
          const Bounds lit = withProps(bounds, *figureGpu);  // props cast shadows too
          scene.shadowBounds = glm::vec4(lit.centre(), std::max(lit.radius(), 0.1f));
        } else {
          testObject.addTo(scene);
        }
        // With a cue or follow-along card under the toolbar, the figure is drawn a little lower
        // and smaller so the card does not hide the head.
        render::OrbitCamera shown = camera;
        if (follow || currentCue) {
          shown.pan(0.0f, 0.11f);
          shown.zoom(1.15f);
        }
        // With overlays, they resolve the view: one resolve a frame.
        const bool overlays = (showOverlay || stepping) && overlayRenderer && rig && character && figureGpu;
        renderer->render(*viewport, shown, scene, !overlays);
        if (overlays) {
          const std::vector<render::OverlayRequest> requests = windowOverlay(exercise, cue);
          overlayRenderer->render(*viewport, shown, buildOverlay(*rig, character->modelMatrices(), requests),
                                  glm::mat4(glm::mat3(figureGpu->metresPerUnit)), mirrored);
        }
        // The muscle under the mouse, on the figure as posed this frame.
        hoveredRegion = lastMouse && figureGpu ? renderer->pickRegion(shown, viewportPixels, *lastMouse, scene) : -1;
      }
    }

    imgui.beginFrame();
    ui::ShellInput shellInput;
    shellInput.viewport = viewport ? &*viewport : nullptr;
    shellInput.frameMs = clock.averageFrameMs();
    shellInput.renderer = (*window)->contextDescription();
    shellInput.view = view;
    shellInput.showGrid = settings.showGrid;
    shellInput.mode = mode;
    shellInput.mirrored = mirrored;
    shellInput.showOverlay = showOverlay;
    shellInput.pulseCue = pulseCue;
    shellInput.catalog = &catalog;
    shellInput.filter = &filter;
    shellInput.selectedExercise = selectedExercise;
    shellInput.currentClip = currentClip;
    shellInput.currentCue = currentCue;
    shellInput.session.editor = &document.editor();
    shellInput.session.catalog = &catalog;
    shellInput.session.estimate = &estimate;
    shellInput.session.findings = &findings;
    shellInput.session.selectedItem = selectedItem;
    shellInput.session.selectedExercise = selectedExercise;
    shellInput.session.documentName = document.path().empty() ? std::string() : document.displayName();
    shellInput.session.unsaved = document.unsaved();
    shellInput.session.showCoverage = showCoverage;
    shellInput.recent = &document.recent();
    shellInput.follow = follow ? &*follow : nullptr;
    shellInput.beat = beat;
    shellInput.sound = settings.sound;
    shellInput.recovery = recovery;
    shellInput.messages = messages;
    if (hoveredRegion > 0) shellInput.hoveredMuscle = regionDisplayName(hoveredRegion);
    if (selectedRegion > 0) shellInput.selectedMuscle = regionDisplayName(selectedRegion);
    shellInput.notice = notice;
    if (figure && figure->clip()) {
      shellInput.playback = &playback;
      shellInput.clipName = figure->clip()->name();
      shellInput.markers = figure->clip()->markers();
    }
    ui::ShellActions actions = ui::drawShell(shellInput, settings.layout, dpiScale * settings.uiScale);
    imgui.endFrame();
    for (const ScriptCommand* c : scriptClicks) {
      if (c->verb == "pick") actions.pickExercise = c->argument;
      if (c->verb == "add") actions.exercise.addToSession = true;
      if (c->verb == "cue" && c->number > 0) actions.exercise.selectCue = static_cast<std::size_t>(c->number - 1);
      if (c->verb == "mistake") actions.exercise.showClip = c->argument;
      if (c->verb == "template") actions.file.applyTemplate = c->argument;
      if (c->verb == "follow") actions.session.startFollowAlong = true;
      if (c->verb == "coverage") actions.session.toggleCoverage = true;
      if (c->verb == "save-as") actions.file.saveAs = std::filesystem::path(c->argument);
      if (c->verb == "open") actions.file.open = std::filesystem::path(c->argument);
      if (c->verb == "new") actions.file.newSession = true;
    }

    if (cmd.gui.screenshot && frame == cmd.gui.frames) scriptShot = *cmd.gui.screenshot;
    if (scriptShot) {
      const glm::ivec2 size = (*window)->drawableSize();
      if (Status saved = render::savePng(gl::readWindowPixels(size.x, size.y), *scriptShot); !saved) {
        log::error("{}", saved.error().message);
        return ExitCode::Failure;
      }
      log::info("wrote {}", scriptShot->string());
    }
    (*window)->swapBuffers();

    if (actions.quit || scriptQuit || (cmd.gui.frames > 0 && frame >= cmd.gui.frames)) break;
    if (actions.viewPreset) selectView(*actions.viewPreset);
    if (figure && figure->clip()) ui::apply(actions.player, playback);
    if (actions.toggleGrid) settings.showGrid = !settings.showGrid;
    if (actions.toggleMirror) mirrored = !mirrored;
    if (actions.toggleOverlay) showOverlay = !showOverlay;
    if (actions.togglePulse) pulseCue = !pulseCue;
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
    if (actions.messagesShown) messages.clear();
    if (actions.pickExercise) {
      selectedItem.reset();
      showExercise(*actions.pickExercise, "correct");
    }
    // The session: edits, selection, templates, files.
    SessionEdits edits = actions.session.edits;
    if (actions.exercise.addToSession && !selectedExercise.empty()) edits.add = {selectedExercise, std::nullopt};
    if (Status s = applySessionEdits(edits, catalog, document.editor()); !s) fileError(s.error());
    if (edits.add) selectedItem = edits.add->second.value_or(document.session().items.size() - 1);
    if (actions.session.select && *actions.session.select < document.session().items.size()) {
      selectedItem = *actions.session.select;
      showExercise(document.session().items[*selectedItem].exerciseId, "correct");
    }
    if (actions.session.toggleCoverage) {
      showCoverage = !showCoverage;
      updateColors();
    }
    if (actions.session.startFollowAlong && !document.session().items.empty()) startFollowAlong();
    const ui::FileActions& file = actions.file;
    if (file.newSession) document.newSession(), selectedItem.reset();
    if (file.applyTemplate) {
      if (Status s = document.applyTemplate(*file.applyTemplate); !s) fileError(s.error());
      selectedItem.reset();
    }
    if (file.open) {
      auto notices = document.open(*file.open);
      if (notices) {
        selectedItem.reset();
        follow.reset();
        messages.insert(messages.end(), notices->begin(), notices->end());
      } else {
        fileError(notices.error());
      }
    }
    if (file.save || saveRequested) {
      if (document.path().empty()) messages.push_back("This session has no file yet: choose File > Save as.");
      else if (Status s = document.save(); !s) fileError(s.error());
    }
    if (file.saveAs)
      if (Status s = document.saveAs(*file.saveAs); !s) fileError(s.error());
    if (file.restoreRecovery) {
      if (auto notices = document.restoreRecovery()) messages.insert(messages.end(), notices->begin(), notices->end());
      else fileError(notices.error());
      recovery.reset();
    }
    if (file.discardRecovery) {
      document.discardRecovery();
      recovery.reset();
    }
    // The cue stepper and follow-along.
    if (actions.exercise.selectCue) selectCue(*actions.exercise.selectCue);
    if (actions.cue.step != 0) stepCue(actions.cue.step);
    if (follow) {
      if (actions.follow.togglePause) follow->paused() ? follow->resume() : follow->pause();
      if (actions.follow.next) follow->next(), followStepStarted();
      if (actions.follow.previous) follow->previous(), followStepStarted();
      if (actions.follow.stop) follow.reset();
      if (actions.follow.toggleSound) settings.sound = !settings.sound;
    }
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
  document.close();
  if (scriptFailures > 0) {
    log::error("{} expectation(s) of the script failed", scriptFailures);
    return ExitCode::Failure;
  }
  if (!settingsPath.empty() && !fixedStep) {
    if (Status saved = saveSettings(settingsPath, settings); !saved) log::warn("{}", saved.error().message);
  }
  return ExitCode::Ok;
}

}  // namespace formviz::app
