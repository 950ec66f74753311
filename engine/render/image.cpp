#include "render/image.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/paths.h"

#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_ONLY_PNG
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wshadow"
#endif
#include <stb_image.h>
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace formviz::render {

void flipVertically(Image& image) {
  const std::size_t rowBytes = static_cast<std::size_t>(image.width) * 4;
  std::vector<std::uint8_t> row(rowBytes);
  for (int y = 0; y < image.height / 2; ++y) {
    std::uint8_t* top = image.at(0, y);
    std::uint8_t* bottom = image.at(0, image.height - 1 - y);
    std::memcpy(row.data(), top, rowBytes);
    std::memcpy(top, bottom, rowBytes);
    std::memcpy(bottom, row.data(), rowBytes);
  }
}

Result<Image> loadPng(const std::filesystem::path& path) {
  auto bytes = readFile(path);
  if (!bytes) return bytes.error();
  int width = 0, height = 0, channels = 0;
  stbi_uc* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes->data()),
                                        static_cast<int>(bytes->size()), &width, &height, &channels, 4);
  if (!data) return makeError(fmt::format("'{}' is not a readable PNG image: {}", path.string(), stbi_failure_reason()));
  Image image(width, height);
  std::memcpy(image.pixels.data(), data, image.pixels.size());
  stbi_image_free(data);
  return image;
}

Status savePng(const Image& image, const std::filesystem::path& path) {
  if (image.empty()) return makeError(fmt::format("cannot write '{}': the image is empty", path.string()));
  std::string encoded;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &encoded, image.width, image.height, 4, image.pixels.data(), image.width * 4))
    return makeError(fmt::format("cannot encode '{}' as PNG", path.string()));
  return writeFileAtomic(path, encoded);
}

ImageComparison compareImages(const Image& actual, const Image& expected, int channelTolerance) {
  ImageComparison result;
  result.sameSize = actual.width == expected.width && actual.height == expected.height;
  if (!result.sameSize) {
    result.maxChannelDelta = 255;
    result.differingFraction = 1.0;
    return result;
  }
  result.diff = Image(actual.width, actual.height);
  std::size_t differing = 0;
  for (int y = 0; y < actual.height; ++y) {
    for (int x = 0; x < actual.width; ++x) {
      const std::uint8_t* a = actual.at(x, y);
      const std::uint8_t* b = expected.at(x, y);
      int delta = 0;
      for (int c = 0; c < 4; ++c) delta = std::max(delta, std::abs(int(a[c]) - int(b[c])));
      result.maxChannelDelta = std::max(result.maxChannelDelta, delta);
      if (delta > channelTolerance) ++differing;
      std::uint8_t* d = result.diff.at(x, y);
      d[0] = static_cast<std::uint8_t>(std::min(255, delta * 4));
      d[1] = d[2] = static_cast<std::uint8_t>(delta > channelTolerance ? 0 : a[1] / 4);  // faint context where within tolerance
      d[3] = 255;
    }
  }
  result.differingFraction = static_cast<double>(differing) / (static_cast<double>(actual.width) * actual.height);
  return result;
}

}  // namespace formviz::render
