// [SECTION] Text on CPU images: TrueType fonts (stb_truetype), measured and drawn
// anti-aliased with alpha blending into a render::Image. No GL: for labels on pictures
// the program writes (contact sheets, overlays on rendered frames).
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include <glm/glm.hpp>

#include "core/result.h"
#include "render/image.h"

namespace formviz::render {

// A text's extent in pixels at one size. The box holds every covered pixel of every
// glyph and the font's full line height (ascent to descent, so boxes of labels at the
// same size line up); drawText at `topLeft` covers exactly [topLeft, topLeft + size).
struct TextBox {
  glm::vec2 size{0.0f};   // width, height in pixels
  float baseline = 0.0f;  // first line's baseline, in pixels below the box's top
};

// A loaded TrueType font. Cheap to copy (the file's bytes are shared).
class Font {
 public:
  // Reads a .ttf file. The error names the file: missing, unreadable, or not a font.
  static Result<Font> load(const std::filesystem::path& path);

  // DejaVu Sans (Debian package fonts-dejavu-core), or its bold face. Searched in
  // $FORMVIZ_FONT_DIR, then the fonts/ folders of $XDG_DATA_DIRS (default
  // /usr/local/share:/usr/share) under truetype/dejavu, dejavu, TTF and truetype.
  // The error lists every place tried and names the package to install.
  static Result<std::filesystem::path> findDejaVuSans(bool bold = false);
  static Result<Font> loadDejaVuSans(bool bold = false);

  // Extent of `utf8` at `sizePx` (the em height in pixels, > 0). '\n' starts a new line.
  // Invalid UTF-8 bytes and characters the font lacks are drawn as its missing glyph.
  TextBox measureText(std::string_view utf8, float sizePx) const;

  // Draws `utf8` with its box's top-left corner at `topLeftPx` (may be fractional: glyphs
  // are placed with subpixel precision), blending `rgba` (0..1, straight alpha) over the
  // image by each pixel's coverage. Pixels outside the image are clipped.
  void drawText(Image& image, glm::vec2 topLeftPx, std::string_view utf8, float sizePx, glm::vec4 rgba) const;

  // Pixel sizes of the font's vertical metrics at `sizePx`.
  float ascent(float sizePx) const;   // above the baseline, > 0
  float descent(float sizePx) const;  // below the baseline, > 0
  float lineHeight(float sizePx) const;  // baseline to baseline

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

// Blends `rgba` (0..1, straight alpha) scaled by `coverage` (0..1) over one pixel ("over"
// compositing, also correct over transparent pixels).
void blendPixel(Image& image, int x, int y, glm::vec4 rgba, float coverage);

// Fills a rectangle [topLeft, topLeft + size) with `rgba` blended over the image, with
// partial coverage on fractional edges.
void fillRect(Image& image, glm::vec2 topLeftPx, glm::vec2 sizePx, glm::vec4 rgba);

// UTF-8 to code points; a malformed or cut-off sequence becomes U+FFFD (one per bad byte).
std::u32string decodeUtf8(std::string_view utf8);

}  // namespace formviz::render
