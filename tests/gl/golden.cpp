#include "gl/golden.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace formviz::test {
namespace fs = std::filesystem;

::testing::AssertionResult matchesGolden(const render::Image& actual, const std::string& name,
                                         GoldenTolerance tolerance) {
  const fs::path golden = fs::path(FORMVIZ_SOURCE_DIR) / "tests" / "golden" / (name + ".png");
  const fs::path outDir = fs::path(FORMVIZ_TEST_OUTPUT_DIR) / "golden";
  const char* update = std::getenv("FORMVIZ_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    if (Status saved = render::savePng(actual, golden); !saved) return ::testing::AssertionFailure() << saved.error().message;
    return ::testing::AssertionSuccess() << "golden updated: " << golden;
  }
  auto expected = render::loadPng(golden);
  if (!expected)
    return ::testing::AssertionFailure() << expected.error().message
                                         << "\n(create it with FORMVIZ_UPDATE_GOLDENS=1 and look at it)";
  const render::ImageComparison comparison = render::compareImages(actual, *expected, tolerance.channel);
  if (comparison.sameSize && comparison.differingFraction <= tolerance.differingFraction)
    return ::testing::AssertionSuccess();

  const fs::path actualFile = outDir / (name + ".actual.png");
  const fs::path diffFile = outDir / (name + ".diff.png");
  (void)render::savePng(actual, actualFile);
  if (!comparison.diff.empty()) (void)render::savePng(comparison.diff, diffFile);
  return ::testing::AssertionFailure() << fmt::format(
             "'{}' differs from its golden: {} of pixels off by more than {} (allowed {}), largest channel "
             "difference {}, sizes {}x{} vs {}x{}.\n  golden: {}\n  actual: {}\n  diff:   {}",
             name, comparison.differingFraction, tolerance.channel, tolerance.differingFraction,
             comparison.maxChannelDelta, actual.width, actual.height, expected->width, expected->height,
             golden.string(), actualFile.string(), diffFile.string());
}

platform::Window& glContext() {
  static std::unique_ptr<platform::Window> window = [] {
    platform::WindowDesc desc;
    desc.headless = true;
    desc.width = 64;
    desc.height = 64;
    desc.debugContext = true;
    auto created = platform::Window::create(desc);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    return std::move(created).value();
  }();
  return *window;
}

}  // namespace formviz::test
