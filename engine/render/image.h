// [SECTION] CPU images: RGBA8 pixels, PNG files, and tolerant comparison for golden tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"

namespace formviz::render {

// Row-major RGBA8, top row first.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4 bytes

  Image() = default;
  Image(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4) {}
  bool empty() const { return width == 0 || height == 0; }
  std::uint8_t* at(int x, int y) { return &pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4]; }
  const std::uint8_t* at(int x, int y) const { return const_cast<Image*>(this)->at(x, y); }
};

// Reverses the row order (OpenGL reads bottom row first).
void flipVertically(Image& image);

Result<Image> loadPng(const std::filesystem::path& path);
// Atomic: a crash midway leaves any previous file intact.
Status savePng(const Image& image, const std::filesystem::path& path);

struct ImageComparison {
  bool sameSize = false;
  int maxChannelDelta = 0;          // largest |a - b| over every channel of every pixel
  double differingFraction = 0.0;   // share of pixels with some channel off by more than the tolerance
  Image diff;                       // per pixel: black where equal, red brightness = largest channel delta (x4)
};

// Compares two images; a pixel "differs" when any channel is off by more than `channelTolerance`.
ImageComparison compareImages(const Image& actual, const Image& expected, int channelTolerance);

}  // namespace formviz::render
