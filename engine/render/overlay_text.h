// [SECTION] Overlay text: a glyph atlas baked with stb_truetype for the overlay labels.
//
// Plain C++: the atlas is a one-channel coverage bitmap (anti-aliased, 2x2 oversampled) plus
// the metrics to lay out a UTF-8 string as textured quads; gl::OverlayRenderer uploads the
// bitmap and draws the quads. The same text shows in the window and in `formviz render`
// because both draw labels through the GL overlay renderer into the view's render target.
// Covers printable ASCII, the degree sign and the minus sign (U+2212).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/text.h"  // decodeUtf8, Font::findDejaVuSans

namespace formviz::render {

// One glyph's quad in pixels (y down) and its atlas coordinates in [0, 1].
struct GlyphQuad {
  glm::vec2 p0{0.0f}, p1{0.0f};
  glm::vec2 uv0{0.0f}, uv1{0.0f};
};

class GlyphAtlas {
 public:
  // Bakes the glyphs of the TrueType font at `ttf` at `pixelHeight` (the em height in atlas
  // pixels). Errors name the file.
  static Result<GlyphAtlas> load(const std::filesystem::path& ttf, float pixelHeight = 32.0f);

  // Quads for `utf8` drawn `size` pixels high with the baseline's left end at `origin` (pixels,
  // y down). Characters the atlas does not hold are skipped.
  std::vector<GlyphQuad> layout(std::string_view utf8, glm::vec2 origin, float size) const;
  // Advance width of `utf8` at `size` pixels.
  float measure(std::string_view utf8, float size) const;
  // Ascent and descent (descent < 0) of the font at `size` pixels.
  float ascent(float size) const { return ascent_ * size / pixelHeight_; }
  float descent(float size) const { return descent_ * size / pixelHeight_; }

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }  // width * height coverage, row 0 at the top

 private:
  struct Glyph {
    char32_t codepoint = 0;
    glm::vec2 p0{0.0f}, p1{0.0f};  // offset from the pen at pixelHeight_, pixels
    glm::vec2 uv0{0.0f}, uv1{0.0f};
    float advance = 0.0f;
  };
  const Glyph* find(char32_t codepoint) const;

  int width_ = 0, height_ = 0;
  float pixelHeight_ = 32.0f, ascent_ = 0.0f, descent_ = 0.0f;
  std::vector<std::uint8_t> pixels_;
  std::vector<Glyph> glyphs_;
};

}  // namespace formviz::render
