// [SECTION] glTF 2.0 writer for bodies: models/<name>.gltf and models/<name>.bin.
//
// Layout (docs/BODY.md has the details): one mesh with one indexed triangle primitive
// (POSITION, NORMAL, TEXCOORD_0 = front-projected UV, TEXCOORD_1 = (region id, weight),
// JOINTS_0 UNSIGNED_BYTE, WEIGHTS_0 FLOAT), one skin with inverseBindMatrices, joint
// nodes with translations only (rest rotations are the identity). Every accessor is a
// plain float or unsigned integer: none is normalised. The output bytes depend only on
// the body, never on the time or the machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "body.h"
#include "core/result.h"

namespace formviz::body {

struct GltfFiles {
  std::string json;              // the .gltf text, ending in a newline
  std::vector<std::uint8_t> bin; // the .bin buffer it refers to as `binName`
};
GltfFiles encodeGltf(const Body& body, const std::string& binName);

// Writes <outDir>/<preset name>.gltf and .bin, each through a temporary file renamed
// into place, so a reader never sees half a file. The error names the path and reason.
Status writeBodyFiles(const Body& body, const std::filesystem::path& outDir);

// Writes bytes to path atomically (temporary file in the same folder, then rename).
Status writeFileAtomic(const std::filesystem::path& path, const void* data, size_t size);

}  // namespace formviz::body
