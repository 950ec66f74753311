// Props drawn with the figure: a goblet squat's kettlebell in the hands and a step-up's box
// under the lead foot, lit and shadowed like the figure.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "anim/character.h"
#include "asset/import.h"
#include "gl/golden.h"
#include "render/gl/prop_meshes.h"
#include "render/gl/scene_renderer.h"

namespace formviz {
namespace {
namespace fs = std::filesystem;

struct Posed {
  render::Image image;
  glm::mat4 viewProjection{1.0f};
  std::vector<glm::mat4> transforms;  // each prop's frame -> world
};

// `exercise`'s correct clip at the start of `phase` on male_175, its props drawn.
Posed renderExercise(const std::string& exercise, const std::string& phase, render::ViewPreset view) {
  test::glContext();
  const fs::path source(FORMVIZ_SOURCE_DIR);
  auto model = asset::importGltf(source / "models" / "male_175.gltf");
  auto clips = asset::importGltf(source / "animations" / fmt::format("{}.gltf", exercise));
  EXPECT_TRUE(model && clips);
  if (!model || !clips) return {};
  const anim::Clip* clip = nullptr;
  for (const anim::Clip& c : clips->clips)
    if (c.name() == "correct") clip = &c;
  EXPECT_NE(clip, nullptr);
  if (!clip) return {};
  anim::Character character(model->skeleton);
  character.setClip(clips->skeleton, *clip);
  character.evaluate(clip->markerTime(phase).value_or(0.0f));

  std::vector<render::PropInstance> instances;
  for (const asset::Prop& prop : clips->props) {
    render::PropInstance p;
    p.kind = render::propKindFromName(asset::propKindName(prop.kind)).value();
    p.size = prop.size;
    p.position = prop.position;
    p.toPosition = prop.toPosition;
    p.joint = prop.attached() ? model->skeleton.findJoint(prop.attach) : -1;
    p.jointParent = p.joint >= 0 ? model->skeleton.parent(p.joint) : -1;
    p.toJoint = !prop.to.empty() && prop.to != "world" ? model->skeleton.findJoint(prop.to) : -1;
    instances.push_back(p);
  }
  gl::GpuProps props(instances);
  EXPECT_TRUE(props.pose(character.modelMatrices(), glm::mat4(1.0f)));

  auto renderer = gl::SceneRenderer::create(source / "shaders");
  auto target = gl::RenderTarget::create(320, 240, 4);
  auto mesh = gl::upload(model->meshes.front());
  EXPECT_TRUE(renderer && target && mesh);
  if (!renderer || !target || !mesh) return {};
  gl::PaletteBuffer palette = gl::PaletteBuffer::create();
  palette.update(character.palette());
  gl::Scene scene;
  gl::FigureDraw draw;
  draw.mesh = &*mesh;
  draw.palette = &palette;
  scene.figures.push_back(draw);
  props.addTo(scene);
  scene.contactShadow = glm::vec4(0, 0, 0.5f, 0.35f);
  scene.shadowBounds = glm::vec4(0, 0.8f, 0.2f, 1.1f);
  render::OrbitCamera camera;
  camera.setPreset(view);
  camera.frame({0, 0.75f, 0.2f}, 1.0f, 320.0f / 240.0f);
  renderer->render(*target, camera, scene);

  Posed posed{target->readPixels(), camera.projection(320.0f / 240.0f) * camera.view(), {}};
  std::vector<glm::mat4> transforms(instances.size()), stretches(instances.size());
  render::PropPoseJob job{instances, character.modelMatrices(), glm::mat4(1.0f), transforms, stretches};
  EXPECT_TRUE(job.Run());
  posed.transforms = transforms;
  return posed;
}

// The pixel (top-left origin) a world point lands on.
glm::ivec2 project(const Posed& posed, const glm::vec3& world) {
  const glm::vec4 clip = posed.viewProjection * glm::vec4(world, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return {int((ndc.x * 0.5f + 0.5f) * float(posed.image.width)), int((0.5f - ndc.y * 0.5f) * float(posed.image.height))};
}

// Dark iron or grey box colours, not skin (warm) and not the pale floor.
bool isProp(const std::uint8_t* p) { return p[0] < 140 && p[1] < 140 && p[2] < 150 && p[0] <= p[2] + 8; }

int propPixelsAround(const Posed& posed, glm::ivec2 centre, int radius) {
  int count = 0;
  for (int y = centre.y - radius; y <= centre.y + radius; ++y)
    for (int x = centre.x - radius; x <= centre.x + radius; ++x) {
      if (x < 0 || y < 0 || x >= posed.image.width || y >= posed.image.height) continue;
      count += isProp(&posed.image.pixels[std::size_t(y * posed.image.width + x) * 4]);
    }
  return count;
}

TEST(PropsGLTest, KettlebellHangsInTheHandsAtTheBottomOfAGobletSquat) {
  const Posed posed = renderExercise("goblet_squat", "bottom", render::ViewPreset::ThreeQuarter);
  ASSERT_EQ(posed.transforms.size(), 1u);
  ASSERT_FALSE(posed.image.pixels.empty());
  // The bell's centre, 10 cm under the grip, is drawn in kettlebell iron.
  const glm::vec3 bell = glm::vec3(posed.transforms[0][3]) - glm::vec3(0.0f, 0.10f, 0.0f);
  EXPECT_GT(propPixelsAround(posed, project(posed, bell), 3), 30);
  // ...held in front of the chest, well above the floor.
  EXPECT_GT(bell.y, 0.6f);
  EXPECT_TRUE(test::matchesGolden(posed.image, "props_goblet_squat"));
}

TEST(PropsGLTest, StepUpBoxStandsOnTheFloorUnderTheLeadFoot) {
  const Posed posed = renderExercise("step_up", "ascent", render::ViewPreset::ThreeQuarter);
  ASSERT_EQ(posed.transforms.size(), 1u);
  ASSERT_FALSE(posed.image.pixels.empty());
  const glm::vec3 centre(posed.transforms[0][3]);
  EXPECT_NEAR(centre.y, 0.15f, 1e-5f);  // 30 cm tall, on the floor
  // The box's front face below its top is box grey.
  EXPECT_GT(propPixelsAround(posed, project(posed, centre + glm::vec3(0.0f, -0.05f, 0.2f)), 3), 40);
  EXPECT_TRUE(test::matchesGolden(posed.image, "props_step_up"));
}

}  // namespace
}  // namespace formviz
