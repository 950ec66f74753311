// [SECTION] index
//   helpers            assimp -> glm conversions, errors
//   skeleton           node tree + skin joints -> RawSkeleton -> Skeleton
//   clips              aiAnimation (+ glTF sampler data) -> RawClip -> Clip
//   meshes             aiMesh -> MeshData (top-4 influences, V flip undone)
//   importGltf / importBvh
#include "asset/import.h"

#include <algorithm>
#include <functional>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <fmt/format.h>
#include <glm/gtc/type_ptr.hpp>

#include "anim/model_space.h"
#include "anim/sampling.h"
#include "asset/gltf_document.h"
#include "asset/props_json.h"
#include "core/log.h"

namespace formviz::asset {
namespace {

// [SECTION] helpers

Error fail(const std::filesystem::path& path, const std::string& problem) {
  return makeError(fmt::format("Cannot import '{}': {}", path.string(), problem));
}

glm::mat4 toGlm(const aiMatrix4x4& m) { return glm::transpose(glm::make_mat4(&m.a1)); }  // assimp is row-major
glm::vec3 toGlm(const aiVector3D& v) { return {v.x, v.y, v.z}; }
glm::quat toGlm(const aiQuaternion& q) { return glm::quat(q.w, q.x, q.y, q.z); }

std::string nameOf(const aiString& s) { return std::string(s.C_Str()); }

// Post-processing chosen explicitly (never a preset, never PreTransformVertices or
// OptimizeGraph on a rig): triangles, normals only where missing, and assimp's own
// structure check. No LimitBoneWeights (we keep the top 4 ourselves and report the cut),
// no JoinIdenticalVertices (glTF is already indexed), no FindDegenerates (it turns
// degenerate triangles into lines).
constexpr unsigned kGltfFlags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_ValidateDataStructure;
constexpr unsigned kBvhFlags = aiProcess_ValidateDataStructure;

// `meshless`: the file has no meshes (an animation-only file); assimp flags such scenes
// incomplete although nothing is missing, so the flag is accepted when there are animations.
const aiScene* readScene(Assimp::Importer& importer, const std::filesystem::path& path, unsigned flags,
                         std::string& problem, bool meshless = false) {
  const aiScene* scene = importer.ReadFile(path.string(), flags);
  if (scene == nullptr) {
    problem = fmt::format("assimp could not read it ({}).", importer.GetErrorString());
    return nullptr;
  }
  const bool incomplete = (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) != 0 &&
                          !(meshless && scene->mNumMeshes == 0 && scene->mNumAnimations > 0);
  if (incomplete || scene->mRootNode == nullptr) {
    problem = "assimp read only part of it (the file is incomplete or corrupt).";
    return nullptr;
  }
  return scene;
}

// [SECTION] skeleton

struct SceneSkeleton {
  anim::Skeleton skeleton;
  std::vector<const aiNode*> nodes;  // the assimp node of each joint
};

bool markNeeded(const aiNode* node, const std::function<bool(const aiNode*)>& isJoint,
                std::unordered_set<const aiNode*>& keep) {
  bool needed = isJoint(node);
  for (unsigned c = 0; c < node->mNumChildren; ++c) needed = markNeeded(node->mChildren[c], isJoint, keep) || needed;
  if (needed) keep.insert(node);
  return needed;
}

void emitDepthFirst(const aiNode* node, int parent, const std::unordered_set<const aiNode*>& keep,
                    anim::RawSkeleton& raw, std::vector<const aiNode*>& nodes) {
  if (keep.count(node) == 0) return;
  const int index = static_cast<int>(raw.parents.size());
  raw.names.push_back(nameOf(node->mName));
  raw.parents.push_back(parent);
  raw.restPose.push_back(anim::fromMatrix(toGlm(node->mTransformation)));
  nodes.push_back(node);
  for (unsigned c = 0; c < node->mNumChildren; ++c) emitDepthFirst(node->mChildren[c], index, keep, raw, nodes);
}

// Joints = nodes accepted by `isJoint` plus all their ancestors, depth-first. Inverse bind
// matrices from `inverseBind` (by name); others are computed from the rest pose.
// `skipRoot`: the root node is assimp's synthetic "ROOT" (a glTF scene with several root
// nodes); it is left out so the skeleton's top joint (hips) is a root, whose translation
// retargeting carries over.
Result<SceneSkeleton> buildSkeleton(const std::filesystem::path& path, const aiScene* scene,
                                    const std::function<bool(const aiNode*)>& isJoint,
                                    const std::unordered_map<std::string, glm::mat4>& inverseBind,
                                    float translationScale, ImportReport* report, bool skipRoot = false) {
  std::unordered_set<const aiNode*> keep;
  if (!markNeeded(scene->mRootNode, isJoint, keep)) return fail(path, "it has no skeleton (no skin joints).");
  anim::RawSkeleton raw;
  SceneSkeleton out;
  if (skipRoot && !isJoint(scene->mRootNode)) {
    for (unsigned c = 0; c < scene->mRootNode->mNumChildren; ++c)
      emitDepthFirst(scene->mRootNode->mChildren[c], anim::kNoParent, keep, raw, out.nodes);
  } else {
    emitDepthFirst(scene->mRootNode, anim::kNoParent, keep, raw, out.nodes);
  }
  if (raw.parents.size() > static_cast<std::size_t>(anim::kMaxJoints))
    return fail(path, fmt::format("its skeleton has {} joints; FormViz supports up to {}.", raw.parents.size(),
                                  anim::kMaxJoints));
  // Unique, non-empty names (Validate rule 3): glTF allows duplicates.
  std::set<std::string> used;
  for (std::size_t i = 0; i < raw.names.size(); ++i) {
    std::string& name = raw.names[i];
    if (name.empty()) name = fmt::format("joint{}", i);
    if (!used.insert(name).second) {
      const std::string renamed = fmt::format("{}#{}", name, i);
      if (report) report->notes.push_back(fmt::format("duplicate node name '{}' renamed '{}'", name, renamed));
      name = renamed;
      used.insert(name);
    }
  }
  for (anim::Transform& t : raw.restPose) t.translation *= translationScale;
  if (!inverseBind.empty()) {
    // Rest model matrices for joints that are not skin joints (ancestors, dropped joints).
    std::vector<glm::mat4> model(raw.parents.size());
    for (std::size_t i = 0; i < raw.parents.size(); ++i) {
      const glm::mat4 local = anim::toMatrix(raw.restPose[i]);
      model[i] = raw.parents[i] == anim::kNoParent ? local
                                                   : anim::mulAffine(model[static_cast<std::size_t>(raw.parents[i])], local);
    }
    raw.inverseBind.resize(raw.parents.size());
    for (std::size_t i = 0; i < raw.parents.size(); ++i) {
      const auto it = inverseBind.find(nameOf(out.nodes[i]->mName));
      raw.inverseBind[i] = it != inverseBind.end() ? it->second : glm::inverse(model[i]);
    }
  }
  Result<anim::Skeleton> skeleton = anim::Skeleton::build(std::move(raw));
  if (!skeleton) return fail(path, skeleton.error().message);
  out.skeleton = std::move(skeleton).value();
  return out;
}

// [SECTION] clips

// Appends assimp keys as seconds, dropping keys whose time does not increase.
template <typename Key, typename T, typename Convert>
void appendKeys(const Key* keys, unsigned count, double ticksPerSecond, anim::RawTrack<T>& track, Convert convert,
                int& dropped) {
  for (unsigned k = 0; k < count; ++k) {
    const float t = static_cast<float>(keys[k].mTime / ticksPerSecond);
    if (!track.times.empty() && !(t > track.times.back())) {
      ++dropped;
      continue;
    }
    track.times.push_back(std::max(t, 0.0f));
    track.values.push_back(convert(keys[k].mValue));
  }
}

const detail::GltfChannel* findChannel(const detail::GltfAnimation* animation, const std::string& node, int path) {
  if (animation == nullptr) return nullptr;
  for (const detail::GltfChannel& c : animation->channels)
    if (c.nodeName == node && c.path == path) return &c;
  return nullptr;
}

// Rebuilds a CUBICSPLINE track from the file's accessors (assimp keeps only the values).
template <typename T>
Status readCubicTrack(const detail::GltfDocument& document, const detail::GltfChannel& channel,
                      anim::RawTrack<T>& track) {
  Result<std::vector<float>> times = detail::readFloatAccessor(document, channel.inputAccessor);
  if (!times) return times.error();
  Result<std::vector<float>> values = detail::readFloatAccessor(document, channel.outputAccessor);
  if (!values) return values.error();
  constexpr std::size_t components = std::is_same_v<T, glm::quat> ? 4 : 3;
  if (values->size() != times->size() * 3 * components)
    return fail(document.path, fmt::format("cubic-spline sampler for '{}' has {} values for {} keys.",
                                           channel.nodeName, values->size() / components, times->size()));
  track.interpolation = anim::Interpolation::CubicSpline;
  track.times = *times;
  track.values.clear();
  for (std::size_t i = 0; i < times->size() * 3; ++i) {
    const float* v = values->data() + i * components;
    if constexpr (std::is_same_v<T, glm::quat>) {
      track.values.push_back(glm::quat(v[3], v[0], v[1], v[2]));  // glTF stores x, y, z, w
    } else {
      track.values.push_back(glm::vec3(v[0], v[1], v[2]));
    }
  }
  return Ok{};
}

template <typename T>
Status applyGltfInterpolation(const detail::GltfDocument* document, const detail::GltfAnimation* animation,
                              const std::string& node, int path, anim::RawTrack<T>& track) {
  const detail::GltfChannel* channel = findChannel(animation, node, path);
  if (channel == nullptr || document == nullptr) return Ok{};
  if (channel->interpolation == anim::Interpolation::Step) track.interpolation = anim::Interpolation::Step;
  if (channel->interpolation == anim::Interpolation::CubicSpline) return readCubicTrack(*document, *channel, track);
  return Ok{};
}

Result<anim::Clip> buildClip(const std::filesystem::path& path, const aiAnimation* animation, std::size_t index,
                             const anim::Skeleton& skeleton, const detail::GltfDocument* document,
                             float translationScale, ImportReport& report) {
  const detail::GltfAnimation* gltf =
      document != nullptr && index < document->animations.size() ? &document->animations[index] : nullptr;
  const double ticksPerSecond = animation->mTicksPerSecond > 0.0 ? animation->mTicksPerSecond : 25.0;
  anim::RawClip raw;
  raw.name = nameOf(animation->mName);
  if (raw.name.empty()) raw.name = fmt::format("animation{}", index);
  raw.joints.resize(static_cast<std::size_t>(skeleton.jointCount()));
  int dropped = 0;
  for (unsigned c = 0; c < animation->mNumChannels; ++c) {
    const aiNodeAnim* channel = animation->mChannels[c];
    const std::string node = nameOf(channel->mNodeName);
    const int joint = skeleton.findJoint(node);
    if (joint < 0) {
      report.notes.push_back(fmt::format("clip '{}': channel for node '{}' ignored (not a joint)", raw.name, node));
      continue;
    }
    anim::RawJointTracks& tracks = raw.joints[static_cast<std::size_t>(joint)];
    appendKeys(channel->mPositionKeys, channel->mNumPositionKeys, ticksPerSecond, tracks.translation,
               [&](const aiVector3D& v) { return toGlm(v) * translationScale; }, dropped);
    appendKeys(channel->mRotationKeys, channel->mNumRotationKeys, ticksPerSecond, tracks.rotation,
               [](const aiQuaternion& q) { return glm::normalize(toGlm(q)); }, dropped);
    appendKeys(channel->mScalingKeys, channel->mNumScalingKeys, ticksPerSecond, tracks.scale,
               [](const aiVector3D& v) { return toGlm(v); }, dropped);
    if (Status s = applyGltfInterpolation(document, gltf, node, 0, tracks.translation); !s) return s.error();
    if (Status s = applyGltfInterpolation(document, gltf, node, 1, tracks.rotation); !s) return s.error();
    if (Status s = applyGltfInterpolation(document, gltf, node, 2, tracks.scale); !s) return s.error();
  }
  report.droppedKeys += dropped;
  float duration = static_cast<float>(animation->mDuration / ticksPerSecond);
  for (const anim::RawJointTracks& t : raw.joints)
    for (const std::vector<float>* times : {&t.translation.times, &t.rotation.times, &t.scale.times})
      if (!times->empty()) duration = std::max(duration, times->back());
  if (!(duration > 0.0f)) {
    duration = 1.0f / 30.0f;
    report.notes.push_back(fmt::format("clip '{}' has a single pose; given a duration of one frame", raw.name));
  }
  raw.duration = duration;
  if (gltf != nullptr) {
    raw.markers = gltf->markers;
    raw.contacts = gltf->contacts;
    for (const anim::ContactSpan& span : raw.contacts)
      if (skeleton.findJoint(span.joint) < 0)
        return fail(path, fmt::format("clip '{}': contact joint '{}' is not a joint of the skeleton.", raw.name, span.joint));
    for (anim::ContactSpan& span : raw.contacts) {
      span.end = std::min(span.end, duration);  // float rounding at the clip's end
      span.position *= translationScale;
      if (span.to) *span.to *= translationScale;
    }
  }
  anim::fillMissingTracksFromRest(raw, skeleton);
  Result<anim::Clip> clip = anim::Clip::build(raw);
  if (!clip) return fail(path, clip.error().message);
  return clip;
}

// [SECTION] meshes

struct Influence {
  int joint;
  float weight;
};

Result<MeshData> buildMesh(const std::filesystem::path& path, const aiMesh* mesh, const anim::Skeleton& skeleton,
                           bool undoVFlip, ImportReport& report) {
  MeshData out;
  out.name = nameOf(mesh->mName);
  const std::size_t n = mesh->mNumVertices;
  out.positions.resize(n);
  out.normals.assign(n, glm::vec3(0.0f, 1.0f, 0.0f));
  for (std::size_t v = 0; v < n; ++v) {
    out.positions[v] = toGlm(mesh->mVertices[v]);
    if (mesh->mNormals != nullptr) out.normals[v] = toGlm(mesh->mNormals[v]);
  }
  for (unsigned set = 0; set < 2; ++set) {
    if (!mesh->HasTextureCoords(set)) continue;
    std::vector<glm::vec2>& uv = set == 0 ? out.uv0 : out.uv1;
    uv.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
      const aiVector3D& t = mesh->mTextureCoords[set][v];
      uv[v] = glm::vec2(t.x, undoVFlip ? 1.0f - t.y : t.y);
    }
  }
  // Influences: gather all non-zero weights (assimp adds a zero "dummy" weight for joints
  // that weigh nothing), keep the 4 largest, renormalise.
  std::vector<std::vector<Influence>> influences(n);
  for (unsigned b = 0; b < mesh->mNumBones; ++b) {
    const aiBone* bone = mesh->mBones[b];
    const int joint = skeleton.findJoint(nameOf(bone->mName));
    if (joint < 0) return fail(path, fmt::format("mesh '{}' is skinned to '{}', which is not in the skeleton.", out.name,
                                                 nameOf(bone->mName)));
    for (unsigned w = 0; w < bone->mNumWeights; ++w) {
      const aiVertexWeight& vw = bone->mWeights[w];
      if (vw.mVertexId >= n || !(vw.mWeight > 0.0f) || !std::isfinite(vw.mWeight)) continue;
      std::vector<Influence>& list = influences[vw.mVertexId];
      auto same = std::find_if(list.begin(), list.end(), [&](const Influence& i) { return i.joint == joint; });
      if (same != list.end()) same->weight += vw.mWeight;
      else list.push_back({joint, vw.mWeight});
    }
  }
  int fallbackJoint = mesh->mNumBones > 0 ? std::max(0, skeleton.findJoint(nameOf(mesh->mBones[0]->mName))) : 0;
  out.joints.resize(n);
  out.weights.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    std::vector<Influence>& list = influences[v];
    std::sort(list.begin(), list.end(), [](const Influence& a, const Influence& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.joint < b.joint;
    });
    report.maxInfluences = std::max(report.maxInfluences, static_cast<int>(list.size()));
    if (list.size() > static_cast<std::size_t>(kMaxInfluences)) {
      ++report.verticesOverFourInfluences;
      list.resize(kMaxInfluences);
    }
    float sum = 0.0f;
    for (const Influence& i : list) sum += i.weight;
    if (list.empty() || !(sum > 0.0f)) {
      ++report.verticesWithoutWeights;
      list.assign(1, {fallbackJoint, 1.0f});
      sum = 1.0f;
    }
    glm::u16vec4 joints(0);
    glm::vec4 weights(0.0f);
    for (std::size_t k = 0; k < list.size(); ++k) {
      joints[static_cast<glm::length_t>(k)] = static_cast<std::uint16_t>(list[k].joint);
      weights[static_cast<glm::length_t>(k)] = list[k].weight / sum;
    }
    out.joints[v] = joints;
    out.weights[v] = weights;
  }
  out.indices.reserve(static_cast<std::size_t>(mesh->mNumFaces) * 3u);
  for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
    const aiFace& face = mesh->mFaces[f];
    if (face.mNumIndices != 3) continue;
    for (unsigned k = 0; k < 3; ++k) {
      if (face.mIndices[k] >= n) return fail(path, fmt::format("mesh '{}' has a vertex index out of range.", out.name));
      out.indices.push_back(face.mIndices[k]);
    }
  }
  return out;
}

// [SECTION] BVH units

struct UnitGuess {
  float metresPerUnit;
  const char* description;
};

UnitGuess guessUnits(float figureHeight) {
  if (figureHeight >= 0.5f && figureHeight < 3.0f) return {1.0f, "metres"};
  if (figureHeight >= 15.0f && figureHeight < 50.0f)
    return {0.0254f / 0.45f, "CMU ASF units (1/0.45 inch, 5.64 cm)"};
  if (figureHeight >= 50.0f && figureHeight < 100.0f) return {0.0254f, "inches"};
  if (figureHeight >= 100.0f && figureHeight < 300.0f) return {0.01f, "centimetres"};
  if (figureHeight >= 500.0f && figureHeight < 3000.0f) return {0.001f, "millimetres"};
  return {0.0f, "unknown units (scaled to a 1.7 m figure)"};
}

}  // namespace

Result<ImportedModel> importGltf(const std::filesystem::path& path) {
  Result<detail::GltfDocument> document = detail::inspectGltf(path);
  if (!document) return document.error();
  // An animation-only file (no mesh) may have no skin: its skeleton is then the animated
  // nodes and their ancestors.
  const bool meshless = !document->json.contains("meshes") || document->json["meshes"].empty();
  std::vector<std::string> animatedNodes;
  for (const detail::GltfAnimation& a : document->animations)
    for (const detail::GltfChannel& c : a.channels) animatedNodes.push_back(c.nodeName);
  const bool skeletonFromAnimation = document->skinJointNames.empty() && meshless && !animatedNodes.empty();
  if (document->skinJointNames.empty() && !skeletonFromAnimation)
    return fail(path, "it has no skin; FormViz needs a skinned (rigged) model.");
  Assimp::Importer importer;
  std::string problem;
  const aiScene* scene = readScene(importer, path, kGltfFlags, problem, meshless);
  if (scene == nullptr) return fail(path, problem);

  ImportedModel model;
  model.report.notes = document->notes;
  if (const nlohmann::json& root = document->json; root.contains("asset") && root["asset"].is_object() &&
      root["asset"].contains("extras") && root["asset"]["extras"].is_object() &&
      root["asset"]["extras"].contains("formviz") && root["asset"]["extras"]["formviz"].is_object() &&
      root["asset"]["extras"]["formviz"].contains("props")) {
    Result<std::vector<Prop>> props = detail::parsePropsJson(root["asset"]["extras"]["formviz"]["props"], path);
    if (!props) return props.error();
    model.props = std::move(props).value();
  }
  std::unordered_map<std::string, glm::mat4> inverseBind;
  std::unordered_set<std::string> jointNames(document->skinJointNames.begin(), document->skinJointNames.end());
  if (skeletonFromAnimation) {
    jointNames.insert(animatedNodes.begin(), animatedNodes.end());
    model.report.notes.push_back("no skin: the skeleton is the animated nodes and their ancestors");
  }
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    const aiMesh* mesh = scene->mMeshes[m];
    for (unsigned b = 0; b < mesh->mNumBones; ++b) {
      const std::string name = nameOf(mesh->mBones[b]->mName);
      jointNames.insert(name);
      inverseBind.emplace(name, toGlm(mesh->mBones[b]->mOffsetMatrix));
    }
  }
  for (const std::string& name : jointNames) {
    if (inverseBind.count(name) == 0 && !meshless)
      model.report.notes.push_back(fmt::format("joint '{}' has no bone in any mesh; its inverse bind matrix is "
                                               "computed from the rest pose",
                                               name));
  }
  if (jointNames.empty()) return fail(path, "it has no skin; FormViz needs a skinned (rigged) model.");
  // assimp 5.2.5 puts the nodes of a scene with several root nodes under a synthetic node
  // "ROOT" with an identity transform (bodygen's figures: the mesh node and hips).
  bool syntheticRoot = nameOf(scene->mRootNode->mName) == "ROOT" && scene->mRootNode->mTransformation.IsIdentity();
  if (syntheticRoot && document->json.contains("nodes"))
    for (const nlohmann::json& node : document->json["nodes"])
      if (node.is_object() && node.value("name", std::string()) == "ROOT") syntheticRoot = false;
  Result<SceneSkeleton> skeleton = buildSkeleton(
      path, scene, [&](const aiNode* node) { return jointNames.count(nameOf(node->mName)) != 0; }, inverseBind, 1.0f,
      &model.report, syntheticRoot);
  if (!skeleton) return skeleton.error();
  model.skeleton = std::move(skeleton->skeleton);

  for (unsigned a = 0; a < scene->mNumAnimations; ++a) {
    Result<anim::Clip> clip = buildClip(path, scene->mAnimations[a], a, model.skeleton, &*document, 1.0f, model.report);
    if (!clip) return clip.error();
    model.clips.push_back(std::move(clip).value());
  }
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    const aiMesh* mesh = scene->mMeshes[m];
    if ((mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) == 0 || mesh->mNumBones == 0) {
      model.report.notes.push_back(
          fmt::format("mesh '{}' skipped (not a skinned triangle mesh)", nameOf(mesh->mName)));
      continue;
    }
    Result<MeshData> data = buildMesh(path, mesh, model.skeleton, /*undoVFlip=*/true, model.report);
    if (!data) return data.error();
    model.meshes.push_back(std::move(data).value());
  }
  if (model.report.verticesOverFourInfluences > 0)
    model.report.notes.push_back(fmt::format("{} vertices had more than {} influences (up to {}); kept the {} largest, "
                                             "renormalised",
                                             model.report.verticesOverFourInfluences, kMaxInfluences,
                                             model.report.maxInfluences, kMaxInfluences));
  for (const std::string& note : model.report.notes) log::debug("{}: {}", path.string(), note);
  return model;
}

Result<BvhMotion> importBvh(const std::filesystem::path& path, const BvhOptions& options) {
  {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      return fail(path, "the file cannot be opened (missing or not a file).");
  }
  Assimp::Importer importer;
  std::string problem;
  const aiScene* scene = readScene(importer, path, kBvhFlags, problem);
  if (scene == nullptr) return fail(path, problem);
  if (scene->mNumAnimations == 0) return fail(path, "it has no MOTION section.");
  const aiAnimation* animation = scene->mAnimations[0];

  auto isEndSite = [](const aiNode* node) { return nameOf(node->mName).rfind("EndSite_", 0) == 0; };
  auto isJoint = [&](const aiNode* node) { return options.keepEndSites || !isEndSite(node); };
  Result<SceneSkeleton> unscaled = buildSkeleton(path, scene, isJoint, {}, 1.0f, nullptr);
  if (!unscaled) return unscaled.error();

  // Units: the rest figure's largest extent (a T-pose: height or arm span).
  const anim::Skeleton& s0 = unscaled->skeleton;
  std::vector<glm::mat4> rest(static_cast<std::size_t>(s0.jointCount()));
  anim::Pose restPose = anim::restPose(s0);
  anim::LocalToModelJob job{&s0, restPose, rest};
  job.Run();
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (const glm::mat4& m : rest) {
    lo = glm::min(lo, glm::vec3(m[3]));
    hi = glm::max(hi, glm::vec3(m[3]));
  }
  const glm::vec3 extent = hi - lo;
  const float height = std::max(extent.x, std::max(extent.y, extent.z));
  BvhMotion motion;
  if (options.metresPerUnit > 0.0f) {
    motion.metresPerUnit = options.metresPerUnit;
    motion.units = fmt::format("{} m per unit (given)", options.metresPerUnit);
  } else {
    const UnitGuess guess = guessUnits(height);
    motion.metresPerUnit = guess.metresPerUnit > 0.0f ? guess.metresPerUnit : (height > 0.0f ? 1.7f / height : 1.0f);
    motion.units = guess.description;
  }

  Result<SceneSkeleton> scaled = buildSkeleton(path, scene, isJoint, {}, motion.metresPerUnit, nullptr);
  if (!scaled) return scaled.error();
  motion.skeleton = std::move(scaled->skeleton);
  ImportReport report;
  Result<anim::Clip> clip = buildClip(path, animation, 0, motion.skeleton, nullptr, motion.metresPerUnit, report);
  if (!clip) return clip.error();
  motion.clip = std::move(clip).value();
  const double ticksPerSecond = animation->mTicksPerSecond > 0.0 ? animation->mTicksPerSecond : 25.0;
  motion.frameTime = static_cast<float>(1.0 / ticksPerSecond);
  for (unsigned c = 0; c < animation->mNumChannels; ++c)
    motion.frameCount = std::max(motion.frameCount, static_cast<int>(animation->mChannels[c]->mNumRotationKeys));
  log::debug("{}: {} joints, {} frames of {} s, units taken as {}", path.string(), motion.skeleton.jointCount(),
             motion.frameCount, motion.frameTime, motion.units);
  return motion;
}

}  // namespace formviz::asset
