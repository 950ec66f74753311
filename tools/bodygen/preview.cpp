// [SECTION] Preview rasteriser: orthographic, z-buffered, 2x2 supersampled.
#include "preview.h"

#include <algorithm>
#include <cmath>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace formviz::body {

namespace {

struct View {
  glm::vec3 right, up, toward;  // screen axes in model space; toward points at the viewer
};

}  // namespace

glm::vec3 regionColour(int regionId) {
  // One colour per muscle group, chosen by hand so that neighbours differ.
  static const glm::vec3 kPalette[kMuscleGroupCount] = {
      {0.78f, 0.74f, 0.70f},  // none: the mannequin's skin
      {0.20f, 0.40f, 0.90f},  // gluteus maximus
      {0.60f, 0.88f, 0.20f},  // hip stabilizers
      {0.78f, 0.20f, 0.60f},  // hamstrings
      {0.20f, 0.80f, 0.75f},  // quadriceps
      {0.98f, 0.62f, 0.12f},  // adductors
      {0.45f, 0.25f, 0.80f},  // hip flexors
      {0.10f, 0.62f, 0.30f},  // gastrocnemius
      {0.92f, 0.25f, 0.45f},  // soleus
      {0.15f, 0.50f, 0.88f},  // tibialis anterior
      {0.96f, 0.86f, 0.20f},  // rectus abdominis
      {0.82f, 0.45f, 0.88f},  // obliques
      {0.62f, 0.36f, 0.16f},  // erector spinae
      {0.96f, 0.45f, 0.25f},  // latissimus dorsi
      {0.25f, 0.30f, 0.78f},  // upper back
      {0.30f, 0.72f, 0.55f},  // upper trapezius
      {0.96f, 0.38f, 0.72f},  // front deltoid
      {0.25f, 0.82f, 0.96f},  // rear deltoid
      {0.35f, 0.55f, 1.00f},  // pectorals
      {0.62f, 0.32f, 0.92f},  // biceps
      {0.22f, 0.60f, 0.35f},  // triceps
      {0.86f, 0.20f, 0.20f},  // forearms
  };
  return kPalette[static_cast<int>(regionGroup(regionId))];
}

Image renderViews(const Mesh& mesh, const std::vector<glm::vec3>& positions, const std::vector<glm::vec3>& normals,
                  int panelHeight, bool showRegions) {
  const View views[3] = {
      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},    // front: viewer on +Z
      {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}},   // side: viewer on +X (the figure's left)
      {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}},  // back: viewer on -Z
  };
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (const glm::vec3& p : positions) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  const float margin = 0.06f;
  const float extentY = (hi.y - lo.y) + 2.0f * margin;
  const float horiz = std::max(hi.x - lo.x, hi.z - lo.z) + 2.0f * margin;
  const int ss = 2;
  const int ph = panelHeight * ss;
  const float scale = static_cast<float>(ph) / extentY;
  const int pw = static_cast<int>(std::ceil(horiz * scale));
  const int W = pw * 3, H = ph;
  std::vector<glm::vec3> colour(static_cast<size_t>(W) * static_cast<size_t>(H));
  for (int y = 0; y < H; ++y) {
    const float t = static_cast<float>(y) / static_cast<float>(H);
    for (int x = 0; x < W; ++x) colour[static_cast<size_t>(y) * static_cast<size_t>(W) + static_cast<size_t>(x)] = glm::vec3(0.93f - 0.1f * t, 0.94f - 0.1f * t, 0.96f - 0.08f * t);
  }
  std::vector<float> depth(colour.size(), -1e9f);
  const glm::vec3 centre = 0.5f * (lo + hi);
  const glm::vec3 light = glm::normalize(glm::vec3(-0.45f, 0.6f, 0.75f));

  std::vector<glm::vec3> base(positions.size());
  for (size_t v = 0; v < positions.size(); ++v) {
    base[v] = regionColour(0);
    if (showRegions && !mesh.regions.empty()) {
      const int id = static_cast<int>(mesh.regions[v].x);
      base[v] = glm::mix(regionColour(0), regionColour(id), std::min(1.0f, 0.35f + mesh.regions[v].y));
      if (id == 0) base[v] = regionColour(0);
    }
  }

  for (int vi = 0; vi < 3; ++vi) {
    const View& view = views[vi];
    const float x0 = static_cast<float>(vi * pw) + 0.5f * static_cast<float>(pw);
    std::vector<glm::vec3> s(positions.size());  // screen x, y (down), depth toward viewer
    for (size_t v = 0; v < positions.size(); ++v) {
      const glm::vec3 p = positions[v] - centre;
      s[v] = {x0 + glm::dot(p, view.right) * scale, static_cast<float>(H) * 0.5f - glm::dot(p, view.up) * scale,
              glm::dot(p, view.toward)};
    }
    for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
      const std::uint32_t ia = mesh.indices[t], ib = mesh.indices[t + 1], ic = mesh.indices[t + 2];
      const glm::vec3 a = s[ia], b = s[ib], c = s[ic];
      const float area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
      if (area >= 0.0f) continue;  // back-facing (screen y points down)
      const int minX = std::max(vi * pw, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))));
      const int maxX = std::min(vi * pw + pw - 1, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))));
      const int minY = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))));
      const int maxY = std::min(H - 1, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))));
      for (int y = minY; y <= maxY; ++y) {
        for (int x = minX; x <= maxX; ++x) {
          const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
          const float w0 = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) / area;
          const float w1 = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) / area;
          const float w2 = 1.0f - w0 - w1;
          if (w0 < 0.0f || w1 < 0.0f || w2 < 0.0f) continue;
          const float z = w0 * a.z + w1 * b.z + w2 * c.z;
          const size_t pix = static_cast<size_t>(y) * static_cast<size_t>(W) + static_cast<size_t>(x);
          if (z <= depth[pix]) continue;
          depth[pix] = z;
          const glm::vec3 n = glm::normalize(w0 * normals[ia] + w1 * normals[ib] + w2 * normals[ic]);
          const glm::vec3 nv{glm::dot(n, view.right), glm::dot(n, view.up), glm::dot(n, view.toward)};
          const float diffuse = std::max(0.0f, glm::dot(nv, light));
          const float rim = std::pow(1.0f - std::max(0.0f, nv.z), 3.0f) * 0.15f;
          const glm::vec3 albedo = w0 * base[ia] + w1 * base[ib] + w2 * base[ic];
          colour[pix] = albedo * (0.28f + 0.72f * diffuse) + glm::vec3(rim);
        }
      }
    }
  }

  Image img;
  img.width = W / ss;
  img.height = H / ss;
  img.rgb.resize(static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 3);
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      glm::vec3 sum(0.0f);
      for (int dy = 0; dy < ss; ++dy)
        for (int dx = 0; dx < ss; ++dx)
          sum += colour[static_cast<size_t>(y * ss + dy) * static_cast<size_t>(W) + static_cast<size_t>(x * ss + dx)];
      sum /= static_cast<float>(ss * ss);
      for (int ch = 0; ch < 3; ++ch) {
        img.rgb[(static_cast<size_t>(y) * static_cast<size_t>(img.width) + static_cast<size_t>(x)) * 3 + static_cast<size_t>(ch)] =
            static_cast<std::uint8_t>(std::lround(std::clamp(sum[ch], 0.0f, 1.0f) * 255.0f));
      }
    }
  }
  return img;
}

Status writePng(const std::filesystem::path& path, const Image& image) {
  const std::string tmp = path.string() + ".tmp";
  stbi_write_png_compression_level = 9;
  if (stbi_write_png(tmp.c_str(), image.width, image.height, 3, image.rgb.data(), image.width * 3) == 0) {
    return makeError("Cannot write the preview image " + path.string() + ".");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return makeError("Cannot rename " + tmp + " to " + path.string() + ": " + ec.message() + ".");
  return Ok{};
}

}  // namespace formviz::body
