// [SECTION] index
//   humanoid      a procedural 39-joint humanoid and a 2 s walk-like clip, every channel keyed at 30 fps
//   runtime       engine/anim: SampleJob (cursors) + LocalToModelJob + SkinningPaletteJob
//   naive         a typical assimp-tutorial engine: per-joint binary key search, glm::slerp,
//                 T*R*S as full mat4 products, recursive node-by-node traversal
//
// Both advance every character by 1/60 s per iteration (forward playback, looping), each
// character starting at its own phase. Counter ns_per_joint = time / (characters * joints).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anim/anim.h"

namespace {

using namespace formviz::anim;

constexpr float kClipSeconds = 2.0f;
constexpr int kKeysPerSecond = 30;
constexpr float kFrame = 1.0f / 60.0f;

// [SECTION] humanoid

struct Humanoid {
  RawSkeleton skeleton;
  RawClip clip;
};

Humanoid makeHumanoid() {
  Humanoid h;
  RawSkeleton& s = h.skeleton;
  auto add = [&](const std::string& name, int parent, glm::vec3 offset) {
    s.names.push_back(name);
    s.parents.push_back(parent);
    Transform t;
    t.translation = offset;
    s.restPose.push_back(t);
    return static_cast<int>(s.names.size()) - 1;
  };
  const int hips = add("hips", kNoParent, {0, 0.95f, 0});
  int spine = add("spine", hips, {0, 0.1f, 0});
  spine = add("spine1", spine, {0, 0.12f, 0});
  const int chest = add("chest", spine, {0, 0.12f, 0});
  const int neck = add("neck", chest, {0, 0.15f, 0});
  const int head = add("head", neck, {0, 0.1f, 0});
  add("head_end", head, {0, 0.18f, 0});
  for (int side = -1; side <= 1; side += 2) {
    const float x = static_cast<float>(side);
    const std::string p = side < 0 ? "l_" : "r_";
    const int clavicle = add(p + "clavicle", chest, {0.05f * x, 0.12f, 0});
    const int upper = add(p + "upperarm", clavicle, {0.15f * x, 0, 0});
    const int fore = add(p + "forearm", upper, {0.28f * x, 0, 0});
    const int hand = add(p + "hand", fore, {0.25f * x, 0, 0});
    for (const char* finger : {"thumb", "index", "middle", "pinky"}) {
      const int f1 = add(p + finger + "1", hand, {0.08f * x, 0, 0.02f});
      if (std::string(finger) != "pinky") add(p + finger + "2", f1, {0.03f * x, 0, 0});
    }
  }
  for (int side = -1; side <= 1; side += 2) {  // legs after the arms: depth-first order
    const float x = static_cast<float>(side);
    const std::string p = side < 0 ? "l_" : "r_";
    const int thigh = add(p + "thigh", hips, {0.1f * x, -0.05f, 0});
    const int shin = add(p + "shin", thigh, {0, -0.42f, 0});
    const int foot = add(p + "foot", shin, {0, -0.42f, 0});
    const int toe = add(p + "toe", foot, {0, -0.05f, 0.12f});
    add(p + "toe_end", toe, {0, 0, 0.05f});
  }
  // Clip: every joint has translation, rotation and scale keys at 30 fps (as assimp and
  // many exporters produce), rotations swinging about varied axes.
  RawClip& c = h.clip;
  c.name = "walk";
  c.duration = kClipSeconds;
  c.joints.resize(s.names.size());
  const int keys = static_cast<int>(kClipSeconds * kKeysPerSecond) + 1;
  for (std::size_t j = 0; j < s.names.size(); ++j) {
    RawJointTracks& tracks = c.joints[j];
    const float phase = 0.37f * static_cast<float>(j);
    const glm::vec3 axis = glm::normalize(glm::vec3(std::sin(phase), 1.0f, std::cos(phase)));
    for (int k = 0; k < keys; ++k) {
      const float t = static_cast<float>(k) / kKeysPerSecond;
      const float w = 2.0f * 3.14159265f * t / kClipSeconds;
      tracks.translation.times.push_back(t);
      tracks.translation.values.push_back(s.restPose[j].translation +
                                          (j == 0 ? glm::vec3(0.0f, 0.03f * std::sin(2.0f * w), 0.0f) : glm::vec3(0.0f)));
      tracks.rotation.times.push_back(t);
      tracks.rotation.values.push_back(glm::angleAxis(0.6f * std::sin(w + phase), axis));
      tracks.scale.times.push_back(t);
      tracks.scale.values.push_back(glm::vec3(1.0f));
    }
  }
  return h;
}

const Humanoid& humanoid() {
  static const Humanoid h = makeHumanoid();
  return h;
}

float phaseOf(int character) { return std::fmod(0.137f * static_cast<float>(character), kClipSeconds); }

float advanceTime(float t) {
  t += kFrame;
  return t >= kClipSeconds ? t - kClipSeconds : t;
}

void setCounters(benchmark::State& state, int characters, int joints) {
  state.counters["ns_per_joint"] =
      benchmark::Counter(static_cast<double>(characters) * joints,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["joints"] = joints;
}

// [SECTION] runtime

void BM_Runtime(benchmark::State& state) {
  const int characters = static_cast<int>(state.range(0));
  const Skeleton skeleton = Skeleton::build(humanoid().skeleton).value();
  const Clip clip = Clip::build(humanoid().clip).value();
  const int joints = skeleton.jointCount();
  const std::size_t n = static_cast<std::size_t>(joints);
  std::vector<SamplingCache> caches(static_cast<std::size_t>(characters), SamplingCache(joints));
  std::vector<Transform> locals(n * static_cast<std::size_t>(characters));
  std::vector<glm::mat4> models(n * static_cast<std::size_t>(characters));
  std::vector<glm::mat4> palettes(n * static_cast<std::size_t>(characters));
  std::vector<float> times(static_cast<std::size_t>(characters));
  for (int c = 0; c < characters; ++c) times[static_cast<std::size_t>(c)] = phaseOf(c);
  for (auto _ : state) {
    for (std::size_t c = 0; c < static_cast<std::size_t>(characters); ++c) {
      times[c] = advanceTime(times[c]);
      const std::span<Transform> local(locals.data() + c * n, n);
      const std::span<glm::mat4> model(models.data() + c * n, n);
      const std::span<glm::mat4> palette(palettes.data() + c * n, n);
      SampleJob{&clip, times[c], &caches[c], local}.Run();
      LocalToModelJob{&skeleton, local, model}.Run();
      SkinningPaletteJob{model, skeleton.inverseBind(), palette}.Run();
    }
    benchmark::DoNotOptimize(palettes.data());
    benchmark::ClobberMemory();
  }
  setCounters(state, characters, joints);
}

// The three stages of BM_Runtime timed apart (100 characters), to see where the time goes.
enum class Stage { Sample, LocalToModel, Palette };

template <Stage kStage>
void BM_Stage(benchmark::State& state) {
  const int characters = 100;
  const Skeleton skeleton = Skeleton::build(humanoid().skeleton).value();
  const Clip clip = Clip::build(humanoid().clip).value();
  const int joints = skeleton.jointCount();
  const std::size_t n = static_cast<std::size_t>(joints);
  std::vector<SamplingCache> caches(characters, SamplingCache(joints));
  std::vector<Transform> locals(n * characters);
  std::vector<glm::mat4> models(n * characters), palettes(n * characters);
  std::vector<float> times(characters);
  for (int c = 0; c < characters; ++c) {
    const std::size_t i = static_cast<std::size_t>(c);
    times[i] = phaseOf(c);
    SampleJob{&clip, times[i], &caches[i], std::span<Transform>(locals.data() + i * n, n)}.Run();
    LocalToModelJob{&skeleton, std::span<const Transform>(locals.data() + i * n, n),
                    std::span<glm::mat4>(models.data() + i * n, n)}.Run();
  }
  for (auto _ : state) {
    for (std::size_t c = 0; c < static_cast<std::size_t>(characters); ++c) {
      const std::span<Transform> local(locals.data() + c * n, n);
      const std::span<glm::mat4> model(models.data() + c * n, n);
      const std::span<glm::mat4> palette(palettes.data() + c * n, n);
      if constexpr (kStage == Stage::Sample) {
        times[c] = advanceTime(times[c]);
        SampleJob{&clip, times[c], &caches[c], local}.Run();
      } else if constexpr (kStage == Stage::LocalToModel) {
        LocalToModelJob{&skeleton, local, model}.Run();
      } else {
        SkinningPaletteJob{model, skeleton.inverseBind(), palette}.Run();
      }
    }
    benchmark::DoNotOptimize(locals.data());
    benchmark::DoNotOptimize(models.data());
    benchmark::DoNotOptimize(palettes.data());
    benchmark::ClobberMemory();
  }
  setCounters(state, characters, joints);
}

// [SECTION] naive

struct NaiveChannel {
  std::vector<std::pair<float, glm::vec3>> positions;
  std::vector<std::pair<float, glm::quat>> rotations;
  std::vector<std::pair<float, glm::vec3>> scales;
};

struct NaiveNode {
  std::string name;
  int channel = -1;
  glm::mat4 offset{1.0f};  // inverse bind
  std::vector<int> children;
};

struct NaiveModel {
  std::vector<NaiveNode> nodes;
  std::vector<NaiveChannel> channels;
};

NaiveModel makeNaive() {
  const Humanoid& h = humanoid();
  const Skeleton skeleton = Skeleton::build(h.skeleton).value();
  NaiveModel m;
  m.nodes.resize(h.skeleton.names.size());
  for (std::size_t j = 0; j < m.nodes.size(); ++j) {
    m.nodes[j].name = h.skeleton.names[j];
    m.nodes[j].channel = static_cast<int>(j);
    m.nodes[j].offset = skeleton.inverseBind()[j];
    if (h.skeleton.parents[j] != kNoParent)
      m.nodes[static_cast<std::size_t>(h.skeleton.parents[j])].children.push_back(static_cast<int>(j));
  }
  for (const RawJointTracks& t : h.clip.joints) {
    NaiveChannel c;
    for (std::size_t k = 0; k < t.translation.times.size(); ++k)
      c.positions.emplace_back(t.translation.times[k], t.translation.values[k]);
    for (std::size_t k = 0; k < t.rotation.times.size(); ++k)
      c.rotations.emplace_back(t.rotation.times[k], t.rotation.values[k]);
    for (std::size_t k = 0; k < t.scale.times.size(); ++k) c.scales.emplace_back(t.scale.times[k], t.scale.values[k]);
    m.channels.push_back(std::move(c));
  }
  return m;
}

template <typename T>
std::size_t naiveFind(const std::vector<std::pair<float, T>>& keys, float t) {
  auto it = std::upper_bound(keys.begin(), keys.end(), t, [](float v, const auto& k) { return v < k.first; });
  const std::size_t i = static_cast<std::size_t>(it - keys.begin());
  return i == 0 ? 0 : std::min(i - 1, keys.size() - 2);
}

glm::vec3 naiveVec(const std::vector<std::pair<float, glm::vec3>>& keys, float t) {
  if (keys.size() == 1) return keys[0].second;
  const std::size_t i = naiveFind(keys, t);
  const float s = std::clamp((t - keys[i].first) / (keys[i + 1].first - keys[i].first), 0.0f, 1.0f);
  return glm::mix(keys[i].second, keys[i + 1].second, s);
}

glm::quat naiveQuat(const std::vector<std::pair<float, glm::quat>>& keys, float t) {
  if (keys.size() == 1) return keys[0].second;
  const std::size_t i = naiveFind(keys, t);
  const float s = std::clamp((t - keys[i].first) / (keys[i + 1].first - keys[i].first), 0.0f, 1.0f);
  return glm::normalize(glm::slerp(keys[i].second, keys[i + 1].second, s));
}

void naiveUpdate(const NaiveModel& m, int node, const glm::mat4& parent, float t, glm::mat4* palette) {
  const NaiveNode& n = m.nodes[static_cast<std::size_t>(node)];
  const NaiveChannel& c = m.channels[static_cast<std::size_t>(n.channel)];
  const glm::mat4 local = glm::translate(glm::mat4(1.0f), naiveVec(c.positions, t)) *
                          glm::mat4_cast(naiveQuat(c.rotations, t)) *
                          glm::scale(glm::mat4(1.0f), naiveVec(c.scales, t));
  const glm::mat4 global = parent * local;
  palette[node] = global * n.offset;
  for (int child : n.children) naiveUpdate(m, child, global, t, palette);
}

void BM_Naive(benchmark::State& state) {
  const int characters = static_cast<int>(state.range(0));
  const NaiveModel model = makeNaive();
  const int joints = static_cast<int>(model.nodes.size());
  const std::size_t n = model.nodes.size();
  std::vector<glm::mat4> palettes(n * static_cast<std::size_t>(characters));
  std::vector<float> times(static_cast<std::size_t>(characters));
  for (int c = 0; c < characters; ++c) times[static_cast<std::size_t>(c)] = phaseOf(c);
  for (auto _ : state) {
    for (std::size_t c = 0; c < static_cast<std::size_t>(characters); ++c) {
      times[c] = advanceTime(times[c]);
      naiveUpdate(model, 0, glm::mat4(1.0f), times[c], palettes.data() + c * n);
    }
    benchmark::DoNotOptimize(palettes.data());
    benchmark::ClobberMemory();
  }
  setCounters(state, characters, joints);
}

// Same answers: the runtime and the naive engine agree (checked once, before timing).
bool sameAnswers() {
  const Skeleton skeleton = Skeleton::build(humanoid().skeleton).value();
  const Clip clip = Clip::build(humanoid().clip).value();
  const NaiveModel naive = makeNaive();
  const std::size_t n = static_cast<std::size_t>(skeleton.jointCount());
  SamplingCache cache(skeleton.jointCount());
  std::vector<Transform> local(n);
  std::vector<glm::mat4> model(n), palette(n), reference(n);
  for (float t = 0.0f; t < kClipSeconds; t += 0.0371f) {
    SampleJob{&clip, t, &cache, local}.Run();
    LocalToModelJob{&skeleton, local, model}.Run();
    SkinningPaletteJob{model, skeleton.inverseBind(), palette}.Run();
    naiveUpdate(naive, 0, glm::mat4(1.0f), t, reference.data());
    for (std::size_t j = 0; j < n; ++j)
      for (int col = 0; col < 4; ++col)
        if (glm::length(palette[j][col] - reference[j][col]) > 1e-3f) return false;
  }
  return true;
}

}  // namespace

BENCHMARK(BM_Runtime)->Arg(1)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Naive)->Arg(1)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Stage<Stage::Sample>)->Name("BM_StageSample/100")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Stage<Stage::LocalToModel>)->Name("BM_StageLocalToModel/100")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Stage<Stage::Palette>)->Name("BM_StagePalette/100")->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
  if (!sameAnswers()) {
    std::fprintf(stderr, "anim_bench: the runtime and the naive baseline disagree; not benchmarking.\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
