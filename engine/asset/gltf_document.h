// [SECTION] Internal: reading a glTF 2.0 file's JSON (and GLB binary chunk) ourselves.
//
// assimp 5.2.5 crashes or silently misreads some valid glTF files (fixtures/README.md), so
// the importer inspects the document before assimp sees it, and reads the few accessors
// assimp loses (cubic-spline tangents, step/cubic interpolation modes). Not public API:
// only engine/asset includes it; nlohmann_json stays private to this module.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "anim/clip.h"
#include "core/result.h"

namespace formviz::asset::detail {

// One animation channel as the JSON describes it.
struct GltfChannel {
  std::string nodeName;          // the node name as assimp reports it ("nodes[i]" when unnamed)
  int path = 0;                  // 0 translation, 1 rotation, 2 scale (weights channels skipped)
  anim::Interpolation interpolation = anim::Interpolation::Linear;
  int inputAccessor = -1;
  int outputAccessor = -1;
};

struct GltfAnimation {
  std::string name;
  std::vector<GltfChannel> channels;
  // FormViz phase markers: the animation's extras {"markers": [{"name": ..., "time": seconds}]}.
  std::vector<anim::Marker> markers;
  // Planted spans: extras {"contacts": [{"joint": name, "start": s, "end": s, "position": [x, y, z]}]}.
  std::vector<anim::ContactSpan> contacts;
};

struct GltfDocument {
  std::vector<std::string> skinJointNames;  // every skin's joints, assimp naming
  std::vector<GltfAnimation> animations;    // in file order (assimp keeps it)
  std::vector<std::string> notes;           // things the importer should report
  std::filesystem::path path;               // the file, for buffers with relative URIs
  nlohmann::json json;                      // the whole document
  std::vector<std::uint8_t> binChunk;       // GLB binary chunk (buffer 0 without uri); empty for .gltf
};

// Parses and checks `path` (.gltf or .glb). Errors name the file and the problem:
// unreadable or truncated file, bad GLB header or chunks, invalid JSON, not glTF 2.0,
// required extensions we cannot read (quantisation, Draco, meshopt), a skin without
// inverseBindMatrices, normalised-integer or otherwise non-float vertex attributes
// (positions, normals, UVs, weights) or animation data, accessor indices out of range,
// malformed marker extras (a marker needs a non-empty string name and a finite time >= 0),
// malformed contact extras (a non-empty joint name, finite 0 <= start <= end, three finite numbers).
Result<GltfDocument> inspectGltf(const std::filesystem::path& path);

// Reads FLOAT accessor `accessor` as a flat array (components per element times count).
// Handles byteStride, GLB binary chunks, base64 data: URIs and external .bin files.
Result<std::vector<float>> readFloatAccessor(const GltfDocument& document, int accessor);

}  // namespace formviz::asset::detail
