// BVH import on the CMU fixtures, cross-checked against an independent reading of the file.
#include <map>
#include <sstream>

#include <glm/gtc/matrix_transform.hpp>

#include "asset_test_helpers.h"

namespace formviz::asset {
namespace {

// A deliberately plain BVH reader (no assimp) to check the importer's joint positions:
// local = T(offset, or the position channels) * R(channel 1) * R(channel 2) * R(channel 3).
struct BvhJoint {
  std::string name;
  int parent = -1;
  glm::vec3 offset{0.0f};
  std::vector<std::string> channels;
  int firstChannel = 0;
};

struct BvhFile {
  std::vector<BvhJoint> joints;
  std::vector<std::vector<float>> frames;
  float frameTime = 0.0f;
};

BvhFile readBvh(const std::filesystem::path& path) {
  std::istringstream in(test::readFile(path));
  BvhFile file;
  std::vector<int> stack;
  std::string word;
  int channelCount = 0;
  while (in >> word && word != "MOTION") {
    if (word == "ROOT" || word == "JOINT" || word == "End") {
      BvhJoint j;
      in >> j.name;
      if (word == "End") j.name = "EndSite_" + file.joints[static_cast<std::size_t>(stack.back())].name;
      j.parent = stack.empty() ? -1 : stack.back();
      file.joints.push_back(j);
    } else if (word == "{") {
      stack.push_back(static_cast<int>(file.joints.size()) - 1);
    } else if (word == "}") {
      stack.pop_back();
    } else if (word == "OFFSET") {
      glm::vec3& o = file.joints.back().offset;
      in >> o.x >> o.y >> o.z;
    } else if (word == "CHANNELS") {
      int n = 0;
      in >> n;
      BvhJoint& j = file.joints.back();
      j.firstChannel = channelCount;
      channelCount += n;
      j.channels.resize(static_cast<std::size_t>(n));
      for (std::string& c : j.channels) in >> c;
    }
  }
  int frames = 0;
  in >> word >> frames >> word >> word >> file.frameTime;  // "Frames:" N "Frame" "Time:" T
  file.frames.assign(static_cast<std::size_t>(frames), std::vector<float>(static_cast<std::size_t>(channelCount)));
  for (auto& frame : file.frames)
    for (float& v : frame) in >> v;
  return file;
}

std::map<std::string, glm::vec3> positionsAt(const BvhFile& file, std::size_t frame, float scale) {
  std::vector<glm::mat4> world(file.joints.size());
  std::map<std::string, glm::vec3> out;
  for (std::size_t i = 0; i < file.joints.size(); ++i) {
    const BvhJoint& j = file.joints[i];
    glm::vec3 translation = j.offset;
    glm::mat4 rotation(1.0f);
    for (std::size_t c = 0; c < j.channels.size(); ++c) {
      const float v = file.frames[frame][static_cast<std::size_t>(j.firstChannel) + c];
      const std::string& name = j.channels[c];
      const int axis = name[0] - 'X';
      if (name.find("position") != std::string::npos) {
        translation[axis] = v;
      } else {
        glm::vec3 a(0.0f);
        a[axis] = 1.0f;
        rotation = rotation * glm::rotate(glm::mat4(1.0f), glm::radians(v), a);
      }
    }
    const glm::mat4 local = glm::translate(glm::mat4(1.0f), translation * scale) * rotation;
    world[i] = j.parent < 0 ? local : world[static_cast<std::size_t>(j.parent)] * local;
    out[j.name] = glm::vec3(world[i][3]);
  }
  return out;
}

struct BvhCase {
  const char* file;
  int frames;
  const char* units;
  float hipsHeight;  // metres, first frame
};

void PrintTo(const BvhCase& c, std::ostream* os) { *os << c.file; }

class EveryBvhFixture : public ::testing::TestWithParam<BvhCase> {};

TEST_P(EveryBvhFixture, LoadsInMetresAndMatchesAPlainReading) {
  const BvhCase& c = GetParam();
  FORMVIZ_REQUIRE_FIXTURE(std::string("bvh/") + c.file);
  const auto path = test::fixturesDir() / "bvh" / c.file;
  Result<BvhMotion> motion = importBvh(path);
  ASSERT_TRUE(motion) << motion.error().message;
  EXPECT_EQ(motion->frameCount, c.frames);
  EXPECT_NEAR(motion->frameTime, 1.0f / 120.0f, 1e-6f);
  EXPECT_NE(motion->units.find(c.units), std::string::npos) << motion->units;
  EXPECT_NEAR(motion->clip.duration(), static_cast<float>(c.frames - 1) / 120.0f, 1e-3f);
  const anim::Skeleton& s = motion->skeleton;
  int endSites = 0;
  for (const std::string& name : s.names()) endSites += name.rfind("EndSite_", 0) == 0 ? 1 : 0;
  EXPECT_EQ(s.jointCount() - endSites, 31);
  EXPECT_EQ(endSites, 7);

  const BvhFile plain = readBvh(path);
  ASSERT_EQ(plain.frames.size(), static_cast<std::size_t>(c.frames));
  for (std::size_t frame : {std::size_t{0}, std::size_t{100}, plain.frames.size() / 2, plain.frames.size() - 1}) {
    const auto expected = positionsAt(plain, frame, motion->metresPerUnit);
    const test::Posed posed = test::pose(s, &motion->clip, static_cast<float>(frame) * motion->frameTime);
    for (int j = 0; j < s.jointCount(); ++j) {
      const std::string& name = s.names()[static_cast<std::size_t>(j)];
      ASSERT_TRUE(expected.count(name)) << name;
      EXPECT_LT(glm::length(glm::vec3(posed.model[static_cast<std::size_t>(j)][3]) - expected.at(name)), 1e-3f)
          << name << " at frame " << frame;
    }
    if (frame == 0) {
      EXPECT_NEAR(posed.model[0][3].y, c.hipsHeight, 0.1f);
    }
    // Upright: head above hips.
    EXPECT_GT(posed.model[static_cast<std::size_t>(s.findJoint("Head"))][3].y, posed.model[0][3].y + 0.3f);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, EveryBvhFixture,
                         ::testing::Values(BvhCase{"CMU_01_01.bvh", 2752, "CMU ASF units", 1.0f},
                                           BvhCase{"CMU_131_01_scaled_m.bvh", 995, "metres", 0.95f}));

TEST(Bvh, ExplicitScaleAndNoEndSites) {
  FORMVIZ_REQUIRE_FIXTURE("bvh/CMU_131_01_scaled_m.bvh");
  BvhOptions options;
  options.metresPerUnit = 100.0f;  // pretend the file was in hectometres
  options.keepEndSites = false;
  Result<BvhMotion> motion = importBvh(test::fixturesDir() / "bvh/CMU_131_01_scaled_m.bvh", options);
  ASSERT_TRUE(motion) << motion.error().message;
  EXPECT_EQ(motion->skeleton.jointCount(), 31);
  const test::Posed posed = test::pose(motion->skeleton, &motion->clip, 0.0f);
  EXPECT_NEAR(posed.model[0][3].y, 95.0f, 10.0f);
}

}  // namespace
}  // namespace formviz::asset
