#include "render/lighting.h"

#include <gtest/gtest.h>

namespace formviz::render {
namespace {

glm::vec3 toShadowMap(const glm::mat4& m, const glm::vec3& p) {
  const glm::vec4 clip = m * glm::vec4(p, 1.0f);
  return glm::vec3(clip) / clip.w * 0.5f + 0.5f;  // texture coordinates and depth in [0, 1]
}

TEST(ShadowViewProjection, HoldsTheSphereAndTheGroundItShadows) {
  const glm::vec3 centre(0.2f, 0.9f, -0.1f);
  const float radius = 1.0f;
  const glm::mat4 m = shadowViewProjection(kKeyLightDirection, centre, radius);
  for (const glm::vec3 offset : {glm::vec3(1, 0, 0), glm::vec3(-1, 0, 0), glm::vec3(0, 1, 0), glm::vec3(0, -1, 0),
                                 glm::vec3(0, 0, 1), glm::vec3(0, 0, -1), glm::vec3(0)}) {
    const glm::vec3 p = toShadowMap(m, centre + offset * radius * 0.999f);
    for (int i = 0; i < 3; ++i) {
      EXPECT_GE(p[i], 0.0f);
      EXPECT_LE(p[i], 1.0f);
    }
  }
  // The top of the sphere throws its shadow onto the floor along the light; that floor point
  // maps to the same texel and lies deeper than the caster, inside the depth range.
  const glm::vec3 top = centre + glm::vec3(0, radius, 0);
  const glm::vec3 floor = top - kKeyLightDirection * (top.y / kKeyLightDirection.y);
  const glm::vec3 caster = toShadowMap(m, top), receiver = toShadowMap(m, floor);
  EXPECT_NEAR(caster.x, receiver.x, 1e-4f);
  EXPECT_NEAR(caster.y, receiver.y, 1e-4f);
  EXPECT_GT(receiver.z, caster.z);
  EXPECT_LT(receiver.z, 1.0f);
}

TEST(KeyLight, ComesFromAboveAndInFront) {
  EXPECT_NEAR(glm::length(kKeyLightDirection), 1.0f, 1e-6f);
  EXPECT_GT(kKeyLightDirection.y, 0.5f);
  EXPECT_GT(kKeyLightDirection.z, 0.0f);
}

}  // namespace
}  // namespace formviz::render
