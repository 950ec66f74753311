#include "app/figure_scene.h"

#include "anim/mirror.h"
#include "anim/retarget.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <glm/gtc/matrix_transform.hpp>
#define GLM_ENABLE_EXPERIMENTAL
#include <glm/gtx/quaternion.hpp>

#include "core/log.h"
#include "render/shader_source.h"

namespace formviz::app {
namespace fs = std::filesystem;

namespace {

// "FILE:NAME" -> {FILE, NAME}; a colon followed by a path (a directory name) is part of FILE.
std::pair<std::string, std::string> splitClipSpec(const std::string& spec) {
  const std::size_t colon = spec.rfind(':');
  if (colon == std::string::npos || spec.find('/', colon) != std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

bool isBvh(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext == ".bvh";
}

// A file path as given, else models/<name>.gltf in the data folder.
Result<fs::path> resolveModel(const std::string& model, const fs::path& dataDir) {
  std::error_code ec;
  if (fs::is_regular_file(model, ec)) return fs::path(model);
  const fs::path named = dataDir / "models" / fmt::format("{}.gltf", model);
  if (fs::is_regular_file(named, ec)) return named;
  std::string available;
  for (const auto& entry : fs::directory_iterator(dataDir / "models", ec))
    if (entry.path().extension() == ".gltf") available += fmt::format(" {}", entry.path().stem().string());
  return makeError(fmt::format("no model '{}': not a file, and not in {}/models/ (available:{})", model,
                               dataDir.string(), available.empty() ? " none" : available));
}

// Index of the clip called `name` (the first clip when `name` is empty).
Result<int> findClip(const std::vector<anim::Clip>& clips, const std::string& name, const std::string& file) {
  if (clips.empty()) return makeError(fmt::format("'{}' has no animation clips", file));
  if (name.empty()) return 0;
  for (std::size_t i = 0; i < clips.size(); ++i)
    if (clips[i].name() == name) return static_cast<int>(i);
  std::string names;
  for (const anim::Clip& clip : clips) names += fmt::format(" '{}'", clip.name());
  return makeError(fmt::format("'{}' has no clip named '{}' (it has{})", file, name, names));
}

}  // namespace

Result<Figure> loadFigure(const FigureRequest& request, const fs::path& dataDir) {
  Figure figure;
  auto [clipFile, clipName] = splitClipSpec(request.clip);
  std::string modelSpec = request.model;
  if (modelSpec.empty() && !clipFile.empty() && !isBvh(clipFile)) modelSpec = clipFile;  // the clip file's own figure

  fs::path modelPath;
  if (!modelSpec.empty()) {
    auto resolved = resolveModel(modelSpec, dataDir);
    if (!resolved) return resolved.error();
    modelPath = *resolved;
    auto model = asset::importGltf(modelPath);
    if (!model) return model.error();
    for (const std::string& note : model->report.notes) log::info("{}: {}", modelPath.string(), note);
    figure.model = std::move(model).value();
  }

  if (!clipFile.empty() && isBvh(clipFile)) {
    auto bvh = asset::importBvh(clipFile);
    if (!bvh) return bvh.error();
    log::info("{}: units taken as {}", clipFile, bvh->units);
    figure.bvh = std::move(bvh).value();
  } else if (!clipFile.empty() && fs::path(clipFile) != modelPath) {
    auto other = asset::importGltf(clipFile);
    if (!other) return other.error();
    auto index = findClip(other->clips, clipName, clipFile);
    if (!index) return index.error();
    figure.clipFile = std::move(other).value();
    figure.clipIndex = *index;
  } else if (figure.model && (!request.clip.empty() || request.wantClip)) {
    auto index = findClip(figure.model->clips, clipName, modelPath.string());
    if (!index) return index.error();
    figure.clipIndex = *index;
  }
  return figure;
}



Bounds skinnedBounds(const asset::MeshData& mesh, std::span<const glm::mat4> palette) {
  Bounds bounds;
  for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
    glm::mat4 skin(0.0f);
    for (int k = 0; k < 4; ++k) {
      const float w = mesh.weights[i][k];
      if (w > 0.0f && mesh.joints[i][k] < palette.size()) skin += w * palette[mesh.joints[i][k]];
    }
    bounds.add(glm::vec3(skin * glm::vec4(mesh.positions[i], 1.0f)));
  }
  return bounds;
}

Bounds jointBounds(const anim::Character& character) {
  Bounds bounds;
  for (int j = 0; j < character.skeleton().jointCount(); ++j) bounds.add(character.jointPosition(j));
  return bounds;
}

render::TriangleMesh makeSkeletonMesh(const anim::Character& character, float radius) {
  render::TriangleMesh mesh;
  const render::TriangleMesh joint = render::makeSphere(radius * 1.35f, 16);
  for (int j = 0; j < character.skeleton().jointCount(); ++j) {
    const glm::vec3 to = character.jointPosition(j);
    appendMesh(mesh, joint, glm::translate(glm::mat4(1.0f), to));
    const int parent = character.skeleton().parent(j);
    if (parent == anim::kNoParent) continue;
    const glm::vec3 from = character.jointPosition(parent);
    const float length = glm::length(to - from);
    if (length < 2.0f * radius) continue;
    const glm::quat turn = glm::rotation(glm::vec3(0, 1, 0), (to - from) / length);
    appendMesh(mesh, render::makeCapsule(radius, length, 12),
               glm::translate(glm::mat4(1.0f), from) * glm::toMat4(turn));
  }
  return mesh;
}

float guessMetresPerUnit(const Bounds& bounds) {
  if (bounds.empty()) return 1.0f;
  const glm::vec3 size = bounds.max - bounds.min;
  return std::max({size.x, size.y, size.z}) > 10.0f ? 0.01f : 1.0f;
}

Result<FigureGpu> uploadFigure(const Figure& figure, const anim::Character& character) {
  FigureGpu gpu;
  if (figure.model) {
    if (figure.skeleton().jointCount() > render::kMaxPaletteJoints)
      return makeError(fmt::format("the model has {} joints; FormViz draws figures of up to {}",
                                   figure.skeleton().jointCount(), render::kMaxPaletteJoints));
    gpu.palette = gl::PaletteBuffer::create();
    for (const asset::MeshData& mesh : figure.model->meshes) {
      auto uploaded = gl::upload(mesh);
      if (!uploaded) return uploaded.error();
      gpu.meshes.push_back(std::move(uploaded).value());
    }
  }
  const Bounds bounds = figureBounds(figure, character, 1.0f);
  gpu.metresPerUnit = guessMetresPerUnit(bounds);
  if (gpu.metresPerUnit != 1.0f) {
    const glm::vec3 size = bounds.max - bounds.min;
    log::info("the figure is {:.0f} units across: taken as centimetres", std::max({size.x, size.y, size.z}));
  }
  gpu.props = gl::GpuProps(resolveProps(figure, character.mirrored()));
  updatePose(gpu, figure, character);
  return gpu;
}

std::vector<render::PropInstance> resolveProps(std::span<const asset::Prop> props, const anim::Skeleton& skeleton,
                                              bool mirrored, float worldScale) {
  // Mirrored (anim/mirror.h): the other side's joint holds the prop, and every position, in the
  // world or in the joint's frame, has its x negated.
  const glm::vec3 flip = mirrored ? glm::vec3(-1, 1, 1) : glm::vec3(1);
  auto joint = [&](const std::string& name) { return skeleton.findJoint(mirrored ? anim::mirrorJointName(name) : name); };
  std::vector<render::PropInstance> out;
  for (const asset::Prop& prop : props) {
    render::PropInstance instance;
    instance.kind = render::propKindFromName(asset::propKindName(prop.kind)).value_or(render::PropKind::Box);
    const bool inWorld = !prop.attached();
    instance.size = inWorld ? prop.size * worldScale : prop.size;
    instance.position = prop.position * flip * (inWorld ? worldScale : 1.0f);
    instance.toPosition = prop.toPosition * flip * (prop.to == "world" ? worldScale : 1.0f);
    instance.joint = prop.attached() ? joint(prop.attach) : -1;
    instance.toJoint = !prop.to.empty() && prop.to != "world" ? joint(prop.to) : -1;
    if ((prop.attached() && instance.joint < 0) || (!prop.to.empty() && prop.to != "world" && instance.toJoint < 0)) {
      log::warn("the {} prop is held by a joint this figure lacks ({}); not drawn", asset::propKindName(prop.kind),
                instance.joint < 0 ? prop.attach : prop.to);
      continue;
    }
    if (instance.joint >= 0) instance.jointParent = skeleton.parent(instance.joint);
    out.push_back(instance);
  }
  return out;
}

std::vector<render::PropInstance> resolveProps(const Figure& figure, bool mirrored) {
  return resolveProps(figure.props(), figure.skeleton(), mirrored, anim::bodyScale(figure.skeleton(), figure.clipSkeleton()));
}

Bounds withProps(Bounds bounds, const FigureGpu& gpu) {
  if (!gpu.props.empty()) {
    bounds.add(gpu.props.boundsMin());
    bounds.add(gpu.props.boundsMax());
  }
  return bounds;
}

void updatePose(FigureGpu& gpu, const Figure& figure, const anim::Character& character) {
  if (figure.model)
    gpu.palette.update(character.palette());
  else
    gpu.sticks = gl::upload(makeSkeletonMesh(character, 0.02f / gpu.metresPerUnit));
  if (!gpu.props.empty()) gpu.props.pose(character.modelMatrices(), glm::mat4(glm::mat3(gpu.metresPerUnit)));
}

void addToScene(gl::Scene& scene, const FigureGpu& gpu, std::span<const glm::vec4> regionColors, bool xray) {
  const glm::mat4 model = glm::mat4(glm::mat3(gpu.metresPerUnit));
  for (const gl::SkinnedGpuMesh& mesh : gpu.meshes) {
    gl::FigureDraw draw;
    draw.mesh = &mesh;
    draw.palette = &gpu.palette;
    draw.model = model;
    draw.regionColors = regionColors;
    draw.xray = xray;
    scene.figures.push_back(draw);
  }
  if (gpu.sticks) scene.meshes.push_back({&*gpu.sticks, model, glm::vec3(0.80f, 0.68f, 0.60f)});
  gpu.props.addTo(scene);
}

Bounds figureBounds(const Figure& figure, const anim::Character& character, float metresPerUnit) {
  Bounds bounds;
  if (figure.model) {
    for (const asset::MeshData& mesh : figure.model->meshes) {
      const Bounds b = skinnedBounds(mesh, character.palette());
      bounds.add(b.min);
      bounds.add(b.max);
    }
  }
  if (bounds.empty()) bounds = jointBounds(character);
  bounds.min *= metresPerUnit;
  bounds.max *= metresPerUnit;
  return bounds;
}

Bounds poseBounds(const anim::Character& character, float metresPerUnit, float padding) {
  Bounds bounds = jointBounds(character);
  bounds.min = bounds.min * metresPerUnit - glm::vec3(padding);
  bounds.max = bounds.max * metresPerUnit + glm::vec3(padding);
  return bounds;
}

}  // namespace formviz::app
