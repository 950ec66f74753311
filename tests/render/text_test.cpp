#include "render/text.h"

#include <cmath>

#include <gtest/gtest.h>

namespace formviz::render {
namespace {

Image filled(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a) {
  Image image(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = image.at(x, y);
      p[0] = r, p[1] = g, p[2] = b, p[3] = a;
    }
  return image;
}

bool samePixel(const Image& a, const Image& b, int x, int y) {
  for (int c = 0; c < 4; ++c)
    if (a.at(x, y)[c] != b.at(x, y)[c]) return false;
  return true;
}

class TextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = Font::loadDejaVuSans();
    ASSERT_TRUE(loaded) << loaded.error().message;
    font = std::move(loaded).value();
  }
  Font font;
};

TEST_F(TextTest, DrawsOnlyInsideItsMeasuredBox) {
  // Glyphs that reach past their advance (j's hook, f's overhang, an accent above a
  // capital, descenders) and a second line; at integer and fractional positions.
  const char* texts[] = {"Hg", "jfÉy", "Squat: bottom", "two\nlines"};
  for (const char* text : texts)
    for (const glm::vec2 topLeft : {glm::vec2(10.0f, 12.0f), glm::vec2(7.3f, 9.6f)}) {
      const float size = 24.0f;
      const TextBox box = font.measureText(text, size);
      ASSERT_GT(box.size.x, 10.0f) << text;
      ASSERT_GE(box.size.y, font.ascent(size) + font.descent(size) - 0.01f) << text;
      const Image background = filled(200, 120, 250, 250, 250, 255);
      Image image = background;
      font.drawText(image, topLeft, text, size, {0.1f, 0.1f, 0.1f, 1.0f});
      const int x0 = static_cast<int>(std::floor(topLeft.x)), y0 = static_cast<int>(std::floor(topLeft.y));
      const int x1 = static_cast<int>(std::ceil(topLeft.x + box.size.x));
      const int y1 = static_cast<int>(std::ceil(topLeft.y + box.size.y));
      int inside = 0, outside = 0, dark = 0;
      for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
          if (samePixel(image, background, x, y)) continue;
          const bool in = x >= x0 && x < x1 && y >= y0 && y < y1;
          (in ? inside : outside)++;
          if (image.at(x, y)[0] < 60) ++dark;
        }
      EXPECT_EQ(outside, 0) << text << " at " << topLeft.x << "," << topLeft.y;
      EXPECT_GT(inside, 40) << text;
      EXPECT_GT(dark, 10) << text << ": some pixels are fully covered, not only edges";
    }
}

TEST_F(TextTest, SampleForALook) {
  // Not an assertion on looks: written for a person to open (test-output/text/sample.png).
  Image image = filled(360, 110, 244, 245, 247, 255);
  font.drawText(image, {8.0f, 6.0f}, "Goblet squat: bottom", 26.0f, {0.12f, 0.13f, 0.16f, 1.0f});
  font.drawText(image, {8.0f, 44.0f}, "Knees cave in (valgus) \u00e9\u00e8 jfy", 16.0f, {0.80f, 0.25f, 0.15f, 1.0f});
  font.drawText(image, {8.5f, 70.3f}, "small 11px label, half alpha", 11.0f, {0.0f, 0.0f, 0.0f, 0.5f});
  const std::filesystem::path dir = std::filesystem::path(FORMVIZ_TEST_OUTPUT_DIR) / "text";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(savePng(image, dir / "sample.png"));
}

TEST_F(TextTest, MeasureGrowsWithTextAndSize) {
  const TextBox one = font.measureText("Lunge", 20.0f);
  const TextBox two = font.measureText("Lunge Lunge", 20.0f);
  const TextBox big = font.measureText("Lunge", 40.0f);
  EXPECT_GT(two.size.x, one.size.x * 1.8f);
  EXPECT_NEAR(big.size.x, one.size.x * 2.0f, 2.0f);
  EXPECT_NEAR(big.size.y, one.size.y * 2.0f, 2.0f);
  const TextBox lines = font.measureText("a\nb", 20.0f);
  EXPECT_NEAR(lines.size.y - one.size.y, font.lineHeight(20.0f), 1.0f);
  EXPECT_EQ(font.measureText("", 20.0f).size.x, 0.0f);
}

TEST_F(TextTest, BlendsTheColourByCoverageAndAlpha) {
  // Half-transparent black text over white: the darkest pixel is mid grey, never black.
  Image image = filled(120, 50, 255, 255, 255, 255);
  font.drawText(image, {4.0f, 4.0f}, "MMM", 30.0f, {0.0f, 0.0f, 0.0f, 0.5f});
  int darkest = 255;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      darkest = std::min<int>(darkest, image.at(x, y)[0]);
      ASSERT_EQ(image.at(x, y)[3], 255);
    }
  EXPECT_NEAR(darkest, 128, 2);

  // Anti-aliased: edge pixels take values between the text colour and the background.
  Image opaque = filled(120, 50, 255, 255, 255, 255);
  font.drawText(opaque, {4.3f, 4.0f}, "AVOW", 30.0f, {0.0f, 0.0f, 0.0f, 1.0f});
  int partial = 0;
  for (int y = 0; y < opaque.height; ++y)
    for (int x = 0; x < opaque.width; ++x)
      if (opaque.at(x, y)[0] > 20 && opaque.at(x, y)[0] < 235) ++partial;
  EXPECT_GT(partial, 20);
}

TEST_F(TextTest, OverTransparentPixelsKeepsTheTextColour) {
  Image image = filled(80, 40, 0, 0, 0, 0);
  font.drawText(image, {2.0f, 2.0f}, "Hi", 28.0f, {1.0f, 0.5f, 0.0f, 1.0f});
  int opaque = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.at(x, y);
      if (p[3] == 0) continue;
      EXPECT_EQ(p[0], 255);
      EXPECT_NEAR(p[1], 128, 1);
      EXPECT_EQ(p[2], 0);
      if (p[3] == 255) ++opaque;
    }
  EXPECT_GT(opaque, 20);
}

TEST_F(TextTest, ClipsAtTheImageEdges) {
  Image image = filled(30, 20, 255, 255, 255, 255);
  font.drawText(image, {-12.5f, -8.0f}, "Clipped text", 30.0f, {0.0f, 0.0f, 0.0f, 1.0f});  // no crash
  font.drawText(image, {20.0f, 10.0f}, "Clipped text", 30.0f, {0.0f, 0.0f, 0.0f, 1.0f});
  int dark = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y)[0] < 128) ++dark;
  EXPECT_GT(dark, 0);
}

TEST_F(TextTest, InvalidUtf8DrawsReplacementGlyphs) {
  const TextBox valid = font.measureText("ab", 20.0f);
  const TextBox broken = font.measureText("a\xff\xc3(b", 20.0f);  // a stray byte, a cut sequence
  EXPECT_GT(broken.size.x, valid.size.x);
  Image image = filled(100, 40, 255, 255, 255, 255);
  font.drawText(image, {2.0f, 2.0f}, "a\xff\xc3(b\xe2\x82", 20.0f, {0.0f, 0.0f, 0.0f, 1.0f});
}

TEST(Font, MissingFileIsAClearError) {
  auto font = Font::load("/nonexistent/dir/NoSuchFont.ttf");
  ASSERT_FALSE(font);
  EXPECT_NE(font.error().message.find("/nonexistent/dir/NoSuchFont.ttf"), std::string::npos);
  EXPECT_NE(font.error().message.find("does not exist"), std::string::npos);
}

TEST(Font, NotAFontIsAClearError) {
  auto font = Font::load(FORMVIZ_SOURCE_DIR "/README.md");
  ASSERT_FALSE(font);
  EXPECT_NE(font.error().message.find("README.md"), std::string::npos);
  EXPECT_NE(font.error().message.find("not a TrueType"), std::string::npos);
}

TEST(Font, FindsDejaVuOrNamesThePackage) {
  auto found = Font::findDejaVuSans();
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->filename(), "DejaVuSans.ttf");
  auto bold = Font::findDejaVuSans(true);
  ASSERT_TRUE(bold) << bold.error().message;
  EXPECT_EQ(bold->filename(), "DejaVuSans-Bold.ttf");

  // Nowhere to look: the error names the font and the package.
  const char* savedXdg = std::getenv("XDG_DATA_DIRS");
  const std::string saved = savedXdg ? savedXdg : "";
  ::setenv("XDG_DATA_DIRS", "/nonexistent-a:/nonexistent-b", 1);
  ::unsetenv("FORMVIZ_FONT_DIR");
  auto missing = Font::findDejaVuSans();
  // $FORMVIZ_FONT_DIR is searched first.
  const std::filesystem::path dir = found->parent_path();
  ::setenv("FORMVIZ_FONT_DIR", dir.c_str(), 1);
  auto viaVariable = Font::findDejaVuSans();
  ::unsetenv("FORMVIZ_FONT_DIR");
  if (savedXdg) ::setenv("XDG_DATA_DIRS", saved.c_str(), 1);
  else ::unsetenv("XDG_DATA_DIRS");
  ASSERT_TRUE(viaVariable) << viaVariable.error().message;
  EXPECT_EQ(*viaVariable, dir / "DejaVuSans.ttf");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("fonts-dejavu-core"), std::string::npos);
  EXPECT_NE(missing.error().message.find("/nonexistent-b/fonts/truetype/dejavu/DejaVuSans.ttf"), std::string::npos);
}

}  // namespace
}  // namespace formviz::render
