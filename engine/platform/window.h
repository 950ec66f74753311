// [SECTION] Platform: an SDL2 window with an OpenGL 3.3 core context, input and display detection.
//
// Implemented: windowed (vsync, high-DPI, resizable) and headless contexts; the
// headless path needs no X server (SDL's "offscreen" driver, EGL on Mesa) and falls
// back to a hidden window on the current display (e.g. under xvfb-run).
// Limitations: one window and one context per process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

struct SDL_Window;

namespace formviz::platform {

struct WindowDesc {
  std::string title = "FormViz";
  int width = 1440;            // window size in screen coordinates (0 or less: default)
  int height = 900;
  int x = -1, y = -1;          // position; negative: let the window manager centre it
  bool maximized = false;
  bool headless = false;       // hidden window on the offscreen driver; for rendering to images
  bool vsync = true;
  bool debugContext = false;   // request a GL debug context and route its messages to the log
};

// Keys the app reacts to; everything else is left to ImGui.
enum class Key : std::uint8_t { Space, Left, Right, Up, Down, Num1, Num2, Num3, Num4, Num5, F, M, F11, Escape, Comma, Period };

// What happened since the previous pollEvents().
// Ctrl (Cmd) shortcuts. New, Open and Save work even while a text field has focus; Undo and
// Redo only when it does not (the field undoes its own typing).
enum class Shortcut : std::uint8_t { New, Open, Save, SaveAs, Undo, Redo };

struct InputFrame {
  bool quitRequested = false;
  bool resized = false;
  std::vector<Key> keysPressed;   // in order, only when ImGui does not want the keyboard
  std::vector<Shortcut> shortcuts;
};

// True when a window system can be reached: $DISPLAY or $WAYLAND_DISPLAY is set, or
// $SDL_VIDEODRIVER names a driver explicitly (the user knows what they are doing).
bool displayAvailable();

class ImGuiLayer;

class Window {
 public:
  // Creates the window and its context, makes it current and loads the GL functions.
  // The error says what was tried and what to install.
  static Result<std::unique_ptr<Window>> create(const WindowDesc& desc);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Pumps SDL's queue; events also go to `imgui` when given.
  InputFrame pollEvents(ImGuiLayer* imgui);
  void swapBuffers();
  // Queues a key press and release as if typed (scripted UI tests drive the real input path).
  static void injectKey(Key key);
  static void injectShortcut(Shortcut shortcut);

  glm::ivec2 windowSize() const;      // screen coordinates
  glm::ivec2 drawableSize() const;    // pixels (larger on high-DPI displays)
  glm::ivec2 position() const;
  bool maximized() const;
  void setFullscreen(bool fullscreen);
  bool fullscreen() const;

  const std::string& contextDescription() const { return description_; }
  const std::string& videoDriver() const { return videoDriver_; }
  SDL_Window* sdlWindow() const { return window_; }
  void* glContext() const { return context_; }

 private:
  Window() = default;
  SDL_Window* window_ = nullptr;
  void* context_ = nullptr;
  std::string description_;
  std::string videoDriver_;
};

}  // namespace formviz::platform
