#include "render/gl/prop_meshes.h"

#include "render/gl/scene_renderer.h"

namespace formviz::gl {

GpuProps::GpuProps(std::vector<render::PropInstance> props) : props_(std::move(props)) {
  transforms_.assign(props_.size(), glm::mat4(1.0f));
  stretches_.assign(props_.size(), glm::mat4(1.0f));
  for (std::size_t i = 0; i < props_.size(); ++i) {
    for (render::PropPart& part : render::buildPropParts(props_[i])) {
      Part gpu;
      gpu.color = part.color;
      gpu.frame = part.frame;
      gpu.prop = i;
      gpu.localMin = glm::vec3(1e30f);
      gpu.localMax = glm::vec3(-1e30f);
      for (const glm::vec3& p : part.mesh.positions) {
        gpu.localMin = glm::min(gpu.localMin, p);
        gpu.localMax = glm::max(gpu.localMax, p);
      }
      gpu.mesh = upload(part.mesh);
      parts_.push_back(std::move(gpu));
    }
  }
}

glm::mat4 GpuProps::partTransform(const Part& part) const {
  switch (part.frame) {
    case render::PropFrame::Prop: return transforms_[part.prop];
    case render::PropFrame::Stretch: return stretches_[part.prop];
    case render::PropFrame::World: break;
  }
  return glm::mat4(1.0f);
}

bool GpuProps::pose(std::span<const glm::mat4> jointModel, const glm::mat4& figureModel) {
  render::PropPoseJob job;
  job.props = props_;
  job.jointModel = jointModel;
  job.figureModel = figureModel;
  job.transforms = transforms_;
  job.stretches = stretches_;
  if (!job.Run()) return false;
  boundsMin_ = glm::vec3(1e30f);
  boundsMax_ = glm::vec3(-1e30f);
  for (const Part& part : parts_) {
    const glm::mat4 m = partTransform(part);
    for (int corner = 0; corner < 8; ++corner) {
      const glm::vec3 local((corner & 1) ? part.localMax.x : part.localMin.x, (corner & 2) ? part.localMax.y : part.localMin.y,
                            (corner & 4) ? part.localMax.z : part.localMin.z);
      const glm::vec3 world(m * glm::vec4(local, 1.0f));
      boundsMin_ = glm::min(boundsMin_, world);
      boundsMax_ = glm::max(boundsMax_, world);
    }
  }
  return true;
}

void GpuProps::addTo(Scene& scene) const {
  for (const Part& part : parts_) scene.meshes.push_back({&part.mesh, partTransform(part), part.color});
}

}  // namespace formviz::gl
