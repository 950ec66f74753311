#include "app/commands.h"

#include <fmt/format.h>

#include "core/log.h"
#include "core/paths.h"
#include "platform/window.h"
#include "render/gl/scene_renderer.h"

namespace formviz::app {

ExitCode runRender(const CommandLine& cmd) {
  const RenderOptions& options = cmd.render;
  auto dataDir = findDataDir(cmd.dataDir);
  if (!dataDir) {
    log::error("{}", dataDir.error().message);
    return ExitCode::Failure;
  }
  platform::WindowDesc desc;
  desc.headless = true;
  desc.width = 64;  // the window is never shown; the picture is drawn off-screen
  desc.height = 64;
#ifndef NDEBUG
  desc.debugContext = true;
#endif
  auto window = platform::Window::create(desc);
  if (!window) {
    log::error("{}", window.error().message);
    return ExitCode::NoDisplay;
  }
  auto renderer = gl::SceneRenderer::create(*dataDir / "shaders");
  if (!renderer) {
    log::error("{}", renderer.error().message);
    return ExitCode::Failure;
  }
  auto target = gl::RenderTarget::create(options.width, options.height, options.samples);
  if (!target) {
    log::error("{}", target.error().message);
    return ExitCode::Failure;
  }
  render::OrbitCamera camera;
  camera.setPreset(options.view);
  const gl::TestObject figure = gl::makeTestObject();
  gl::Scene scene;
  scene.meshes = figure.draws();
  scene.contactShadow = glm::vec4(0.0f, 0.0f, 0.45f, 0.35f);
  scene.showGrid = options.grid;
  renderer->render(*target, camera, scene);
  if (Status saved = render::savePng(target->readPixels(), options.out); !saved) {
    log::error("{}", saved.error().message);
    return ExitCode::Failure;
  }
  log::info("wrote {} ({}x{}, {} view)", options.out.string(), options.width, options.height,
            render::viewPresetName(options.view));
  return ExitCode::Ok;
}

}  // namespace formviz::app
