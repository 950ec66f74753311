// [SECTION] Clip: keyframed tracks for every joint of a skeleton, plus named markers.
//
// RawClip is the offline, editable form (one RawJointTracks per joint, plain vectors,
// checked by Validate()). Clip is the immutable runtime form: every track of one kind
// (translation, rotation or scale) shares one contiguous time array and one value array,
// addressed by a small TrackRange per joint. No per-joint heap objects.
//
// Time is in seconds on the clip's own timeline, which starts at 0. Keys may start after 0
// (CesiumMan's start at 1/24 s): before a track's first key the first key's value holds,
// after its last key the last key's value holds. duration() is the end of the timeline
// (the last key of any track, as in glTF); [startTime(), endTime()] is the span that holds
// keys and is what looping playback repeats.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anim/transform.h"
#include "core/result.h"

namespace formviz::anim {

enum class Interpolation : std::uint8_t {
  Linear,       // lerp for vectors, shortest-arc normalised slerp for rotations
  Step,         // the earlier key's value until the next key
  CubicSpline,  // glTF cubic Hermite spline: each key has in-tangent, value, out-tangent
};

// One keyframed channel. CubicSpline tracks store three values per key in glTF order
// (in-tangent, value, out-tangent); tangents are in units per second.
template <typename T>
struct RawTrack {
  Interpolation interpolation = Interpolation::Linear;
  std::vector<float> times;  // seconds, strictly increasing, within [0, RawClip::duration]
  std::vector<T> values;     // times.size() values, or 3 * times.size() for CubicSpline
};

// The tracks of one joint. An empty track keeps the neutral value (zero translation,
// identity rotation, unit scale); importers fill channels a file does not animate with
// the joint's rest value (see fillMissingTracksFromRest in anim/sampling.h).
struct RawJointTracks {
  RawTrack<glm::vec3> translation;
  RawTrack<glm::quat> rotation;
  RawTrack<glm::vec3> scale;
};

// A named instant on the clip's timeline ("bottom", "lockout", "left foot down").
struct Marker {
  std::string name;
  float time = 0.0f;  // seconds, within [0, duration]
};

// A span of the clip in which one joint stays planted on one spot: the ball of a foot on
// the floor or on a box, as the clip's author solved it on the clip's own skeleton. Plain
// data the importer reads from glTF (animations[i].extras.contacts, see docs/CLIPS.md);
// anim::Character uses it to pin planted feet when it plays the clip on another body.
struct ContactSpan {
  std::string joint;               // the planted joint's name, e.g. "leftToes" (ball of the foot)
  float start = 0.0f;              // seconds, within [0, duration]
  float end = 0.0f;                // seconds, start <= end <= duration
  glm::vec3 position{0.0f};        // the joint's model-space position during the span (metres, clip skeleton)
  // A sliding contact (a travelling move baked in place, glTF extras `to`): the joint moves on
  // the floor in a straight line from `position` at `start` to `*to` at `end`; Character holds
  // only its height on other bodies.
  std::optional<glm::vec3> to;
  // What touches (glTF extras `point`: "elbow", "hand", "knee", "foot", "hip" for a lying body's
  // supports and hand-IK targets); empty = the ball of a planted foot. Only those are pinned.
  std::string point;
};

// Offline clip. Validate() rules, numbered as in its error messages:
//   1. duration is finite and > 0;
//   2. 1 to kMaxJoints joint tracks;
//   3. every key time is finite and within [0, duration];
//   4. key times strictly increase within a track;
//   5. a track has one value per key (three per key for CubicSpline);
//   6. values are finite and rotation key values are not zero-length;
//   7. every marker has a non-empty name and a time within [0, duration];
//   8. every contact span names a joint, start <= end within [0, duration], a finite position.
struct RawClip {
  std::string name;
  float duration = 0.0f;                 // seconds
  std::vector<RawJointTracks> joints;    // indexed like the skeleton's joints
  std::vector<Marker> markers;
  std::vector<ContactSpan> contacts;     // planted spans (optional; glTF extras.contacts)

  Status Validate() const;
};

// Where one joint's track lives in a TrackSet.
struct TrackRange {
  std::uint32_t firstKey = 0;    // index into TrackSet::times
  std::uint32_t keyCount = 0;    // 0 = empty track (neutral value)
  std::uint32_t firstValue = 0;  // index into TrackSet::values
  Interpolation interpolation = Interpolation::Linear;
};

// All tracks of one kind, one TrackRange per joint.
template <typename T>
struct TrackSet {
  std::vector<TrackRange> ranges;       // one per joint
  std::vector<float> times;             // seconds, every track's keys back to back
  std::vector<float> inverseIntervals;  // per key: 1 / (next key time - this key time); 0 for a track's last key
  std::vector<T> values;                // per key (three per key for CubicSpline), rotations unit length
};

class Clip {
 public:
  Clip() = default;  // empty clip (0 joints, duration 0)

  // Validates `raw` and builds the runtime clip; markers are sorted by time.
  static Result<Clip> build(const RawClip& raw);

  const std::string& name() const { return name_; }
  int jointCount() const { return static_cast<int>(translations_.ranges.size()); }
  float duration() const { return duration_; }    // seconds, end of the timeline
  float startTime() const { return startTime_; }  // seconds, earliest key of any track with 2+ keys
  float endTime() const { return duration_; }     // seconds, same as duration()
  std::span<const Marker> markers() const { return markers_; }
  // Planted-contact spans, sorted by start time (empty when the file has none).
  std::span<const ContactSpan> contacts() const { return contacts_; }
  // Time of the first marker named `name`, if any.
  std::optional<float> markerTime(std::string_view name) const;

  // Stateless sampling of one joint's track (binary search; for tools and tests, not for
  // per-frame playback: use SampleJob with a SamplingCache). `joint` in [0, jointCount()).
  glm::vec3 sampleTranslation(int joint, float time) const;
  glm::quat sampleRotation(int joint, float time) const;
  glm::vec3 sampleScale(int joint, float time) const;

  // Per joint, the value of every track that does not change (one key or none): SampleJob
  // copies it in one pass, then samples only the animated tracks listed below.
  std::span<const Transform> constantPose() const { return constantPose_; }
  // Joints whose translation / rotation / scale track has 2+ keys, ascending.
  std::span<const std::uint16_t> animatedTranslations() const { return animated_[0]; }
  std::span<const std::uint16_t> animatedRotations() const { return animated_[1]; }
  std::span<const std::uint16_t> animatedScales() const { return animated_[2]; }

  const TrackSet<glm::vec3>& translations() const { return translations_; }
  const TrackSet<glm::quat>& rotations() const { return rotations_; }
  const TrackSet<glm::vec3>& scales() const { return scales_; }
  // Unique per built clip; lets a SamplingCache notice that it is used with another clip.
  std::uint64_t id() const { return id_; }

 private:
  std::string name_;
  float duration_ = 0.0f;
  float startTime_ = 0.0f;
  std::vector<Marker> markers_;
  std::vector<ContactSpan> contacts_;
  TrackSet<glm::vec3> translations_;
  TrackSet<glm::quat> rotations_;
  TrackSet<glm::vec3> scales_;
  std::vector<Transform> constantPose_;
  std::vector<std::uint16_t> animated_[3];
  std::uint64_t id_ = 0;
};

}  // namespace formviz::anim
