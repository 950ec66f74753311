// `formviz sheet`: contact sheets of an exercise's key phases (see app/sheet.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "anim/character.h"
#include "app/commands.h"
#include "app/figure_scene.h"
#include "app/headless.h"
#include "app/sheet.h"
#include "core/log.h"
#include "core/paths.h"
#include "render/muscle_colors.h"
#include "render/text.h"

namespace formviz::app {
namespace fs = std::filesystem;

namespace {

// [SECTION] Phases and poses (no GL)

struct PhaseSpan {
  std::string name;
  float start = 0.0f, end = 0.0f;  // seconds
  float middle() const { return 0.5f * (start + end); }
};

// The clip's phases: each marker to the next one (the last to the clip's end).
std::vector<PhaseSpan> phaseSpans(const anim::Clip& clip) {
  std::vector<PhaseSpan> spans;
  const auto markers = clip.markers();
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const float end = i + 1 < markers.size() ? markers[i + 1].time : clip.duration();
    if (end > markers[i].time) spans.push_back({markers[i].name, markers[i].time, end});
  }
  if (spans.empty()) spans.push_back({"", 0.0f, clip.duration()});
  return spans;
}

const anim::Clip* findClip(const Figure& figure, std::string_view name) {
  const auto& clips = figure.clipFile ? figure.clipFile->clips : figure.model->clips;
  for (const anim::Clip& clip : clips)
    if (clip.name() == name) return &clip;
  return nullptr;
}

using Pose = std::vector<glm::vec3>;  // joint positions, metres

struct PoseSampler {
  const Figure& figure;
  anim::Character character;
  explicit PoseSampler(const Figure& f) : figure(f), character(f.skeleton()) {}
  Pose sample(const anim::Clip& clip, float time) {
    character.setClip(figure.clipSkeleton(), clip);
    character.evaluate(time);
    Pose pose(static_cast<std::size_t>(character.skeleton().jointCount()));
    for (int j = 0; j < character.skeleton().jointCount(); ++j) pose[static_cast<std::size_t>(j)] = character.jointPosition(j);
    return pose;
  }
};

float meanDistance(const Pose& a, const Pose& b) {
  float sum = 0.0f;
  for (std::size_t j = 0; j < a.size(); ++j) sum += glm::length(a[j] - b[j]);
  return a.empty() ? 0.0f : sum / static_cast<float>(a.size());
}

// How far a pose is from another for finding a mistake's peak: the mean joint distance, or a
// quarter of the largest one when that is more (a fault of one joint, a knee caving 10 cm,
// barely moves the mean over 26 joints, less than two neighbouring samples of a fast movement).
float poseDistance(const Pose& a, const Pose& b) {
  float largest = 0.0f;
  for (std::size_t j = 0; j < a.size(); ++j) largest = std::max(largest, glm::length(a[j] - b[j]));
  return std::max(meanDistance(a, b), 0.25f * largest);
}

constexpr float kSampleStep = 1.0f / 30.0f;  // the clips' key spacing

// The moment a cell shows for each phase: a hold at its middle; a movement into a hold at its
// middle (the hold's cell shows where it arrives); a movement into another movement at its end,
// the key pose it reaches (a lunge's descent ends at the bottom, which has no phase of its own).
struct PhaseMoment {
  float time = 0.0f;
  bool end = false;  // the phase's last moment, not its middle
};

std::vector<PhaseMoment> phaseMoments(PoseSampler& sampler, const anim::Clip& clip, const std::vector<PhaseSpan>& phases) {
  const auto isHold = [&](const PhaseSpan& p) {
    return meanDistance(sampler.sample(clip, p.start), sampler.sample(clip, p.end)) < 0.01f &&
           meanDistance(sampler.sample(clip, p.start), sampler.sample(clip, p.middle())) < 0.01f;
  };
  std::vector<PhaseMoment> moments;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const PhaseSpan& next = phases[(i + 1) % phases.size()];  // the repetition loops
    if (isHold(phases[i]) || isHold(next) || phases.size() == 1)
      moments.push_back({phases[i].middle(), false});
    else
      moments.push_back({std::max(phases[i].start, phases[i].end - 0.5f * kSampleStep), true});
  }
  return moments;
}

// The time `t` of `mistake` maps to in `correct`: the same fraction of the phase of the same
// name, else the same time.
float matchingTime(const std::vector<PhaseSpan>& mistakePhases, const std::vector<PhaseSpan>& correctPhases, float t,
                   float correctDuration) {
  for (const PhaseSpan& m : mistakePhases) {
    if (t < m.start || t > m.end) continue;
    for (const PhaseSpan& c : correctPhases)
      if (c.name == m.name) return c.start + (t - m.start) / (m.end - m.start) * (c.end - c.start);
  }
  return std::min(t, correctDuration);
}

struct MistakePeak {
  float time = 0.0f;     // seconds on the mistake clip
  Pose displacement;     // mistake pose minus the correct pose it is compared with
  bool timingOnly = false;  // every pose also occurs in the correct clip: a fault of speed
};

// Where the mistake shows most: the mistake pose furthest from every pose of the correct
// clip. A mistake of timing only (every pose also occurs in the correct clip, e.g. rushing)
// falls back to comparing each phase with the same phase of the correct clip.
MistakePeak findPeak(PoseSampler& sampler, const anim::Clip& correct, const anim::Clip& mistake) {
  const auto sampleTimes = [](const anim::Clip& clip) {
    std::vector<float> times;
    const int count = static_cast<int>(std::floor(clip.duration() / kSampleStep + 1e-3f));
    for (int i = 0; i <= count; ++i) times.push_back(std::min(static_cast<float>(i) * kSampleStep, clip.duration()));
    return times;
  };
  std::vector<Pose> correctPoses;
  for (const float t : sampleTimes(correct)) correctPoses.push_back(sampler.sample(correct, t));
  const auto mistakePhases = phaseSpans(mistake), correctPhases = phaseSpans(correct);
  const std::vector<float> times = sampleTimes(mistake);
  std::vector<float> nearest(times.size()), matched(times.size());
  std::vector<std::size_t> nearestIndex(times.size());
  for (std::size_t k = 0; k < times.size(); ++k) {
    const Pose pose = sampler.sample(mistake, times[k]);
    nearest[k] = std::numeric_limits<float>::max();
    for (std::size_t i = 0; i < correctPoses.size(); ++i)
      if (const float d = poseDistance(pose, correctPoses[i]); d < nearest[k]) nearest[k] = d, nearestIndex[k] = i;
    matched[k] = meanDistance(pose, sampler.sample(correct, matchingTime(mistakePhases, correctPhases, times[k], correct.duration())));
  }
  // No new pose: on average under 1.5 cm from a correct pose and no joint more than 6 cm.
  const bool timingOnly = *std::max_element(nearest.begin(), nearest.end()) < 0.015f;
  const std::vector<float>& score = timingOnly ? matched : nearest;
  // The middle of the plateau around the largest difference: a held fault shows at its hold's
  // middle, not at the first frame that reaches it.
  const std::size_t top = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  std::size_t first = top, last = top;
  while (first > 0 && score[first - 1] >= 0.97f * score[top]) --first;
  while (last + 1 < score.size() && score[last + 1] >= 0.97f * score[top]) ++last;
  const std::size_t peakIndex = score[(first + last) / 2] >= 0.9f * score[top] ? (first + last) / 2 : top;
  MistakePeak peak;
  peak.time = times[peakIndex];
  peak.timingOnly = timingOnly;
  const Pose pose = sampler.sample(mistake, peak.time);
  // Compared with the same moment of the correct clip: the displacement is the mistake's own.
  const Pose reference = sampler.sample(correct, matchingTime(mistakePhases, correctPhases, peak.time, correct.duration()));
  for (std::size_t j = 0; j < pose.size(); ++j) peak.displacement.push_back(pose[j] - reference[j]);
  return peak;
}

// [SECTION] Views

std::optional<render::ViewPreset> toPreset(domain::CameraView view) {
  return render::viewPresetFromName(domain::cameraViewKey(view));
}

// The catalog's best view for a phase of the correct clip: the cue of that phase, else a
// cue whose range holds `time`, else the first cue's view.
render::ViewPreset cueView(const domain::Exercise& exercise, std::string_view phase, float time) {
  for (const domain::Cue& cue : exercise.cues)
    if (cue.phase == phase && cue.range.clip == "correct") return toPreset(cue.view).value_or(render::ViewPreset::ThreeQuarter);
  for (const domain::Cue& cue : exercise.cues)
    if (cue.range.resolved && cue.range.clip == "correct" && time >= cue.range.start && time < cue.range.end)
      return toPreset(cue.view).value_or(render::ViewPreset::ThreeQuarter);
  if (!exercise.cues.empty()) return toPreset(exercise.cues.front().view).value_or(render::ViewPreset::ThreeQuarter);
  return render::ViewPreset::ThreeQuarter;
}

// Views chosen by looking at the sheets where the measure below picks a view that hides the
// mistake (docs/images/clips/README.md): seen end-on, a quadruped's or a hinge's pelvis reads
// from behind, a rotation about the vertical from above, a rolling ankle from behind.
struct ViewOverride {
  const char* exercise;
  const char* clip;
  render::ViewPreset view;
};
constexpr ViewOverride kViewOverrides[] = {
    {"single_leg_rdl", "mistake_pelvis_opening", render::ViewPreset::Back},
    {"bird_dog", "mistake_hip_roll", render::ViewPreset::Back},
    {"pallof_press", "mistake_rotation", render::ViewPreset::Top},
    {"clamshell", "mistake_pelvis_roll", render::ViewPreset::Top},
    {"clamshell", "mistake_heels_apart", render::ViewPreset::Front},
    {"side_plank", "mistake_trunk_rotation", render::ViewPreset::ThreeQuarter},
    {"single_leg_rdl", "mistake_knee_valgus", render::ViewPreset::Front},  // turning in with the hinge moves it forward
    {"bulgarian_split_squat", "mistake_knee_valgus", render::ViewPreset::Front},
    {"forward_lunge", "mistake_knee_valgus", render::ViewPreset::Front},  // the knee turns in and forward
    {"reverse_lunge", "mistake_knee_valgus", render::ViewPreset::Front},
    {"step_up", "mistake_knee_valgus", render::ViewPreset::Front},
    {"lateral_band_walk", "mistake_knee_valgus", render::ViewPreset::Front},  // the side step moves everything sideways
    {"lateral_band_walk", "mistake_trunk_sway", render::ViewPreset::Front},
    {"calf_raise_straight", "mistake_ankle_roll", render::ViewPreset::Back},
    {"calf_raise_bent", "mistake_ankle_roll", render::ViewPreset::Back},
};

// The view that shows the mistake's displacement best. Up-down movement shows from the front
// and the side alike; sideways movement (x) reads from the front, forward-backward (z) from the
// side. Sideways wins ties and a bit more: both legs moving toward the midline (knees caving in)
// move forward too as they turn, and seen from the side the two legs cover each other.
render::ViewPreset mistakeView(const domain::Exercise& exercise, const std::string& clip, const MistakePeak& peak) {
  for (const ViewOverride& o : kViewOverrides)
    if (exercise.id == o.exercise && clip == o.clip) return o.view;
  float sideways = 0.0f, forward = 0.0f;
  for (const glm::vec3& d : peak.displacement) sideways += std::abs(d.x), forward += std::abs(d.z);
  log::debug("{} {}: at {:.2f} s, sideways {:.3f} m, forward {:.3f} m (sums over joints)", exercise.id, clip, peak.time,
             sideways, forward);
  return sideways >= 0.75f * forward ? render::ViewPreset::Front : render::ViewPreset::Side;
}

// The skeleton joints a catalog joint name stands for (both sides), for framing close-ups.
std::vector<std::string_view> skeletonJoints(std::string_view name) {
  struct Entry {
    std::string_view catalog;
    std::vector<std::string_view> joints;
  };
  static const std::vector<Entry> kJoints = {
      {"head", {"head"}}, {"neck", {"neck", "head"}}, {"chest", {"chest", "upperChest"}}, {"spine", {"spine", "chest"}},
      {"pelvis", {"hips"}}, {"shoulder", {"leftUpperArm", "rightUpperArm"}}, {"elbow", {"leftLowerArm", "rightLowerArm"}},
      {"wrist", {"leftHand", "rightHand"}}, {"hip", {"leftUpperLeg", "rightUpperLeg"}},
      {"knee", {"leftLowerLeg", "rightLowerLeg"}}, {"ankle", {"leftFoot", "rightFoot", "leftToes", "rightToes"}},
      {"heel", {"leftFoot", "rightFoot"}}, {"toe", {"leftToes", "rightToes"}}};
  for (const Entry& e : kJoints)
    if (e.catalog == name) return e.joints;
  return {};
}

// Aims the camera (its yaw and pitch kept) at the middle of `box` from as close as it can while
// every one of `points` stays inside `fill` of the view. Fitting the points themselves, not the
// box's corners, keeps a figure seen end-on (a plank from behind) as big as it can be.
void fitCamera(render::OrbitCamera& camera, const Bounds& box, std::span<const glm::vec3> points, float aspect,
               float fill = 0.92f) {
  const glm::vec3 centre = box.centre();
  camera.target = centre;
  camera.distance = 1.0f;
  const glm::vec3 toEye = glm::normalize(camera.eye() - centre);
  const glm::vec3 right = glm::normalize(glm::cross(-toEye, glm::vec3(0, 1, 0)));
  const glm::vec3 up = glm::cross(right, -toEye);
  const float tanY = std::tan(camera.fovY * 0.5f) * fill, tanX = tanY * aspect;
  float distance = 0.0f, depth = 0.0f;
  for (const glm::vec3& p : points) {
    const glm::vec3 r = p - centre;
    const float towardEye = glm::dot(r, toEye);
    distance = std::max({distance, towardEye + std::abs(glm::dot(r, right)) / tanX,
                         towardEye + std::abs(glm::dot(r, up)) / tanY});
    depth = std::max(depth, std::abs(towardEye));
  }
  camera.distance = distance;
  camera.nearPlane = std::max(0.01f, (distance - 2.0f * depth) * 0.5f);
}

// Points on the posed figure's skin (every `stride`-th vertex, skinned on the CPU), metres.
void addSkinPoints(const Figure& figure, const anim::Character& character, int stride, std::vector<glm::vec3>& points) {
  if (!figure.model) {
    for (int j = 0; j < character.skeleton().jointCount(); ++j) points.push_back(character.jointPosition(j));
    return;
  }
  const auto palette = character.palette();
  for (const asset::MeshData& mesh : figure.model->meshes)
    for (std::size_t i = 0; i < mesh.positions.size(); i += static_cast<std::size_t>(stride)) {
      glm::mat4 skin(0.0f);
      for (int k = 0; k < 4; ++k) {
        const float w = mesh.weights[i][k];
        if (w > 0.0f && mesh.joints[i][k] < palette.size()) skin += w * palette[mesh.joints[i][k]];
      }
      points.push_back(glm::vec3(skin * glm::vec4(mesh.positions[i], 1.0f)));
    }
}

// [SECTION] Layout and drawing

struct Style {
  glm::vec4 page{0.957f, 0.961f, 0.969f, 1.0f};
  glm::vec4 ink{0.13f, 0.14f, 0.17f, 1.0f};
  glm::vec4 muted{0.42f, 0.44f, 0.49f, 1.0f};
  glm::vec4 frame{0.80f, 0.81f, 0.84f, 1.0f};
  glm::vec4 accent{0.85f, 0.33f, 0.16f, 1.0f};  // the mistake's moment
  glm::vec4 good{0.18f, 0.55f, 0.34f, 1.0f};    // the correct row's title
  float title = 22.0f, heading = 14.0f, caption = 12.0f, note = 11.0f;  // text sizes, pixels
  int margin = 16, gap = 8, rowGap = 14, labelWidth = 150, captionHeight = 20, headerHeight = 58;
};

// Splits `text` into lines no wider than `width` (a word longer than that gets its own line).
std::vector<std::string> wrap(const render::Font& font, const std::string& text, float size, float width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string candidate = line.empty() ? word : fmt::format("{} {}", line, word);
    if (!line.empty() && font.measureText(candidate, size).size.x > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void strokeRect(render::Image& image, glm::ivec4 r, int thickness, glm::vec4 colour) {
  const float t = static_cast<float>(thickness);
  const glm::vec2 p(static_cast<float>(r.x) - t, static_cast<float>(r.y) - t);
  const glm::vec2 s(static_cast<float>(r.z) + 2.0f * t, static_cast<float>(r.w) + 2.0f * t);
  render::fillRect(image, p, {s.x, t}, colour);
  render::fillRect(image, {p.x, p.y + s.y - t}, {s.x, t}, colour);
  render::fillRect(image, {p.x, p.y + t}, {t, s.y - 2.0f * t}, colour);
  render::fillRect(image, {p.x + s.x - t, p.y + t}, {t, s.y - 2.0f * t}, colour);
}

void blit(render::Image& dst, const render::Image& src, int x0, int y0) {
  for (int y = 0; y < src.height; ++y)
    for (int x = 0; x < src.width; ++x) {
      if (x0 + x < 0 || y0 + y < 0 || x0 + x >= dst.width || y0 + y >= dst.height) continue;
      std::copy_n(src.at(x, y), 4, dst.at(x0 + x, y0 + y));
    }
}

// "step_back" -> "step back"
std::string spaced(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

const char* shortViewName(render::ViewPreset view) {
  return view == render::ViewPreset::ThreeQuarter ? "3/4" : render::viewPresetName(view);
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

// [SECTION] The sheet

Result<ContactSheet> renderContactSheet(const SheetRequest& request, const fs::path& dataDir,
                                        gl::SceneRenderer& renderer) {
  auto entry = findExercise(dataDir, request.exercise);
  if (!entry) return entry.error();
  const domain::Exercise& exercise = entry->exercise;
  if (!exercise.hasClips)
    return makeError(fmt::format("exercise '{}' has no clips yet ({} is missing or has no 'correct' animation)",
                                 exercise.id, entry->clipFile.string()));
  auto loaded = loadFigure({request.model.empty() ? kDefaultBody : request.model,
                            fmt::format("{}:correct", entry->clipFile.string()), true},
                           dataDir);
  if (!loaded) return loaded.error();
  const Figure figure = std::move(loaded).value();
  auto regular = render::Font::loadDejaVuSans(false);
  if (!regular) return regular.error();
  auto bold = render::Font::loadDejaVuSans(true);
  if (!bold) return bold.error();

  // Plan: which clip, phase, moment and view every cell shows.
  ContactSheet sheet;
  PoseSampler sampler(figure);
  const anim::Clip* correct = findClip(figure, "correct");
  std::vector<const anim::Clip*> rowClips{correct};
  {
    SheetRow row{"correct", "Correct", {}, false};
    const auto phases = phaseSpans(*correct);
    const auto moments = phaseMoments(sampler, *correct, phases);
    for (std::size_t i = 0; i < phases.size(); ++i)
      row.cells.push_back({phases[i].name, moments[i].time, cueView(exercise, phases[i].name, moments[i].time), false,
                           moments[i].end, {}});
    sheet.rows.push_back(std::move(row));
  }
  std::vector<int> mistakeJoints;  // joints a mistake moves visibly: kept in a close-up's frame
  for (const domain::Mistake& mistake : exercise.mistakes) {
    if (mistake.clip.empty()) {
      sheet.notAnimated.push_back(mistake.title);
      continue;
    }
    const anim::Clip* clip = findClip(figure, mistake.clip);
    if (!clip)
      return makeError(fmt::format("{} has no clip '{}' (the catalog's mistake '{}')", entry->clipFile.string(),
                                   mistake.clip, mistake.title));
    const MistakePeak peak = findPeak(sampler, *correct, *clip);
    // Moved against the hips (joint 0, the root), so a whole body raised or lowered (a half-height
    // calf raise) does not pull the trunk into a close-up of the feet.
    for (std::size_t j = 0; j < peak.displacement.size(); ++j)
      if (glm::length(peak.displacement[j] - peak.displacement[0]) > 0.03f) mistakeJoints.push_back(static_cast<int>(j));  // metres
    SheetRow row{mistake.clip, mistake.title, {}, peak.timingOnly};
    const auto phases = phaseSpans(*clip);
    const PhaseSpan* peakPhase = &phases.back();
    for (const PhaseSpan& phase : phases)
      if (peak.time >= phase.start && peak.time < phase.end) peakPhase = &phase;
    const render::ViewPreset view = mistakeView(exercise, mistake.clip, peak);
    const auto moments = phaseMoments(sampler, *clip, phases);
    for (std::size_t i = 0; i < phases.size(); ++i) {
      const bool highlight = &phases[i] == peakPhase;
      row.cells.push_back({phases[i].name, highlight ? peak.time : moments[i].time, view, highlight,
                           !highlight && moments[i].end, {}});
    }
    sheet.rows.push_back(std::move(row));
    rowClips.push_back(clip);
  }

  // Points on the skin of every pose on the sheet: every cell is framed on them, so all cells
  // share one scale and heights and depths compare across the sheet.
  // The props (box, bench, mat, bell) are framed too: a step-up reads only with its box.
  anim::Character character(figure.skeleton());
  character.setClip(figure.clipSkeleton(), *correct);
  auto gpu = uploadFigure(figure, character);
  if (!gpu) return gpu.error();
  std::vector<glm::vec3> points;
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    character.setClip(figure.clipSkeleton(), *rowClips[r]);
    for (const SheetCell& cell : sheet.rows[r].cells) {
      character.evaluate(cell.time);
      addSkinPoints(figure, character, 5, points);
      updatePose(*gpu, figure, character);
      const Bounds props = withProps(Bounds{}, *gpu);
      for (int corner = 0; !props.empty() && corner < 8; ++corner)
        points.emplace_back((corner & 1) ? props.max.x : props.min.x, (corner & 2) ? props.max.y : props.min.y,
                            (corner & 4) ? props.max.z : props.min.z);
    }
  }

  // Standing isolation work (one joint does it: calf raise) is framed on the cues' joints and
  // those a mistake moves, so a 5 cm heel rise is big enough to judge. Lying work is shown
  // whole: a close-up of a clamshell hides which way the body lies.
  Bounds whole;
  for (const glm::vec3& p : points) whole.add(p);
  const bool standing = whole.max.y - std::max(whole.min.y, 0.0f) > 1.2f;  // metres
  if (exercise.isolation && standing) {
    std::vector<int> focus = mistakeJoints;
    const auto names = figure.skeleton().names();
    for (const domain::Cue& cue : exercise.cues)
      for (const std::string& joint : cue.joints)
        for (std::string_view skeletonJoint : skeletonJoints(joint))
          for (std::size_t j = 0; j < names.size(); ++j)
            if (names[j] == skeletonJoint) focus.push_back(static_cast<int>(j));
    if (!focus.empty()) {
      Bounds close;
      for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        character.setClip(figure.clipSkeleton(), *rowClips[r]);
        for (const SheetCell& cell : sheet.rows[r].cells) {
          character.evaluate(cell.time);
          for (int j : focus) close.add(character.jointPosition(j));
        }
      }
      close.min -= glm::vec3(0.22f);  // the flesh around the joints, and some room
      close.max += glm::vec3(0.22f);
      if (close.min.y < 0.3f) close.min.y = 0.0f;  // feet: show the floor they stand on
      std::erase_if(points, [&](const glm::vec3& p) {
        return glm::any(glm::lessThan(p, close.min)) || glm::any(glm::greaterThan(p, close.max));
      });
    }
  }
  Bounds box;
  for (const glm::vec3& p : points) box.add(p);
  box.min.y = std::min(box.min.y, 0.0f);  // keep the floor in view
  points.push_back({box.centre().x, box.min.y, box.centre().z});

  // Layout.
  const Style style;
  const glm::vec3 boxSize = box.max - box.min;
  const float tall = (boxSize.y + 0.2f) / (std::max(boxSize.x, boxSize.z) + 0.2f);  // a standing adult: about 1.6
  const bool lying = tall < 1.0f;  // planks, bridges, quadruped work: wider cells, seen from higher
  int cellWidth = request.cellWidth;
  int cellHeight = request.cellHeight;
  if (cellHeight <= 0) {
    if (lying) cellWidth = static_cast<int>(std::lround(static_cast<float>(cellWidth) * 1.4f));
    cellHeight = static_cast<int>(std::lround(static_cast<float>(cellWidth) * std::clamp(tall * 0.8f, 0.55f, 1.35f)));
  }
  std::size_t columns = 0;
  for (const SheetRow& row : sheet.rows) columns = std::max(columns, row.cells.size());
  const int cols = static_cast<int>(columns);
  const int gridLeft = style.margin + style.labelWidth;
  const int rowHeight = cellHeight + style.captionHeight;
  const std::string kHowToRead = "Key phases from their best views. Outlined: where each mistake shows most.";
  const float headerWidth = std::max(bold->measureText(exercise.name, style.title).size.x,
                                     regular->measureText(kHowToRead, style.note).size.x);
  const int width = std::max(gridLeft + cols * cellWidth + (cols - 1) * style.gap + style.margin,
                             static_cast<int>(std::ceil(headerWidth)) + 2 * style.margin);
  // Catalog mistakes without a clip, listed under the grid.
  std::vector<std::string> noteLines;
  if (!sheet.notAnimated.empty()) {
    std::string list;
    for (const std::string& title : sheet.notAnimated) list += fmt::format("{}{}", list.empty() ? "" : "; ", title);
    noteLines = wrap(*regular, fmt::format("Mistakes not animated yet: {}", list), style.note,
                     static_cast<float>(width - 2 * style.margin));
  }
  const float noteLine = regular->lineHeight(style.note);
  const int noteHeight = noteLines.empty() ? 0 : static_cast<int>(std::ceil(noteLine * static_cast<float>(noteLines.size()))) + 8;
  const int height = style.headerHeight + static_cast<int>(sheet.rows.size()) * (rowHeight + style.rowGap) + noteHeight +
                     style.margin - style.rowGap;
  sheet.image = render::Image(width, height);
  render::fillRect(sheet.image, {0.0f, 0.0f}, {static_cast<float>(width), static_cast<float>(height)}, style.page);

  // Header: the exercise, and how to read the sheet.
  const float m = static_cast<float>(style.margin);
  bold->drawText(sheet.image, {m, 12.0f}, exercise.name, style.title, style.ink);
  regular->drawText(sheet.image, {m, 40.0f}, kHowToRead, style.note, style.muted);

  // Cells.
  auto target = gl::RenderTarget::create(cellWidth, cellHeight, request.samples);
  if (!target) return target.error();
  const std::vector<glm::vec4> colours = render::highlightColors(entry->roles);
  const float aspect = static_cast<float>(cellWidth) / static_cast<float>(cellHeight);
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    SheetRow& row = sheet.rows[r];
    const int top = style.headerHeight + static_cast<int>(r) * (rowHeight + style.rowGap);
    if (r > 0)
      render::fillRect(sheet.image, {m, static_cast<float>(top - style.rowGap / 2)},
                       {static_cast<float>(width - 2 * style.margin), 1.0f}, style.frame);
    // Row label: title (wrapped), then the view of a mistake row.
    float y = static_cast<float>(top + 4);
    const bool isCorrect = r == 0;
    for (const std::string& line : wrap(*bold, row.title, style.heading, static_cast<float>(style.labelWidth - 12))) {
      bold->drawText(sheet.image, {m, y}, line, style.heading, isCorrect ? style.good : style.ink);
      y += bold->lineHeight(style.heading);
    }
    const std::string sub = isCorrect          ? "the movement done well"
                            : row.timingOnly ? fmt::format("{}; {} view", rowClips[r]->duration() < 0.95f * correct->duration() ||
                                                                                   rowClips[r]->duration() > 1.05f * correct->duration()
                                                                               ? "a fault of speed, same poses as correct"
                                                                               : "its poses occur in the correct clip too: "
                                                                                 "compare phase by phase",
                                                           render::viewPresetName(row.cells.front().view))
                                             : fmt::format("mistake, {} view", render::viewPresetName(row.cells.front().view));
    for (const std::string& line : wrap(*regular, sub, style.note, static_cast<float>(style.labelWidth - 12))) {
      regular->drawText(sheet.image, {m, y + 2.0f}, line, style.note, style.muted);
      y += regular->lineHeight(style.note);
    }

    character.setClip(figure.clipSkeleton(), *rowClips[r]);
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      SheetCell& cell = row.cells[c];
      cell.rect = {gridLeft + static_cast<int>(c) * (cellWidth + style.gap), top, cellWidth, cellHeight};
      character.evaluate(cell.time);
      updatePose(*gpu, figure, character);
      gl::Scene scene;
      addToScene(scene, *gpu, colours);
      const Bounds pose = poseBounds(character, gpu->metresPerUnit);
      scene.contactShadow = glm::vec4(pose.centre().x, pose.centre().z, pose.radius() * 0.6f, 0.35f);
      const Bounds lit = withProps(pose, *gpu);  // props cast shadows too
      scene.shadowBounds = glm::vec4(lit.centre(), std::max(lit.radius(), 0.1f));
      render::OrbitCamera camera;
      camera.setPreset(cell.view);
      if (lying && cell.view != render::ViewPreset::Top) camera.pitch = std::max(camera.pitch, 0.30f);  // about 17 degrees
      camera.fovY = 0.30f;  // a long lens from further away: little perspective, so the box fits tightly
      fitCamera(camera, box, points, aspect);
      renderer.render(*target, camera, scene);
      blit(sheet.image, target->readPixels(), cell.rect.x, cell.rect.y);
      strokeRect(sheet.image, cell.rect, cell.highlight ? 3 : 1, cell.highlight ? style.accent : style.frame);
      // Caption: the phase, and the view where it changes along the row.
      std::string caption = cell.phaseEnd ? fmt::format("End of {}", spaced(cell.phase)) : capitalised(spaced(cell.phase));
      if (isCorrect) caption = fmt::format("{} · {}", caption, shortViewName(cell.view));
      const render::Font& font = cell.highlight ? *bold : *regular;
      float captionSize = style.caption;  // smaller until it fits under the picture
      while (captionSize > 8.0f && font.measureText(caption, captionSize).size.x > static_cast<float>(cellWidth))
        captionSize -= 0.5f;
      const float captionWidth = font.measureText(caption, captionSize).size.x;
      font.drawText(sheet.image,
                    {static_cast<float>(cell.rect.x) + std::max(0.0f, (static_cast<float>(cellWidth) - captionWidth) * 0.5f),
                     static_cast<float>(top + cellHeight + 5)},
                    caption, captionSize, cell.highlight ? style.accent : style.muted);
    }
  }
  for (std::size_t i = 0; i < noteLines.size(); ++i)
    regular->drawText(sheet.image,
                      {m, static_cast<float>(height - style.margin - noteHeight + 8) + noteLine * static_cast<float>(i)},
                      noteLines[i], style.note, style.muted);
  return sheet;
}

// [SECTION] Command

ExitCode runSheet(const CommandLine& cmd) {
  const SheetOptions& options = cmd.sheet;
  auto dataDir = findDataDir(cmd.dataDir);
  if (!dataDir) {
    log::error("{}", dataDir.error().message);
    return ExitCode::Failure;
  }
  // Which exercises, and where each picture goes.
  std::vector<std::pair<std::string, fs::path>> jobs;
  if (options.all) {
    auto exercises = exercisesWithClips(*dataDir);
    if (!exercises) {
      log::error("{}", exercises.error().message);
      return ExitCode::Failure;
    }
    for (const domain::Exercise& e : *exercises) jobs.emplace_back(e.id, options.outDir / fmt::format("{}.png", e.id));
  } else {
    jobs.emplace_back(cmd.exercise, options.out.empty() ? fs::path(fmt::format("{}.png", cmd.exercise)) : options.out);
  }

  bool noDisplay = false;
  auto headless = createHeadlessGl(*dataDir, &noDisplay);
  if (!headless) {
    log::error("{}", headless.error().message);
    return noDisplay ? ExitCode::NoDisplay : ExitCode::Failure;
  }
  ExitCode code = ExitCode::Ok;
  for (const auto& [id, out] : jobs) {
    SheetRequest request;
    request.exercise = id;
    request.model = cmd.model;
    request.cellWidth = options.cellWidth;
    request.cellHeight = options.cellHeight;
    request.samples = options.samples;
    auto sheet = renderContactSheet(request, *dataDir, headless->renderer);
    if (!sheet) {
      log::error("{}", sheet.error().message);
      code = ExitCode::Failure;
      continue;
    }
    if (Status saved = render::savePng(sheet->image, out); !saved) {
      log::error("{}", saved.error().message);
      code = ExitCode::Failure;
      continue;
    }
    log::info("wrote {} ({}x{}, {} rows)", out.string(), sheet->image.width, sheet->image.height, sheet->rows.size());
  }
  return code;
}

}  // namespace formviz::app
