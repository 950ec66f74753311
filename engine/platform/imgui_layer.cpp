#include "platform/imgui_layer.h"

#include "render/text.h"

#include <SDL2/SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <filesystem>

#include "core/log.h"
#include "platform/window.h"
#include "render/gl/context.h"
#include "render/gl/resources.h"

namespace formviz::platform {
namespace {

void applyTheme(float scale) {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4.0f;
  style.ChildRounding = 4.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.PopupRounding = 4.0f;
  style.ScrollbarRounding = 6.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 0.0f;
  style.WindowPadding = ImVec2(10, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.965f, 0.970f, 1.0f);
  colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  colors[ImGuiCol_TitleBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  colors[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.88f, 0.91f, 1.0f);
  colors[ImGuiCol_Header] = ImVec4(0.20f, 0.45f, 0.75f, 0.22f);
  colors[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.45f, 0.75f, 0.35f);
  colors[ImGuiCol_Button] = ImVec4(0.20f, 0.45f, 0.75f, 0.14f);
  colors[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.45f, 0.75f, 0.30f);
  colors[ImGuiCol_ButtonActive] = ImVec4(0.20f, 0.45f, 0.75f, 0.45f);
  colors[ImGuiCol_Separator] = ImVec4(0.80f, 0.81f, 0.84f, 1.0f);
  style.ScaleAllSizes(scale);
}

void loadFont(float sizePixels) {
  ImGuiIO& io = ImGui::GetIO();
  // DejaVu Sans (fonts-dejavu-core) reads far better than ImGui's built-in bitmap font.
  auto font = render::Font::findDejaVuSans();
  if (font && io.Fonts->AddFontFromFileTTF(font->string().c_str(), sizePixels)) return;
  log::warn("{}; using ImGui's built-in font", font ? "DejaVu Sans did not load" : font.error().message);
  ImFontConfig config;
  config.SizePixels = sizePixels;
  io.Fonts->AddFontDefault(&config);
}

}  // namespace

float displayScale(const Window& window) {
  const int display = SDL_GetWindowDisplayIndex(window.sdlWindow());
  float dpi = 0.0f;
  if (display < 0 || SDL_GetDisplayDPI(display, &dpi, nullptr, nullptr) != 0 || dpi <= 0.0f) return 1.0f;
  // Drawable larger than the window means the OS already scales (macOS-style high-DPI).
  const float framebufferScale = static_cast<float>(window.drawableSize().x) / static_cast<float>(window.windowSize().x);
  return framebufferScale > 1.0f ? 1.0f : std::clamp(dpi / 96.0f, 1.0f, 3.0f);
}

ImGuiLayer::ImGuiLayer(Window& window, const ImGuiDesc& desc) : window_(window), iniFile_(desc.iniFile.string()) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = iniFile_.empty() ? nullptr : iniFile_.c_str();
  // No keyboard navigation of widgets: the arrow keys, space and digits are the app's own
  // (cues, exercises, play, views), and ImGui would otherwise take them whenever a panel has focus.
  applyTheme(desc.displayScale);
  loadFont(desc.fontSizePixels * desc.displayScale);
  ImGui_ImplSDL2_InitForOpenGL(window.sdlWindow(), window.glContext());
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::processEvent(const SDL_Event* event) { ImGui_ImplSDL2_ProcessEvent(event); }

void ImGuiLayer::beginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void ImGuiLayer::endFrame() {
  ImGui::Render();
  const glm::ivec2 size = window_.drawableSize();
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  gl::beginWindowFrame(size.x, size.y, background.x, background.y, background.z);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

namespace {

// ImGui's callback for addPicture: the command's clip rectangle is the picture's.
void drawPicture(const ImDrawList*, const ImDrawCmd* command) {
  const ImDrawData* data = ImGui::GetDrawData();
  const ImVec2 scale = data->FramebufferScale;
  const float height = data->DisplaySize.y * scale.y;
  const ImVec4 clip = command->ClipRect;
  const glm::ivec4 window(int((clip.x - data->DisplayPos.x) * scale.x), int(height - (clip.w - data->DisplayPos.y) * scale.y),
                          int((clip.z - data->DisplayPos.x) * scale.x), int(height - (clip.y - data->DisplayPos.y) * scale.y));
  static_cast<const gl::RenderTarget*>(command->UserCallbackData)->copyToWindow(window);
}

}  // namespace

void addPicture(ImDrawList* drawList, const gl::RenderTarget& target, const ImVec2& min, const ImVec2& max) {
  drawList->PushClipRect(min, max, true);
  drawList->AddCallback(drawPicture, const_cast<gl::RenderTarget*>(&target));
  drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  drawList->PopClipRect();
}

bool ImGuiLayer::wantsKeyboard() const { return ImGui::GetIO().WantTextInput; }
bool ImGuiLayer::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }

}  // namespace formviz::platform
