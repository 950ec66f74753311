#include "asset/gltf_document.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>

namespace formviz::asset::detail {
namespace {

using nlohmann::json;

constexpr int kFloat = 5126;
constexpr std::uint32_t kGlbMagic = 0x46546C67;  // "glTF"
constexpr std::uint32_t kChunkJson = 0x4E4F534A;
constexpr std::uint32_t kChunkBin = 0x004E4942;

std::string fileName(const std::filesystem::path& path) { return path.string(); }

Error fail(const std::filesystem::path& path, const std::string& problem) {
  return makeError(fmt::format("Cannot import '{}': {}", fileName(path), problem));
}

Result<std::vector<std::uint8_t>> readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, "the file cannot be opened (missing or unreadable).");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(path, "reading the file failed.");
  return bytes;
}

std::uint32_t readU32(const std::vector<std::uint8_t>& bytes, std::size_t offset) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + offset, sizeof v);
  return v;  // GLB is little-endian, as is every platform FormViz builds on
}

int componentCount(const std::string& type) {
  if (type == "SCALAR") return 1;
  if (type == "VEC2") return 2;
  if (type == "VEC3") return 3;
  if (type == "VEC4") return 4;
  if (type == "MAT2") return 4;
  if (type == "MAT3") return 9;
  if (type == "MAT4") return 16;
  return 0;
}

const char* componentName(int componentType) {
  switch (componentType) {
    case 5120: return "BYTE";
    case 5121: return "UNSIGNED_BYTE";
    case 5122: return "SHORT";
    case 5123: return "UNSIGNED_SHORT";
    case 5125: return "UNSIGNED_INT";
    case 5126: return "FLOAT";
    default: return "unknown";
  }
}

std::string nodeName(const json& doc, int node) {
  const json& n = doc["nodes"][static_cast<std::size_t>(node)];
  if (n.contains("name") && n["name"].is_string() && !n["name"].get<std::string>().empty())
    return n["name"].get<std::string>();
  return fmt::format("nodes[{}]", node);  // assimp 5.2.5's name for an unnamed node
}

std::size_t arraySize(const json& doc, const char* key) {
  return doc.contains(key) && doc[key].is_array() ? doc[key].size() : 0;
}

// Base64 (RFC 4648, with or without padding). Returns false on a bad character.
bool decodeBase64(std::string_view text, std::vector<std::uint8_t>& out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    const int v = value(c);
    if (v < 0) return false;
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xFFu));
    }
  }
  return true;
}

Status checkAccessorIsFloat(const GltfDocument& d, int accessor, const std::string& usage) {
  const json& doc = d.json;
  if (accessor < 0 || static_cast<std::size_t>(accessor) >= arraySize(doc, "accessors"))
    return fail(d.path, fmt::format("{} refers to accessor {}, which does not exist.", usage, accessor));
  const json& a = doc["accessors"][static_cast<std::size_t>(accessor)];
  const int type = a.value("componentType", 0);
  if (type != kFloat) {
    const bool normalized = a.value("normalized", false);
    return fail(d.path, fmt::format("{} is stored as {}{} (accessor {}); assimp 5.2.5 reads such data as raw "
                                    "integers, so FormViz accepts only FLOAT here. Re-export without quantisation.",
                                    usage, normalized ? "normalised " : "", componentName(type), accessor));
  }
  return Ok{};
}

Status inspect(GltfDocument& d) {
  const json& doc = d.json;
  if (!doc.is_object()) return fail(d.path, "the glTF JSON is not an object.");
  if (!doc.contains("asset") || !doc["asset"].is_object() || !doc["asset"].contains("version"))
    return fail(d.path, "the glTF has no asset.version; it is not a glTF file.");
  const std::string version = doc["asset"]["version"].get<std::string>();
  if (version.empty() || version[0] != '2')
    return fail(d.path, fmt::format("it is glTF version {}; FormViz reads glTF 2.0.", version));
  if (doc.contains("extensionsRequired")) {
    for (const json& e : doc["extensionsRequired"]) {
      const std::string name = e.get<std::string>();
      return fail(d.path, fmt::format("it requires the extension {}, which FormViz cannot read (assimp 5.2.5 "
                                      "misreads or drops it). Re-export without it.",
                                      name));
    }
  }
  const std::size_t nodeCount = arraySize(doc, "nodes");
  if (doc.contains("skins")) {
    for (std::size_t s = 0; s < doc["skins"].size(); ++s) {
      const json& skin = doc["skins"][s];
      const std::string label = skin.contains("name") ? fmt::format("skin {} '{}'", s, skin["name"].get<std::string>())
                                                      : fmt::format("skin {}", s);
      if (!skin.contains("inverseBindMatrices"))
        return fail(d.path, fmt::format("{} has no inverseBindMatrices. They are optional in glTF but assimp 5.2.5 "
                                        "crashes on such skins; re-export the model with inverse bind matrices.",
                                        label));
      if (Status s2 = checkAccessorIsFloat(d, skin["inverseBindMatrices"].get<int>(), label + " inverseBindMatrices");
          !s2)
        return s2;
      if (!skin.contains("joints") || !skin["joints"].is_array() || skin["joints"].empty())
        return fail(d.path, fmt::format("{} has no joints.", label));
      const json& ibm = doc["accessors"][skin["inverseBindMatrices"].get<std::size_t>()];
      if (ibm.value("type", std::string()) != "MAT4" || ibm.value("count", std::size_t{0}) < skin["joints"].size())
        return fail(d.path, fmt::format("{} has {} inverse bind matrices of type {} for {} joints; it needs one MAT4 "
                                        "per joint.",
                                        label, ibm.value("count", std::size_t{0}), ibm.value("type", std::string("?")),
                                        skin["joints"].size()));
      for (const json& j : skin["joints"]) {
        const int node = j.get<int>();
        if (node < 0 || static_cast<std::size_t>(node) >= nodeCount)
          return fail(d.path, fmt::format("{} lists joint node {}, which does not exist.", label, node));
        d.skinJointNames.push_back(nodeName(doc, node));
      }
    }
  }
  if (doc.contains("meshes")) {
    for (std::size_t m = 0; m < doc["meshes"].size(); ++m) {
      const json& mesh = doc["meshes"][m];
      if (!mesh.contains("primitives")) continue;
      for (std::size_t p = 0; p < mesh["primitives"].size(); ++p) {
        const json& prim = mesh["primitives"][p];
        if (!prim.contains("attributes")) continue;
        for (const auto& [attribute, accessor] : prim["attributes"].items()) {
          const bool mustBeFloat = attribute == "POSITION" || attribute == "NORMAL" ||
                                   attribute.rfind("TEXCOORD_", 0) == 0 || attribute.rfind("WEIGHTS_", 0) == 0;
          const int index = accessor.get<int>();
          const std::string usage = fmt::format("mesh {} primitive {} attribute {}", m, p, attribute);
          if (index < 0 || static_cast<std::size_t>(index) >= arraySize(doc, "accessors"))
            return fail(d.path, fmt::format("{} refers to accessor {}, which does not exist.", usage, index));
          if (mustBeFloat) {
            if (Status s = checkAccessorIsFloat(d, index, usage); !s) return s;
          }
        }
      }
    }
  }
  if (doc.contains("animations")) {
    for (std::size_t a = 0; a < doc["animations"].size(); ++a) {
      const json& animation = doc["animations"][a];
      GltfAnimation out;
      out.name = animation.value("name", std::string());
      if (animation.contains("extras") && animation["extras"].is_object() && animation["extras"].contains("markers")) {
        const json& markers = animation["extras"]["markers"];
        if (!markers.is_array())
          return fail(d.path, fmt::format("animation {} extras.markers is not an array.", a));
        for (std::size_t m = 0; m < markers.size(); ++m) {
          const json& marker = markers[m];
          const bool named = marker.is_object() && marker.contains("name") && marker["name"].is_string() &&
                             !marker["name"].get<std::string>().empty();
          const bool timed = marker.is_object() && marker.contains("time") && marker["time"].is_number() &&
                             std::isfinite(marker["time"].get<double>()) && marker["time"].get<double>() >= 0.0;
          if (!named || !timed)
            return fail(d.path, fmt::format("animation {} extras.markers[{}] needs a non-empty \"name\" and a "
                                            "\"time\" in seconds >= 0.",
                                            a, m));
          out.markers.push_back({marker["name"].get<std::string>(), marker["time"].get<float>()});
        }
      }
      if (animation.contains("extras") && animation["extras"].is_object() && animation["extras"].contains("contacts")) {
        const json& contacts = animation["extras"]["contacts"];
        if (!contacts.is_array())
          return fail(d.path, fmt::format("animation {} extras.contacts is not an array.", a));
        auto finiteNumber = [](const json& v) { return v.is_number() && std::isfinite(v.get<double>()); };
        for (std::size_t c = 0; c < contacts.size(); ++c) {
          const json& contact = contacts[c];
          const bool ok = contact.is_object() && contact.contains("joint") && contact["joint"].is_string() &&
                          !contact["joint"].get<std::string>().empty() && contact.contains("start") &&
                          finiteNumber(contact["start"]) && contact.contains("end") && finiteNumber(contact["end"]) &&
                          contact["start"].get<double>() >= 0.0 &&
                          contact["start"].get<double>() <= contact["end"].get<double>() && contact.contains("position") &&
                          contact["position"].is_array() && contact["position"].size() == 3 &&
                          finiteNumber(contact["position"][0]) && finiteNumber(contact["position"][1]) &&
                          finiteNumber(contact["position"][2]);
          if (!ok)
            return fail(d.path, fmt::format("animation {} extras.contacts[{}] needs a non-empty \"joint\", \"start\" and "
                                            "\"end\" in seconds with 0 <= start <= end, and a \"position\" of three numbers.",
                                            a, c));
          const json& p = contact["position"];
          anim::ContactSpan span{contact["joint"].get<std::string>(), contact["start"].get<float>(),
                                 contact["end"].get<float>(),
                                 glm::vec3(p[0].get<float>(), p[1].get<float>(), p[2].get<float>()), std::nullopt, {}};
          if (contact.contains("to")) {  // a sliding contact (docs/CLIPS.md, travelling moves)
            const json& t = contact["to"];
            if (!t.is_array() || t.size() != 3 || !finiteNumber(t[0]) || !finiteNumber(t[1]) || !finiteNumber(t[2]))
              return fail(d.path, fmt::format("animation {} extras.contacts[{}].to must be three numbers.", a, c));
            span.to = glm::vec3(t[0].get<float>(), t[1].get<float>(), t[2].get<float>());
          }
          if (contact.contains("point")) {
            if (!contact["point"].is_string())
              return fail(d.path, fmt::format("animation {} extras.contacts[{}].point must be a string.", a, c));
            span.point = contact["point"].get<std::string>();
          }
          out.contacts.push_back(std::move(span));
        }
      }
      const std::size_t samplerCount = animation.contains("samplers") ? animation["samplers"].size() : 0;
      if (animation.contains("channels")) {
        for (const json& channel : animation["channels"]) {
          const int sampler = channel.value("sampler", -1);
          if (sampler < 0 || static_cast<std::size_t>(sampler) >= samplerCount)
            return fail(d.path, fmt::format("animation {} has a channel with sampler {}, which does not exist.", a,
                                            sampler));
          if (!channel.contains("target") || !channel["target"].contains("node")) continue;
          const int node = channel["target"]["node"].get<int>();
          if (node < 0 || static_cast<std::size_t>(node) >= nodeCount)
            return fail(d.path, fmt::format("animation {} targets node {}, which does not exist.", a, node));
          const std::string path = channel["target"].value("path", std::string());
          GltfChannel c;
          c.nodeName = nodeName(doc, node);
          if (path == "translation") c.path = 0;
          else if (path == "rotation") c.path = 1;
          else if (path == "scale") c.path = 2;
          else {
            d.notes.push_back(fmt::format("animation {} channel '{}' on {} is ignored (morph weights).", a, path,
                                          c.nodeName));
            continue;
          }
          const json& s = animation["samplers"][static_cast<std::size_t>(sampler)];
          const std::string interpolation = s.value("interpolation", std::string("LINEAR"));
          if (interpolation == "STEP") c.interpolation = anim::Interpolation::Step;
          else if (interpolation == "CUBICSPLINE") c.interpolation = anim::Interpolation::CubicSpline;
          c.inputAccessor = s.value("input", -1);
          c.outputAccessor = s.value("output", -1);
          const std::string usage = fmt::format("animation {} sampler {}", a, sampler);
          if (Status st = checkAccessorIsFloat(d, c.inputAccessor, usage + " input (key times)"); !st) return st;
          if (Status st = checkAccessorIsFloat(d, c.outputAccessor, usage + " output (key values)"); !st) return st;
          const json& input = doc["accessors"][static_cast<std::size_t>(c.inputAccessor)];
          const json& output = doc["accessors"][static_cast<std::size_t>(c.outputAccessor)];
          const std::size_t keys = input.value("count", std::size_t{0});
          const std::size_t values = output.value("count", std::size_t{0});
          const std::size_t expected = c.interpolation == anim::Interpolation::CubicSpline ? 3 * keys : keys;
          if (input.value("type", std::string()) != "SCALAR" || keys == 0 || values != expected)
            return fail(d.path, fmt::format("{} has {} key times and {} values ({} expected for {} interpolation).",
                                            usage, keys, values, expected, interpolation));
          out.channels.push_back(std::move(c));
        }
      }
      d.animations.push_back(std::move(out));
    }
  }
  return Ok{};
}

}  // namespace

Result<GltfDocument> inspectGltf(const std::filesystem::path& path) {
  Result<std::vector<std::uint8_t>> bytes = readBytes(path);
  if (!bytes) return bytes.error();
  const std::vector<std::uint8_t>& data = *bytes;
  if (data.empty()) return fail(path, "the file is empty.");
  GltfDocument d;
  d.path = path;
  std::string jsonText;
  if (data.size() >= 4 && readU32(data, 0) == kGlbMagic) {
    if (data.size() < 20) return fail(path, "the GLB header is truncated.");
    const std::uint32_t version = readU32(data, 4);
    const std::uint32_t length = readU32(data, 8);
    if (version != 2) return fail(path, fmt::format("it is a GLB container of version {}; FormViz reads version 2.", version));
    if (length > data.size())
      return fail(path, fmt::format("the file is truncated: its GLB header declares {} bytes but it has {}.", length,
                                    data.size()));
    std::size_t offset = 12;
    bool first = true;
    while (offset + 8 <= length) {
      const std::uint32_t chunkLength = readU32(data, offset);
      const std::uint32_t chunkType = readU32(data, offset + 4);
      if (offset + 8 + static_cast<std::size_t>(chunkLength) > length)
        return fail(path, "a GLB chunk runs past the end of the file (truncated or corrupt).");
      const auto begin = data.begin() + static_cast<std::ptrdiff_t>(offset + 8);
      if (first && chunkType != kChunkJson) return fail(path, "the first GLB chunk is not JSON.");
      if (chunkType == kChunkJson && first) jsonText.assign(begin, begin + chunkLength);
      if (chunkType == kChunkBin && d.binChunk.empty()) d.binChunk.assign(begin, begin + chunkLength);
      first = false;
      offset += 8 + ((static_cast<std::size_t>(chunkLength) + 3u) & ~std::size_t{3});
    }
    if (first) return fail(path, "the GLB file has no JSON chunk.");
  } else {
    jsonText.assign(data.begin(), data.end());
  }
  d.json = json::parse(jsonText, nullptr, /*allow_exceptions=*/false);
  if (d.json.is_discarded()) return fail(path, "the glTF JSON cannot be parsed (corrupt or truncated file).");
  try {
    if (Status status = inspect(d); !status) return status.error();
  } catch (const json::exception& e) {
    return fail(path, fmt::format("the glTF JSON is malformed ({}).", e.what()));
  }
  return d;
}

Result<std::vector<float>> readFloatAccessor(const GltfDocument& d, int accessor) {
  try {
    if (Status s = checkAccessorIsFloat(d, accessor, "an animation sampler"); !s) return s.error();
    const json& doc = d.json;
    const json& a = doc["accessors"][static_cast<std::size_t>(accessor)];
    const int components = componentCount(a.value("type", std::string()));
    const std::size_t count = a.value("count", std::size_t{0});
    if (components == 0) return fail(d.path, fmt::format("accessor {} has an unknown type.", accessor));
    std::vector<float> out(count * static_cast<std::size_t>(components), 0.0f);
    if (!a.contains("bufferView")) return out;  // all zeros, as glTF specifies (sparse not supported)
    const std::size_t viewIndex = a["bufferView"].get<std::size_t>();
    if (viewIndex >= arraySize(doc, "bufferViews"))
      return fail(d.path, fmt::format("accessor {} refers to a missing bufferView.", accessor));
    const json& view = doc["bufferViews"][viewIndex];
    const std::size_t bufferIndex = view.value("buffer", std::size_t{0});
    if (bufferIndex >= arraySize(doc, "buffers"))
      return fail(d.path, fmt::format("bufferView {} refers to a missing buffer.", viewIndex));
    const json& buffer = doc["buffers"][bufferIndex];
    std::vector<std::uint8_t> external;
    const std::vector<std::uint8_t>* bytes = &d.binChunk;
    if (buffer.contains("uri")) {
      const std::string uri = buffer["uri"].get<std::string>();
      if (uri.rfind("data:", 0) == 0) {
        const std::size_t comma = uri.find(',');
        if (comma == std::string::npos || !decodeBase64(std::string_view(uri).substr(comma + 1), external))
          return fail(d.path, fmt::format("buffer {} has a malformed data URI.", bufferIndex));
      } else {
        Result<std::vector<std::uint8_t>> file = readBytes(d.path.parent_path() / uri);
        if (!file) return fail(d.path, fmt::format("its buffer file '{}' cannot be read.", uri));
        external = std::move(file).value();
      }
      bytes = &external;
    }
    const std::size_t elementSize = static_cast<std::size_t>(components) * sizeof(float);
    const std::size_t stride = view.value("byteStride", std::size_t{0}) != 0 ? view["byteStride"].get<std::size_t>()
                                                                             : elementSize;
    const std::size_t start = view.value("byteOffset", std::size_t{0}) + a.value("byteOffset", std::size_t{0});
    if (count > 0 && start + (count - 1) * stride + elementSize > bytes->size())
      return fail(d.path, fmt::format("accessor {} runs past the end of its buffer (truncated file).", accessor));
    for (std::size_t i = 0; i < count; ++i)
      std::memcpy(out.data() + i * static_cast<std::size_t>(components), bytes->data() + start + i * stride,
                  elementSize);
    return out;
  } catch (const json::exception& e) {
    return fail(d.path, fmt::format("the glTF JSON is malformed ({}).", e.what()));
  }
}

}  // namespace formviz::asset::detail
