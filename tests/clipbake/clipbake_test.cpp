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

#include <nlohmann/json.hpp>

#include "anim/model_space.h"
#include "anim/sampling.h"
#include "asset/import.h"
#include "bake.h"
#include "form/body.h"
#include "form/measures.h"
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
      {"unknown support", replaced("\"stand\": {\"legs\"", "\"stand\": {\"body\": {\"roll\": 90, \"supports\": [\"leftPaw\"]}, \"legs\""),
       "poses.stand.body.supports[0]: unknown support 'leftPaw'"},
      {"lying body with planted feet", replaced("\"stand\": {\"legs\"", "\"stand\": {\"body\": {\"roll\": 90, \"supports\": [\"leftHip\"]}, \"legs\""),
       "poses.stand.body: a body lying on its supports has no planted feet"},
      {"lying body without a roll", replaced("\"stand\": {\"legs\"", "\"stand\": {\"body\": {\"supports\": [\"leftHip\"]}, \"legs\""),
       "poses.stand.body: missing \"roll\""},
      {"kneeOpen with fppa", replaced("\"fppa\": 18", "\"fppa\": 18, \"kneeOpen\": 20"), "legs.both: give \"fppa\" or \"kneeOpen\""},
      {"unknown hand frame", replaced("\"bottom\": {\"trunk\"", "\"bottom\": {\"arms\": {\"left\": {\"hand\": {\"frame\": \"hip\", \"at\": [0, 0, 0]}}}, \"trunk\""),
       "poses.bottom.arms.left.hand.frame: unknown frame 'hip'"},
      {"slide not a boolean", replaced("\"stand\": {\"legs\"", "\"stand\": {\"feet\": {\"left\": {\"slide\": 1}}, \"legs\""),
       "poses.stand.feet.left.slide: expected true or false"},
      {"zero elbow pole", replaced("\"stand\": {\"legs\"", "\"stand\": {\"arms\": {\"left\": {\"hand\": {\"at\": [0.3, 1.2, 0.3], \"pole\": [0, 0, 0]}}}, \"legs\""),
       "poses.stand.arms.left.hand.pole: expected a direction"},
      {"unknown resting limb", replaced("\"stand\": {\"legs\"", "\"stand\": {\"rests\": [\"leftKnee\", \"leftPaw\"], \"legs\""),
       "poses.stand.rests[1]: unknown support 'leftPaw'"},
      {"swing ankle out of range", replaced("\"stand\": {\"legs\"", "\"stand\": {\"feet\": {\"left\": {\"swingAnkle\": 30}}, \"legs\""),
       "poses.stand.feet.left.swingAnkle: 30 is outside"},
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
      // A lying body's trunk.inclination is the upright pose's, before the roll.
      if (!p.body.lying) {
        EXPECT_NEAR(a.trunkInclination, p.trunkInclination, 1.0f) << where << " trunk inclination";
      }
      for (int s : {kLeft, kRight}) {
        const std::size_t i = static_cast<std::size_t>(s);
        const char* side = s == kLeft ? "left" : "right";
        if (p.legs[i].hasAngles) {
          // An opened knee (kneeOpen) moves the thigh out of the sagittal plane: `hip` is the closed leg's.
          if (p.legs[i].kneeOpen == 0.0f) {
            EXPECT_NEAR(a.hip[i], p.legs[i].hip, 1.0f) << where << " " << side << " hip flexion";
          }
          EXPECT_NEAR(a.knee[i], p.legs[i].knee, 1.0f) << where << " " << side << " knee flexion";
        }
        if (p.legs[i].fppa != 0.0f) {
          EXPECT_NEAR(a.fppa[i], p.legs[i].fppa, 1.0f) << where << " " << side << " FPPA";
        }
        if (p.legs[i].hasAnkle || p.feet[i].contact == Contact::Free) {
          EXPECT_NEAR(a.ankle[i], p.legs[i].ankle, 1.0f) << where << " " << side << " ankle";
        }
        if (p.arms[i].handFrame != ArmParams::HandFrame::None) continue;  // the hand IK decides the arm
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
      // Four samples per baked frame (120 Hz at 30 fps), so the linear interpolation between keys is checked too.
      const int steps = static_cast<int>(std::lround(phase.duration * src.frameRate * 4.0f));
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


// [SECTION] Lying bodies, hands, sliding feet (synthetic sources)

// A straight body rolled onto its left side on the left forearm and the side of the left foot.
const char* const kSidePlank = R"({
  "format": "formviz-clip/1", "exercise": "test_side", "title": "Test", "side": "left",
  "poses": {
    "plank": {"body": {"roll": 70, "supports": ["workingElbow", "workingFoot"], "at": [0.1, 0.2]},
              "feet": {"both": {"contact": "free"}},
              "legs": {"both": {"hip": 0, "knee": 0, "abduction": -3, "ankle": 0}},
              "arms": {"working": {"shoulder": 0, "abduction": 73, "elbow": 90}}},
    "sag": {"body": {"roll": 70, "supports": ["workingElbow", "workingFoot"], "at": [0.1, 0.2]},
            "feet": {"both": {"contact": "free"}}, "trunk": {"lean": -12},
            "legs": {"both": {"hip": 0, "knee": 0, "ankle": 0}, "working": {"abduction": -15}, "other": {"abduction": 9}},
            "arms": {"working": {"shoulder": 0, "abduction": 73, "elbow": 90}}}
  },
  "phases": [{"name": "down", "to": "sag", "duration": 0.5}, {"name": "up", "to": "plank", "duration": 0.5}]
})";

TEST(clipbake, ALyingBodyRestsOnBothSupportsAndTheFirstStaysOnItsSpot) {
  Result<ExerciseSource> source = parseSource(kSidePlank, "src/test_side.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_side.json");
  ASSERT_TRUE(clips) << clips.error().message;
  const Rig& rig = Rig::reference();
  const Support elbow{kLeft, SupportPoint::Elbow}, foot{kLeft, SupportPoint::Foot};
  for (const anim::Pose& frame : (*clips)[0].frames) {
    const std::vector<glm::mat4> m = modelOf(rig, frame);
    const glm::vec3 e = supportPoint(rig, m, elbow), f = supportPoint(rig, m, foot);
    EXPECT_NEAR(e.x, 0.1f, 1e-4f);
    EXPECT_NEAR(e.y, 0.0f, 1e-4f);
    EXPECT_NEAR(e.z, 0.2f, 1e-4f);
    EXPECT_NEAR(f.y, 0.0f, 5e-4f);  // the roll is solved every frame
    // Lying on the left side: the hip line within 30 degrees of vertical, left hip below.
    const glm::vec3 hipL(m[static_cast<std::size_t>(rig.legs[kLeft].upper)][3]), hipR(m[static_cast<std::size_t>(rig.legs[kRight].upper)][3]);
    EXPECT_GT(glm::normalize(hipR - hipL).y, std::cos(glm::radians(30.0f)));
  }
  // The straight key reads hip and knee 0 in the lying body frame; the sagging key's hips sink.
  const std::vector<glm::mat4> straight = modelOf(rig, (*clips)[0].keys[1].local);
  const Angles a = measure(rig, straight);
  EXPECT_NEAR(a.hip[kLeft], 0.0f, 0.5f);
  EXPECT_NEAR(a.knee[kLeft], 0.0f, 0.5f);
  const float straightHips = straight[static_cast<std::size_t>(rig.hips)][3].y;
  const float saggingHips = modelOf(rig, (*clips)[0].keys[0].local)[static_cast<std::size_t>(rig.hips)][3].y;
  EXPECT_LT(saggingHips, straightHips - 0.05f);
  // The first support is a contact in the extras, on its joint (the elbow) with its point.
  bool elbowContact = false;
  for (const BakedClip::Contact& c : (*clips)[0].contacts)
    elbowContact = elbowContact || (c.joint == "leftLowerArm" && c.point == "elbow" && c.start == 0.0f && c.end == 1.0f);
  EXPECT_TRUE(elbowContact);
}

// `rests` (a quadruped's hands and knees, a plank's forearms): listed as contacts in the phases
// through which they stay put, and only there; the pose is not changed.
TEST(clipbake, RestingLimbsAreContactsWhereTheyStayPut) {
  std::string text = replaced("\"stand\": {\"legs\"", "\"stand\": {\"rests\": [\"leftHand\", \"rightKnee\"], \"legs\"");
  const std::string ascent = "{\"name\": \"ascent\", \"to\": \"stand\", \"duration\": 1.0, \"easing\": \"inOut\"}";
  const std::size_t at = text.find(ascent);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + ascent.size(), ",\n    {\"name\": \"top\", \"to\": \"stand\", \"duration\": 0.5}");
  Result<ExerciseSource> source = parseSource(text, "src/test_squat.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
  ASSERT_TRUE(clips) << clips.error().message;
  Result<std::vector<BakedClip>> plain = bakeClips(*parseSource(kValid, "src/test_squat.json"), "src/test_squat.json");
  ASSERT_TRUE(plain) << plain.error().message;
  // The same standing pose as without rests (the last key of both clips is the standing one).
  EXPECT_TRUE(modelOf(Rig::reference(), (*clips)[0].keys.back().local) == modelOf(Rig::reference(), (*plain)[0].keys.back().local));
  std::vector<std::string> listed;
  for (const BakedClip::Contact& c : (*clips)[0].contacts) {
    if (c.point.empty()) continue;  // the feet
    listed.push_back(fmt::format("{} {} {:.2f}-{:.2f}", c.joint, c.point, c.start, c.end));
    // Each holds its joint where the span says.
    const Rig& rig = Rig::reference();
    const int joint = rig.skeleton.findJoint(c.joint);
    for (int f = static_cast<int>(std::lround(c.start * 30.0f)); f <= static_cast<int>(std::lround(c.end * 30.0f)); ++f) {
      const glm::vec3 p(modelOf(rig, (*clips)[0].frames[static_cast<std::size_t>(f)])[static_cast<std::size_t>(joint)][3]);
      EXPECT_LT(glm::length(p - c.position), 0.001f) << c.joint << " frame " << f;
    }
  }
  // Only the hold at the top (2.0-2.5 s): on the way up the hand and knee move.
  EXPECT_EQ(listed, (std::vector<std::string>{"leftHand hand 2.00-2.50", "rightLowerLeg knee 2.00-2.50"}));
}

TEST(clipbake, ASupportThatCannotReachTheFloorIsRefusedNamingIt) {
  std::string text = kSidePlank;
  const std::string from = "\"supports\": [\"workingElbow\", \"workingFoot\"]";
  const std::size_t at = text.find(from);  // the first pose, "plank"
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "\"supports\": [\"workingElbow\", \"workingFoot\", \"otherHand\"]");
  Result<ExerciseSource> source = parseSource(text, "src/test_side.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_side.json");
  ASSERT_FALSE(clips);
  EXPECT_NE(clips.error().message.find("poses.plank: body.supports[2] (rightHand) is"), std::string::npos) << clips.error().message;
}

TEST(clipbake, HandTargetsAreReachedInTheWorldAndInTheChestFrame) {
  const std::string text = replaced("\"bottom\": {\"trunk\": {\"inclination\": 40}",
                                    "\"bottom\": {\"arms\": {\"both\": {\"shoulder\": 40, \"abduction\": -10, \"elbow\": 100, "
                                    "\"hand\": {\"frame\": \"chest\", \"at\": [0.06, -0.2, 0.25]}}}, \"trunk\": {\"inclination\": 40}");
  Result<ExerciseSource> source = parseSource(text, "src/test_squat.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
  ASSERT_TRUE(clips) << clips.error().message;
  const Rig& rig = Rig::reference();
  const std::vector<glm::mat4> m = modelOf(rig, (*clips)[0].keys[0].local);  // the bottom
  auto pos = [&](int j) { return glm::vec3(m[static_cast<std::size_t>(j)][3]); };
  const glm::vec3 l = pos(rig.arms[kLeft].upper), r = pos(rig.arms[kRight].upper);
  const glm::vec3 x = glm::normalize(l - r);
  const glm::vec3 neck = pos(rig.neck), hips = pos(rig.hips);
  glm::vec3 up = glm::angleAxis(rig.trunkRestTilt, glm::normalize(glm::vec3(x.x, 0.0f, x.z))) * glm::normalize(neck - hips);
  up = glm::normalize(up - glm::dot(up, x) * x);
  const glm::vec3 z = glm::cross(x, up), origin = 0.5f * (l + r);
  EXPECT_LT(glm::length(pos(rig.arms[kLeft].hand) - (origin + 0.06f * x - 0.2f * up + 0.25f * z)), 0.002f);
  EXPECT_LT(glm::length(pos(rig.arms[kRight].hand) - (origin - 0.06f * x - 0.2f * up + 0.25f * z)), 0.002f);
  // Halfway down, the IK is blended in from the standing key (which has no target): the hands
  // are between the free arms and the target, and nothing jumps.
  const std::vector<BakedClip::Contact>& contacts = (*clips)[0].contacts;
  for (const BakedClip::Contact& c : contacts) EXPECT_TRUE(c.point.empty()) << "a chest-frame hand is not a contact";
}

TEST(clipbake, ASlidingFootStaysOnTheFloorAlongAStraightLine) {
  const std::string text = replaced("\"bottom\": {\"trunk\": {\"inclination\": 40}",
                                    "\"bottom\": {\"feet\": {\"left\": {\"at\": [0.17, -0.2], \"slide\": true}}, \"anchor\": \"right\", "
                                    "\"trunk\": {\"inclination\": 40}");
  std::string source_text = text;
  // The left leg is left to the IK in the bottom pose (its foot slid back).
  const std::string legs = "\"legs\": {\"both\": {\"hip\": 108, \"knee\": 100}}";
  const std::size_t at = source_text.find(legs);
  ASSERT_NE(at, std::string::npos);
  source_text.replace(at, legs.size(), "\"legs\": {\"right\": {\"hip\": 108, \"knee\": 100}}");
  const std::size_t mistakes = source_text.find(",\n  \"mistakes\"");
  ASSERT_NE(mistakes, std::string::npos);
  source_text = source_text.substr(0, mistakes) + "\n}";
  Result<ExerciseSource> source = parseSource(source_text, "src/test_squat.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
  ASSERT_TRUE(clips) << clips.error().message;
  const Rig& rig = Rig::reference();
  const BakedClip& clip = (*clips)[0];
  // Phase "descent" (frames 0-30): the left ball slides from z 0.127 back to z -0.073 on the floor.
  float lastZ = 1.0f, x = 0.0f;
  for (std::size_t f = 0; f <= 30; ++f) {
    const std::vector<glm::mat4> m = modelOf(rig, clip.frames[f]);
    const glm::vec3 ball(m[static_cast<std::size_t>(rig.legs[kLeft].toes)][3]);
    if (f == 0) x = ball.x;
    EXPECT_NEAR(ball.y, rig.rest[static_cast<std::size_t>(rig.legs[kLeft].toes)].y, 5e-4f) << "frame " << f;
    EXPECT_NEAR(ball.x, x, 5e-4f) << "frame " << f;
    EXPECT_LE(ball.z, lastZ + 1e-5f) << "frame " << f;
    lastZ = ball.z;
  }
  bool sliding = false;
  for (const BakedClip::Contact& c : clip.contacts)
    sliding = sliding || (c.joint == "leftToes" && c.slides && c.start == 0.0f && c.end == 1.0f && c.to.z < c.position.z - 0.19f);
  EXPECT_TRUE(sliding);
}

// A foot stepping between two planted spots of a quarter squat: without a swing ankle it is
// carried at its planted tilt (about 30 deg of dorsiflexion in the air); with feet.swingAnkle
// its ankle passes through that angle at mid-swing and never leaves the range of the keys
// and the swing angle, within 2 deg (the lateral band walk's stepping foot).
TEST(clipbake, ASwingAnkleSetsTheSteppingFootBetweenTwoPlantedKeys) {
  const std::string base = R"({
  "format": "formviz-clip/1", "exercise": "test_step", "title": "Test", "side": "both",
  "stance": {"width": 0.3, "toeOut": 0},
  "poses": {
    "narrow": {"trunk": {"inclination": 28}, "legs": {"right": {"hip": 45, "knee": 45}}, "anchor": "right"},
    "wide": {"trunk": {"inclination": 28}, "legs": {"right": {"hip": 45, "knee": 45}}, "anchor": "right",
             "feet": {"left": {"at": [0.3, 0]SWING}}}
  },
  "phases": [{"name": "step_out", "to": "wide", "duration": 1.0}, {"name": "step_in", "to": "narrow", "duration": 1.0}]
})";
  auto midSwingAnkles = [&](const std::string& swing) {
    std::string text = base;
    text.replace(text.find("SWING"), 5, swing);
    Result<ExerciseSource> source = parseSource(text, "src/test_step.json");
    EXPECT_TRUE(source) << source.error().message;
    Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_step.json");
    EXPECT_TRUE(clips) << clips.error().message;
    const Rig& rig = Rig::reference();
    std::vector<float> ankles;
    for (std::size_t f = 0; f <= 30; ++f) ankles.push_back(measure(rig, modelOf(rig, (*clips)[0].frames[f])).ankle[kLeft]);
    return ankles;
  };
  const std::vector<float> carried = midSwingAnkles("");
  const std::vector<float> swung = midSwingAnkles(", \"swingAnkle\": 5");
  const float planted = carried.front();
  EXPECT_GT(planted, 25.0f);  // the quarter squat's flat foot
  EXPECT_GT(carried[15], 25.0f);
  EXPECT_NEAR(swung[15], 5.0f, 1.5f);
  EXPECT_NEAR(swung.front(), planted, 0.1f);
  EXPECT_NEAR(swung.back(), planted, 1.0f);
  for (std::size_t f = 0; f < swung.size(); ++f) {
    EXPECT_LE(swung[f], planted + 0.5f) << "frame " << f;
    EXPECT_GE(swung[f], 3.0f) << "frame " << f;
  }
}

// [SECTION] The new exercises, measured with engine/form

struct Sampled {
  asset::ImportedModel model;
  form::BodyRig rig;
  const anim::Clip* clip(const std::string& name) const {
    for (const anim::Clip& c : model.clips)
      if (c.name() == name) return &c;
    return nullptr;
  }
};

Sampled load(const std::string& id) {
  Sampled s;
  Result<asset::ImportedModel> m = asset::importGltf(animationsDir() / (id + ".gltf"));
  EXPECT_TRUE(m) << m.error().message;
  if (!m) return s;
  s.model = std::move(m).value();
  Result<form::BodyRig> rig = form::BodyRig::bind(s.model.skeleton);
  EXPECT_TRUE(rig) << rig.error().message;
  if (rig) s.rig = *rig;
  return s;
}

form::FrameMeasures measureAt(const Sampled& s, const std::vector<glm::mat4>& model, form::ContactFrame* contacts = nullptr) {
  form::FrameMeasures out;
  form::MeasureJob job;
  job.rig = &s.rig;
  job.model = model;
  job.offsets = s.rig.contactOffsets;
  job.output = &out;
  job.contacts = contacts;
  EXPECT_TRUE(job.Run());
  return out;
}

// The lowest contact point of a side, named ("heel", "toe tip", ...), for failure messages.
std::string lowestPoint(const form::ContactFrame& contacts, form::Side side) {
  static const char* const names[] = {"heel", "toe tip", "ball", "palm", "elbow", "knee"};
  int lowest = 0;
  for (int p = 1; p < form::kContactPointCount; ++p)
    if (contacts.get(side, static_cast<form::ContactPoint>(p)).y < contacts.get(side, static_cast<form::ContactPoint>(lowest)).y) lowest = p;
  return fmt::format("{} {} at y {:.4f}", side == form::Side::Left ? "left" : "right", names[lowest],
                     contacts.get(side, static_cast<form::ContactPoint>(lowest)).y);
}

float markerTime(const anim::Clip& clip, const std::string& name) {
  for (const anim::Marker& m : clip.markers())
    if (m.name == name) return m.time;
  ADD_FAILURE() << "no marker " << name;
  return 0.0f;
}

glm::vec3 jointAt(const std::vector<glm::mat4>& m, int joint) { return glm::vec3(m[static_cast<std::size_t>(joint)][3]); }

// Every committed clip: nothing (heels, toes, balls, palms, elbows, knees) sinks more than 5 mm
// into the floor, at 60 Hz; and every contact in the extras holds its joint within 5 mm.
TEST_P(CommittedClip, NoContactPointSinksIntoTheFloorAndContactsHold) {
  const Sampled s = load(GetParam());
  const nlohmann::json doc = nlohmann::json::parse(readFile(gltfPath()));
  ASSERT_EQ(doc["animations"].size(), s.model.clips.size());
  for (std::size_t c = 0; c < s.model.clips.size(); ++c) {
    const anim::Clip& clip = s.model.clips[c];
    const int steps = static_cast<int>(std::lround(clip.duration() * 60.0f));
    for (int k = 0; k <= steps; ++k) {
      const float t = clip.duration() * static_cast<float>(k) / static_cast<float>(steps);
      form::ContactFrame contacts;
      const form::FrameMeasures f = measureAt(s, sampleModel(s.model.skeleton, clip, t), &contacts);
      for (form::Side side : {form::Side::Left, form::Side::Right})
        EXPECT_LE(f.get(form::Measure::FloorPenetration, side), 0.005f) << clip.name() << " t=" << t << ": " << lowestPoint(contacts, side);
    }
    for (const nlohmann::json& contact : doc["animations"][c]["extras"]["contacts"]) {
      if (contact.contains("to")) continue;  // a sliding foot
      const int joint = s.model.skeleton.findJoint(contact["joint"].get<std::string>());
      ASSERT_GE(joint, 0) << contact.dump();
      const glm::vec3 spot(contact["position"][0].get<float>(), contact["position"][1].get<float>(), contact["position"][2].get<float>());
      const float start = contact["start"].get<float>(), end = contact["end"].get<float>();
      for (int k = 0; k <= 20; ++k) {
        const float t = start + (end - start) * static_cast<float>(k) / 20.0f;
        EXPECT_LT(glm::length(jointAt(sampleModel(s.model.skeleton, clip, t), joint) - spot), 0.005f)
            << clip.name() << " " << contact.dump() << " t=" << t;
      }
    }
  }
}

TEST(NewExercises, SidePlankHoldsAStraightLineOnItsForearmAndTheMistakesBendOrRollIt) {
  const Sampled s = load("side_plank");
  const anim::Clip* correct = s.clip("correct");
  const anim::Clip* drop = s.clip("mistake_hip_drop");
  const anim::Clip* roll = s.clip("mistake_trunk_rotation");
  ASSERT_TRUE(correct && drop && roll);
  const form::BodyJoints& j = s.rig.joints;
  const int left = form::index(form::Side::Left);
  const float hold = markerTime(*correct, "hold") + 1.0f;
  const std::vector<glm::mat4> m = sampleModel(s.model.skeleton, *correct, hold);
  const form::FrameMeasures f = measureAt(s, m);
  EXPECT_GT(f.get(form::Measure::BodyLine, form::Side::Left), 175.0f);  // 180 +/- 10 (biomechanics.md C)
  // Elbow under the shoulder (upper arm within 10 degrees of vertical), forearm flat on the floor.
  const glm::vec3 shoulder = jointAt(m, j.arm[left].upperArm), elbow = jointAt(m, j.arm[left].lowerArm), wrist = jointAt(m, j.arm[left].hand);
  EXPECT_GT(glm::normalize(shoulder - elbow).y, std::cos(glm::radians(20.0f)));
  EXPECT_NEAR(elbow.y, 0.035f, 0.003f);
  EXPECT_NEAR(wrist.y, 0.035f, 0.003f);
  // Lying on the left side: the left hip below the right, feet stacked.
  EXPECT_GT(jointAt(m, j.leg[1].upperLeg).y - jointAt(m, j.leg[0].upperLeg).y, 0.12f);
  EXPECT_GT(jointAt(m, j.leg[1].foot).y - jointAt(m, j.leg[0].foot).y, 0.05f);
  // Hip drop: the line breaks (< 170) and the hips sink; trunk rotation: the chest faces the floor.
  const std::vector<glm::mat4> md = sampleModel(s.model.skeleton, *drop, hold);
  EXPECT_LT(measureAt(s, md).get(form::Measure::BodyLine, form::Side::Left), 170.0f);
  EXPECT_LT(jointAt(md, j.hips).y, jointAt(m, j.hips).y - 0.08f);
  const std::vector<glm::mat4> mr = sampleModel(s.model.skeleton, *roll, hold);
  auto chestForwardDown = [&](const std::vector<glm::mat4>& model) {
    return -glm::normalize(glm::vec3(model[static_cast<std::size_t>(j.upperChest)][2])).y;  // sine of the tilt toward the floor
  };
  EXPECT_LT(std::abs(chestForwardDown(m)), std::sin(glm::radians(3.0f)));
  EXPECT_GT(chestForwardDown(mr), std::sin(glm::radians(15.0f)));
  EXPECT_NEAR(jointAt(mr, j.arm[left].hand).y, 0.035f, 0.003f);  // the forearm stays on the floor (hand IK)
}

TEST(NewExercises, ClamshellOpensTheTopKneeWithHeelsTogetherAndAStillPelvis) {
  const Sampled s = load("clamshell");
  const anim::Clip* correct = s.clip("correct");
  const anim::Clip* pelvisRoll = s.clip("mistake_pelvis_roll");
  const anim::Clip* heels = s.clip("mistake_heels_apart");
  ASSERT_TRUE(correct && pelvisRoll && heels);
  const form::BodyJoints& j = s.rig.joints;
  auto opening = [&](const std::vector<glm::mat4>& m) {  // degrees between the thighs (knee-hip-knee)
    const glm::vec3 a = jointAt(m, j.leg[0].lowerLeg) - jointAt(m, j.leg[0].upperLeg);
    const glm::vec3 b = jointAt(m, j.leg[1].lowerLeg) - jointAt(m, j.leg[1].upperLeg);
    return glm::degrees(std::acos(glm::dot(glm::normalize(a), glm::normalize(b))));
  };
  auto heelGap = [&](const std::vector<glm::mat4>& m) { return glm::length(jointAt(m, j.leg[0].foot) - jointAt(m, j.leg[1].foot)); };
  auto pelvis = [&](const std::vector<glm::mat4>& m) { return glm::quat_cast(glm::mat3(m[static_cast<std::size_t>(j.hips)])); };
  const std::vector<glm::mat4> closed = sampleModel(s.model.skeleton, *correct, markerTime(*correct, "open"));
  const std::vector<glm::mat4> top = sampleModel(s.model.skeleton, *correct, markerTime(*correct, "top"));
  // The top knee swings up: its thigh turns by over 25 degrees (a 40 degree turn about the hip-ankle
  // line; hip external rotation ~30-45, biomechanics.md E) and the knees part by over 15 cm.
  const glm::vec3 thighClosed = jointAt(closed, j.leg[1].lowerLeg) - jointAt(closed, j.leg[1].upperLeg);
  const glm::vec3 thighOpen = jointAt(top, j.leg[1].lowerLeg) - jointAt(top, j.leg[1].upperLeg);
  EXPECT_GT(glm::degrees(std::acos(glm::dot(glm::normalize(thighClosed), glm::normalize(thighOpen)))), 25.0f);
  auto kneeGap = [&](const std::vector<glm::mat4>& m) { return glm::length(jointAt(m, j.leg[0].lowerLeg) - jointAt(m, j.leg[1].lowerLeg)); };
  EXPECT_GT(kneeGap(top) - kneeGap(closed), 0.15f);
  EXPECT_GT(opening(top), opening(closed));
  for (int k = 0; k <= 50; ++k) {
    const std::vector<glm::mat4> m = sampleModel(s.model.skeleton, *correct, correct->duration() * static_cast<float>(k) / 50.0f);
    EXPECT_LT(heelGap(m) - heelGap(closed), 0.02f) << "the heels part";
    EXPECT_LT(glm::degrees(glm::angle(pelvis(m) * glm::inverse(pelvis(closed)))), 1.0f) << "the pelvis moves";
  }
  const float tTop = markerTime(*pelvisRoll, "top");
  const std::vector<glm::mat4> rolled = sampleModel(s.model.skeleton, *pelvisRoll, tTop);
  EXPECT_GT(glm::degrees(glm::angle(pelvis(rolled) * glm::inverse(pelvis(closed)))), 12.0f);
  const std::vector<glm::mat4> apart = sampleModel(s.model.skeleton, *heels, markerTime(*heels, "top"));
  EXPECT_GT(heelGap(apart) - heelGap(closed), 0.08f);
}

TEST(NewExercises, BoundingStaysOverTheOriginWithFlightAndStanceFeetOnTheFloor) {
  const Sampled s = load("bounding");
  const form::BodyJoints& j = s.rig.joints;
  for (const anim::Clip& clip : s.model.clips) {
    float lowestInFlight = 1.0f;
    const float flight = markerTime(clip, "flight"), reach = markerTime(clip, "reach");
    for (int k = 0; k <= 120; ++k) {
      const float t = clip.duration() * static_cast<float>(k) / 120.0f;
      const std::vector<glm::mat4> m = sampleModel(s.model.skeleton, clip, t);
      const glm::vec3 hips = jointAt(m, j.hips);
      EXPECT_LT(glm::length(glm::vec2(hips.x, hips.z)), 0.12f) << clip.name() << " t=" << t << ": baked in place";
      if (t > flight + 0.1f && t < reach + 0.05f)
        for (int side = 0; side < 2; ++side) lowestInFlight = std::min(lowestInFlight, jointAt(m, j.leg[side].toes).y);
    }
    EXPECT_GT(lowestInFlight, 0.04f) << clip.name() << ": both feet leave the floor";
    // Left stance (landing, push_off): the left ball stays on the floor and moves straight back.
    const float t0 = markerTime(clip, "landing"), t1 = flight;
    float lastZ = 10.0f;
    for (int k = 0; k <= 20; ++k) {
      const float t = t0 + (t1 - t0) * static_cast<float>(k) / 20.0f;
      const glm::vec3 ball = jointAt(sampleModel(s.model.skeleton, clip, t), j.leg[0].toes);
      EXPECT_NEAR(ball.y, 0.021f, 0.003f) << clip.name() << " t=" << t;
      EXPECT_LE(ball.z, lastZ + 0.002f) << clip.name() << " t=" << t;
      lastZ = ball.z;
    }
  }
  // Contact time: 0.2 s in the correct clip, 0.4 s when the stance collapses (> 0.3 s, biomechanics.md D).
  const anim::Clip* correct = s.clip("correct");
  const anim::Clip* collapse = s.clip("mistake_collapse");
  ASSERT_TRUE(correct && collapse);
  EXPECT_NEAR(markerTime(*correct, "flight") - markerTime(*correct, "landing"), 0.2f, 1e-3f);
  EXPECT_GT(markerTime(*collapse, "flight") - markerTime(*collapse, "landing"), 0.3f);
}

// The band pull-apart's elbow bend folds the forearms in the horizontal plane (hand IK with an
// elbow pole out to the side): at the hold the elbows are level with the shoulders and out past
// the hands, which stop in front of the chest; not a goalpost (forearms up) fold.
TEST(NewExercises, BandPullApartElbowBendFoldsLevelWithTheShoulders) {
  const Sampled s = load("band_pull_apart");
  const anim::Clip* bend = s.clip("mistake_elbow_bend");
  ASSERT_TRUE(bend);
  const form::BodyJoints& j = s.rig.joints;
  const std::vector<glm::mat4> m = sampleModel(s.model.skeleton, *bend, markerTime(*bend, "return"));
  for (int side = 0; side < 2; ++side) {
    const glm::vec3 shoulder = jointAt(m, j.arm[side].upperArm), elbow = jointAt(m, j.arm[side].lowerArm),
                    wrist = jointAt(m, j.arm[side].hand);
    EXPECT_LT(std::abs(elbow.y - shoulder.y), 0.03f) << side;
    EXPECT_LT(std::abs(wrist.y - shoulder.y), 0.05f) << side;
    EXPECT_GT(std::abs(elbow.x), std::abs(wrist.x) + 0.05f) << side;
    EXPECT_GT(wrist.z, elbow.z + 0.15f) << side;
  }
}

TEST(NewExercises, LateralBandWalkStepsOutAndBackWithPlantedFeet) {
  const Sampled s = load("lateral_band_walk");
  const anim::Clip* correct = s.clip("correct");
  ASSERT_TRUE(correct);
  const form::BodyJoints& j = s.rig.joints;
  const float out = markerTime(*correct, "step_out"), in = markerTime(*correct, "step_in");
  const std::vector<glm::mat4> start = sampleModel(s.model.skeleton, *correct, out);
  const std::vector<glm::mat4> wide = sampleModel(s.model.skeleton, *correct, in);
  // The left foot leads 0.15 m out; the right stays planted meanwhile.
  EXPECT_NEAR(jointAt(wide, j.leg[0].foot).x - jointAt(start, j.leg[0].foot).x, 0.15f, 0.002f);
  for (int k = 0; k <= 20; ++k) {
    const float t = out + (in - out) * static_cast<float>(k) / 20.0f;
    EXPECT_LT(glm::length(jointAt(sampleModel(s.model.skeleton, *correct, t), j.leg[1].toes) - jointAt(start, j.leg[1].toes)), 0.002f);
  }
  // Half squat throughout (hip 30-45, knee 30-45, biomechanics.md E), knees over the feet.
  for (int k = 0; k <= 40; ++k) {
    const float t = correct->duration() * static_cast<float>(k) / 40.0f;
    const form::FrameMeasures f = measureAt(s, sampleModel(s.model.skeleton, *correct, t));
    for (form::Side side : {form::Side::Left, form::Side::Right}) {
      EXPECT_GT(f.get(form::Measure::KneeFlexion, side), 28.0f) << "t=" << t;
      EXPECT_LT(std::abs(f.get(form::Measure::KneeFppa, side)), 8.0f) << "t=" << t;
    }
  }
}

// [SECTION] Raised arms

// Signed twist (degrees) of `bone` about its rest axis axis0, measured from the shortest swing
// that points axis0 where the bone points, in `parent`'s frame; both rotations are turns from
// the rest (the reference rig's rest rotations are identity).
float twistAgainst(const glm::quat& parent, const glm::quat& bone, const glm::vec3& axis0) {
  const glm::quat rel = glm::inverse(parent) * bone;
  const glm::vec3 d = rel * axis0;
  const glm::vec3 c = glm::cross(axis0, d);
  const glm::quat swing = glm::length(c) < 1e-6f ? glm::quat(1, 0, 0, 0)
                                                 : glm::angleAxis(std::atan2(glm::length(c), glm::dot(axis0, d)),
                                                                  glm::normalize(c));
  const glm::quat twist = glm::inverse(swing) * rel;  // about axis0
  float t = glm::degrees(2.0f * std::atan2(glm::dot(glm::vec3(twist.x, twist.y, twist.z), axis0), twist.w));
  if (t > 180.0f) t -= 360.0f;
  if (t <= -180.0f) t += 360.0f;
  return t;
}

float turnBetween(const glm::quat& a, const glm::quat& b) {
  const glm::quat r = glm::inverse(a) * b;
  return glm::degrees(2.0f * std::acos(std::min(1.0f, std::abs(r.w))));
}

// An arm reaching overhead (flexion 175, the bird dog's reach) used to stand with its humerus
// turned about 170 degrees about its own axis against the shortest swing from the A-pose: the
// upper arm 175 degrees from the chest and the clavicle, where linear blend skinning collapses
// the armpit band to a line. The humerus now gives back most of that twist, the forearm part,
// so every band of the arm turns less than 143 degrees (a half-and-half blend keeps at least a
// tenth of the volume, the skin_stretch_tests bound), and the arm still points where the
// source says.
TEST(clipbake, ARaisedArmKeepsItsTwistAgainstTheChestAndClavicleSmall) {
  const std::string text = replaced("\"bottom\": {\"trunk\": {\"inclination\": 40}",
                                    "\"bottom\": {\"arms\": {\"both\": {\"shoulder\": 175, \"abduction\": 4, \"elbow\": 0}}, "
                                    "\"trunk\": {\"inclination\": 40}");
  Result<ExerciseSource> source = parseSource(text, "src/test_squat.json");
  ASSERT_TRUE(source) << source.error().message;
  Result<std::vector<BakedClip>> clips = bakeClips(*source, "src/test_squat.json");
  ASSERT_TRUE(clips) << clips.error().message;
  const Rig& rig = Rig::reference();
  const std::vector<glm::mat4> m = modelOf(rig, (*clips)[0].keys[0].local);  // the bottom
  auto rot = [&](int j) { return glm::quat_cast(glm::mat3(m[static_cast<std::size_t>(j)])); };
  auto rest = [&](int j) { return rig.rest[static_cast<std::size_t>(j)]; };
  const Angles angles = measure(rig, m);
  for (int side : {kLeft, kRight}) {
    const Rig::Arm& arm = rig.arms[static_cast<std::size_t>(side)];
    const glm::vec3 d0 = glm::normalize(rest(arm.lower) - rest(arm.upper));
    const float twist = twistAgainst(rot(rig.chest), rot(arm.upper), d0);
    // 175 flexion with the twist all kept: about 170; 3/4 of it given back, ramped in from 90.
    EXPECT_LT(std::abs(twist), 60.0f) << side;
    EXPECT_GT(std::abs(twist), 20.0f) << side << ": the arm keeps part of it (the palm still faces in)";
    EXPECT_LT(turnBetween(rot(rig.chest), rot(arm.upper)), 143.0f) << side;
    EXPECT_LT(turnBetween(rot(arm.shoulder), rot(arm.upper)), 143.0f) << side;
    EXPECT_LT(turnBetween(rot(arm.upper), rot(arm.lower)), 90.0f) << side << ": the elbow band";
    EXPECT_LT(turnBetween(rot(arm.lower), rot(arm.hand)), 90.0f) << side << ": the wrist band";
    EXPECT_NEAR(angles.shoulder[static_cast<std::size_t>(side)], 175.0f, 1.0f) << side;
    EXPECT_LT(angles.elbow[static_cast<std::size_t>(side)], 1.0f) << side;
  }
  // Below 90 degrees nothing is given back: an arm forward at 60 keeps the frame it had.
  const std::string low = replaced("\"bottom\": {\"trunk\": {\"inclination\": 40}",
                                   "\"bottom\": {\"arms\": {\"both\": {\"shoulder\": 60, \"abduction\": 4, \"elbow\": 30}}, "
                                   "\"trunk\": {\"inclination\": 40}");
  Result<ExerciseSource> lowSource = parseSource(low, "src/test_squat.json");
  ASSERT_TRUE(lowSource) << lowSource.error().message;
  Result<std::vector<BakedClip>> lowClips = bakeClips(*lowSource, "src/test_squat.json");
  ASSERT_TRUE(lowClips) << lowClips.error().message;
  const std::vector<glm::mat4> ml = modelOf(rig, (*lowClips)[0].keys[0].local);
  for (int side : {kLeft, kRight}) {
    const Rig::Arm& arm = rig.arms[static_cast<std::size_t>(side)];
    const glm::quat lower = glm::quat_cast(glm::mat3(ml[static_cast<std::size_t>(arm.lower)]));
    const glm::quat hand = glm::quat_cast(glm::mat3(ml[static_cast<std::size_t>(arm.hand)]));
    EXPECT_LT(turnBetween(lower, hand), 0.1f) << side << ": the hand continues the forearm";
  }
}


// The Pallof press lean's hand target lies past full reach at the pressed hold; straightened
// exactly by the IK, the arm kept no bend plane and at 4.07 s its upper arm turned 65 degrees
// about itself for one frame (164 against the clavicle). Targets are now held 0.5 mm short of
// full reach: frame to frame the upper arm turns smoothly against the clavicle, both arms, in
// every Pallof press clip.
TEST(NewExercises, PallofPressArmsTurnSmoothlyOutOfTheStraightArmHold) {
  const Sampled s = load("pallof_press");
  const anim::Skeleton& sk = s.model.skeleton;
  for (const anim::Clip& clip : s.model.clips) {
    for (const char* side : {"left", "right"}) {
      const int sh = sk.findJoint(fmt::format("{}Shoulder", side)), up = sk.findJoint(fmt::format("{}UpperArm", side));
      ASSERT_GE(sh, 0);
      ASSERT_GE(up, 0);
      float previous = -1.0f;
      for (float t = 0.0f; t <= clip.duration(); t += 1.0f / 30.0f) {
        const std::vector<glm::mat4> m = sampleModel(sk, clip, t);
        const float turn = turnBetween(glm::quat_cast(glm::mat3(m[static_cast<std::size_t>(sh)])),
                                       glm::quat_cast(glm::mat3(m[static_cast<std::size_t>(up)])));
        EXPECT_LT(turn, 143.0f) << clip.name() << " " << side << " t=" << t;
        if (previous >= 0.0f) {
          EXPECT_LT(std::abs(turn - previous), 6.0f) << clip.name() << " " << side << " t=" << t;
        }
        previous = turn;
      }
    }
  }
}

}  // namespace
}  // namespace formviz::clipbake
