// clipbake: bad sources are refused with the file and JSON path; every committed source bakes
// into clips whose key poses have the source's angles, whose planted feet stay put above the
// floor, that loop seamlessly, import through engine/asset with their markers, and whose
// committed files in animations/ equal a fresh bake.
//
// Timeline of a clip (frames at 30 fps; markers at phase starts; the last frame repeats the first):
//
//   phase:   descent        bottom   ascent       top
//   frame:   0 ........ 60 ...... 75 ....... 120 ..... 135
//   key:     stand      bottom   bottom     stand     stand (= frame 0)
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "anim/model_space.h"
#include "anim/sampling.h"
#include "asset/import.h"
#include "bake.h"
#include "pose.h"
#include "source.h"

namespace formviz::clipbake {
namespace {

namespace fs = std::filesystem;

fs::path animationsDir() { return fs::path(FORMVIZ_SOURCE_DIR) / "animations"; }

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// [SECTION] Bad sources

// A valid minimal source; each case below replaces one fragment.
const char* const kValid = R"({
  "format": "formviz-clip/1", "exercise": "test_squat", "title": "Test", "side": "both",
  "stance": {"width": 0.34, "toeOut": 15},
  "poses": {
    "stand": {"legs": {"both": {"hip": 2, "knee": 3}}},
    "bottom": {"trunk": {"inclination": 40}, "legs": {"both": {"hip": 108, "knee": 100}}}
  },
  "phases": [
    {"name": "descent", "to": "bottom", "duration": 1.0},
    {"name": "ascent", "to": "stand", "duration": 1.0, "easing": "inOut"}
  ],
  "mistakes": [{"slug": "knee_valgus", "poses": {"bottom": {"legs": {"both": {"fppa": 18}}}}}]
})";

std::string replaced(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(clipbake, ValidSourceParsesAndBakes) {
  Result<ExerciseSource> source = parseSource(kValid, "src/test_squat.json");
  ASSERT_TRUE(source) << source.error().message;
  ASSERT_EQ(source->clips.size(), 2u);
  EXPECT_EQ(source->clips[0].name, "correct");
  EXPECT_EQ(source->clips[1].name, "mistake_knee_valgus");
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
  ASSERT_TRUE(clips) << clips.error().message;
  EXPECT_EQ((*clips)[0].frames.size(), 61u);  // 2 s at 30 fps, plus the closing frame
}

struct BadSource {
  const char* label;
  std::string text;
  const char* where;    // the JSON path (or other text) the message must contain
};

TEST(clipbake, BadSourcesAreRefusedNamingFileAndPath) {
  const std::vector<BadSource> cases = {
      {"not JSON", "{\"format\": ", "not valid JSON"},
      {"wrong format", replaced("formviz-clip/1", "formviz-clip/9"), "format: expected"},
      {"id is not the file name", replaced("\"test_squat\"", "\"other_squat\""), "exercise: 'other_squat' does not match"},
      {"id not snake_case", replaced("\"test_squat\"", "\"Test Squat\""), "exercise: exercise ids are snake_case"},
      {"missing phases", replaced("\"phases\"", "\"phasez\""), "unknown key 'phasez'"},
      {"unknown leg key", replaced("\"knee\": 100", "\"kne\": 100"), "poses.bottom.legs.both: unknown key 'kne'"},
      {"knee out of range", replaced("\"knee\": 100", "\"knee\": 170"), "poses.bottom.legs.both.knee: 170 is outside"},
      {"knee not a number", replaced("\"knee\": 100", "\"knee\": \"100\""), "poses.bottom.legs.both.knee: expected a number"},
      {"unknown side", replaced("\"legs\": {\"both\": {\"hip\": 108", "\"legs\": {\"middle\": {\"hip\": 108"),
       "poses.bottom.legs.middle: unknown side 'middle'"},
      {"working side on a bilateral exercise", replaced("\"legs\": {\"both\": {\"hip\": 108", "\"legs\": {\"working\": {\"hip\": 108"),
       "poses.bottom.legs.working: 'working' needs a unilateral exercise"},
      {"phase to an unknown pose", replaced("\"to\": \"bottom\"", "\"to\": \"botom\""), "phases[0].to: no pose named 'botom'"},
      {"duration off the frame grid", replaced("\"duration\": 1.0}", "\"duration\": 1.01}"),
       "phases[0].duration: 1.01 s is not a whole number of 1/30 s frames"},
      {"unknown easing", replaced("\"easing\": \"inOut\"", "\"easing\": \"bounce\""), "phases[1].easing: unknown easing 'bounce'"},
      {"mistake patches an unknown pose", replaced("\"poses\": {\"bottom\": {\"legs\": {\"both\": {\"fppa\"", "\"poses\": {\"deep\": {\"legs\": {\"both\": {\"fppa\""),
       "mistakes[0].poses: no pose named 'deep'"},
      {"mistake slug not snake_case", replaced("\"knee_valgus\"", "\"Knee valgus\""), "mistakes[0].slug: slugs are snake_case"},
      {"unknown contact", replaced("\"stand\": {\"legs\"", "\"stand\": {\"feet\": {\"left\": {\"contact\": \"glued\"}}, \"legs\""),
       "poses.stand.feet.left.contact: unknown contact 'glued'"},
      {"anchor on a free foot", replaced("\"stand\": {\"legs\"", "\"stand\": {\"anchor\": \"left\", \"feet\": {\"left\": {\"contact\": \"free\"}}, \"legs\""),
       "poses.stand.anchor: the anchor foot must be planted"},
      {"unknown prop", replaced("\"stance\"", "\"props\": [{\"kind\": \"sofa\"}], \"stance\""), "props[0].kind: unknown prop 'sofa'"},
      {"band without its other end", replaced("\"stance\"", "\"props\": [{\"kind\": \"band\", \"attach\": \"leftHand\"}], \"stance\""),
       "props[0]: a band or cable needs \"to\""},
  };
  for (const BadSource& c : cases) {
    Result<ExerciseSource> source = parseSource(c.text, "src/test_squat.json");
    ASSERT_FALSE(source) << c.label;
    EXPECT_NE(source.error().message.find("src/test_squat.json"), std::string::npos) << c.label << ": " << source.error().message;
    EXPECT_NE(source.error().message.find(c.where), std::string::npos) << c.label << ": " << source.error().message;
  }
}

// Sources that parse but cannot be posed: the baker names the pose and says what to change.
TEST(clipbake, UnposableSourcesAreRefusedNamingThePose) {
  const struct {
    const char* label;
    std::string text;
    const char* where;
  } cases[] = {
      {"feet too wide to reach", replaced("\"width\": 0.34", "\"width\": 1.1"), "poses.bottom"},
      {"ankle check disagrees", replaced("\"hip\": 108, \"knee\": 100}", "\"hip\": 108, \"knee\": 100, \"ankle\": 10}"),
       "poses.bottom: legs.left.ankle is 10.0 but the pose gives"},
      {"planted feet the legs cannot keep",
       replaced("\"bottom\": {\"trunk\"", "\"bottom\": {\"feet\": {\"right\": {\"at\": [-0.17, -0.3]}}, \"trunk\""),
       "poses.bottom: with its foot planted the right leg needs"},
  };
  for (const auto& c : cases) {
    Result<ExerciseSource> source = parseSource(c.text, "src/test_squat.json");
    ASSERT_TRUE(source) << c.label << ": " << source.error().message;
    Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
    ASSERT_FALSE(clips) << c.label;
    EXPECT_NE(clips.error().message.find(c.where), std::string::npos) << c.label << ": " << clips.error().message;
  }
}

TEST(clipbake, EasingsMeetTheEndsAndIncrease) {
  for (Easing e : {Easing::Linear, Easing::In, Easing::Out, Easing::InOut}) {
    EXPECT_EQ(ease(e, 0.0f), 0.0f);
    EXPECT_EQ(ease(e, 1.0f), 1.0f);
    float last = 0.0f;
    for (int i = 1; i <= 100; ++i) {
      const float v = ease(e, static_cast<float>(i) / 100.0f);
      EXPECT_GE(v, last);
      last = v;
    }
  }
  EXPECT_FLOAT_EQ(ease(Easing::InOut, 0.5f), 0.5f);
}

// [SECTION] Committed sources

std::vector<std::string> committedSources() {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(animationsDir() / "src", ec))
    if (e.path().extension() == ".json") ids.push_back(e.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

class CommittedClip : public ::testing::TestWithParam<std::string> {
 protected:
  fs::path sourcePath() const { return animationsDir() / "src" / (GetParam() + ".json"); }
  fs::path gltfPath() const { return animationsDir() / (GetParam() + ".gltf"); }
  ExerciseSource source() const {
    Result<ExerciseSource> s = loadSource(sourcePath().string());
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : ExerciseSource{};
  }
  asset::ImportedModel imported() const {
    Result<asset::ImportedModel> m = asset::importGltf(gltfPath());
    EXPECT_TRUE(m) << m.error().message;
    return m ? std::move(m).value() : asset::ImportedModel{};
  }
};

std::vector<glm::mat4> sampleModel(const anim::Skeleton& skeleton, const anim::Clip& clip, float time) {
  anim::Pose local = anim::restPose(skeleton);
  anim::SamplingCache cache(skeleton.jointCount());
  anim::SampleJob{&clip, time, &cache, local}.Run();
  std::vector<glm::mat4> model(static_cast<std::size_t>(skeleton.jointCount()));
  anim::LocalToModelJob{&skeleton, local, model}.Run();
  return model;
}

TEST_P(CommittedClip, CommittedFilesEqualAFreshBake) {
  Result<GltfFiles> files = bakeFile(sourcePath());
  ASSERT_TRUE(files) << files.error().message;
  const std::string gltf = readFile(gltfPath());
  const std::string bin = readFile(animationsDir() / (GetParam() + ".bin"));
  EXPECT_TRUE(gltf == files->gltf) << gltfPath() << " is out of date: run clipbake --src animations/src --out animations";
  EXPECT_TRUE(bin == std::string(files->bin.begin(), files->bin.end())) << GetParam() << ".bin is out of date";
  Result<GltfFiles> again = bakeFile(sourcePath());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->gltf == files->gltf && again->bin == files->bin) << "baking twice gave different bytes";
}

TEST_P(CommittedClip, ImportsThroughEngineAssetWithItsMarkers) {
  const ExerciseSource src = source();
  const asset::ImportedModel model = imported();
  const Rig& rig = Rig::reference();
  ASSERT_EQ(model.skeleton.jointCount(), rig.skeleton.jointCount());
  for (int j = 0; j < rig.skeleton.jointCount(); ++j)
    EXPECT_EQ(model.skeleton.names()[static_cast<std::size_t>(j)], rig.skeleton.names()[static_cast<std::size_t>(j)]);
  ASSERT_EQ(model.clips.size(), src.clips.size());
  for (std::size_t c = 0; c < src.clips.size(); ++c) {
    const ClipSpec& spec = src.clips[c];
    const anim::Clip& clip = model.clips[c];
    EXPECT_EQ(clip.name(), spec.name);
    float start = 0.0f;
    ASSERT_EQ(clip.markers().size(), spec.phases.size()) << spec.name;
    for (std::size_t p = 0; p < spec.phases.size(); ++p) {
      EXPECT_EQ(clip.markers()[p].name, spec.phases[p].name) << spec.name;
      EXPECT_NEAR(clip.markers()[p].time, start, 1e-4f) << spec.name << " " << spec.phases[p].name;
      start += spec.phases[p].duration;
    }
    EXPECT_NEAR(clip.duration(), start, 1e-4f) << spec.name;
  }
}

// The pose named `name` in a clip spec.
const PoseParams& poseNamed(const ClipSpec& spec, const std::string& name) {
  for (std::size_t i = 0; i < spec.poseNames.size(); ++i)
    if (spec.poseNames[i] == name) return spec.poses[i];
  ADD_FAILURE() << "no pose " << name;
  return spec.poses[0];
}

TEST_P(CommittedClip, KeyPosesReproduceTheSourceAnglesWithinOneDegree) {
  const ExerciseSource src = source();
  const asset::ImportedModel model = imported();
  const Rig& rig = Rig::reference();
  ASSERT_EQ(model.clips.size(), src.clips.size());
  for (std::size_t c = 0; c < src.clips.size(); ++c) {
    const ClipSpec& spec = src.clips[c];
    // Every phase's end, and the middle of every hold (a phase from a pose to itself).
    std::vector<std::pair<float, std::string>> checks;
    float end = 0.0f;
    std::string from = spec.phases.back().to;
    for (const Phase& phase : spec.phases) {
      if (phase.to == from) checks.emplace_back(end + phase.duration * 0.5f, phase.to);
      end += phase.duration;
      checks.emplace_back(end, phase.to);
      from = phase.to;
    }
    for (const auto& [time, pose] : checks) {
      const PoseParams& p = poseNamed(spec, pose);
      const Angles a = measure(rig, sampleModel(model.skeleton, model.clips[c], time));
      const std::string where = fmt::format("{} {} at {:.3f} s (pose {})", GetParam(), spec.name, time, pose);
      EXPECT_NEAR(a.trunkInclination, p.trunkInclination, 1.0f) << where << " trunk inclination";
      for (int s : {kLeft, kRight}) {
        const std::size_t i = static_cast<std::size_t>(s);
        const char* side = s == kLeft ? "left" : "right";
        if (p.legs[i].hasAngles) {
          EXPECT_NEAR(a.hip[i], p.legs[i].hip, 1.0f) << where << " " << side << " hip flexion";
          EXPECT_NEAR(a.knee[i], p.legs[i].knee, 1.0f) << where << " " << side << " knee flexion";
        }
        if (p.legs[i].fppa != 0.0f) {
          EXPECT_NEAR(a.fppa[i], p.legs[i].fppa, 1.0f) << where << " " << side << " FPPA";
        }
        if (p.legs[i].hasAnkle || p.feet[i].contact == Contact::Free) {
          EXPECT_NEAR(a.ankle[i], p.legs[i].ankle, 1.0f) << where << " " << side << " ankle";
        }
        EXPECT_NEAR(a.shoulder[i], p.arms[i].shoulder, 1.0f) << where << " " << side << " shoulder flexion";
        EXPECT_NEAR(a.elbow[i], p.arms[i].elbow, 1.0f) << where << " " << side << " elbow flexion";
      }
    }
  }
}

// Sole points of a foot in model space: heel, ball, toe tip.
std::array<glm::vec3, 3> solePoints(const Rig& rig, const std::vector<glm::mat4>& model, int side) {
  const Rig::Leg& leg = rig.legs[static_cast<std::size_t>(side)];
  const glm::vec3 ankleRest = rig.rest[static_cast<std::size_t>(leg.foot)];
  const glm::vec3 toesRest = rig.rest[static_cast<std::size_t>(leg.toes)];
  const float footLength = glm::length(glm::vec2(toesRest.x - ankleRest.x, toesRest.z - ankleRest.z));
  const glm::mat4& foot = model[static_cast<std::size_t>(leg.foot)];
  const glm::mat4& toes = model[static_cast<std::size_t>(leg.toes)];
  return {glm::vec3(foot * glm::vec4(0.0f, -ankleRest.y, -0.49f * footLength, 1.0f)),
          glm::vec3(toes * glm::vec4(0.0f, -toesRest.y, 0.0f, 1.0f)),
          glm::vec3(toes * glm::vec4(0.0f, -toesRest.y, 0.55f * footLength, 1.0f))};
}

TEST_P(CommittedClip, PlantedFeetSlideLessThanFiveMillimetresAndNoFootGoesBelowTheFloor) {
  const ExerciseSource src = source();
  const asset::ImportedModel model = imported();
  const Rig& rig = Rig::reference();
  ASSERT_EQ(model.clips.size(), src.clips.size());
  for (std::size_t c = 0; c < src.clips.size(); ++c) {
    const ClipSpec& spec = src.clips[c];
    const anim::Clip& clip = model.clips[c];
    std::string from = spec.phases.back().to;
    float start = 0.0f;
    for (const Phase& phase : spec.phases) {
      const PoseParams& a = poseNamed(spec, from);
      const PoseParams& b = poseNamed(spec, phase.to);
      std::array<glm::vec3, 2> anchor{};
      // 120 Hz: four samples per baked frame, so the linear interpolation between keys is checked too.
      const int steps = static_cast<int>(std::lround(phase.duration * 120.0f));
      for (int k = 0; k <= steps; ++k) {
        const float t = start + phase.duration * static_cast<float>(k) / static_cast<float>(steps);
        const std::vector<glm::mat4> m = sampleModel(model.skeleton, clip, t);
        for (int s : {kLeft, kRight}) {
          const std::size_t i = static_cast<std::size_t>(s);
          const auto sole = solePoints(rig, m, s);
          // On the baked frames the sole is on or above the floor; between them, the linear
          // interpolation of the 30 fps keys may cut a fast heel rise's toe tip by a millimetre or two.
          const float tolerance = k % 4 == 0 ? 0.0005f : 0.0025f;
          for (const glm::vec3& point : sole)
            EXPECT_GE(point.y, -tolerance) << spec.name << " " << phase.name << " t=" << t << " side " << s << " below the floor";
          const bool planted = a.feet[i].contact == Contact::Planted && b.feet[i].contact == Contact::Planted &&
                               a.feet[i].at == b.feet[i].at && a.feet[i].lift == b.feet[i].lift;
          if (!planted) continue;
          const glm::vec3 ball = glm::vec3(m[static_cast<std::size_t>(rig.legs[i].toes)][3]);
          if (k == 0) anchor[i] = ball;
          EXPECT_LT(glm::length(ball - anchor[i]), 0.005f) << spec.name << " " << phase.name << " t=" << t << " side " << s << " slides";
          if (a.feet[i].heelRise == 0.0f && b.feet[i].heelRise == 0.0f) {
            EXPECT_LT(std::abs(sole[0].y - a.feet[i].lift), 0.005f) << spec.name << " " << phase.name << " t=" << t << " heel lifts";
          }
        }
      }
      start += phase.duration;
      from = phase.to;
    }
  }
}

TEST_P(CommittedClip, LoopsSeamlessly) {
  const asset::ImportedModel model = imported();
  for (const anim::Clip& clip : model.clips) {
    const std::vector<glm::mat4> first = sampleModel(model.skeleton, clip, 0.0f);
    const std::vector<glm::mat4> last = sampleModel(model.skeleton, clip, clip.duration());
    for (std::size_t j = 0; j < first.size(); ++j)
      EXPECT_LT(glm::length(glm::vec3(first[j][3]) - glm::vec3(last[j][3])), 1e-5f) << clip.name() << " joint " << j;
  }
}

INSTANTIATE_TEST_SUITE_P(clipbake, CommittedClip, ::testing::ValuesIn(committedSources()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(clipbake, EverySourceHasItsFilesAndTheReferenceSquatIsThere) {
  const std::vector<std::string> ids = committedSources();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "bodyweight_squat"), ids.end());
  for (const std::string& id : ids) {
    EXPECT_TRUE(fs::exists(animationsDir() / (id + ".gltf"))) << id;
    EXPECT_TRUE(fs::exists(animationsDir() / (id + ".bin"))) << id;
  }
}

}  // namespace
}  // namespace formviz::clipbake
