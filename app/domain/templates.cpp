#include "app/domain/templates.h"

namespace formviz::domain {
namespace {

SessionItem reps(std::string id, int sets, int count, int rest, std::string tempo, Side side = Side::Both,
                 std::string load = {}, std::string note = {}) {
  SessionItem item;
  item.exerciseId = std::move(id);
  item.sets = sets;
  item.reps = count;
  item.restSeconds = rest;
  item.tempo = std::move(tempo);
  item.side = side;
  item.load = std::move(load);
  item.note = std::move(note);
  return item;
}

SessionItem hold(std::string id, int sets, int seconds, int rest, std::string note = {}) {
  SessionItem item;
  item.exerciseId = std::move(id);
  item.sets = sets;
  item.holdSeconds = seconds;
  item.restSeconds = rest;
  item.note = std::move(note);
  return item;
}

Session make(std::string name, int minutes, std::vector<SessionItem> items) {
  Session s;
  s.name = std::move(name);
  s.targetMinutes = minutes;
  s.items = std::move(items);
  return s;
}

std::vector<SessionTemplate> build() {
  std::vector<SessionTemplate> t;
  t.push_back({"foundation_a", "Squat, lunge, hinge, calves and core: the first of two weekly sessions.",
               make("Foundation A", 40,
                    {reps("goblet_squat", 3, 8, 120, "3-1-1", Side::Both, "moderate kettlebell"),
                     reps("reverse_lunge", 3, 8, 75, "2-0-1", Side::Both, {}, "reps per leg"),
                     reps("romanian_deadlift", 3, 8, 120, "3-0-1", Side::Both, "two dumbbells"),
                     reps("calf_raise_straight", 3, 15, 45, "2-0-1-1"),
                     hold("side_plank", 2, 25, 30, "each side"),
                     hold("front_plank", 3, 30, 30),
                     reps("band_pull_apart", 3, 15, 30, "2-0-1-1", Side::Both, "light band")})});
  t.push_back({"foundation_b", "Split squat, step-up, bridge, calves and core: the second weekly session.",
               make("Foundation B", 40,
                    {reps("bulgarian_split_squat", 3, 8, 90, "3-0-1", Side::Both, {}, "reps per leg"),
                     reps("step_up", 3, 8, 60, "3-0-1", Side::Both, {}, "knee-height box"),
                     reps("glute_bridge", 3, 12, 60, "2-0-1-2"),
                     reps("calf_raise_bent", 3, 15, 45, "2-0-1-1"),
                     reps("pallof_press", 2, 10, 45, "2-3-2", Side::Both, "medium band", "10 facing each way"),
                     reps("dead_bug", 2, 8, 30, "3-1-3"),
                     reps("band_pull_apart", 3, 15, 30, "2-0-1-1", Side::Both, "light band")})});
  t.push_back({"single_leg_strength", "One leg at a time: balance, knee and hip control under load.",
               make("Single-leg strength", 40,
                    {reps("bulgarian_split_squat", 3, 8, 90, "3-0-1", Side::Both, {}, "dumbbells if easy"),
                     reps("single_leg_rdl", 3, 8, 75, "3-0-1", Side::Both),
                     reps("step_up", 3, 8, 60, "3-0-1", Side::Both),
                     reps("calf_raise_straight", 3, 12, 45, "2-0-1-1", Side::Both, {}, "on one leg if easy"),
                     hold("side_plank", 2, 25, 30, "each side"),
                     reps("dead_bug", 2, 8, 30, "3-1-3"),
                     reps("band_pull_apart", 3, 15, 30, "2-0-1-1")})});
  t.push_back({"plyometric_power", "Jumps first while fresh, then strength: for speed and stride power.",
               make("Plyometric power", 40,
                    {reps("jump_squat", 4, 6, 120, "1-0-X", Side::Both, {}, "full recovery between sets"),
                     reps("bounding", 3, 8, 120, "0-0-X", Side::Both, {}, "bounds per leg, on grass or track"),
                     reps("reverse_lunge", 3, 8, 75, "2-0-1", Side::Both, "dumbbells"),
                     reps("romanian_deadlift", 3, 8, 90, "3-0-1", Side::Both, "two dumbbells"),
                     reps("calf_raise_bent", 2, 15, 45, "2-0-1-1"),
                     reps("pallof_press", 2, 10, 30, "2-3-2"),
                     hold("front_plank", 2, 30, 30),
                     reps("band_pull_apart", 2, 15, 30, "2-0-1-1")})});
  t.push_back({"short_core", "About 25 minutes of trunk and hip stability for a busy week.",
               make("Short core and stability", 25,
                    {reps("dead_bug", 2, 8, 30, "3-1-3"),
                     reps("pallof_press", 2, 10, 30, "2-3-2"),
                     hold("side_plank", 2, 25, 30, "each side"),
                     reps("bird_dog", 2, 6, 30, "2-5-2"),
                     reps("glute_bridge", 2, 12, 30, "2-0-1-2"),
                     reps("reverse_lunge", 2, 8, 45, "2-0-1"),
                     reps("calf_raise_bent", 2, 15, 30, "2-0-1-1"),
                     reps("band_pull_apart", 2, 15, 30, "2-0-1-1")})});
  t.push_back({"knee_friendly", "For clinics: low knee shear, slow tempo, hips and trunk first.",
               make("Knee-friendly clinic session", 40,
                    {reps("glute_bridge", 3, 12, 45, "2-0-1-2"),
                     reps("clamshell", 2, 15, 30, "2-1-2"),
                     reps("reverse_lunge", 3, 8, 60, "3-0-1", Side::Both, {}, "short range if painful"),
                     reps("single_leg_rdl", 2, 8, 45, "3-0-1", Side::Both, {}, "hand on a wall if needed"),
                     reps("calf_raise_straight", 2, 15, 45, "2-0-1-1"),
                     reps("dead_bug", 2, 8, 30, "3-1-3"),
                     reps("pallof_press", 2, 10, 30, "2-3-2"),
                     reps("band_pull_apart", 2, 15, 30, "2-0-1-1")})});
  return t;
}

}  // namespace

const std::vector<SessionTemplate>& sessionTemplates() {
  static const std::vector<SessionTemplate> templates = build();
  return templates;
}

const SessionTemplate* findTemplate(std::string_view key) {
  for (const SessionTemplate& t : sessionTemplates())
    if (t.key == key) return &t;
  return nullptr;
}

}  // namespace formviz::domain
