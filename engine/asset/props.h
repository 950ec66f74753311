// [SECTION] Props of an exercise clip file: the mat, box, bench, dumbbell, kettlebell, band
// or cable the exercise uses, as plain data read from the glTF's asset.extras.formviz.props
// (written by tools/clipbake; docs/CLIPS.md "Props"). Drawing them is engine/render's job.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace formviz::asset {

// The kinds a clip may name, in the order of kPropKindNames.
enum class PropKind { Box, Bench, Dumbbell, Kettlebell, Band, Mat, Cable };
inline constexpr std::array<std::string_view, 7> kPropKindNames = {"box", "bench", "dumbbell", "kettlebell",
                                                                   "band", "mat", "cable"};
// Where a prop (or a band's other end) is held: "world" or one of these joints.
inline constexpr std::array<std::string_view, 9> kPropJoints = {"leftHand", "rightHand", "leftFoot", "rightFoot",
                                                                 "leftLowerLeg", "rightLowerLeg", "leftUpperLeg",
                                                                 "rightUpperLeg", "hips"};

struct Prop {
  PropKind kind = PropKind::Box;
  std::string attach = "world";   // "world" or a joint name from kPropJoints
  glm::vec3 position{0.0f};       // metres: in the world, or in the attach joint's frame
  glm::vec3 size{0.0f};           // metres: extents (x = length for handles; y = height)
  // Bands and cables only: their other end, "world" or a joint, and the position there.
  std::string to;
  glm::vec3 toPosition{0.0f};
  bool attached() const { return attach != "world"; }
  bool stretched() const { return kind == PropKind::Band || kind == PropKind::Cable; }
};

std::string_view propKindName(PropKind kind);

// Parses the JSON array `jsonText` (the value of asset.extras.formviz.props). Errors name
// `file` and the field, e.g. "...props[1].size: expected 3 numbers in metres (0 to 5)".
Result<std::vector<Prop>> parseProps(std::string_view jsonText, const std::filesystem::path& file);

}  // namespace formviz::asset
