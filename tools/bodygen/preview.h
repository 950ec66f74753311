// [SECTION] Preview: a small software rasteriser for looking at bodies without a GPU.
//
// Renders front, side (from the figure's left) and back orthographic views side by side,
// Lambert-shaded, with muscle regions tinted by group. Used by `bodygen --preview` and
// for the images in docs/images/body/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "body.h"
#include "core/result.h"

namespace formviz::body {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3, rows top to bottom
};

// RGB colour of a muscle group (the same on both sides).
glm::vec3 regionColour(int regionId);

// positions/normals: the (posed) vertices of mesh; regions tint when showRegions.
Image renderViews(const Mesh& mesh, const std::vector<glm::vec3>& positions, const std::vector<glm::vec3>& normals,
                  int panelHeight, bool showRegions);

Status writePng(const std::filesystem::path& path, const Image& image);

}  // namespace formviz::body
