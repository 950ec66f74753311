// [SECTION] GltfClipIndex: the ClipIndex over animations/<id>.gltf files.
//
// Reads only the glTF JSON (no buffers, no assimp): each animation's name, its duration (the
// largest "max" of its samplers' input accessors, as glTF requires those to be given) and its
// markers from the animation's extras ({"extras": {"markers": [{"name": ..., "time": ...}]}},
// as tools/clipbake writes them). Cheap enough to run at start-up for the whole catalog.
// A file that is missing, not JSON or without animations counts as missing (the reason is
// logged as a warning).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/domain/catalog.h"

namespace formviz::domain {

class GltfClipIndex final : public ClipIndex {
 public:
  explicit GltfClipIndex(std::filesystem::path animationsDir) : dir_(std::move(animationsDir)) {}

  // Reads `<dir>/<id>.gltf` on every call (the catalog asks once per exercise).
  std::optional<std::vector<ClipInfo>> clips(std::string_view exerciseId) const override;

  // Parses glTF JSON text; nullopt with `problem` set when it has no readable animation.
  static std::optional<std::vector<ClipInfo>> parse(std::string_view gltfJson, std::string* problem);

 private:
  std::filesystem::path dir_;
};

}  // namespace formviz::domain
