#include "render/text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/paths.h"

// stb_truetype's functions stay private to this file (STBTT_STATIC): Dear ImGui carries its
// own copy, and two exported copies would clash at link time.
#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#endif
#include <stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace formviz::render {

struct Font::Data {
  std::string bytes;  // the .ttf file; `info` points into it
  stbtt_fontinfo info{};
  int ascent = 0, descent = 0, lineGap = 0;  // font units; descent < 0 as stb reports it
};

namespace {

// [SECTION] UTF-8

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at `i` and advances `i`; a malformed sequence yields U+FFFD and
// skips one byte, so decoding always moves forward.
char32_t nextCodepoint(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  int length = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07u;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + static_cast<std::size_t>(length) > s.size()) {
    ++i;
    return kReplacement;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char c = byte(i + static_cast<std::size_t>(k));
    if ((c & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3Fu);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += static_cast<std::size_t>(length);
  return cp;
}

// [SECTION] Layout

struct PlacedGlyph {
  int glyph = 0;
  glm::vec2 origin{0.0f};  // pen position on the baseline, pixels from the layout origin
};

struct Layout {
  std::vector<PlacedGlyph> glyphs;
  glm::vec2 min{0.0f}, max{0.0f};  // every glyph outline and every line box, pixels
};

// Places the glyphs of `utf8` with the first line's baseline at y = ascent, pen from x = 0.
Layout layOut(const stbtt_fontinfo& info, int ascent, int descent, int lineGap, std::string_view utf8,
              float sizePx) {
  const float scale = stbtt_ScaleForMappingEmToPixels(&info, sizePx);
  const float lineHeight = static_cast<float>(ascent - descent + lineGap) * scale;
  Layout layout;
  layout.min = glm::vec2(0.0f);
  layout.max = glm::vec2(0.0f, static_cast<float>(ascent - descent) * scale);
  float penX = 0.0f;
  float baseline = static_cast<float>(ascent) * scale;
  int previous = -1;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = nextCodepoint(utf8, i);
    if (cp == U'\n') {
      penX = 0.0f;
      baseline += lineHeight;
      previous = -1;
      layout.max.y = std::max(layout.max.y, baseline - static_cast<float>(descent) * scale);
      continue;
    }
    const int glyph = stbtt_FindGlyphIndex(&info, static_cast<int>(cp));  // 0: the missing glyph
    if (previous >= 0) penX += static_cast<float>(stbtt_GetGlyphKernAdvance(&info, previous, glyph)) * scale;
    layout.glyphs.push_back({glyph, {penX, baseline}});
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (!stbtt_IsGlyphEmpty(&info, glyph) && stbtt_GetGlyphBox(&info, glyph, &x0, &y0, &x1, &y1)) {
      // Font units have y up; the image has y down.
      layout.min = glm::min(layout.min, glm::vec2(penX + static_cast<float>(x0) * scale,
                                                  baseline - static_cast<float>(y1) * scale));
      layout.max = glm::max(layout.max, glm::vec2(penX + static_cast<float>(x1) * scale,
                                                  baseline - static_cast<float>(y0) * scale));
    }
    int advance = 0, leftBearing = 0;
    stbtt_GetGlyphHMetrics(&info, glyph, &advance, &leftBearing);
    penX += static_cast<float>(advance) * scale;
    layout.max.x = std::max(layout.max.x, penX);
    previous = glyph;
  }
  return layout;
}

}  // namespace

// [SECTION] Font

Result<Font> Font::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return makeError(fmt::format("font file '{}' does not exist", path.string()));
  auto bytes = readFile(path);
  if (!bytes) return bytes.error();
  auto data = std::make_shared<Data>();
  data->bytes = std::move(bytes).value();
  const auto* raw = reinterpret_cast<const unsigned char*>(data->bytes.data());
  const int offset = data->bytes.size() >= 12 ? stbtt_GetFontOffsetForIndex(raw, 0) : -1;
  if (offset < 0 || !stbtt_InitFont(&data->info, raw, offset))
    return makeError(fmt::format("font file '{}' is not a TrueType/OpenType font", path.string()));
  stbtt_GetFontVMetrics(&data->info, &data->ascent, &data->descent, &data->lineGap);
  if (data->ascent <= data->descent)
    return makeError(fmt::format("font file '{}' has no usable line metrics", path.string()));
  Font font;
  font.data_ = std::move(data);
  return font;
}

Result<std::filesystem::path> Font::findDejaVuSans(bool bold) {
  const char* file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  std::vector<std::filesystem::path> candidates;
  if (const char* dir = std::getenv("FORMVIZ_FONT_DIR"); dir && *dir) candidates.emplace_back(std::filesystem::path(dir) / file);
  std::string dataDirs = "/usr/local/share:/usr/share";
  if (const char* xdg = std::getenv("XDG_DATA_DIRS"); xdg && *xdg) dataDirs = xdg;
  for (std::size_t start = 0; start <= dataDirs.size();) {
    const std::size_t end = std::min(dataDirs.find(':', start), dataDirs.size());
    const std::filesystem::path base = std::filesystem::path(dataDirs.substr(start, end - start)) / "fonts";
    start = end + 1;
    if (base == "fonts") continue;  // an empty entry
    for (const char* sub : {"truetype/dejavu", "dejavu", "TTF", "truetype"}) candidates.emplace_back(base / sub / file);
  }
  std::string tried;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    tried += fmt::format("\n  {}", candidate.string());
  }
  return makeError(fmt::format("cannot find the font {} (install the Debian package fonts-dejavu-core, or set "
                               "FORMVIZ_FONT_DIR to its folder); tried:{}",
                               file, tried));
}

Result<Font> Font::loadDejaVuSans(bool bold) {
  auto path = findDejaVuSans(bold);
  if (!path) return path.error();
  return load(*path);
}

float Font::ascent(float sizePx) const {
  return static_cast<float>(data_->ascent) * stbtt_ScaleForMappingEmToPixels(&data_->info, sizePx);
}

float Font::descent(float sizePx) const {
  return static_cast<float>(-data_->descent) * stbtt_ScaleForMappingEmToPixels(&data_->info, sizePx);
}

float Font::lineHeight(float sizePx) const {
  return static_cast<float>(data_->ascent - data_->descent + data_->lineGap) *
         stbtt_ScaleForMappingEmToPixels(&data_->info, sizePx);
}

TextBox Font::measureText(std::string_view utf8, float sizePx) const {
  if (!(sizePx > 0.0f)) return {};
  const Layout layout = layOut(data_->info, data_->ascent, data_->descent, data_->lineGap, utf8, sizePx);
  return {layout.max - layout.min, ascent(sizePx) - layout.min.y};
}

void Font::drawText(Image& image, glm::vec2 topLeftPx, std::string_view utf8, float sizePx, glm::vec4 rgba) const {
  if (!(sizePx > 0.0f) || image.empty() || rgba.w <= 0.0f) return;
  const stbtt_fontinfo& info = data_->info;
  const float scale = stbtt_ScaleForMappingEmToPixels(&info, sizePx);
  const Layout layout = layOut(info, data_->ascent, data_->descent, data_->lineGap, utf8, sizePx);
  const glm::vec2 origin = topLeftPx - layout.min;
  std::vector<unsigned char> coverage;
  for (const PlacedGlyph& placed : layout.glyphs) {
    if (stbtt_IsGlyphEmpty(&info, placed.glyph)) continue;
    // Integer pixel origin plus a subpixel shift, so glyphs sit where the layout put them.
    const glm::vec2 pen = origin + placed.origin;
    const glm::vec2 whole = glm::floor(pen);
    const glm::vec2 shift = pen - whole;
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBoxSubpixel(&info, placed.glyph, scale, scale, shift.x, shift.y, &x0, &y0, &x1, &y1);
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) continue;
    coverage.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
    stbtt_MakeGlyphBitmapSubpixel(&info, coverage.data(), w, h, w, scale, scale, shift.x, shift.y, placed.glyph);
    const int left = static_cast<int>(whole.x) + x0, top = static_cast<int>(whole.y) + y0;
    for (int y = std::max(0, -top); y < h && top + y < image.height; ++y)
      for (int x = std::max(0, -left); x < w && left + x < image.width; ++x) {
        const unsigned char c = coverage[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
        if (c) blendPixel(image, left + x, top + y, rgba, static_cast<float>(c) / 255.0f);
      }
  }
}

// [SECTION] Blending

void blendPixel(Image& image, int x, int y, glm::vec4 rgba, float coverage) {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const float srcA = std::clamp(rgba.w * coverage, 0.0f, 1.0f);
  if (srcA <= 0.0f) return;
  std::uint8_t* p = image.at(x, y);
  const float dstA = static_cast<float>(p[3]) / 255.0f;
  const float outA = srcA + dstA * (1.0f - srcA);
  for (int c = 0; c < 3; ++c) {
    const float src = std::clamp(rgba[c], 0.0f, 1.0f);
    const float dst = static_cast<float>(p[c]) / 255.0f;
    const float out = (src * srcA + dst * dstA * (1.0f - srcA)) / outA;
    p[c] = static_cast<std::uint8_t>(std::lround(std::clamp(out, 0.0f, 1.0f) * 255.0f));
  }
  p[3] = static_cast<std::uint8_t>(std::lround(outA * 255.0f));
}

void fillRect(Image& image, glm::vec2 topLeftPx, glm::vec2 sizePx, glm::vec4 rgba) {
  const glm::vec2 lo = topLeftPx, hi = topLeftPx + sizePx;
  const int x0 = std::max(0, static_cast<int>(std::floor(lo.x))), x1 = std::min(image.width, static_cast<int>(std::ceil(hi.x)));
  const int y0 = std::max(0, static_cast<int>(std::floor(lo.y))), y1 = std::min(image.height, static_cast<int>(std::ceil(hi.y)));
  for (int y = y0; y < y1; ++y) {
    const float cy = std::min(hi.y, static_cast<float>(y + 1)) - std::max(lo.y, static_cast<float>(y));
    for (int x = x0; x < x1; ++x) {
      const float cx = std::min(hi.x, static_cast<float>(x + 1)) - std::max(lo.x, static_cast<float>(x));
      blendPixel(image, x, y, rgba, std::clamp(cx, 0.0f, 1.0f) * std::clamp(cy, 0.0f, 1.0f));
    }
  }
}

std::u32string decodeUtf8(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) out.push_back(nextCodepoint(utf8, i));
  return out;
}

}  // namespace formviz::render
