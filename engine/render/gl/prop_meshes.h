// [SECTION] A clip's props on the GPU: their parts uploaded once, placed for each pose and
// drawn as lit static meshes (casting and receiving the key light's shadow).
#pragma once

#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "render/gl/resources.h"
#include "render/props.h"

namespace formviz::gl {

struct Scene;

class GpuProps {
 public:
  GpuProps() = default;
  // Builds every prop's parts (render::buildPropParts) and uploads them.
  explicit GpuProps(std::vector<render::PropInstance> props);

  // Places the props for a pose (render::PropPoseJob). False if a joint index is out of range.
  bool pose(std::span<const glm::mat4> jointModel, const glm::mat4& figureModel);
  // Adds one MeshDraw per part, as last posed, to `scene` (which borrows the meshes).
  void addTo(Scene& scene) const;
  // World-space box around the posed props (min > max when there are none).
  glm::vec3 boundsMin() const { return boundsMin_; }
  glm::vec3 boundsMax() const { return boundsMax_; }
  bool empty() const { return props_.empty(); }

 private:
  struct Part {
    GpuMesh mesh;
    glm::vec3 color{0.5f};
    render::PropFrame frame = render::PropFrame::Prop;
    std::size_t prop = 0;
    glm::vec3 localMin{0.0f}, localMax{0.0f};  // the mesh's own bounds
  };
  glm::mat4 partTransform(const Part& part) const;

  std::vector<render::PropInstance> props_;
  std::vector<Part> parts_;
  std::vector<glm::mat4> transforms_, stretches_;
  glm::vec3 boundsMin_{1e30f}, boundsMax_{-1e30f};
};

}  // namespace formviz::gl
