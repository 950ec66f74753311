// [SECTION] The studio lights, shared by the shaders (as uniforms) and the shadow pass.
#pragma once

#include <glm/glm.hpp>

namespace formviz::render {

// Direction toward the key light: above, in front and on the figure's right (-X). The
// default three-quarter camera stands on the figure's left, so it sees the lit front, the
// modelling of the darker side, and the shadow falling back and to the left.
inline const glm::vec3 kKeyLightDirection = glm::normalize(glm::vec3(-0.45f, 1.00f, 0.60f));

// Orthographic view-projection of the key light that holds a sphere (`centre`, `radius`,
// e.g. a figure's bounds) entirely, and the ground behind it where its shadow falls, for
// rendering and sampling the shadow map.
glm::mat4 shadowViewProjection(const glm::vec3& towardLight, const glm::vec3& centre, float radius);

}  // namespace formviz::render
