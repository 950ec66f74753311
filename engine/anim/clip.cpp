#include "anim/clip.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include "anim/skeleton.h"
#include "anim/track_sampling.h"

namespace formviz::anim {
namespace {

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }
bool finite(const glm::quat& q) {
  return std::isfinite(q.x) && std::isfinite(q.y) && std::isfinite(q.z) && std::isfinite(q.w);
}
bool zeroLength(const glm::vec3&) { return false; }
bool zeroLength(const glm::quat& q) { return glm::dot(q, q) < 1e-12f; }

const char* kindName(int kind) {
  static const char* const kNames[] = {"translation", "rotation", "scale"};
  return kNames[kind];
}

Error rule(const RawClip& clip, int number, const std::string& detail) {
  return makeError(fmt::format("Invalid clip '{}' (rule {}): {}", clip.name, number, detail));
}

template <typename T>
Status validateTrack(const RawClip& clip, const RawTrack<T>& track, std::size_t joint, int kind) {
  const std::size_t keys = track.times.size();
  for (std::size_t k = 0; k < keys; ++k) {
    const float t = track.times[k];
    if (!std::isfinite(t) || t < 0.0f || t > clip.duration)
      return rule(clip, 3, fmt::format("joint {} {} key {} is at {} s, outside [0, {}]", joint, kindName(kind), k, t,
                                       clip.duration));
    if (k > 0 && !(track.times[k - 1] < t))
      return rule(clip, 4, fmt::format("joint {} {} key {} at {} s does not come after key {} at {} s", joint,
                                       kindName(kind), k, t, k - 1, track.times[k - 1]));
  }
  const bool cubic = track.interpolation == Interpolation::CubicSpline;
  const std::size_t expected = cubic ? 3 * keys : keys;
  if (track.values.size() != expected)
    return rule(clip, 5, fmt::format("joint {} {} has {} keys but {} values (expected {})", joint, kindName(kind),
                                     keys, track.values.size(), expected));
  for (std::size_t v = 0; v < track.values.size(); ++v) {
    const bool isValue = !cubic || v % 3 == 1;
    if (!finite(track.values[v]) || (isValue && zeroLength(track.values[v])))
      return rule(clip, 6, fmt::format("joint {} {} value {} is not finite or is a zero rotation", joint,
                                       kindName(kind), v));
  }
  return Ok{};
}

template <typename T>
T zeroOf() {
  if constexpr (std::is_same_v<T, glm::quat>) {
    return glm::quat(0.0f, 0.0f, 0.0f, 0.0f);
  } else {
    return T(0.0f);
  }
}

// True when every key holds the same value (and, for cubic tracks, every tangent is zero):
// the track is a constant and one key represents it exactly.
template <typename T>
bool isConstant(const RawTrack<T>& track) {
  const bool cubic = track.interpolation == Interpolation::CubicSpline;
  const std::size_t stride = cubic ? 3 : 1, offset = cubic ? 1 : 0;
  const T& first = track.values[offset];
  for (std::size_t v = 0; v < track.values.size(); ++v) {
    const bool isValue = v % stride == offset;
    if (isValue ? track.values[v] != first : track.values[v] != zeroOf<T>()) return false;
  }
  return true;
}

// Appends one track. Lossless compaction: a constant track keeps a single key (exported
// files often key every channel of every joint every frame; most of those never change).
template <typename T>
void appendTrack(TrackSet<T>& set, const RawTrack<T>& track, bool normalise) {
  const bool cubic = track.interpolation == Interpolation::CubicSpline;
  const bool single = track.times.size() < 2 || isConstant(track);
  TrackRange range;
  range.firstKey = static_cast<std::uint32_t>(set.times.size());
  range.keyCount = single ? std::min<std::uint32_t>(1u, static_cast<std::uint32_t>(track.times.size()))
                          : static_cast<std::uint32_t>(track.times.size());
  range.firstValue = static_cast<std::uint32_t>(set.values.size());
  range.interpolation = single ? Interpolation::Linear : track.interpolation;
  set.ranges.push_back(range);
  set.times.insert(set.times.end(), track.times.begin(), track.times.begin() + range.keyCount);
  for (std::uint32_t k = 0; k < range.keyCount; ++k)
    set.inverseIntervals.push_back(k + 1 < range.keyCount ? 1.0f / (track.times[k + 1] - track.times[k]) : 0.0f);
  for (std::size_t v = 0; v < track.values.size(); ++v) {
    if (single && v != (cubic ? 1u : 0u)) continue;  // a single key keeps only its value
    T value = track.values[v];
    if constexpr (std::is_same_v<T, glm::quat>) {
      if (normalise && (!cubic || v % 3 == 1)) value = glm::normalize(value);
    }
    set.values.push_back(value);
  }
}

std::atomic<std::uint64_t> gNextClipId{1};

}  // namespace

Status RawClip::Validate() const {
  if (!std::isfinite(duration) || duration <= 0.0f)
    return rule(*this, 1, fmt::format("duration is {} s; it must be > 0", duration));
  if (joints.empty() || joints.size() > static_cast<std::size_t>(kMaxJoints))
    return rule(*this, 2, fmt::format("it has {} joint tracks; it needs 1 to {}", joints.size(), kMaxJoints));
  for (std::size_t j = 0; j < joints.size(); ++j) {
    if (Status s = validateTrack(*this, joints[j].translation, j, 0); !s) return s;
    if (Status s = validateTrack(*this, joints[j].rotation, j, 1); !s) return s;
    if (Status s = validateTrack(*this, joints[j].scale, j, 2); !s) return s;
  }
  for (std::size_t m = 0; m < markers.size(); ++m) {
    if (markers[m].name.empty()) return rule(*this, 7, fmt::format("marker {} has no name", m));
    if (!std::isfinite(markers[m].time) || markers[m].time < 0.0f || markers[m].time > duration)
      return rule(*this, 7, fmt::format("marker '{}' is at {} s, outside [0, {}]", markers[m].name, markers[m].time,
                                        duration));
  }
  for (std::size_t c = 0; c < contacts.size(); ++c) {
    const ContactSpan& span = contacts[c];
    if (span.joint.empty()) return rule(*this, 8, fmt::format("contact {} names no joint", c));
    if (!std::isfinite(span.start) || !std::isfinite(span.end) || span.start < 0.0f || span.end > duration ||
        span.start > span.end)
      return rule(*this, 8, fmt::format("contact {} ('{}') spans {} .. {} s, not an interval within [0, {}]", c,
                                        span.joint, span.start, span.end, duration));
    if (!finite(span.position)) return rule(*this, 8, fmt::format("contact {} ('{}') has a non-finite position", c, span.joint));
  }
  return Ok{};
}

Result<Clip> Clip::build(const RawClip& raw) {
  if (Status status = raw.Validate(); !status) return status.error();
  Clip clip;
  clip.name_ = raw.name;
  clip.duration_ = raw.duration;
  clip.markers_ = raw.markers;
  std::stable_sort(clip.markers_.begin(), clip.markers_.end(),
                   [](const Marker& a, const Marker& b) { return a.time < b.time; });
  clip.contacts_ = raw.contacts;
  std::stable_sort(clip.contacts_.begin(), clip.contacts_.end(),
                   [](const ContactSpan& a, const ContactSpan& b) { return a.start < b.start; });
  // Start of the keyed span: the earliest first key of a track that changes (2+ keys);
  // single-key tracks are constants (importers add them for channels a file leaves out).
  float start = raw.duration;
  bool anyAnimated = false;
  for (const RawJointTracks& joint : raw.joints) {
    appendTrack(clip.translations_, joint.translation, false);
    appendTrack(clip.rotations_, joint.rotation, true);
    appendTrack(clip.scales_, joint.scale, false);
    for (const std::vector<float>* times : {&joint.translation.times, &joint.rotation.times, &joint.scale.times}) {
      if (times->size() >= 2) {
        start = std::min(start, times->front());
        anyAnimated = true;
      }
    }
  }
  clip.startTime_ = anyAnimated ? start : 0.0f;
  const std::size_t joints = raw.joints.size();
  clip.constantPose_.resize(joints);
  for (std::size_t j = 0; j < joints; ++j) {
    const auto joint16 = static_cast<std::uint16_t>(j);
    Transform& constant = clip.constantPose_[j];
    const TrackRange& t = clip.translations_.ranges[j];
    const TrackRange& r = clip.rotations_.ranges[j];
    const TrackRange& s = clip.scales_.ranges[j];
    if (t.keyCount == 1) constant.translation = clip.translations_.values[t.firstValue];
    if (r.keyCount == 1) constant.rotation = clip.rotations_.values[r.firstValue];
    if (s.keyCount == 1) constant.scale = clip.scales_.values[s.firstValue];
    if (t.keyCount >= 2) clip.animated_[0].push_back(joint16);
    if (r.keyCount >= 2) clip.animated_[1].push_back(joint16);
    if (s.keyCount >= 2) clip.animated_[2].push_back(joint16);
  }
  clip.id_ = gNextClipId.fetch_add(1);
  return clip;
}

std::optional<float> Clip::markerTime(std::string_view name) const {
  for (const Marker& m : markers_)
    if (m.name == name) return m.time;
  return std::nullopt;
}

glm::vec3 Clip::sampleTranslation(int joint, float time) const {
  assert(joint >= 0 && joint < jointCount() && "Clip::sampleTranslation: joint index out of range for this clip");
  std::uint32_t cursor = 0;
  return detail::sampleTrack(translations_, static_cast<std::size_t>(joint), time, cursor, glm::vec3(0.0f));
}

glm::quat Clip::sampleRotation(int joint, float time) const {
  assert(joint >= 0 && joint < jointCount() && "Clip::sampleRotation: joint index out of range for this clip");
  std::uint32_t cursor = 0;
  return detail::sampleTrack(rotations_, static_cast<std::size_t>(joint), time, cursor,
                             glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
}

glm::vec3 Clip::sampleScale(int joint, float time) const {
  assert(joint >= 0 && joint < jointCount() && "Clip::sampleScale: joint index out of range for this clip");
  std::uint32_t cursor = 0;
  return detail::sampleTrack(scales_, static_cast<std::size_t>(joint), time, cursor, glm::vec3(1.0f));
}

}  // namespace formviz::anim
