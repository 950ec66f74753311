#include "form/rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace formviz::form {

using nlohmann::json;

std::string Phase::text() const {
  if (from.empty()) return "all";
  if (to.empty()) return from;
  return from + ".." + to;
}

Phase Phase::parse(std::string_view text) {
  Phase phase;
  if (text == "all") return phase;
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    phase.from = std::string(text);
  } else {
    phase.from = std::string(text.substr(0, dots));
    phase.to = std::string(text.substr(dots + 2));
  }
  return phase;
}

namespace {
constexpr std::array<std::string_view, 6> kStatistics = {"min", "max", "at", "range", "every", "rise"};
constexpr std::array<std::string_view, 5> kRuleSides = {"both", "left", "right", "working", "other"};
constexpr std::array<std::string_view, 3> kWhen = {"always", "footPlanted", "footFree"};
constexpr std::array<std::string_view, 7> kContactSets = {"Foot", "Heel", "Toe", "Hand", "Elbow", "Knee", "Ball"};

template <std::size_t N>
int lookup(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

template <std::size_t N>
std::string choices(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) out += fmt::format("{}\"{}\"", i == 0 ? "" : i + 1 == N ? " or " : ", ", names[i]);
  return out;
}

std::string allMeasureNames() {
  std::string out;
  for (int i = 0; i < kMeasureCount; ++i) out += fmt::format("{}{}", i == 0 ? "" : ", ", measureName(static_cast<Measure>(i)));
  return out;
}

// Walks one file, remembering its name for messages.
struct Parser {
  std::string file;

  Error error(const std::string& path, const std::string& what) const {
    return makeError(fmt::format("{}: {}: {}", file, path, what));
  }

  // Rejects keys outside `allowed` (typos would otherwise be ignored silently).
  std::optional<Error> checkKeys(const json& object, const std::string& path,
                                 std::initializer_list<std::string_view> allowed) const {
    for (auto it = object.begin(); it != object.end(); ++it) {
      bool known = it.key() == "comment";
      for (std::string_view a : allowed) known = known || it.key() == a;
      if (!known) {
        std::string list;
        for (std::string_view a : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
        return error(path.empty() ? it.key() : path + "." + it.key(),
                     fmt::format("unknown key (expected {} or comment)", list));
      }
    }
    return std::nullopt;
  }

  Result<std::string> string(const json& object, const std::string& path, const char* key, bool required,
                             std::string fallback = {}) const {
    const std::string at = path.empty() ? key : path + "." + key;
    if (!object.contains(key)) {
      if (required) return error(at, "missing (expected a string)");
      return fallback;
    }
    const json& value = object[key];
    if (!value.is_string()) return error(at, "expected a string");
    std::string text = value.get<std::string>();
    if (required && text.empty()) return error(at, "must not be empty");
    return text;
  }

  Result<Rule> rule(const json& node, const std::string& path, const ExerciseRules& rulesSoFar) const {
    if (!node.is_object()) return error(path, "expected an object");
    if (auto e = checkKeys(node, path, {"id", "measure", "side", "phase", "statistic", "when", "range", "source"}))
      return *e;
    Rule r;
    auto id = string(node, path, "id", true);
    if (!id) return id.error();
    r.id = *id;

    auto measure = string(node, path, "measure", true);
    if (!measure) return measure.error();
    const std::optional<Measure> m = measureFromName(*measure);
    if (!m) return error(path + ".measure", fmt::format("unknown measure \"{}\" (one of: {})", *measure, allMeasureNames()));
    r.measure = *m;

    auto side = string(node, path, "side", false, "both");
    if (!side) return side.error();
    const int sideIndex = lookup(kRuleSides, *side);
    if (sideIndex < 0) return error(path + ".side", fmt::format("unknown side \"{}\" (expected {})", *side, choices(kRuleSides)));
    r.side = static_cast<RuleSide>(sideIndex);
    if (!isSided(r.measure) && r.side != RuleSide::Both)
      return error(path + ".side", fmt::format("{} has one value for the whole body: use \"both\" or leave side out",
                                               measureName(r.measure)));
    if ((r.side == RuleSide::Working || r.side == RuleSide::Other) && !rulesSoFar.workingSide)
      return error(path + ".side", fmt::format("\"{}\" needs the file's workingSide (\"left\" or \"right\")", *side));

    auto phase = string(node, path, "phase", false, "all");
    if (!phase) return phase.error();
    if (phase->empty()) return error(path + ".phase", "must not be empty (use \"all\" for the whole clip)");
    r.phase = Phase::parse(*phase);
    if (r.phase.from.empty() && *phase != "all") return error(path + ".phase", "a range needs a start marker: \"a..b\"");

    auto statistic = string(node, path, "statistic", true);
    if (!statistic) return statistic.error();
    const int statIndex = lookup(kStatistics, *statistic);
    if (statIndex < 0)
      return error(path + ".statistic", fmt::format("unknown statistic \"{}\" (expected {})", *statistic, choices(kStatistics)));
    r.statistic = static_cast<Statistic>(statIndex);
    if (r.statistic == Statistic::At && r.phase.from.empty())
      return error(path + ".statistic", "\"at\" needs a phase that starts at a marker");

    auto when = string(node, path, "when", false, "always");
    if (!when) return when.error();
    const int whenIndex = lookup(kWhen, *when);
    if (whenIndex < 0) return error(path + ".when", fmt::format("unknown condition \"{}\" (expected {})", *when, choices(kWhen)));
    r.when = static_cast<When>(whenIndex);
    if (r.when != When::Always && !isSided(r.measure))
      return error(path + ".when", fmt::format("\"{}\" needs a measure with a side", *when));

    if (!node.contains("range")) return error(path + ".range", "missing (expected two numbers [lo, hi], null for an open end)");
    const json& range = node["range"];
    auto bound = [](const json& v, float open, float& out) {
      if (v.is_null()) {
        out = open;
        return true;
      }
      if (!v.is_number()) return false;
      out = v.get<float>();
      return std::isfinite(out);
    };
    if (!range.is_array() || range.size() != 2 || !bound(range[0], -std::numeric_limits<float>::infinity(), r.lo) ||
        !bound(range[1], std::numeric_limits<float>::infinity(), r.hi))
      return error(path + ".range", "expected two numbers [lo, hi] (null for an open end)");
    if (r.lo > r.hi) return error(path + ".range", fmt::format("lo {} is greater than hi {}", r.lo, r.hi));

    auto source = string(node, path, "source", true);
    if (!source) return source.error();
    if (source->find("[S]") == std::string::npos && source->find("[E]") == std::string::npos &&
        source->find("[M]") == std::string::npos)
      return error(path + ".source", "must carry an evidence tag: [S] (study), [M] (recalled study) or [E] (estimate)");
    r.source = *source;
    return r;
  }

  Result<ExerciseRules> file_(const json& root) const {
    if (!root.is_object()) return makeError(fmt::format("{}: expected a JSON object at the top level", file));
    if (auto e = checkKeys(root, "", {"exercise", "workingSide", "facing", "contacts", "rules", "mistakes"})) return *e;
    ExerciseRules out;
    auto exercise = string(root, "", "exercise", true);
    if (!exercise) return exercise.error();
    out.exercise = *exercise;

    if (root.contains("workingSide")) {
      const json& w = root["workingSide"];
      if (!w.is_string() || (w != "left" && w != "right"))
        return error("workingSide", "expected \"left\" or \"right\"");
      out.workingSide = w == "left" ? Side::Left : Side::Right;
    }
    if (root.contains("facing")) {
      const json& f = root["facing"];
      if (!f.is_number() || !std::isfinite(f.get<float>())) return error("facing", "expected a number (degrees)");
      out.facingDegrees = f.get<float>();
    }
    if (root.contains("contacts")) {
      const json& contacts = root["contacts"];
      if (!contacts.is_array()) return error("contacts", "expected an array");
      for (std::size_t i = 0; i < contacts.size(); ++i) {
        const std::string path = fmt::format("contacts[{}]", i);
        const json& c = contacts[i];
        if (!c.is_object()) return error(path, "expected an object");
        if (auto e = checkKeys(c, path, {"contact", "phase", "sliding"})) return *e;
        auto name = string(c, path, "contact", true);
        if (!name) return name.error();
        ContactDeclaration d;
        bool ok = false;
        for (Side side : {Side::Left, Side::Right}) {
          const std::string pre = sideName(side);
          if (name->starts_with(pre)) {
            const int set = lookup(kContactSets, std::string_view(*name).substr(pre.size()));
            if (set >= 0) {
              d.side = side;
              d.set = static_cast<ContactSet>(set);
              ok = true;
            }
          }
        }
        if (!ok)
          return error(path + ".contact", fmt::format("unknown contact \"{}\" (left or right + Foot, Heel, Toe, Ball, Hand, Elbow or Knee, "
                                                      "e.g. \"leftFoot\")", *name));
        auto phase = string(c, path, "phase", false, "all");
        if (!phase) return phase.error();
        if (phase->empty()) return error(path + ".phase", "must not be empty (use \"all\" for the whole clip)");
        d.phase = Phase::parse(*phase);
        if (c.contains("sliding")) {
          if (!c["sliding"].is_boolean()) return error(path + ".sliding", "expected true or false");
          d.sliding = c["sliding"].get<bool>();
        }
        out.contacts.push_back(std::move(d));
      }
    }
    if (!root.contains("rules")) return error("rules", "missing (expected an array of rules)");
    const json& rules = root["rules"];
    if (!rules.is_array()) return error("rules", "expected an array of rules");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string path = fmt::format("rules[{}]", i);
      auto r = rule(rules[i], path, out);
      if (!r) return r.error();
      if (!ids.insert(r->id).second) return error(path + ".id", fmt::format("\"{}\" is used by an earlier rule", r->id));
      out.rules.push_back(std::move(r).value());
    }
    if (root.contains("mistakes")) {
      const json& mistakes = root["mistakes"];
      if (!mistakes.is_object())
        return error("mistakes", "expected an object: {\"<mistake slug>\": [\"<rule id>\", ...]}");
      for (auto it = mistakes.begin(); it != mistakes.end(); ++it) {
        const std::string path = fmt::format("mistakes.{}", it.key());
        if (it.key() == "comment") continue;
        if (it.key().empty() || it.key().starts_with("mistake_"))
          return error(path, "name the mistake by its slug, without \"mistake_\" (clip mistake_knee_valgus -> \"knee_valgus\")");
        const json& listed = it.value();
        if (!listed.is_array() || listed.empty())
          return error(path, "expected a non-empty array of the rule ids this mistake must fail");
        std::vector<std::string> list;
        for (std::size_t i = 0; i < listed.size(); ++i) {
          const std::string at = fmt::format("{}[{}]", path, i);
          if (!listed[i].is_string()) return error(at, "expected a rule id (a string)");
          const std::string id = listed[i].get<std::string>();
          bool known = std::any_of(out.rules.begin(), out.rules.end(), [&](const Rule& r) { return r.id == id; });
          for (const Rule& r : globalRomRules()) known = known || r.id == id;
          if (!known) return error(at, fmt::format("unknown rule id \"{}\" (not a rule of this file nor a global bound)", id));
          if (std::find(list.begin(), list.end(), id) != list.end())
            return error(at, fmt::format("\"{}\" is listed twice", id));
          list.push_back(id);
        }
        out.mistakes[it.key()] = std::move(list);
      }
    }
    return out;
  }
};

}  // namespace

std::string_view statisticName(Statistic statistic) { return kStatistics[static_cast<std::size_t>(statistic)]; }
std::string_view ruleSideName(RuleSide side) { return kRuleSides[static_cast<std::size_t>(side)]; }
std::string_view whenName(When when) { return kWhen[static_cast<std::size_t>(when)]; }
std::string_view contactSetName(ContactSet set) { return kContactSets[static_cast<std::size_t>(set)]; }
std::string ContactDeclaration::name() const { return std::string(sideName(side)) + std::string(contactSetName(set)); }

Result<ExerciseRules> parseRules(std::string_view text, std::string_view fileName) {
  const Parser parser{std::string(fileName)};
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    const std::size_t at = what.find("] ");
    if (at != std::string::npos) what = what.substr(at + 2);
    return makeError(fmt::format("{}: not valid JSON: {}", fileName, what));
  }
  try {
    return parser.file_(root);
  } catch (const json::exception& e) {  // a type error missed above: still the user's file
    return makeError(fmt::format("{}: {}", fileName, e.what()));
  }
}

Result<ExerciseRules> loadRules(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(fmt::format("{}: cannot be read (does the file exist?)", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parseRules(text.str(), path.filename().string());
}

std::span<const Rule> globalRomRules() {
  constexpr float kOpen = std::numeric_limits<float>::infinity();
  static const std::vector<Rule> rules = [] {
    auto make = [](const char* id, Measure m, When when, float lo, float hi, const char* source) {
      Rule r;
      r.id = id;
      r.measure = m;
      r.side = RuleSide::Both;
      r.statistic = Statistic::Every;
      r.when = when;
      r.lo = lo;
      r.hi = hi;
      r.source = source;
      return r;
    };
    return std::vector<Rule>{
        make("rom.hip", Measure::HipFlexion, When::Always, -30.0f, 125.0f,
             "normal ROM: flexion 120 AAOS / 125 VA, Merck [S]; extension 30 AAOS, VA [S]"),
        make("rom.knee", Measure::KneeFlexion, When::Always, -5.0f, 140.0f,
             "normal ROM: flexion 135 AAOS / 140 VA [S]; hyperextension <= 5 [E]"),
        make("rom.ankle.nwb", Measure::AnkleDorsiflexion, When::FootFree, -50.0f, 20.0f,
             "normal ROM: DF 20, PF 50 AAOS, Merck [S] (non-weight-bearing)"),
        make("rom.ankle.wb", Measure::AnkleDorsiflexion, When::FootPlanted, -50.0f, 40.0f,
             "weight-bearing tibial incline up to ~40 [E]; PF 50 [S]"),
        make("rom.shoulder", Measure::ShoulderFlexion, When::Always, -60.0f, 180.0f,
             "normal ROM: flexion 180, extension 60 AAOS [S]"),
        make("rom.elbow", Measure::ElbowFlexion, When::Always, -kOpen, 150.0f, "normal ROM: flexion 150 AAOS [S]"),
        make("rom.spine.flexion", Measure::SpineFlexion, When::Always, -25.0f, 80.0f,
             "normal ROM: thoracolumbar flexion 80, extension 25 AAOS [M]"),
        make("rom.spine.lateral", Measure::SpineLateralFlexion, When::Always, -35.0f, 35.0f,
             "normal ROM: thoracolumbar lateral flexion 35 AAOS [M]"),
        make("rom.spine.rotation", Measure::SpineRotation, When::Always, -45.0f, 45.0f,
             "normal ROM: thoracolumbar rotation 45 AAOS [M]"),
    };
  }();
  return rules;
}

}  // namespace formviz::form
