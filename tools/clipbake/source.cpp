// [SECTION] index
//   reader     typed access to JSON values with the path of every value, for error messages
//   pose       one key pose: defaults from the stance, then the pose's own values
//   exercise   stance, props, poses, phases, mistakes (a merge patch on the poses)
#include "source.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace formviz::clipbake {
namespace {

using nlohmann::json;

// [SECTION] reader

struct SourceError {
  std::string message;
};

class Reader {
 public:
  Reader(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  const json& value() const { return value_; }
  const std::string& path() const { return path_; }
  bool has(const char* key) const { return value_.contains(key); }
  Reader at(const std::string& key) const {
    if (!value_.is_object() || !value_.contains(key)) fail(fmt::format("missing \"{}\"", key));
    return Reader(value_.at(key), path_.empty() ? key : path_ + "." + key);
  }
  Reader index(std::size_t i) const { return Reader(value_.at(i), fmt::format("{}[{}]", path_, i)); }

  [[noreturn]] void fail(const std::string& problem) const {
    throw SourceError{fmt::format("{}: {}", path_.empty() ? "(top level)" : path_, problem)};
  }
  void expectObject(std::initializer_list<const char*> allowed) const {
    if (!value_.is_object()) fail("expected an object");
    for (const auto& item : value_.items()) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || item.key() == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
        fail(fmt::format("unknown key '{}' (allowed: {})", item.key(), list));
      }
    }
  }
  float number(float lo, float hi) const {
    if (!value_.is_number()) fail("expected a number");
    const double v = value_.get<double>();
    if (!std::isfinite(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi)) fail(fmt::format("{} is outside [{}, {}]", v, lo, hi));
    return static_cast<float>(v);
  }
  std::string string() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  glm::vec2 vec2(float limit) const {
    if (!value_.is_array() || value_.size() != 2) fail("expected [x, z], two numbers");
    return {index(0).number(-limit, limit), index(1).number(-limit, limit)};
  }
  glm::vec3 vec3(float limit) const {
    if (!value_.is_array() || value_.size() != 3) fail("expected [x, y, z], three numbers");
    return {index(0).number(-limit, limit), index(1).number(-limit, limit), index(2).number(-limit, limit)};
  }
  // Optional number member.
  void read(const char* key, float& out, float lo, float hi) const {
    if (has(key)) out = at(key).number(lo, hi);
  }

 private:
  const json& value_;
  std::string path_;
};

bool isSnakeCase(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Sides a per-limb block names: "both" (mirrored), "left", "right", "working", "other".
std::vector<int> sidesOf(const Reader& r, const std::string& key, const std::string& workingSide) {
  if (key == "both") return {kLeft, kRight};
  if (key == "left") return {kLeft};
  if (key == "right") return {kRight};
  if (key == "working" || key == "other") {
    if (workingSide == "both")
      r.fail(fmt::format("'{}' needs a unilateral exercise (top-level \"side\": \"left\" or \"right\")", key));
    const int working = workingSide == "left" ? kLeft : kRight;
    return {key == "working" ? working : 1 - working};
  }
  r.fail(fmt::format("unknown side '{}' (use both, left, right, working or other)", key));
}

// Blocks are applied "both" first, then the single sides, whatever the JSON key order.
template <typename Fn>
void forEachSide(const Reader& block, const std::string& workingSide, Fn apply) {
  if (!block.value().is_object()) block.fail("expected an object keyed by side (both, left, right, working, other)");
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& item : block.value().items()) {
      if ((item.key() == "both") != (pass == 0)) continue;
      const Reader r = block.at(item.key());
      for (int side : sidesOf(r, item.key(), workingSide)) apply(r, side);
    }
}

// [SECTION] pose

struct Stance {
  float width = 0.0f;
  float toeOut = 0.0f;
};

PoseParams defaultPose(const Stance& stance) {
  PoseParams p;
  for (int s : {kLeft, kRight}) {
    const float sign = s == kLeft ? 1.0f : -1.0f;
    p.feet[static_cast<std::size_t>(s)].at = {sign * stance.width * 0.5f, 0.0f};
    p.feet[static_cast<std::size_t>(s)].toeOut = stance.toeOut;
  }
  return p;
}

// A non-empty array of supports such as "leftElbow" or "workingKnee".
std::vector<Support> parseSupports(const Reader& list, const std::string& workingSide) {
  if (!list.value().is_array() || list.value().empty()) list.fail("expected a non-empty array of supports such as \"leftElbow\"");
  std::vector<Support> out;
  for (std::size_t i = 0; i < list.value().size(); ++i) {
    const Reader item = list.index(i);
    const std::string name = item.string();
    static const std::pair<const char*, SupportPoint> points[] = {{"Elbow", SupportPoint::Elbow}, {"Hand", SupportPoint::Hand},
                                                                  {"Knee", SupportPoint::Knee}, {"Foot", SupportPoint::Foot},
                                                                  {"Hip", SupportPoint::Hip}};
    bool found = false;
    for (const auto& [suffix, point] : points) {
      if (!name.ends_with(suffix)) continue;
      const std::string sideName = name.substr(0, name.size() - std::string(suffix).size());
      if (sideName != "left" && sideName != "right" && sideName != "working" && sideName != "other") continue;
      const std::vector<int> sides = sidesOf(item, sideName, workingSide);
      out.push_back({sides[0], point});
      found = true;
    }
    if (!found)
      item.fail(fmt::format("unknown support '{}' (left, right, working or other + Elbow, Hand, Knee, Foot or Hip)", name));
  }
  return out;
}

PoseParams parsePose(const Reader& r, const Stance& stance, const std::string& workingSide) {
  r.expectObject({"trunk", "pelvis", "head", "legs", "arms", "feet", "anchor", "body", "rests", "note"});
  PoseParams p = defaultPose(stance);
  if (r.has("trunk")) {
    const Reader t = r.at("trunk");
    t.expectObject({"inclination", "flexion", "lean", "rotation"});
    t.read("inclination", p.trunkInclination, -180.0f, 180.0f);
    t.read("flexion", p.trunkFlexion, -30.0f, 80.0f);
    t.read("lean", p.trunkLean, -35.0f, 35.0f);
    t.read("rotation", p.trunkRotation, -45.0f, 45.0f);
  }
  if (r.has("pelvis")) {
    const Reader t = r.at("pelvis");
    t.expectObject({"rotation", "drop", "lift", "at"});
    t.read("rotation", p.pelvisRotation, -90.0f, 90.0f);
    t.read("drop", p.pelvisDrop, -30.0f, 30.0f);
    t.read("lift", p.lift, 0.0f, 1.0f);
    if (t.has("at")) {
      p.pelvisAt = t.at("at").vec3(3.0f);
      p.hasPelvisAt = true;
    }
  }
  if (r.has("head")) {
    const Reader t = r.at("head");
    t.expectObject({"flexion"});
    t.read("flexion", p.headFlexion, -45.0f, 45.0f);
  }
  if (r.has("legs")) {
    forEachSide(r.at("legs"), workingSide, [&](const Reader& l, int side) {
      l.expectObject({"hip", "knee", "abduction", "kneeTrack", "fppa", "ankle", "kneeOpen"});
      LegParams& leg = p.legs[static_cast<std::size_t>(side)];
      if (l.has("hip") && l.has("knee")) leg.hasAngles = true;
      l.read("hip", leg.hip, -30.0f, 125.0f);
      l.read("knee", leg.knee, -5.0f, 140.0f);
      l.read("abduction", leg.abduction, -30.0f, 45.0f);
      l.read("fppa", leg.fppa, -30.0f, 40.0f);
      l.read("kneeOpen", leg.kneeOpen, -20.0f, 70.0f);
      if (leg.kneeOpen != 0.0f && leg.fppa != 0.0f) l.fail("give \"fppa\" or \"kneeOpen\", not both (both turn the knee about the hip-ankle line)");
      if (l.has("kneeTrack")) {
        leg.kneeTrack = l.at("kneeTrack").number(-45.0f, 60.0f);
        leg.hasKneeTrack = true;
      }
      if (l.has("ankle")) {
        leg.ankle = l.at("ankle").number(-50.0f, 45.0f);
        leg.hasAnkle = true;
      }
    });
  }
  if (r.has("arms")) {
    forEachSide(r.at("arms"), workingSide, [&](const Reader& a, int side) {
      a.expectObject({"shoulder", "abduction", "elbow", "hand", "palm", "shrug"});
      a.read("shrug", p.arms[static_cast<std::size_t>(side)].shrug, 0.0f, 40.0f);
      if (a.has("palm")) {
        if (a.at("palm").string() != "down") a.at("palm").fail("the only palm placement is \"down\" (flat on the floor)");
        p.arms[static_cast<std::size_t>(side)].palmDown = true;
      }
      ArmParams& arm = p.arms[static_cast<std::size_t>(side)];
      a.read("shoulder", arm.shoulder, -60.0f, 180.0f);
      a.read("abduction", arm.abduction, -30.0f, 180.0f);
      a.read("elbow", arm.elbow, 0.0f, 150.0f);
      if (a.has("hand")) {
        const Reader h = a.at("hand");
        h.expectObject({"at", "frame", "pole"});
        const std::string frame = h.has("frame") ? h.at("frame").string() : "world";
        if (frame == "world") arm.handFrame = ArmParams::HandFrame::World;
        else if (frame == "chest") arm.handFrame = ArmParams::HandFrame::Chest;
        else h.at("frame").fail(fmt::format("unknown frame '{}' (use world or chest)", frame));
        glm::vec3 at = h.at("at").vec3(3.0f);
        // "both" gives the left hand's target; the right hand's is its mirror.
        if (side == kRight && a.path().ends_with(".both")) at.x = -at.x;
        arm.hand = at;
        if (h.has("pole")) {
          glm::vec3 pole = h.at("pole").vec3(10.0f);
          if (glm::length(pole) < 1e-3f) h.at("pole").fail("expected a direction (not all zero)");
          if (side == kRight && a.path().ends_with(".both")) pole.x = -pole.x;
          arm.pole = pole;
          arm.hasPole = true;
        }
      }
    });
  }
  if (r.has("feet")) {
    forEachSide(r.at("feet"), workingSide, [&](const Reader& f, int side) {
      f.expectObject({"contact", "at", "toeOut", "heelRise", "lift", "slide", "roll", "swingAnkle"});
      f.read("roll", p.feet[static_cast<std::size_t>(side)].roll, 0.0f, 30.0f);
      FootParams& foot = p.feet[static_cast<std::size_t>(side)];
      if (f.has("contact")) {
        const std::string c = f.at("contact").string();
        if (c == "planted") foot.contact = Contact::Planted;
        else if (c == "free") foot.contact = Contact::Free;
        else f.at("contact").fail(fmt::format("unknown contact '{}' (use planted or free)", c));
      }
      if (f.has("at")) {
        glm::vec2 at = f.at("at").vec2(3.0f);
        // "both" gives the left foot's position; the right foot mirrors it.
        if (side == kRight && f.path().ends_with(".both")) at.x = -at.x;
        foot.at = at;
      }
      f.read("toeOut", foot.toeOut, -20.0f, 45.0f);
      f.read("heelRise", foot.heelRise, 0.0f, 170.0f);
      f.read("lift", foot.lift, 0.0f, 1.0f);
      if (f.has("swingAnkle")) {
        foot.swingAnkle = f.at("swingAnkle").number(-50.0f, 20.0f);
        foot.hasSwingAnkle = true;
      }
      if (f.has("slide")) {
        if (!f.at("slide").value().is_boolean()) f.at("slide").fail("expected true or false");
        foot.slide = f.at("slide").value().get<bool>();
      }
    });
  }
  if (r.has("body")) {
    const Reader b = r.at("body");
    b.expectObject({"roll", "supports", "at"});
    p.body.lying = true;
    p.body.roll = b.at("roll").number(-120.0f, 120.0f);
    if (b.has("at")) p.body.at = b.at("at").vec2(3.0f);
    p.body.supports = parseSupports(b.at("supports"), workingSide);
    for (int s : {kLeft, kRight})
      if (p.feet[static_cast<std::size_t>(s)].contact == Contact::Planted)
        b.fail("a body lying on its supports has no planted feet: give both feet \"contact\": \"free\"");
  }
  if (r.has("rests")) p.rests = parseSupports(r.at("rests"), workingSide);
  if (r.has("anchor")) {
    const Reader a = r.at("anchor");
    const std::vector<int> sides = sidesOf(a, a.string(), workingSide);
    if (sides.size() != 1) a.fail("the anchor is one foot");
    p.anchor = sides[0];
    if (p.feet[static_cast<std::size_t>(p.anchor)].contact != Contact::Planted) a.fail("the anchor foot must be planted");
  }
  const int anchor = p.anchor >= 0 ? p.anchor : p.feet[0].contact == Contact::Planted ? kLeft : kRight;
  for (int s : {kLeft, kRight}) {
    const bool free = p.feet[static_cast<std::size_t>(s)].contact == Contact::Free;
    if (!p.legs[static_cast<std::size_t>(s)].hasAngles && (free || s == anchor))
      r.fail(fmt::format("the {} leg needs \"hip\" and \"knee\" (only a planted leg that does not place the body "
                         "may leave them to the IK)",
                         s == kLeft ? "left" : "right"));
  }
  return p;
}

Easing parseEasing(const Reader& r) {
  const std::string e = r.string();
  if (e == "linear") return Easing::Linear;
  if (e == "in") return Easing::In;
  if (e == "out") return Easing::Out;
  if (e == "inOut") return Easing::InOut;
  r.fail(fmt::format("unknown easing '{}' (use linear, in, out or inOut)", e));
}

std::vector<Phase> parsePhases(const Reader& r, const std::set<std::string>& poseNames, float rate) {
  if (!r.value().is_array() || r.value().empty()) r.fail("expected a non-empty array of phases");
  std::vector<Phase> phases;
  for (std::size_t i = 0; i < r.value().size(); ++i) {
    const Reader p = r.index(i);
    p.expectObject({"name", "to", "duration", "easing", "note"});
    Phase phase;
    phase.name = p.at("name").string();
    if (!isSnakeCase(phase.name)) p.at("name").fail("phase names are snake_case");
    phase.to = p.at("to").string();
    if (poseNames.count(phase.to) == 0) p.at("to").fail(fmt::format("no pose named '{}' in \"poses\"", phase.to));
    phase.duration = p.at("duration").number(1.0f / rate, 30.0f);
    const double frames = static_cast<double>(phase.duration) * static_cast<double>(rate);
    if (std::abs(frames - std::round(frames)) > 1e-4)
      p.at("duration").fail(fmt::format("{} s is not a whole number of 1/{} s frames", phase.duration, rate));
    if (p.has("easing")) phase.easing = parseEasing(p.at("easing"));
    phases.push_back(std::move(phase));
  }
  return phases;
}

Prop parseProp(const Reader& r) {
  r.expectObject({"kind", "attach", "position", "size", "to", "toPosition", "note"});
  Prop prop;
  prop.kind = r.at("kind").string();
  static const std::set<std::string> kinds = {"box", "bench", "dumbbell", "kettlebell", "band", "mat", "cable"};
  if (kinds.count(prop.kind) == 0) r.at("kind").fail(fmt::format("unknown prop '{}' (box, bench, dumbbell, kettlebell, band, mat, cable)", prop.kind));
  static const std::set<std::string> anchors = {"world", "leftHand", "rightHand", "leftFoot", "rightFoot",
                                                "leftLowerLeg", "rightLowerLeg", "leftUpperLeg", "rightUpperLeg", "hips"};
  prop.attach = r.has("attach") ? r.at("attach").string() : "world";
  if (anchors.count(prop.attach) == 0) r.at("attach").fail(fmt::format("'{}' is not world or a joint props attach to", prop.attach));
  if (r.has("position")) prop.position = r.at("position").vec3(5.0f);
  if (r.has("size")) prop.size = r.at("size").vec3(5.0f);
  if (r.has("to")) {
    prop.to = r.at("to").string();
    if (anchors.count(prop.to) == 0) r.at("to").fail(fmt::format("'{}' is not world or a joint", prop.to));
    if (r.has("toPosition")) prop.toPosition = r.at("toPosition").vec3(5.0f);
  }
  if ((prop.kind == "band" || prop.kind == "cable") && prop.to.empty()) r.fail("a band or cable needs \"to\" (its other end)");
  return prop;
}

// [SECTION] exercise

ClipSpec parseClip(const std::string& name, const Reader& poses, const Reader& phases, const Stance& stance,
                   const std::string& side, const std::string& description, float rate) {
  ClipSpec clip;
  clip.name = name;
  clip.description = description;
  if (!poses.value().is_object() || poses.value().empty()) poses.fail("expected an object of named key poses");
  std::set<std::string> names;
  for (const auto& item : poses.value().items()) {
    if (!isSnakeCase(item.key())) poses.fail(fmt::format("pose name '{}' is not snake_case", item.key()));
    clip.poseNames.push_back(item.key());
    clip.poses.push_back(parsePose(poses.at(item.key()), stance, side));
    names.insert(item.key());
  }
  clip.phases = parsePhases(phases, names, rate);
  return clip;
}

ExerciseSource parse(const json& doc, const std::string& fileStem) {
  const Reader root(doc, "");
  root.expectObject({"format", "exercise", "title", "side", "frameRate", "stance", "props", "poses", "phases", "mistakes", "notes",
                     "sources"});
  if (root.at("format").string() != "formviz-clip/1") root.at("format").fail("expected \"formviz-clip/1\"");
  ExerciseSource src;
  src.id = root.at("exercise").string();
  if (!isSnakeCase(src.id)) root.at("exercise").fail("exercise ids are snake_case");
  if (!fileStem.empty() && src.id != fileStem)
    root.at("exercise").fail(fmt::format("'{}' does not match the file name '{}.json'", src.id, fileStem));
  src.title = root.at("title").string();
  src.side = root.has("side") ? root.at("side").string() : "both";
  if (src.side != "both" && src.side != "left" && src.side != "right")
    root.at("side").fail("use \"both\" or the working side \"left\" / \"right\"");
  if (root.has("frameRate")) {
    src.frameRate = root.at("frameRate").number(30.0f, 60.0f);
    if (src.frameRate != 30.0f && src.frameRate != 60.0f) root.at("frameRate").fail("use 30 or 60");
  }
  Stance stance;
  if (root.has("stance")) {
    const Reader s = root.at("stance");
    s.expectObject({"width", "toeOut"});
    s.read("width", stance.width, 0.0f, 1.2f);
    s.read("toeOut", stance.toeOut, -20.0f, 45.0f);
  }
  if (root.has("props")) {
    const Reader p = root.at("props");
    if (!p.value().is_array()) p.fail("expected an array");
    for (std::size_t i = 0; i < p.value().size(); ++i) src.props.push_back(parseProp(p.index(i)));
  }
  src.clips.push_back(parseClip("correct", root.at("poses"), root.at("phases"), stance, src.side, src.title, src.frameRate));
  if (root.has("mistakes")) {
    const Reader m = root.at("mistakes");
    if (!m.value().is_array()) m.fail("expected an array");
    std::set<std::string> slugs;
    for (std::size_t i = 0; i < m.value().size(); ++i) {
      const Reader mistake = m.index(i);
      mistake.expectObject({"slug", "description", "signal", "poses", "phases"});
      const std::string slug = mistake.at("slug").string();
      if (!isSnakeCase(slug)) mistake.at("slug").fail("slugs are snake_case");
      if (!slugs.insert(slug).second) mistake.at("slug").fail(fmt::format("slug '{}' is used twice", slug));
      // The mistake's poses are a JSON merge patch (RFC 7386) on the correct poses.
      json poses = doc.at("poses");
      if (mistake.has("poses")) {
        const Reader patch = mistake.at("poses");
        if (!patch.value().is_object()) patch.fail("expected an object of pose patches");
        // New poses only with the mistake's own phases (else a misspelt name would pass silently).
        for (const auto& item : patch.value().items())
          if (!poses.contains(item.key()) && !mistake.has("phases"))
            patch.fail(fmt::format("no pose named '{}' to change", item.key()));
        poses.merge_patch(patch.value());
      }
      // Errors inside the patched poses are reported at the mistake's path.
      const Reader phases = mistake.has("phases") ? mistake.at("phases") : root.at("phases");
      const std::string description = mistake.has("description") ? mistake.at("description").string() : slug;
      src.clips.push_back(parseClip("mistake_" + slug, Reader(poses, mistake.path() + ".poses(patched)"), phases,
                                    stance, src.side, description, src.frameRate));
    }
  }
  return src;
}

std::string stemOf(const std::string& file) {
  const std::size_t slash = file.find_last_of('/');
  std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
  if (name.ends_with(".json")) return name.substr(0, name.size() - 5);
  return std::string();
}

}  // namespace

Result<ExerciseSource> parseSource(const std::string& text, const std::string& file) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/false);
  if (doc.is_discarded()) return makeError(fmt::format("{}: not valid JSON", file));
  try {
    return parse(doc, stemOf(file));
  } catch (const SourceError& e) {
    return makeError(fmt::format("{}: {}", file, e.message));
  } catch (const json::exception& e) {
    // Missing required members (json::at) land here; name the member.
    return makeError(fmt::format("{}: {}", file, e.what()));
  }
}

Result<ExerciseSource> loadSource(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(fmt::format("{}: cannot be opened", path));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parseSource(text, path);
}

}  // namespace formviz::clipbake
