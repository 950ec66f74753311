// [SECTION] Baking: an exercise source -> sampled clips -> glTF 2.0 bytes.
//
// Each clip is one looping repetition sampled at 30 fps: frame k is at k / 30 s, the last
// frame repeats the first (the loop is seamless). Phase markers are the phases' start times.
// The glTF holds the reference skeleton as nodes 0-25 (node i = joint i), a skin without a
// mesh (so importers find the skeleton), one animation per clip with LINEAR float samplers,
// and the markers in each animation's extras. The bytes depend only on the source: no
// clocks, no randomness, single-threaded, built with -ffp-contract=off.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "anim/clip.h"
#include "pose.h"
#include "source.h"

namespace formviz::clipbake {

inline constexpr float kFrameRate = 30.0f;  // the default; a source may ask for 60 (ExerciseSource::frameRate)

// One sampled clip: a local pose per frame on the reference skeleton.
struct BakedClip {
  std::string name;
  std::string description;
  std::vector<anim::Pose> frames;    // frames.size() = duration * 30 + 1
  std::vector<anim::Marker> markers;  // phase starts, sorted
  float duration = 0.0f;
  // Time spans in which a foot stays planted on one spot (consecutive phases merged), for
  // players that pin feet on other bodies (anim::ContactConstraint) and for the form checker.
  // Feet: the ball (Toes joint) on its spot. Other contacts (a lying body's supports, a hand
  // held on one spot by the IK) name the joint the contact hangs from and the kind of point.
  struct Contact {
    std::string joint;         // "leftToes", "leftLowerArm", ...
    std::string point;         // "" for a foot's ball; else elbow, hand, knee, foot (its side), hip
    float start = 0.0f, end = 0.0f;  // seconds
    glm::vec3 position{0.0f};  // the joint's position on the reference body, metres
    bool slides = false;       // a sliding foot (FootParams::slide): moves on the floor to `to`
    glm::vec3 to{0.0f};
  };
  std::vector<Contact> contacts;
  // Key poses: the frame index of each phase's end and the solved key.
  std::vector<int> keyFrames;
  std::vector<std::string> keyNames;
  std::vector<KeySolution> keys;
};

// Solves and samples every clip of `source`. `file` names the source in error messages.
Result<std::vector<BakedClip>> bakeClips(const ExerciseSource& source, const std::string& file);

struct GltfFiles {
  std::string gltf;                // JSON text
  std::vector<std::uint8_t> bin;   // the buffer, referenced as "<id>.bin"
};
GltfFiles encodeGltf(const ExerciseSource& source, const std::vector<BakedClip>& clips);

// Source file -> glTF bytes in memory (what the test compares with the committed files).
Result<GltfFiles> bakeFile(const std::filesystem::path& sourcePath);

// Writes <outDir>/<id>.gltf and .bin atomically (each to a temporary file, then renamed).
Status writeFiles(const std::filesystem::path& outDir, const std::string& id, const GltfFiles& files);

// A table per clip of the key poses' measured angles and the feet's heights, for authors.
std::string report(const std::vector<BakedClip>& clips);

// Easing of a phase: u in [0, 1] -> eased fraction in [0, 1].
float ease(Easing easing, float u);

}  // namespace formviz::clipbake
