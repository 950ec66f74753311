// [SECTION] glTF 2.0 writer.
#include "gltf_writer.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

namespace formviz::body {

namespace {

using nlohmann::json;

// The shortest decimal that reads back as the same float, as a JSON number: keeps the
// text short and makes min/max match the binary floats exactly.
json num(float v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return json(std::strtod(std::string(buf, res.ptr).c_str(), nullptr));
}
json vec(const glm::vec3& v) { return json::array({num(v.x), num(v.y), num(v.z)}); }

class BinBuilder {
 public:
  // Appends raw little-endian data on a 4-byte boundary; returns the bufferView index.
  int add(json& views, const void* data, size_t size, int target) {
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    json view = {{"buffer", 0}, {"byteOffset", bytes_.size()}, {"byteLength", size}};
    if (target != 0) view["target"] = target;
    const auto* p = static_cast<const std::uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
    views.push_back(view);
    return static_cast<int>(views.size()) - 1;
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;
constexpr int kFloat = 5126;
constexpr int kUnsignedByte = 5121;
constexpr int kUnsignedShort = 5123;
constexpr int kUnsignedInt = 5125;

}  // namespace

GltfFiles encodeGltf(const Body& body, const std::string& binName) {
  const Mesh& mesh = body.mesh;
  const Skeleton& sk = body.rig.skeleton;
  const size_t nv = mesh.positions.size();
  json views = json::array(), accessors = json::array();
  BinBuilder bin;

  auto addAccessor = [&](int view, int componentType, size_t count, const char* type) {
    accessors.push_back({{"bufferView", view}, {"componentType", componentType}, {"count", count}, {"type", type}});
    return static_cast<int>(accessors.size()) - 1;
  };

  // POSITION with exact bounds.
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (const glm::vec3& p : mesh.positions) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  const int aPos = addAccessor(bin.add(views, mesh.positions.data(), nv * sizeof(glm::vec3), kArrayBuffer), kFloat, nv, "VEC3");
  accessors[static_cast<size_t>(aPos)]["min"] = vec(lo);
  accessors[static_cast<size_t>(aPos)]["max"] = vec(hi);
  const int aNrm = addAccessor(bin.add(views, mesh.normals.data(), nv * sizeof(glm::vec3), kArrayBuffer), kFloat, nv, "VEC3");
  // TEXCOORD_0: front projection, u across the figure's width, v down from the crown.
  std::vector<glm::vec2> uv(nv);
  const float height = body.preset.height;
  for (size_t v = 0; v < nv; ++v) {
    uv[v] = {0.5f + mesh.positions[v].x / (2.0f * height), 1.0f - mesh.positions[v].y / height};
  }
  const int aUv0 = addAccessor(bin.add(views, uv.data(), nv * sizeof(glm::vec2), kArrayBuffer), kFloat, nv, "VEC2");
  const int aUv1 = addAccessor(bin.add(views, mesh.regions.data(), nv * sizeof(glm::vec2), kArrayBuffer), kFloat, nv, "VEC2");
  const int aJnt = addAccessor(bin.add(views, mesh.joints.data(), nv * 4, kArrayBuffer), kUnsignedByte, nv, "VEC4");
  const int aWgt = addAccessor(bin.add(views, mesh.weights.data(), nv * sizeof(glm::vec4), kArrayBuffer), kFloat, nv, "VEC4");

  int aIdx = 0;
  if (nv <= 65535) {
    std::vector<std::uint16_t> idx(mesh.indices.begin(), mesh.indices.end());
    aIdx = addAccessor(bin.add(views, idx.data(), idx.size() * 2, kElementArrayBuffer), kUnsignedShort, idx.size(), "SCALAR");
  } else {
    aIdx = addAccessor(bin.add(views, mesh.indices.data(), mesh.indices.size() * 4, kElementArrayBuffer), kUnsignedInt,
                       mesh.indices.size(), "SCALAR");
  }

  // Inverse bind matrices: rest rotations are the identity, so each is a translation.
  std::vector<float> ibm;
  for (const Joint& j : sk.joints) {
    const float m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -j.position.x, -j.position.y, -j.position.z, 1};
    ibm.insert(ibm.end(), m, m + 16);
  }
  const int aIbm = addAccessor(bin.add(views, ibm.data(), ibm.size() * sizeof(float), 0), kFloat, sk.joints.size(), "MAT4");

  // Nodes: 0 is the skinned mesh, joints follow from 1 in skeleton order.
  json nodes = json::array();
  nodes.push_back({{"name", "body"}, {"mesh", 0}, {"skin", 0}});
  json jointList = json::array();
  for (size_t j = 0; j < sk.joints.size(); ++j) {
    const Joint& joint = sk.joints[j];
    const glm::vec3 t = joint.parent < 0 ? joint.position : joint.position - sk.joints[static_cast<size_t>(joint.parent)].position;
    json node = {{"name", joint.name}, {"translation", vec(t)}};
    json children = json::array();
    for (size_t c = 0; c < sk.joints.size(); ++c) {
      if (sk.joints[c].parent == static_cast<int>(j)) children.push_back(c + 1);
    }
    if (!children.empty()) node["children"] = children;
    nodes.push_back(node);
    jointList.push_back(j + 1);
  }

  json doc;
  doc["asset"] = {{"version", "2.0"}, {"generator", "FormViz bodygen"}};
  doc["extras"] = {{"formviz",
                    {{"preset", body.preset.name},
                     {"description", body.preset.description},
                     {"height", num(body.preset.height)},
                     {"regionAttribute", "TEXCOORD_1"},
                     {"regionEncoding", "FLOAT VEC2 (region id, weight); ids in engine/core/muscle_regions.h"}}}};
  doc["scene"] = 0;
  doc["scenes"] = json::array({{{"name", body.preset.name}, {"nodes", json::array({0, 1})}}});
  doc["nodes"] = nodes;
  doc["skins"] = json::array({{{"name", "humanoid"}, {"inverseBindMatrices", aIbm}, {"joints", jointList}, {"skeleton", 1}}});
  doc["materials"] = json::array(
      {{{"name", "mannequin"},
        {"pbrMetallicRoughness", {{"baseColorFactor", json::array({0.8, 0.74, 0.68, 1.0})}, {"metallicFactor", 0.0}, {"roughnessFactor", 0.7}}}}});
  doc["meshes"] = json::array({{{"name", "body"},
                                {"primitives", json::array({{{"attributes",
                                                              {{"POSITION", aPos},
                                                               {"NORMAL", aNrm},
                                                               {"TEXCOORD_0", aUv0},
                                                               {"TEXCOORD_1", aUv1},
                                                               {"JOINTS_0", aJnt},
                                                               {"WEIGHTS_0", aWgt}}},
                                                             {"indices", aIdx},
                                                             {"material", 0},
                                                             {"mode", 4}}})}}});
  doc["accessors"] = accessors;
  doc["bufferViews"] = views;
  doc["buffers"] = json::array({{{"uri", binName}, {"byteLength", bin.bytes().size()}}});

  GltfFiles files;
  files.json = doc.dump(1) + "\n";
  files.bin = std::move(bin.bytes());
  return files;
}

Status writeFileAtomic(const std::filesystem::path& path, const void* data, size_t size) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return makeError("Cannot write " + tmp.string() + ": " + std::strerror(errno) + ".");
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return makeError("Cannot write " + tmp.string() + " (disk full?).");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return makeError("Cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message() + ".");
  }
  return Ok{};
}

Status writeBodyFiles(const Body& body, const std::filesystem::path& outDir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(outDir, ec)) {
    return makeError("Output folder " + outDir.string() + " does not exist or is not a folder.");
  }
  const std::string binName = body.preset.name + ".bin";
  const GltfFiles files = encodeGltf(body, binName);
  Status s = writeFileAtomic(outDir / binName, files.bin.data(), files.bin.size());
  if (!s) return s;
  return writeFileAtomic(outDir / (body.preset.name + ".gltf"), files.json.data(), files.json.size());
}

}  // namespace formviz::body
