// [SECTION] index
//   sampling   phases -> frames
//   glTF       nodes, skin, animations with marker extras, one buffer
//   files      bake a source file, atomic writes
#include "bake.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace formviz::clipbake {

float ease(Easing easing, float u) {
  u = std::clamp(u, 0.0f, 1.0f);
  switch (easing) {
    case Easing::Linear: return u;
    case Easing::In: return u * u;
    case Easing::Out: return 1.0f - (1.0f - u) * (1.0f - u);
    case Easing::InOut: return u * u * (3.0f - 2.0f * u);
  }
  return u;
}

// [SECTION] sampling

Result<std::vector<BakedClip>> bakeClips(const ExerciseSource& source, const std::string& file) {
  const Rig& rig = Rig::reference();
  const float rate = source.frameRate;
  std::vector<BakedClip> out;
  for (const ClipSpec& spec : source.clips) {
    const std::string where = spec.name == "correct" ? file : fmt::format("{} ({})", file, spec.name);
    std::vector<KeySolution> keys;
    for (std::size_t i = 0; i < spec.poses.size(); ++i) {
      Result<KeySolution> key = solveKey(rig, spec.poses[i], fmt::format("{}: poses.{}", where, spec.poseNames[i]));
      if (!key) return key.error();
      keys.push_back(std::move(key).value());
    }
    auto keyIndex = [&](const std::string& name) {
      for (std::size_t i = 0; i < spec.poseNames.size(); ++i)
        if (spec.poseNames[i] == name) return i;
      return std::size_t{0};
    };
    // A lying body stays lying on the same supports through the clip.
    for (std::size_t i = 1; i < spec.poses.size(); ++i) {
      const BodyParams &b0 = spec.poses[0].body, &bi = spec.poses[i].body;
      bool same = b0.lying == bi.lying && b0.at == bi.at && b0.supports.size() == bi.supports.size();
      for (std::size_t k = 0; same && k < b0.supports.size(); ++k)
        same = b0.supports[k].side == bi.supports[k].side && b0.supports[k].point == bi.supports[k].point;
      if (!same)
        return makeError(fmt::format("{}: poses.{}: \"body\" differs from poses.{} (every pose of a clip lies on the same "
                                     "supports and spot, or none does)",
                                     where, spec.poseNames[i], spec.poseNames[0]));
    }
    BakedClip clip;
    clip.name = spec.name;
    clip.description = spec.description;
    int frame = 0;
    std::size_t from = keyIndex(spec.phases.back().to);
    for (const Phase& phase : spec.phases) {
      const int frames = static_cast<int>(std::lround(static_cast<double>(phase.duration) * static_cast<double>(rate)));
      const std::size_t to = keyIndex(phase.to);
      clip.markers.push_back({phase.name, static_cast<float>(frame) / rate});
      const float start = static_cast<float>(frame) / rate, end = static_cast<float>(frame + frames) / rate;
      // A contact on one spot through the phase; merged with the same contact of the phase before.
      auto addContact = [&](BakedClip::Contact c) {
        auto previous = std::find_if(clip.contacts.rbegin(), clip.contacts.rend(),
                                     [&](const BakedClip::Contact& p) { return p.joint == c.joint; });
        if (!c.slides && previous != clip.contacts.rend() && !previous->slides && previous->end == start &&
            glm::length(previous->position - c.position) < 1e-4f)
          previous->end = end;
        else clip.contacts.push_back(std::move(c));
      };
      for (int side : {kLeft, kRight}) {
        const FootParams& fa = spec.poses[from].feet[static_cast<std::size_t>(side)];
        const FootParams& fb = spec.poses[to].feet[static_cast<std::size_t>(side)];
        const std::string toes = side == kLeft ? "leftToes" : "rightToes";
        const bool both = fa.contact == Contact::Planted && fb.contact == Contact::Planted && fa.lift == fb.lift;
        if (both && fb.slide && fa.at != fb.at) {
          addContact({toes, "", start, end, ballTarget(rig, fa, side), true, ballTarget(rig, fb, side)});
          continue;
        }
        const bool stays = both && fa.at == fb.at && fa.toeOut == fb.toeOut;
        if (stays) addContact({toes, "", start, end, ballTarget(rig, fa, side)});
      }
      const std::size_t firstFrame = clip.frames.size();
      for (int f = 0; f < frames; ++f) {
        const float u = ease(phase.easing, static_cast<float>(f) / static_cast<float>(frames));
        clip.frames.push_back(interpolateKeys(rig, keys[from], keys[to], u));
      }
      // A lying body's supports, the limbs the pose rests on the floor (`rests`) and hands held
      // on one spot by the IK: a contact when the point stays within 1 mm through the phase
      // (its joint's position at the phase's start).
      std::vector<Support> held = spec.poses[to].body.supports;
      auto hold = [&](Support s) {
        const bool listed = std::any_of(held.begin(), held.end(), [&](const Support& h) { return h.side == s.side && h.point == s.point; });
        if (!listed) held.push_back(s);
      };
      for (const Support& s : spec.poses[to].rests) hold(s);
      for (int side : {kLeft, kRight}) {
        const ArmParams &aa = spec.poses[from].arms[static_cast<std::size_t>(side)], &ab = spec.poses[to].arms[static_cast<std::size_t>(side)];
        if (aa.handFrame == ArmParams::HandFrame::World && ab.handFrame == ArmParams::HandFrame::World && aa.hand == ab.hand)
          hold({side, SupportPoint::Hand});
      }
      for (const Support& support : held) {
        const int joint = supportJoint(rig, support);
        std::vector<glm::vec3> path;
        for (std::size_t f = firstFrame; f < clip.frames.size(); ++f)
          path.push_back(glm::vec3(modelOf(rig, clip.frames[f])[static_cast<std::size_t>(joint)][3]));
        path.push_back(glm::vec3(keys[to].model[static_cast<std::size_t>(joint)][3]));
        bool still = true;
        for (const glm::vec3& p : path) still = still && glm::length(p - path.front()) < 0.001f;
        if (!still) continue;
        static const char* const points[] = {"elbow", "hand", "knee", "foot", "hip"};
        addContact({rig.skeleton.names()[static_cast<std::size_t>(joint)], points[static_cast<int>(support.point)], start,
                    end, path.front()});
      }
      frame += frames;
      clip.keyFrames.push_back(frame);
      clip.keyNames.push_back(phase.to);
      clip.keys.push_back(keys[to]);
      from = to;
    }
    clip.frames.push_back(keys[from].local);  // the loop closes on the first frame's pose
    clip.duration = static_cast<float>(frame) / rate;
    out.push_back(std::move(clip));
  }
  return out;
}

std::string report(const std::vector<BakedClip>& clips) {
  const Rig& rig = Rig::reference();
  std::string out;
  for (const BakedClip& clip : clips) {
    out += fmt::format("{} ({:.2f} s, {} frames)\n", clip.name, clip.duration, clip.frames.size());
    out += "  key        frame  trunk   hipL   hipR  kneeL  kneeR  ankL  ankR  fppaL  fppaR  shL   shR  elbL elbR  ankleL(y)  ankleR(y)  toesL(y) toesR(y)  hips(y)  neck(y) elbowL(y) handL(y)  hips(x)  hips(z)\n";
    for (std::size_t k = 0; k < clip.keys.size(); ++k) {
      const std::vector<glm::mat4> model = modelOf(rig, clip.frames[static_cast<std::size_t>(clip.keyFrames[k])]);
      const Angles a = measure(rig, model);
      auto y = [&](int j) { return model[static_cast<std::size_t>(j)][3].y; };
      out += fmt::format("  {:<10} {:>5} {:>6.1f} {:>6.1f} {:>6.1f} {:>6.1f} {:>6.1f} {:>5.1f} {:>5.1f} {:>6.1f} {:>6.1f} {:>5.1f} {:>5.1f} {:>5.1f} {:>4.1f}  {:>8.3f}  {:>8.3f}  {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f}\n",
                         clip.keyNames[k], clip.keyFrames[k], a.trunkInclination, a.hip[0], a.hip[1], a.knee[0],
                         a.knee[1], a.ankle[0], a.ankle[1], a.fppa[0], a.fppa[1], a.shoulder[0], a.shoulder[1],
                         a.elbow[0], a.elbow[1], y(rig.legs[0].foot), y(rig.legs[1].foot), y(rig.legs[0].toes),
                         y(rig.legs[1].toes), y(rig.hips), y(rig.neck), y(rig.arms[0].lower), y(rig.arms[0].hand),
                         model[static_cast<std::size_t>(rig.hips)][3].x, model[static_cast<std::size_t>(rig.hips)][3].z);
      // Wrists, elbows and knees (both sides) and, for a lying body, its roll and every support's height.
      auto p = [&](int j) { return glm::vec3(model[static_cast<std::size_t>(j)][3]); };
      const glm::vec3 wl = p(rig.arms[0].hand), wr = p(rig.arms[1].hand), el = p(rig.arms[0].lower), er = p(rig.arms[1].lower);
      const glm::vec3 kl = p(rig.legs[0].lower), kr = p(rig.legs[1].lower);
      out += fmt::format("  {:<10}       wristL ({:.3f}, {:.3f}, {:.3f}) wristR ({:.3f}, {:.3f}, {:.3f}) elbowL ({:.3f}, {:.3f}, {:.3f}) elbowR ({:.3f}, {:.3f}, {:.3f})",
                         "", wl.x, wl.y, wl.z, wr.x, wr.y, wr.z, el.x, el.y, el.z, er.x, er.y, er.z);
      out += fmt::format(" kneeL ({:.3f}, {:.3f}, {:.3f}) kneeR ({:.3f}, {:.3f}, {:.3f})", kl.x, kl.y, kl.z, kr.x, kr.y, kr.z);
      const KeySolution& key = clip.keys[k];
      if (key.params.body.lying) {
        out += fmt::format("  roll {:.1f}", key.roll);
        for (const Support& s : key.params.body.supports) {
          const glm::vec3 q = supportPoint(rig, model, s);
          out += fmt::format("  {} ({:.3f}, {:.3f}, {:.3f})", supportName(s), q.x, q.y, q.z);
        }
      }
      out += "\n";
    }
  }
  return out;
}

// [SECTION] glTF

namespace {

using nlohmann::ordered_json;

// The shortest decimal that reads back as the same float.
ordered_json num(float v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return ordered_json(std::strtod(std::string(buf, res.ptr).c_str(), nullptr));
}

class Buffer {
 public:
  int add(ordered_json& views, const std::vector<float>& data) {
    const std::size_t offset = bytes_.size();
    bytes_.resize(offset + data.size() * sizeof(float));
    if (!data.empty()) std::memcpy(bytes_.data() + offset, data.data(), data.size() * sizeof(float));
    views.push_back({{"buffer", 0}, {"byteOffset", offset}, {"byteLength", data.size() * sizeof(float)}});
    return static_cast<int>(views.size()) - 1;
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

bool sameRotation(const glm::quat& a, const glm::quat& b) { return a == b || a == -b; }

}  // namespace

GltfFiles encodeGltf(const ExerciseSource& source, const std::vector<BakedClip>& clips) {
  const Rig& rig = Rig::reference();
  const anim::Skeleton& sk = rig.skeleton;
  const int n = sk.jointCount();
  ordered_json views = ordered_json::array(), accessors = ordered_json::array();
  Buffer buffer;
  auto accessor = [&](const std::vector<float>& data, const char* type, std::size_t count, bool bounds) {
    ordered_json a = {{"bufferView", buffer.add(views, data)}, {"componentType", 5126}, {"count", count}, {"type", type}};
    if (bounds) {
      a["min"] = ordered_json::array({num(data.front())});
      a["max"] = ordered_json::array({num(data.back())});
    }
    accessors.push_back(a);
    return static_cast<int>(accessors.size()) - 1;
  };

  ordered_json nodes = ordered_json::array();
  for (int j = 0; j < n; ++j) {
    const glm::vec3 t = sk.restPose()[static_cast<std::size_t>(j)].translation;
    ordered_json node = {{"name", sk.names()[static_cast<std::size_t>(j)]},
                         {"translation", ordered_json::array({num(t.x), num(t.y), num(t.z)})}};
    ordered_json children = ordered_json::array();
    for (int c = j + 1; c < n; ++c)
      if (sk.parent(c) == j) children.push_back(c);
    if (!children.empty()) node["children"] = children;
    nodes.push_back(node);
  }
  // Inverse bind matrices: the rest pose's model matrices are translations.
  std::vector<float> ibm;
  for (int j = 0; j < n; ++j) {
    const glm::vec3 p = rig.rest[static_cast<std::size_t>(j)];
    const float m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -p.x, -p.y, -p.z, 1};
    ibm.insert(ibm.end(), m, m + 16);
  }
  const int ibmAccessor = accessor(ibm, "MAT4", static_cast<std::size_t>(n), false);
  ordered_json joints = ordered_json::array();
  for (int j = 0; j < n; ++j) joints.push_back(j);

  ordered_json animations = ordered_json::array();
  for (const BakedClip& clip : clips) {
    const std::size_t frames = clip.frames.size();
    std::vector<float> times(frames);
    for (std::size_t f = 0; f < frames; ++f) times[f] = static_cast<float>(f) / source.frameRate;
    const int input = accessor(times, "SCALAR", frames, true);
    ordered_json samplers = ordered_json::array(), channels = ordered_json::array();
    auto channel = [&](int node, const char* path, int output) {
      samplers.push_back({{"input", input}, {"interpolation", "LINEAR"}, {"output", output}});
      channels.push_back({{"sampler", samplers.size() - 1}, {"target", {{"node", node}, {"path", path}}}});
    };
    std::vector<float> hips;
    for (const anim::Pose& pose : clip.frames) {
      const glm::vec3 t = pose[static_cast<std::size_t>(rig.hips)].translation;
      hips.insert(hips.end(), {t.x, t.y, t.z});
    }
    channel(rig.hips, "translation", accessor(hips, "VEC3", frames, false));
    for (int j = 0; j < n; ++j) {
      bool moves = false;
      for (const anim::Pose& pose : clip.frames)
        moves = moves || !sameRotation(pose[static_cast<std::size_t>(j)].rotation, glm::quat(1, 0, 0, 0));
      if (!moves) continue;  // rest rotation (identity) throughout
      std::vector<float> rotations;
      glm::quat previous(1, 0, 0, 0);
      for (const anim::Pose& pose : clip.frames) {
        glm::quat q = pose[static_cast<std::size_t>(j)].rotation;
        if (glm::dot(q, previous) < 0.0f) q = -q;  // keep neighbouring keys on the same hemisphere
        previous = q;
        rotations.insert(rotations.end(), {q.x, q.y, q.z, q.w});
      }
      channel(j, "rotation", accessor(rotations, "VEC4", frames, false));
    }
    ordered_json markers = ordered_json::array();
    for (const anim::Marker& m : clip.markers) markers.push_back({{"name", m.name}, {"time", num(m.time)}});
    ordered_json contacts = ordered_json::array();
    for (const BakedClip::Contact& c : clip.contacts) {
      ordered_json entry = {{"joint", c.joint}};
      if (!c.point.empty()) entry["point"] = c.point;
      entry["start"] = num(c.start);
      entry["end"] = num(c.end);
      entry["position"] = ordered_json::array({num(c.position.x), num(c.position.y), num(c.position.z)});
      if (c.slides) entry["to"] = ordered_json::array({num(c.to.x), num(c.to.y), num(c.to.z)});
      contacts.push_back(entry);
    }
    animations.push_back({{"name", clip.name},
                          {"channels", channels},
                          {"samplers", samplers},
                          {"extras", {{"description", clip.description}, {"markers", markers}, {"contacts", contacts}}}});
  }

  ordered_json props = ordered_json::array();
  for (const Prop& p : source.props) {
    ordered_json prop = {{"kind", p.kind}, {"attach", p.attach},
                         {"position", ordered_json::array({num(p.position.x), num(p.position.y), num(p.position.z)})},
                         {"size", ordered_json::array({num(p.size.x), num(p.size.y), num(p.size.z)})}};
    if (!p.to.empty()) {
      prop["to"] = p.to;
      prop["toPosition"] = ordered_json::array({num(p.toPosition.x), num(p.toPosition.y), num(p.toPosition.z)});
    }
    props.push_back(prop);
  }

  ordered_json doc;
  doc["asset"] = {{"version", "2.0"},
                  {"generator", "FormViz clipbake"},
                  {"extras", {{"formviz", {{"exercise", source.id},
                                          {"title", source.title},
                                          {"side", source.side},
                                          {"referenceBody", "male_175"},
                                          {"frameRate", static_cast<int>(source.frameRate)},
                                          {"props", props}}}}}};
  doc["scene"] = 0;
  doc["scenes"] = ordered_json::array({{{"nodes", ordered_json::array({rig.hips})}}});
  doc["nodes"] = nodes;
  doc["skins"] = ordered_json::array({{{"name", "reference_skeleton"},
                                       {"inverseBindMatrices", ibmAccessor},
                                       {"skeleton", rig.hips},
                                       {"joints", joints}}});
  doc["animations"] = animations;
  doc["accessors"] = accessors;
  doc["bufferViews"] = views;
  doc["buffers"] = ordered_json::array({{{"byteLength", buffer.bytes().size()}, {"uri", source.id + ".bin"}}});
  GltfFiles files;
  files.gltf = doc.dump(1) + "\n";
  files.bin = std::move(buffer.bytes());
  return files;
}

// [SECTION] files

Result<GltfFiles> bakeFile(const std::filesystem::path& sourcePath) {
  Result<ExerciseSource> source = loadSource(sourcePath.string());
  if (!source) return source.error();
  Result<std::vector<BakedClip>> clips = bakeClips(*source, sourcePath.string());
  if (!clips) return clips.error();
  return encodeGltf(*source, *clips);
}

namespace {

Status writeAtomically(const std::filesystem::path& path, const void* data, std::size_t size) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return makeError(fmt::format("{}: cannot be written ({})", tmp.string(), std::strerror(errno)));
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) return makeError(fmt::format("{}: writing failed", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return makeError(fmt::format("{}: cannot be renamed into place ({})", path.string(), ec.message()));
  return Ok{};
}

}  // namespace

Status writeFiles(const std::filesystem::path& outDir, const std::string& id, const GltfFiles& files) {
  if (Status s = writeAtomically(outDir / (id + ".bin"), files.bin.data(), files.bin.size()); !s) return s;
  return writeAtomically(outDir / (id + ".gltf"), files.gltf.data(), files.gltf.size());
}

}  // namespace formviz::clipbake
