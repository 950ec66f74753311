// [SECTION] Dear ImGui on SDL2 + OpenGL3: context, fonts, and the two backends
// (both ship in Debian's libimgui.a). The app draws its panels between beginFrame()
// and endFrame(); this class knows nothing about them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

union SDL_Event;
struct ImDrawList;
struct ImVec2;

namespace formviz::gl {
class RenderTarget;
}

namespace formviz::platform {

class Window;

struct ImGuiDesc {
  std::filesystem::path iniFile;  // where ImGui keeps its window state; empty: not saved
  float fontSizePixels = 16.0f;   // before the display scale
  float displayScale = 1.0f;      // from the display's DPI
};

class ImGuiLayer {
 public:
  ImGuiLayer(Window& window, const ImGuiDesc& desc);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  void processEvent(const SDL_Event* event);
  void beginFrame();
  // Renders the UI into the default framebuffer (the window).
  void endFrame();

  // True while a text field has the keyboard: keys are typing, not commands.
  bool wantsKeyboard() const;
  bool wantsMouse() const;

 private:
  Window& window_;
  std::string iniFile_;  // ImGui keeps a pointer to it
};

// Adds `target`'s picture (resolved) to `drawList` over `min`..`max` (ImGui coordinates, inside
// the list's clip rectangle), in the list's order: copied straight into the window when the UI
// is rendered, instead of drawn as a textured, blended quad (on Mesa's llvmpipe a 3D view's
// worth of pixels costs a millisecond or two that way). `target` must live until endFrame().
void addPicture(ImDrawList* drawList, const gl::RenderTarget& target, const ImVec2& min, const ImVec2& max);

// Display scale from the window's display DPI (1.0 at 96 DPI); 1.0 when unknown.
float displayScale(const Window& window);

}  // namespace formviz::platform
