#include "platform/window.h"

#include <SDL2/SDL.h>

#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "core/log.h"
#include "platform/imgui_layer.h"
#include "render/gl/context.h"

namespace formviz::platform {
namespace {

bool envSet(const char* name) {
  const char* value = std::getenv(name);
  return value && *value;
}

}  // namespace

bool displayAvailable() { return envSet("DISPLAY") || envSet("WAYLAND_DISPLAY") || envSet("SDL_VIDEODRIVER"); }

Result<std::unique_ptr<Window>> Window::create(const WindowDesc& desc) {
  // Headless without a display: SDL's offscreen driver (EGL). With a display (xvfb-run
  // or a desktop), a hidden window there works as well, so try it second.
  std::vector<std::string> drivers;
  if (envSet("SDL_VIDEODRIVER")) drivers.push_back(std::getenv("SDL_VIDEODRIVER"));
  else if (desc.headless) {
    drivers.push_back("offscreen");
    if (displayAvailable()) drivers.push_back("");
  } else {
    drivers.push_back("");
  }

  std::string tried;
  for (const std::string& driver : drivers) {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, driver.c_str());
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
      tried += fmt::format("\n  video driver '{}': {}", driver.empty() ? "default" : driver, SDL_GetError());
      continue;
    }
    const std::string actualDriver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?";
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG |
                                                  (desc.debugContext ? SDL_GL_CONTEXT_DEBUG_FLAG : 0));
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    flags |= desc.headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_RESIZABLE;
    if (desc.maximized && !desc.headless) flags |= SDL_WINDOW_MAXIMIZED;
    const int x = desc.x >= 0 ? desc.x : int(SDL_WINDOWPOS_CENTERED);
    const int y = desc.y >= 0 ? desc.y : int(SDL_WINDOWPOS_CENTERED);
    SDL_Window* sdlWindow = SDL_CreateWindow(desc.title.c_str(), x, y, desc.width > 0 ? desc.width : 1440,
                                             desc.height > 0 ? desc.height : 900, flags);
    if (!sdlWindow) {
      tried += fmt::format("\n  video driver '{}': cannot create a window: {}", actualDriver, SDL_GetError());
      SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
      continue;
    }
    SDL_GLContext context = SDL_GL_CreateContext(sdlWindow);
    if (!context) {
      tried += fmt::format("\n  video driver '{}': no OpenGL 3.3 core context: {}", actualDriver, SDL_GetError());
      SDL_DestroyWindow(sdlWindow);
      SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
      continue;
    }
    SDL_GL_MakeCurrent(sdlWindow, context);
    if (Status loaded = gl::loadFunctions(reinterpret_cast<gl::ProcLoader>(SDL_GL_GetProcAddress)); !loaded) {
      tried += fmt::format("\n  video driver '{}': {}", actualDriver, loaded.error().message);
      SDL_GL_DeleteContext(context);
      SDL_DestroyWindow(sdlWindow);
      SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
      continue;
    }
    if (!desc.headless && desc.vsync && SDL_GL_SetSwapInterval(-1) != 0) SDL_GL_SetSwapInterval(1);  // adaptive, else plain vsync
    if (desc.headless) SDL_GL_SetSwapInterval(0);

    auto window = std::unique_ptr<Window>(new Window());
    window->window_ = sdlWindow;
    window->context_ = context;
    window->videoDriver_ = actualDriver;
    window->description_ = gl::describeContext();
    if (desc.debugContext) gl::enableDebugOutput();
    log::debug("{} through SDL video driver '{}'", window->description_, actualDriver);
    return window;
  }
  return makeError(fmt::format(
      "no OpenGL 3.3 core context could be created. Tried:{}\n"
      "FormViz needs OpenGL 3.3; Mesa's software renderer is enough. Install it with\n"
      "  sudo apt-get install libgl1-mesa-dri libegl1 libsdl2-2.0-0\n"
      "or run under a virtual display: xvfb-run -a formviz ...", tried));
}

Window::~Window() {
  if (context_) SDL_GL_DeleteContext(context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

namespace {
std::optional<Key> translateKey(SDL_Keycode key) {
  switch (key) {
    case SDLK_SPACE: return Key::Space;
    case SDLK_LEFT: return Key::Left;
    case SDLK_RIGHT: return Key::Right;
    case SDLK_UP: return Key::Up;
    case SDLK_DOWN: return Key::Down;
    case SDLK_1: return Key::Num1;
    case SDLK_2: return Key::Num2;
    case SDLK_3: return Key::Num3;
    case SDLK_4: return Key::Num4;
    case SDLK_5: return Key::Num5;
    case SDLK_f: return Key::F;
    case SDLK_m: return Key::M;
    case SDLK_F11: return Key::F11;
    case SDLK_ESCAPE: return Key::Escape;
    case SDLK_COMMA: return Key::Comma;
    case SDLK_PERIOD: return Key::Period;
    default: return std::nullopt;
  }
}
std::optional<Shortcut> translateShortcut(SDL_Keycode key, bool shift, bool typing) {
  switch (key) {
    case SDLK_n: return Shortcut::New;
    case SDLK_o: return Shortcut::Open;
    case SDLK_s: return shift ? Shortcut::SaveAs : Shortcut::Save;
    case SDLK_z: return typing ? std::nullopt : std::optional(shift ? Shortcut::Redo : Shortcut::Undo);
    case SDLK_y: return typing ? std::nullopt : std::optional(Shortcut::Redo);
    default: return std::nullopt;
  }
}

void pushKey(SDL_Keycode key, Uint16 mod) {
  SDL_Event event{};
  event.type = SDL_KEYDOWN;
  event.key.state = SDL_PRESSED;
  event.key.keysym.sym = key;
  event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
  event.key.keysym.mod = mod;
  SDL_PushEvent(&event);
  event.type = SDL_KEYUP;
  event.key.state = SDL_RELEASED;
  SDL_PushEvent(&event);
}
}  // namespace

void Window::injectKey(Key key) {
  // In the order of enum Key.
  constexpr SDL_Keycode codes[] = {SDLK_SPACE, SDLK_LEFT, SDLK_RIGHT, SDLK_UP, SDLK_DOWN, SDLK_1, SDLK_2, SDLK_3, SDLK_4, SDLK_5, SDLK_f, SDLK_m, SDLK_F11, SDLK_ESCAPE, SDLK_COMMA, SDLK_PERIOD};
  pushKey(codes[static_cast<std::size_t>(key)], KMOD_NONE);
}

void Window::injectShortcut(Shortcut shortcut) {
  switch (shortcut) {
    case Shortcut::New: pushKey(SDLK_n, KMOD_LCTRL); break;
    case Shortcut::Open: pushKey(SDLK_o, KMOD_LCTRL); break;
    case Shortcut::Save: pushKey(SDLK_s, KMOD_LCTRL); break;
    case Shortcut::SaveAs: pushKey(SDLK_s, KMOD_LCTRL | KMOD_LSHIFT); break;
    case Shortcut::Undo: pushKey(SDLK_z, KMOD_LCTRL); break;
    case Shortcut::Redo: pushKey(SDLK_y, KMOD_LCTRL); break;
  }
}

InputFrame Window::pollEvents(ImGuiLayer* imgui) {
  InputFrame input;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    if (imgui) imgui->processEvent(&event);
    switch (event.type) {
      case SDL_QUIT: input.quitRequested = true; break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_CLOSE) input.quitRequested = true;
        if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) input.resized = true;
        break;
      case SDL_KEYDOWN:
        if ((event.key.keysym.mod & KMOD_CTRL) && event.key.keysym.sym == SDLK_q) {
          input.quitRequested = true;
          break;
        }
        if (event.key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) {
          const bool typing = imgui && imgui->wantsKeyboard();
          if (auto shortcut = translateShortcut(event.key.keysym.sym, (event.key.keysym.mod & KMOD_SHIFT) != 0, typing))
            input.shortcuts.push_back(*shortcut);
          break;
        }
        if (imgui && imgui->wantsKeyboard()) break;
        if (event.key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) break;
        if (auto key = translateKey(event.key.keysym.sym)) input.keysPressed.push_back(*key);
        break;
      default: break;
    }
  }
  return input;
}

void Window::swapBuffers() { SDL_GL_SwapWindow(window_); }

glm::ivec2 Window::windowSize() const {
  glm::ivec2 size;
  SDL_GetWindowSize(window_, &size.x, &size.y);
  return size;
}

glm::ivec2 Window::drawableSize() const {
  glm::ivec2 size;
  SDL_GL_GetDrawableSize(window_, &size.x, &size.y);
  return size;
}

glm::ivec2 Window::position() const {
  glm::ivec2 pos;
  SDL_GetWindowPosition(window_, &pos.x, &pos.y);
  return pos;
}

bool Window::maximized() const { return (SDL_GetWindowFlags(window_) & SDL_WINDOW_MAXIMIZED) != 0; }

void Window::setFullscreen(bool fullscreen) {
  SDL_SetWindowFullscreen(window_, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

bool Window::fullscreen() const { return (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0; }

}  // namespace formviz::platform
