#include "render/image.h"

#include <gtest/gtest.h>

#include "core/paths.h"

namespace formviz::render {
namespace {
namespace fs = std::filesystem;

Image gradient(int w, int h) {
  Image image(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = image.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / (w - 1));
      p[1] = static_cast<std::uint8_t>(y * 255 / (h - 1));
      p[2] = 128;
      p[3] = 255;
    }
  return image;
}

fs::path outputDir() {
  fs::path dir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "image";
  fs::create_directories(dir);
  return dir;
}

TEST(Image, PngRoundTripIsExact) {
  const Image original = gradient(37, 21);
  const fs::path file = outputDir() / "roundtrip.png";
  ASSERT_TRUE(savePng(original, file));
  auto loaded = loadPng(file);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->width, 37);
  EXPECT_EQ(loaded->height, 21);
  EXPECT_EQ(loaded->pixels, original.pixels);
}

TEST(Image, FlipVerticallySwapsRows) {
  Image image = gradient(4, 3);
  const std::vector<std::uint8_t> before = image.pixels;
  flipVertically(image);
  EXPECT_EQ(image.at(2, 0)[1], before[(2 * 4 + 2) * 4 + 1]);
  EXPECT_EQ(image.at(1, 1)[1], before[(1 * 4 + 1) * 4 + 1]);  // middle row stays
  flipVertically(image);
  EXPECT_EQ(image.pixels, before);
}

TEST(Image, LoadingAMissingOrCorruptFileNamesIt) {
  auto missing = loadPng(outputDir() / "does-not-exist.png");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("does-not-exist.png"), std::string::npos);

  const fs::path corrupt = outputDir() / "corrupt.png";
  ASSERT_TRUE(writeFileAtomic(corrupt, "\x89PNG\r\n\x1a\nthis is not really a png"));
  auto broken = loadPng(corrupt);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("corrupt.png"), std::string::npos) << broken.error().message;
  EXPECT_NE(broken.error().message.find("not a readable PNG"), std::string::npos);
}

TEST(Image, SavingAnEmptyImageFails) {
  const Status status = savePng(Image{}, outputDir() / "empty.png");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("empty"), std::string::npos);
}

TEST(ImageComparison, IdenticalImagesMatch) {
  const Image a = gradient(16, 16);
  const ImageComparison result = compareImages(a, a, 0);
  EXPECT_TRUE(result.sameSize);
  EXPECT_EQ(result.maxChannelDelta, 0);
  EXPECT_EQ(result.differingFraction, 0.0);
}

TEST(ImageComparison, SmallNoiseStaysWithinToleranceAndABlockDoesNot) {
  const Image expected = gradient(20, 10);
  Image actual = expected;
  actual.at(3, 3)[0] = static_cast<std::uint8_t>(actual.at(3, 3)[0] + 2);  // within a tolerance of 3
  ImageComparison result = compareImages(actual, expected, 3);
  EXPECT_EQ(result.maxChannelDelta, 2);
  EXPECT_EQ(result.differingFraction, 0.0);

  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 4; ++x) actual.at(x, y)[2] = 0;  // 20 of 200 pixels lose their blue
  result = compareImages(actual, expected, 3);
  EXPECT_EQ(result.maxChannelDelta, 128);
  EXPECT_DOUBLE_EQ(result.differingFraction, 0.1);
  EXPECT_GT(result.diff.at(0, 0)[0], 200);  // the diff image marks the changed block in red
  EXPECT_EQ(result.diff.at(10, 8)[0], 0);
}

TEST(ImageComparison, DifferentSizesNeverMatch) {
  const ImageComparison result = compareImages(gradient(8, 8), gradient(8, 9), 255);
  EXPECT_FALSE(result.sameSize);
  EXPECT_EQ(result.differingFraction, 1.0);
}

}  // namespace
}  // namespace formviz::render
