#include "render/overlay_text.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/paths.h"

// Static functions: another module may compile stb_truetype too.
#define STBRP_STATIC
#define STB_RECT_PACK_IMPLEMENTATION
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace formviz::render {

Result<GlyphAtlas> GlyphAtlas::load(const std::filesystem::path& ttf, float pixelHeight) {
  auto file = readFile(ttf);
  if (!file) return file.error();
  const auto* data = reinterpret_cast<const unsigned char*>(file->data());
  // stb_truetype trusts its input: check the signature (TrueType 1.0, 'true', 'OTTO') first.
  const std::string_view magic = file->size() >= 12 ? std::string_view(*file).substr(0, 4) : std::string_view();
  const bool signed_ = magic == std::string_view("\0\1\0\0", 4) || magic == "true" || magic == "OTTO";
  stbtt_fontinfo info;
  if (!signed_ || !stbtt_InitFont(&info, data, 0))
    return makeError(fmt::format("{}: not a TrueType font", ttf.string()));

  GlyphAtlas atlas;
  atlas.width_ = 1024;
  atlas.height_ = 512;
  atlas.pixelHeight_ = pixelHeight;
  atlas.pixels_.assign(static_cast<std::size_t>(atlas.width_ * atlas.height_), 0);
  const float scale = stbtt_ScaleForPixelHeight(&info, pixelHeight);
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  atlas.ascent_ = static_cast<float>(ascent) * scale;
  atlas.descent_ = static_cast<float>(descent) * scale;

  // Printable ASCII, the degree sign, the minus sign.
  struct Range {
    int first, count;
  };
  const Range ranges[] = {{32, 95}, {0xB0, 1}, {0x2212, 1}};
  stbtt_pack_context pack;
  if (!stbtt_PackBegin(&pack, atlas.pixels_.data(), atlas.width_, atlas.height_, 0, 1, nullptr))
    return makeError(fmt::format("{}: cannot start the glyph atlas", ttf.string()));
  stbtt_PackSetOversampling(&pack, 2, 2);  // smoother edges when the labels are drawn smaller or larger
  for (const Range& r : ranges) {
    std::vector<stbtt_packedchar> chars(static_cast<std::size_t>(r.count));
    if (!stbtt_PackFontRange(&pack, data, 0, pixelHeight, r.first, r.count, chars.data())) {
      stbtt_PackEnd(&pack);
      return makeError(fmt::format("{}: the glyphs do not fit the atlas at {} px", ttf.string(), pixelHeight));
    }
    for (int i = 0; i < r.count; ++i) {
      stbtt_aligned_quad q;
      float x = 0.0f, y = 0.0f;
      stbtt_GetPackedQuad(chars.data(), atlas.width_, atlas.height_, i, &x, &y, &q, 0);
      Glyph g;
      g.codepoint = static_cast<char32_t>(r.first + i);
      g.p0 = {q.x0, q.y0};
      g.p1 = {q.x1, q.y1};
      g.uv0 = {q.s0, q.t0};
      g.uv1 = {q.s1, q.t1};
      g.advance = x;
      if (stbtt_IsGlyphEmpty(&info, stbtt_FindGlyphIndex(&info, r.first + i))) g.p1 = g.p0;  // a space: no quad
      atlas.glyphs_.push_back(g);
    }
  }
  stbtt_PackEnd(&pack);
  return atlas;
}

const GlyphAtlas::Glyph* GlyphAtlas::find(char32_t codepoint) const {
  for (const Glyph& g : glyphs_)
    if (g.codepoint == codepoint) return &g;
  return nullptr;
}

std::vector<GlyphQuad> GlyphAtlas::layout(std::string_view utf8, glm::vec2 origin, float size) const {
  std::vector<GlyphQuad> quads;
  const float k = size / pixelHeight_;
  float pen = 0.0f;
  for (char32_t c : decodeUtf8(utf8)) {
    const Glyph* g = find(c);
    if (!g) continue;
    if (g->p1.x > g->p0.x && g->p1.y > g->p0.y)
      quads.push_back({origin + (glm::vec2(pen, 0.0f) + g->p0) * k, origin + (glm::vec2(pen, 0.0f) + g->p1) * k, g->uv0,
                       g->uv1});
    pen += g->advance;
  }
  return quads;
}

float GlyphAtlas::measure(std::string_view utf8, float size) const {
  float pen = 0.0f;
  for (char32_t c : decodeUtf8(utf8))
    if (const Glyph* g = find(c)) pen += g->advance;
  return pen * size / pixelHeight_;
}

}  // namespace formviz::render
