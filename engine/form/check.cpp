#include "form/check.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "anim/character.h"
#include "core/math.h"

namespace formviz::form {
namespace {

constexpr float kTimeEpsilon = 1e-5f;

struct TimeRange {
  float from = 0.0f, to = 0.0f;
};

// A marker's time: "name" is the first marker so named, "name#k" the k-th (k >= 1; a phase
// that comes back in one loop, e.g. the band walk's second step_out).
std::optional<float> markerTimeOf(const anim::Clip& clip, const std::string& name) {
  const std::size_t hash = name.rfind('#');
  if (hash == std::string::npos || hash + 1 >= name.size() ||
      name.find_first_not_of("0123456789", hash + 1) != std::string::npos)
    return clip.markerTime(name);
  const std::string base = name.substr(0, hash);
  int k = std::atoi(name.c_str() + hash + 1);
  for (const anim::Marker& m : clip.markers())  // sorted by time
    if (m.name == base && --k == 0) return m.time;
  return std::nullopt;
}

// Resolves a phase on the clip's markers; nullopt (with `note` set) when a marker is missing.
std::optional<TimeRange> resolve(const Phase& phase, const anim::Clip& clip, std::string& note) {
  if (phase.from.empty()) return TimeRange{0.0f, clip.duration()};
  const std::optional<float> from = markerTimeOf(clip, phase.from);
  if (!from) {
    note = fmt::format("the clip has no marker \"{}\"", phase.from);
    return std::nullopt;
  }
  if (!phase.to.empty()) {
    const std::optional<float> to = markerTimeOf(clip, phase.to);
    if (!to) {
      note = fmt::format("the clip has no marker \"{}\"", phase.to);
      return std::nullopt;
    }
    if (*to < *from) {
      note = fmt::format("marker \"{}\" comes before marker \"{}\"", phase.to, phase.from);
      return std::nullopt;
    }
    return TimeRange{*from, *to};
  }
  float to = clip.duration();
  for (const anim::Marker& m : clip.markers())  // sorted by time
    if (m.time > *from + kTimeEpsilon) {
      to = m.time;
      break;
    }
  return TimeRange{*from, to};
}

bool inside(float t, const TimeRange& r) { return t >= r.from - kTimeEpsilon && t <= r.to + kTimeEpsilon; }

// Contact points a declared set plants.
std::span<const ContactPoint> pointsOf(ContactSet set) {
  static constexpr ContactPoint foot[] = {ContactPoint::Heel, ContactPoint::ToeTip, ContactPoint::Ball};
  static constexpr ContactPoint heel[] = {ContactPoint::Heel};
  static constexpr ContactPoint toe[] = {ContactPoint::ToeTip, ContactPoint::Ball};
  static constexpr ContactPoint hand[] = {ContactPoint::Palm};
  static constexpr ContactPoint elbow[] = {ContactPoint::Elbow};
  static constexpr ContactPoint knee[] = {ContactPoint::Knee};
  static constexpr ContactPoint ball[] = {ContactPoint::Ball};
  switch (set) {
    case ContactSet::Foot: return foot;
    case ContactSet::Heel: return heel;
    case ContactSet::Toe: return toe;
    case ContactSet::Hand: return hand;
    case ContactSet::Elbow: return elbow;
    case ContactSet::Knee: return knee;
    case ContactSet::Ball: return ball;
  }
  return {};
}

bool isFoot(ContactSet set) {
  return set == ContactSet::Foot || set == ContactSet::Heel || set == ContactSet::Toe || set == ContactSet::Ball;
}

float deviationOf(float value, float lo, float hi) {
  if (value > hi) return value - hi;
  if (value < lo) return value - lo;
  return 0.0f;
}

}  // namespace

int CheckReport::failures() const {
  return static_cast<int>(std::count_if(results.begin(), results.end(), [](const RuleResult& r) { return !r.pass; }));
}

bool CheckJob::Validate() const {
  const anim::Skeleton* tracks = clipSkeleton != nullptr ? clipSkeleton : skeleton;
  return skeleton != nullptr && rig != nullptr && clip != nullptr && rules != nullptr && output != nullptr &&
         clip->jointCount() == tracks->jointCount() && skeleton->jointCount() > 0 && sampleRate > 0.0f &&
         sampleRate <= 1000.0f && std::isfinite(clip->duration());
}

bool CheckJob::Run() const {
  if (!Validate()) return false;
  // A mirrored clip does on the right what the rules describe on the left.
  auto sided = [&](Side side) { return mirrored ? other(side) : side; };
  CheckReport& report = *output;
  report = CheckReport{};
  report.clip = clip->name();
  const ContactOffsets contactOffsets = offsets ? *offsets : rig->contactOffsets;

  // Frame times: the grid, the end and every marker.
  std::vector<float>& times = report.times;
  const float duration = clip->duration();
  for (int k = 0;; ++k) {
    const float t = static_cast<float>(k) / sampleRate;
    if (t > duration + kTimeEpsilon) break;
    times.push_back(std::min(t, duration));
  }
  times.push_back(duration);
  for (const anim::Marker& m : clip->markers()) times.push_back(m.time);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end(), [](float a, float b) { return std::abs(a - b) <= kTimeEpsilon; }),
              times.end());
  const std::size_t frameCount = times.size();

  // Measure every frame (anim::Character samples, retargets when the clip was made on
  // another body, and converts to model space).
  anim::Character character(*skeleton);
  character.setClip(clipSkeleton != nullptr ? *clipSkeleton : *skeleton, *clip);
  std::vector<ContactFrame> contacts(frameCount);
  report.frames.resize(frameCount);
  report.centerOfMass.resize(frameCount);
  for (std::size_t f = 0; f < frameCount; ++f) {
    character.evaluate(times[f]);
    MeasureJob measure;
    measure.rig = rig;
    measure.model = character.modelMatrices();
    measure.offsets = contactOffsets;
    measure.referenceYaw =
        rules->facingDegrees ? radians(mirrored ? -*rules->facingDegrees : *rules->facingDegrees) : kNoValue;
    measure.output = &report.frames[f];
    measure.contacts = &contacts[f];
    CenterOfMassJob com;
    com.rig = rig;
    com.model = character.modelMatrices();
    com.offsets = contactOffsets;
    com.sex = sex;
    com.output = &report.centerOfMass[f];
    if (!measure.Run() || !com.Run()) return false;
  }

  // Speeds: central differences over the neighbouring frames (one-sided at the ends). The
  // neighbours are at least one grid step apart even where a marker adds a frame close to a
  // grid point, so no step divides by a tiny time.
  for (Side side : {Side::Left, Side::Right}) {
    for (std::size_t f = 0; f < frameCount; ++f) {
      const std::size_t a = f > 0 ? f - 1 : f, b = f + 1 < frameCount ? f + 1 : f;
      const float dt = times[b] - times[a];
      const float change = report.frames[b].get(Measure::HipFlexion, side) - report.frames[a].get(Measure::HipFlexion, side);
      report.frames[f].set(Measure::HipFlexionSpeed, side, dt > kTimeEpsilon ? std::abs(change) / dt : kNoValue);
    }
  }

  // Contact declarations: slide, height, which feet are planted, the base of support.
  std::vector<std::array<bool, kSideCount>> footPlanted(frameCount, {false, false});
  std::vector<std::vector<glm::vec2>> support(frameCount);
  std::vector<std::string> contactNotes;
  for (ContactDeclaration d : rules->contacts) {
    d.side = sided(d.side);
    std::string note;
    const std::optional<TimeRange> range = resolve(d.phase, *clip, note);
    if (!range) {
      contactNotes.push_back(fmt::format("contact {}: {}", d.name(), note));
      continue;
    }
    const std::span<const ContactPoint> points = pointsOf(d.set);
    std::optional<std::size_t> first, last;
    for (std::size_t f = 0; f < frameCount; ++f)
      if (inside(times[f], *range)) {
        if (!first) first = f;
        last = f;
      }
    for (std::size_t f = 0; f < frameCount; ++f) {
      if (!inside(times[f], *range)) continue;
      float drift = 0.0f, height = -std::numeric_limits<float>::infinity();
      for (ContactPoint p : points) {
        const glm::vec3 now = contacts[f].get(d.side, p), start = contacts[*first].get(d.side, p);
        const glm::vec2 off(now.x - start.x, now.z - start.z);
        if (d.sliding) {  // distance from the straight line first -> last (horizontal)
          const glm::vec3 end = contacts[*last].get(d.side, p);
          const glm::vec2 line(end.x - start.x, end.z - start.z);
          const float length = glm::length(line);
          drift = std::max(drift, length > 1e-4f ? std::abs(off.x * line.y - off.y * line.x) / length : glm::length(off));
        } else {
          drift = std::max(drift, glm::length(off));
        }
        height = std::max(height, now.y);
        support[f].emplace_back(now.x, now.z);
      }
      FrameMeasures& m = report.frames[f];
      const float slide = m.get(Measure::ContactSlide, d.side), high = m.get(Measure::ContactHeight, d.side);
      m.set(Measure::ContactSlide, d.side, std::isnan(slide) ? drift : std::max(slide, drift));
      m.set(Measure::ContactHeight, d.side, std::isnan(high) ? height : std::max(high, height));
      if (isFoot(d.set)) footPlanted[f][static_cast<std::size_t>(index(d.side))] = true;
    }
  }
  std::vector<glm::vec2> hull;
  for (std::size_t f = 0; f < frameCount; ++f) {
    if (support[f].empty()) continue;
    hull.resize(support[f].size() + 1);
    const int count = convexHull(support[f], hull);
    const glm::vec3 c = report.centerOfMass[f];
    report.frames[f].setBoth(Measure::ComMargin,
                             signedDistanceToHull(std::span<const glm::vec2>(hull.data(), static_cast<std::size_t>(count)),
                                                  glm::vec2(c.x, c.z)));
  }

  // Rules.
  auto evaluate = [&](const Rule& rule, std::optional<Side> side, bool global) {
    RuleResult r;
    r.id = rule.id;
    r.measure = rule.measure;
    r.side = side;
    r.phase = rule.phase.text();
    r.statistic = rule.statistic;
    r.lo = rule.lo;
    r.hi = rule.hi;
    r.global = global;
    r.source = rule.source;
    const Side slot = side.value_or(Side::Left);
    std::string note;
    const std::optional<TimeRange> range = resolve(rule.phase, *clip, note);
    if (!range) {
      r.note = note;
      return r;
    }
    std::vector<std::size_t> frames;
    for (std::size_t f = 0; f < frameCount; ++f) {
      if (!inside(times[f], *range)) continue;
      const bool planted = footPlanted[f][static_cast<std::size_t>(index(slot))];
      if (rule.when == When::FootPlanted && !planted) continue;
      if (rule.when == When::FootFree && planted) continue;
      if (std::isnan(report.frames[f].get(rule.measure, slot))) continue;
      frames.push_back(f);
    }
    if (rule.statistic == Statistic::At) {
      frames.erase(std::remove_if(frames.begin(), frames.end(),
                                  [&](std::size_t f) { return std::abs(times[f] - range->from) > kTimeEpsilon; }),
                   frames.end());
    }
    if (frames.empty()) {
      r.pass = global;  // a bound with nothing to bound is met; a rule with no data is a mistake
      r.note = global ? "not applicable" : fmt::format("no frame in phase \"{}\" has a value", r.phase);
      return r;
    }
    auto value = [&](std::size_t f) { return report.frames[f].get(rule.measure, slot); };
    std::size_t pick = frames.front();
    switch (rule.statistic) {
      case Statistic::Min:
        for (std::size_t f : frames) if (value(f) < value(pick)) pick = f;
        r.value = value(pick);
        break;
      case Statistic::Max:
      case Statistic::Range: {
        std::size_t low = frames.front();
        for (std::size_t f : frames) {
          if (value(f) > value(pick)) pick = f;
          if (value(f) < value(low)) low = f;
        }
        r.value = rule.statistic == Statistic::Max ? value(pick) : value(pick) - value(low);
        break;
      }
      case Statistic::At:
        r.value = value(pick);
        break;
      case Statistic::Rise:  // frames are in time order: front() is the phase's first frame
        for (std::size_t f : frames)
          if (value(f) > value(pick)) pick = f;
        r.value = value(pick) - value(frames.front());
        break;
      case Statistic::Every: {
        float worst = -std::numeric_limits<float>::infinity();  // larger = worse
        for (std::size_t f : frames) {
          const float v = value(f);
          const float dev = std::abs(deviationOf(v, rule.lo, rule.hi));
          const float badness = dev > 0.0f ? dev : -std::min(v - rule.lo, rule.hi - v);
          if (badness > worst) {
            worst = badness;
            pick = f;
          }
        }
        r.value = value(pick);
        break;
      }
    }
    r.frame = static_cast<int>(pick);
    r.time = times[pick];
    r.deviation = deviationOf(r.value, rule.lo, rule.hi);
    r.pass = r.deviation == 0.0f;
    return r;
  };

  const std::optional<Side> working = rules->workingSide ? std::optional<Side>(sided(*rules->workingSide)) : std::nullopt;
  auto add = [&](const Rule& rule, bool global) {
    if (!isSided(rule.measure)) {
      report.results.push_back(evaluate(rule, std::nullopt, global));
      return;
    }
    switch (rule.side) {
      case RuleSide::Both:
        report.results.push_back(evaluate(rule, Side::Left, global));
        report.results.push_back(evaluate(rule, Side::Right, global));
        break;
      case RuleSide::Left: report.results.push_back(evaluate(rule, sided(Side::Left), global)); break;
      case RuleSide::Right: report.results.push_back(evaluate(rule, sided(Side::Right), global)); break;
      case RuleSide::Working:
      case RuleSide::Other:
        if (!working) {
          RuleResult r = evaluate(rule, Side::Left, global);
          r.pass = false;
          r.note = "the rules name no workingSide";
          report.results.push_back(r);
        } else {
          report.results.push_back(evaluate(rule, rule.side == RuleSide::Working ? *working : other(*working), global));
        }
        break;
    }
  };
  for (const Rule& rule : rules->rules) add(rule, false);
  if (globalBounds)
    for (const Rule& rule : globalRomRules()) add(rule, true);
  for (const std::string& note : contactNotes) {  // a contact that cannot be placed fails the check
    RuleResult r;
    r.id = "contacts";
    r.measure = Measure::ContactSlide;
    r.phase.assign(1, '-');
    r.note = note;
    report.results.push_back(r);
  }
  return true;
}

std::string formatReport(const CheckReport& report) {
  auto number = [](Measure m, float v) {
    if (std::isnan(v)) return std::string("-");
    if (v == 0.0f) v = 0.0f;  // print -0 as 0
    if (isLength(m)) return fmt::format("{:.1f} mm", v * 1000.0f);
    return isSpeed(m) ? fmt::format("{:.0f} deg/s", v) : fmt::format("{:.1f} deg", v);
  };
  auto range = [&](const RuleResult& r) {
    const bool openLo = std::isinf(r.lo), openHi = std::isinf(r.hi);
    if (openLo && openHi) return std::string("any");
    if (openLo) return fmt::format("<= {}", number(r.measure, r.hi));
    if (openHi) return fmt::format(">= {}", number(r.measure, r.lo));
    return fmt::format("{} .. {}", number(r.measure, r.lo), number(r.measure, r.hi));
  };
  std::size_t width = 0;  // the longest measure name, so the columns line up
  for (int i = 0; i < kMeasureCount; ++i) width = std::max(width, measureName(static_cast<Measure>(i)).size());
  std::string out = fmt::format("clip {}\n", report.clip);
  out += fmt::format("{:<{}} {:<5} {:<16} {:<5} {:>11} {:>9}  {:<24} {}\n", "measure", width, "side", "phase", "stat",
                     "value", "at", "allowed", "result");
  for (const RuleResult& r : report.results) {
    std::string verdict = r.pass ? "PASS" : "FAIL";
    if (!r.pass && r.deviation != 0.0f)
      verdict += fmt::format(" ({} {} the range)", number(r.measure, std::abs(r.deviation)),
                             r.deviation > 0.0f ? "above" : "below");
    if (!r.note.empty()) verdict += fmt::format(" ({})", r.note);
    verdict += fmt::format("  {}", r.id);
    const std::string at = std::isnan(r.time) ? std::string("-") : fmt::format("{:.3f} s", r.time);
    out += fmt::format("{:<{}} {:<5} {:<16} {:<5} {:>11} {:>9}  {:<24} {}\n", measureName(r.measure), width,
                       r.side ? sideName(*r.side) : "-", r.phase, statisticName(r.statistic), number(r.measure, r.value),
                       at, range(r), verdict);
  }
  const int failed = report.failures();
  out += failed == 0 ? fmt::format("all {} checks pass\n", report.results.size())
                     : fmt::format("{} of {} checks fail\n", failed, report.results.size());
  return out;
}

}  // namespace formviz::form

namespace formviz::form {

ClipVerdict judgeClip(const CheckReport& report, const ExerciseRules& rules) {
  ClipVerdict v;
  v.clip = report.clip;
  constexpr std::string_view kPrefix = "mistake_";
  v.mistake = v.clip.starts_with(kPrefix);
  if (v.mistake) {
    const std::string slug = v.clip.substr(kPrefix.size());
    const auto it = rules.mistakes.find(slug);
    if (it == rules.mistakes.end())
      v.problem = fmt::format("the rules file declares no expectation for mistake \"{}\" (add \"mistakes\": "
                              "{{\"{}\": [rule ids]}})", slug, slug);
    else
      v.expected = it->second;
  }
  for (const RuleResult& r : report.results)
    if (!r.pass && std::find(v.failed.begin(), v.failed.end(), r.id) == v.failed.end()) v.failed.push_back(r.id);
  for (const std::string& id : v.expected)
    if (std::find(v.failed.begin(), v.failed.end(), id) == v.failed.end()) v.missed.push_back(id);
  for (const std::string& id : v.failed)
    if (std::find(v.expected.begin(), v.expected.end(), id) == v.expected.end()) v.unexpected.push_back(id);
  return v;
}

std::string formatVerdict(const ClipVerdict& v) {
  auto list = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += fmt::format("{}{}", out.empty() ? "" : ", ", id);
    return out;
  };
  if (v.ok())
    return v.mistake ? fmt::format("verdict {}: OK (the mistake fails exactly {}, as declared)\n", v.clip, list(v.expected))
                     : fmt::format("verdict {}: OK (passes every rule)\n", v.clip);
  std::string why;
  if (!v.problem.empty()) why = v.problem;
  if (!v.missed.empty()) why += fmt::format("{}not flagged: {}", why.empty() ? "" : "; ", list(v.missed));
  if (!v.unexpected.empty())
    why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", v.mistake ? "also fails" : "fails", list(v.unexpected));
  return fmt::format("verdict {}: WRONG ({})\n", v.clip, why);
}

}  // namespace formviz::form
