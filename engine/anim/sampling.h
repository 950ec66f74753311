// [SECTION] Sampling a clip into a pose, with key cursors the caller owns.
//
// A Pose is the local (parent-space) transform of every joint, indexed like the skeleton.
// SampleJob owns no buffers: the clip, the cache and the output span belong to the caller,
// and Run() does not allocate.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "anim/clip.h"
#include "anim/skeleton.h"

namespace formviz::anim {

using Pose = std::vector<Transform>;

// A copy of the skeleton's rest pose.
Pose restPose(const Skeleton& skeleton);

// Per-track key cursors of one playing clip instance: three per joint. Keep one per
// character and clip layer; with it, forward playback finds each track's key interval in
// O(1). Using the cache with another clip, or seeking backwards, is allowed and costs a
// binary search per track once.
class SamplingCache {
 public:
  SamplingCache() = default;
  explicit SamplingCache(int maxJoints) { resize(maxJoints); }

  // Allocates cursors for clips of up to `maxJoints` joints (allocation happens here only).
  void resize(int maxJoints);
  // Forgets all cursors (the next sample binary-searches every track).
  void invalidate();
  int capacity() const { return static_cast<int>(cursors_.size() / 3); }

 private:
  friend struct SampleJob;
  std::vector<std::uint32_t> cursors_;
  // Scratch for batched rotation interpolation: per track key a (4 floats), key b (4 floats)
  // and the ratio, for capacity() rounded up to 4 tracks (4 tracks are interpolated at once).
  std::vector<float> scratch_;
  std::uint64_t clipId_ = 0;
};

// Samples every joint track of `clip` at `time`.
struct SampleJob {
  const Clip* clip = nullptr;        // required
  float time = 0.0f;                 // seconds on the clip's timeline, finite; outside [0, duration] holds the end keys
  SamplingCache* cache = nullptr;    // required, capacity() >= clip->jointCount()
  std::span<Transform> output;       // size >= clip->jointCount(); only the first jointCount() are written

  // False when an input is missing or too small (a programmer error).
  bool Validate() const;
  // Validates, then samples. Returns false (writing nothing) when Validate() fails.
  bool Run() const;
};

// Fills every empty track of `clip` with one key holding the skeleton's rest value, so a
// file that animates only some channels plays the rest pose for the others. Resizes
// clip.joints to the skeleton's joint count (new joints get rest-value tracks).
void fillMissingTracksFromRest(RawClip& clip, const Skeleton& skeleton);

}  // namespace formviz::anim
