// Golden-image comparison for tests that render.
//
// Goldens live in tests/golden/<name>.png. On a mismatch the actual image and a diff
// image are written to <build>/test-output/golden/ for a look. To accept a new look on
// purpose, run the tests with FORMVIZ_UPDATE_GOLDENS=1 and review the changed PNGs.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "platform/window.h"
#include "render/image.h"

namespace formviz::test {

struct GoldenTolerance {
  int channel = 8;                 // per-channel difference a pixel may have and still match
  double differingFraction = 0.005;  // share of pixels allowed to exceed `channel`
};

::testing::AssertionResult matchesGolden(const render::Image& actual, const std::string& name,
                                         GoldenTolerance tolerance = {});

// A hidden, headless window whose OpenGL context tests draw with; one per test program.
platform::Window& glContext();

}  // namespace formviz::test
