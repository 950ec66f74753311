#include "render/gl/overlay_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include <glad/gl.h>
#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>

#include "core/log.h"

// [SECTION] Vertices
// [SECTION] Lines
// [SECTION] Labels
// [SECTION] Drawing

namespace formviz::gl {
namespace {

// [SECTION] Vertices

// One vertex of the overlay. `ndc` is already projected: x, y in [-1, 1] and the depth to test.
// Lines: local = (pixels along the segment from its start, pixels across), shape = (segment
// length, core half width, halo width, distance of the segment's start along its polyline
// for dashes, < 0 when solid). Label backdrops: local = pixels from the box's centre, shape =
// (half width, half height, corner radius, 0). Glyphs: local = atlas coordinates.
struct Vertex {
  glm::vec3 ndc;
  glm::vec2 local;
  glm::vec4 color;  // sRGB + opacity
  glm::vec4 shape;
};

// overlay.frag's programs (FV_OVERLAY); labels: backdrops (shape.x > 0) and glyphs.
enum class Kind : int { Halos = 0, Cores = 1, Labels = 2 };

// Overlay sizes are given for 720 output lines and scale with the target's height (at least 0.8x).
constexpr float kReferenceHeight = 720.0f;
constexpr float kHaloPixels = 2.0f;          // dark edge around every line
constexpr float kDepthPull = 0.15f;          // metres toward the eye before the depth test
constexpr float kHiddenOpacity = 0.33f;      // strength of the parts behind the body
constexpr float kLabelPixels = 19.0f;        // text height
constexpr float kDash = 9.0f, kGap = 6.0f;   // pixels

struct Projected {
  glm::vec2 pixel;  // y up, origin bottom-left
  float depth;      // NDC z of the point pulled toward the eye
  bool visible;     // in front of the camera
};

struct Projector {
  glm::mat4 viewProjection;
  glm::mat4 model;
  glm::vec3 eye;
  glm::vec2 size;
  Projected operator()(const glm::vec3& p) const {
    const glm::vec3 world = glm::vec3(model * glm::vec4(p, 1.0f));
    const glm::vec4 clip = viewProjection * glm::vec4(world, 1.0f);
    const glm::vec3 toEye = eye - world;
    const float distance = glm::length(toEye);
    const glm::vec3 pulled = world + toEye * (std::min(kDepthPull, 0.5f * distance) / std::max(distance, 1e-6f));
    const glm::vec4 pulledClip = viewProjection * glm::vec4(pulled, 1.0f);
    if (clip.w <= 1e-4f || pulledClip.w <= 1e-4f) return {{}, 0.0f, false};
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return {(ndc * 0.5f + 0.5f) * size, std::clamp(pulledClip.z / pulledClip.w, -1.0f, 1.0f), true};
  }
};

glm::vec3 toNdc(glm::vec2 pixel, float depth, glm::vec2 size) { return {pixel / size * 2.0f - 1.0f, depth}; }

void quad(std::vector<Vertex>& out, const Vertex& a, const Vertex& b, const Vertex& c, const Vertex& d) {
  // a b / d c, counter-clockwise in two triangles
  out.insert(out.end(), {a, b, c, a, c, d});
}

// [SECTION] Lines

// Each segment is a quad around its capsule in `halos` (the capsule with its halo and smooth edge)
// and a narrower one in `cores` (the coloured core and its smooth edge only): the core pass then
// shades a third of the pixels. Both give each pixel the same depth (linear along the halo's quad).
// At a line's ends the quads reach past the segment by the capsule's radius (the round cap); at
// a joint inside a polyline only as far as the bend needs to cover the join up to the bisector
// (a ring's 32 segments bend 11 degrees: about a pixel instead of the radius, so the quads
// overlap, and are shaded, far less).
void addLine(std::vector<Vertex>& halos, std::vector<Vertex>& cores, const render::OverlayLine& line,
             const Projector& project, float scale) {
  std::vector<glm::vec3> points = line.points;
  const bool closed = line.closed && points.size() > 2;
  if (closed) points.push_back(points.front());
  const float half = 0.5f * line.width * scale, halo = kHaloPixels * scale;
  const float reach = half + halo + 1.0f;  // the quad covers the capsule and its smooth edge
  const float coreReach = half + 1.0f;     // the core's edge ends 0.6 pixels beyond `half`
  std::vector<Projected> projected;
  projected.reserve(points.size());
  for (const glm::vec3& p : points) projected.push_back(project(p));
  const std::size_t segments = points.size() - 1;
  // How far past the joint at the end of segment i the quads reach (a fraction of the radius):
  // the whole radius at a line's end or a sharp bend, else tan(bend / 2) and a pixel.
  auto joinReach = [&](std::size_t i, float radius) {
    const bool inner = i + 1 < segments || closed;
    if (!inner) return radius;
    const std::size_t next = (i + 1) % segments;
    const Projected &a = projected[i], &b = projected[i + 1], &c = projected[next + 1];
    if (!a.visible || !b.visible || !c.visible) return radius;
    const glm::vec2 d0 = b.pixel - a.pixel, d1 = c.pixel - b.pixel;
    const float l0 = glm::length(d0), l1 = glm::length(d1);
    if (l0 < 1e-4f || l1 < 1e-4f) return radius;
    const float cosBend = glm::dot(d0, d1) / (l0 * l1);
    if (cosBend < 0.7f) return radius;  // over 45 degrees
    const float tanHalf = std::sqrt(std::max(0.0f, (1.0f - cosBend) / (1.0f + cosBend)));
    return std::min(radius, radius * tanHalf + 1.0f);
  };
  float along = 0.0f;
  for (std::size_t i = 0; i < segments; ++i) {
    const Projected a = projected[i], b = projected[i + 1];
    if (!a.visible || !b.visible) continue;
    const glm::vec2 delta = b.pixel - a.pixel;
    const float length = glm::length(delta);
    const glm::vec2 dir = length > 1e-4f ? delta / length : glm::vec2(1.0f, 0.0f);
    const glm::vec2 normal(-dir.y, dir.x);
    const glm::vec4 shape(length, half, halo, line.dashed ? along : -1.0f);
    const glm::vec4 color(line.color, 1.0f);
    const std::size_t previous = i > 0 ? i - 1 : segments - 1;
    const bool joinedBefore = i > 0 || closed;
    const float before = joinedBefore ? joinReach(previous, reach) : reach, after = joinReach(i, reach);
    const float coreBefore = joinedBefore ? joinReach(previous, coreReach) : coreReach, coreAfter = joinReach(i, coreReach);
    auto vertex = [&](float u, float v) {
      // The depth runs from a's at the halo quad's start to b's at its end.
      const float t = (u + before) / (length + before + after);
      const glm::vec2 p = a.pixel + dir * u + normal * v;
      return Vertex{toNdc(p, a.depth + (b.depth - a.depth) * t, project.size), glm::vec2(u, v), color, shape};
    };
    quad(halos, vertex(-before, -reach), vertex(length + after, -reach), vertex(length + after, reach),
         vertex(-before, reach));
    quad(cores, vertex(-coreBefore, -coreReach), vertex(length + coreAfter, -coreReach),
         vertex(length + coreAfter, coreReach), vertex(-coreBefore, coreReach));
    along += length;
  }
}

// [SECTION] Labels

struct Placed {
  glm::vec2 centre, half;
};

void addLabel(std::vector<Vertex>& out, const render::OverlayLabel& label, const Projector& project,
              const render::GlyphAtlas& atlas, float scale, std::vector<Placed>& placed) {
  const Projected anchor = project(label.anchor);
  if (!anchor.visible) return;
  const float size = kLabelPixels * scale;
  const float width = atlas.measure(label.text, size);
  const float ascent = atlas.ascent(size), descent = atlas.descent(size);
  const glm::vec2 padding = glm::vec2(7.0f, 4.0f) * scale;
  const glm::vec2 halfBox = glm::vec2(0.5f * width, 0.5f * (ascent - descent)) + padding;
  // Keep the label inside the picture.
  glm::vec2 centre = glm::clamp(anchor.pixel, halfBox + 2.0f, project.size - halfBox - 2.0f);
  // Labels never cover each other: a label that would moves down below the one in its way.
  for (bool moved = true; moved;) {
    moved = false;
    for (const Placed& other : placed)
      if (std::abs(centre.x - other.centre.x) < halfBox.x + other.half.x &&
          std::abs(centre.y - other.centre.y) < halfBox.y + other.half.y) {
        centre.y = other.centre.y - other.half.y - halfBox.y - 3.0f * scale;
        moved = true;
      }
  }
  placed.push_back({centre, halfBox});
  const glm::vec4 box(halfBox, std::min(halfBox.y, 8.0f * scale), 0.0f);
  const glm::vec4 backdrop(render::kOverlayHaloColor, 0.78f);
  auto boxVertex = [&](float sx, float sy) {
    const glm::vec2 local(sx * halfBox.x, sy * halfBox.y);
    return Vertex{toNdc(centre + local, 0.0f, project.size), local, backdrop, box};
  };
  quad(out, boxVertex(-1, -1), boxVertex(1, -1), boxVertex(1, 1), boxVertex(-1, 1));
  // Glyphs: the atlas lays out with y down from the baseline; the view's pixels have y up.
  const glm::vec2 baselineLeft(centre.x - 0.5f * width, centre.y - 0.5f * (ascent + descent));
  const glm::vec4 color(label.color, 1.0f);
  for (const render::GlyphQuad& g : atlas.layout(label.text, glm::vec2(0.0f), size)) {
    auto glyphVertex = [&](float x, float y, float u, float v) {
      return Vertex{toNdc(baselineLeft + glm::vec2(x, -y), 0.0f, project.size), glm::vec2(u, v), color, glm::vec4(0.0f)};
    };
    quad(out, glyphVertex(g.p0.x, g.p1.y, g.uv0.x, g.uv1.y), glyphVertex(g.p1.x, g.p1.y, g.uv1.x, g.uv1.y),
         glyphVertex(g.p1.x, g.p0.y, g.uv1.x, g.uv0.y), glyphVertex(g.p0.x, g.p0.y, g.uv0.x, g.uv0.y));
  }
}

}  // namespace

// [SECTION] Drawing

Result<OverlayRenderer> OverlayRenderer::create(const std::filesystem::path& shaderDir, std::filesystem::path font) {
  OverlayRenderer renderer;
  for (int kind = 0; kind < 3; ++kind) {
    auto program = ShaderProgram::load(shaderDir, "overlay.vert", "overlay.frag", fmt::format("#define FV_OVERLAY {}\n", kind));
    if (!program) return program.error();
    renderer.programs_[std::size_t(kind)] = std::move(program).value();
  }
  if (font.empty()) {
    auto found = render::Font::findDejaVuSans();
    if (found) font = *found;
    else log::warn("{}; overlay labels are not drawn", found.error().message);
  }
  auto atlas = font.empty() ? Result<render::GlyphAtlas>(Error{""}) : render::GlyphAtlas::load(font);
  if (!atlas && !font.empty()) log::warn("{}; overlay labels are not drawn", atlas.error().message);
  if (atlas) {
    renderer.atlas_ = std::move(atlas).value();
    renderer.atlasTexture_ = createTexture2D(renderer.atlas_->width(), renderer.atlas_->height(), GL_R8, GL_RED,
                                             GL_UNSIGNED_BYTE, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, renderer.atlas_->width(), renderer.atlas_->height(), GL_RED,
                    GL_UNSIGNED_BYTE, renderer.atlas_->pixels().data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  renderer.vertexArray_ = createVertexArray();
  renderer.vertices_ = createBuffer(GL_ARRAY_BUFFER, nullptr, 0, true);
  const GLsizei stride = sizeof(Vertex);
  const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, ndc)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, local)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, color)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, shape)));
  glBindVertexArray(0);
  return renderer;
}

void OverlayRenderer::render(const RenderTarget& target, const render::OrbitCamera& camera,
                             const render::OverlayPrimitives& overlay, const glm::mat4& model, bool mirrored) {
  target.resolve();  // the scene's picture (the caller may have left it to us: SceneRenderer::render, resolve false)
  if (overlay.empty()) return;
  const glm::vec2 size(target.width(), target.height());
  // Never below 0.8: smaller labels and lines stop being readable on small views.
  const float scale = std::clamp(size.y / kReferenceHeight, 0.8f, 4.0f);
  const glm::mat4 flip = mirrored ? glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f)) : glm::mat4(1.0f);
  const Projector project{flip * camera.projection(size.x / size.y) * camera.view(), model, camera.eye(), size};

  std::vector<Vertex> lines, cores, labels;
  for (const render::OverlayLine& line : overlay.lines) addLine(lines, cores, line, project, scale);
  std::vector<Placed> placed;
  if (atlas_)
    for (const render::OverlayLabel& label : overlay.labels) addLabel(labels, label, project, *atlas_, scale, placed);
  if (lines.empty() && labels.empty()) return;

  // Over the resolved picture: where the next frame drawn over a static layer must take it back.
  glm::vec2 lo(size), hi(0.0f);
  for (const std::vector<Vertex>* vertices : {&lines, &labels})
    for (const Vertex& v : *vertices) {
      const glm::vec2 pixel = (glm::vec2(v.ndc) * 0.5f + 0.5f) * size;
      lo = glm::min(lo, pixel);
      hi = glm::max(hi, pixel);
    }
  target.markChanged(glm::ivec4(int(std::floor(lo.x)) - 1, int(std::floor(lo.y)) - 1, int(std::ceil(hi.x)) + 1,
                                int(std::ceil(hi.y)) + 1));
  target.bindResolved();
  for (const ShaderProgram& program : programs_) {
    program.use();
    program.set("uAtlas", 0);
    program.set("uDepth", 1);
    program.set("uDash", glm::vec2(kDash, kGap) * scale);
    program.set("uHalo", render::kOverlayHaloColor);
    program.set("uHiddenOpacity", kHiddenOpacity);
  }
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, target.depthTexture());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, atlasTexture_.id());
  glBindVertexArray(vertexArray_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vertices_.id());
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);  // overlay.frag tests against the scene's depth itself
  glDepthMask(GL_FALSE);

  if (!lines.empty()) {
    // Halos, then cores, in one buffer: every core over every halo.
    lines.insert(lines.end(), cores.begin(), cores.end());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(lines.size() * sizeof(Vertex)), lines.data(), GL_STREAM_DRAW);
    const GLsizei count = static_cast<GLsizei>(cores.size());
    for (const Kind kind : {Kind::Halos, Kind::Cores}) {
      programs_[std::size_t(kind)].use();
      glDrawArrays(GL_TRIANGLES, int(kind) * count, count);
    }
  }
  if (!labels.empty()) {
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(labels.size() * sizeof(Vertex)), labels.data(), GL_STREAM_DRAW);
    // Every label is its backdrop followed by its glyphs, drawn in that order.
    programs_[std::size_t(Kind::Labels)].use();
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(labels.size()));
  }

  glDepthMask(GL_TRUE);
  glEnable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glBindVertexArray(0);
  glBindTexture(GL_TEXTURE_2D, 0);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace formviz::gl
