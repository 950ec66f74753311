#include "app/library_filter.h"

#include <gtest/gtest.h>

namespace formviz::app {
namespace {
using body::MuscleGroup;

domain::Exercise exercise(std::string name, domain::Category category, std::vector<domain::Equipment> equipment,
                          bool singleLeg, std::vector<MuscleGroup> primary, std::vector<MuscleGroup> secondary) {
  domain::Exercise e;
  e.id = name;
  e.name = std::move(name);
  e.category = category;
  e.equipment = std::move(equipment);
  e.singleLeg = singleLeg;
  e.primary = std::move(primary);
  e.secondary = std::move(secondary);
  return e;
}

TEST(LibraryFilter, EachPartNarrowsTheList) {
  const auto squat = exercise("Goblet Squat", domain::Category::Strength, {domain::Equipment::Kettlebell}, false,
                              {MuscleGroup::Quadriceps, MuscleGroup::GluteusMaximus}, {MuscleGroup::Adductors});
  const auto stepUp = exercise("Step-up", domain::Category::Strength, {domain::Equipment::BoxOrBench}, true,
                               {MuscleGroup::Quadriceps}, {MuscleGroup::HipStabilizers});
  const auto pallof = exercise("Pallof press", domain::Category::CoreAntiRotation, {domain::Equipment::LongBandOrCable},
                               false, {MuscleGroup::Obliques}, {});
  LibraryFilter filter;
  for (const auto* e : {&squat, &stepUp, &pallof}) EXPECT_TRUE(matches(*e, filter)) << "an empty filter shows all";

  filter.search = "SQUAT";
  EXPECT_TRUE(matches(squat, filter)) << "search ignores case";
  EXPECT_FALSE(matches(stepUp, filter));
  filter = {};
  filter.muscle = MuscleGroup::Adductors;
  EXPECT_TRUE(matches(squat, filter)) << "secondary muscles count";
  EXPECT_FALSE(matches(stepUp, filter));
  filter = {};
  filter.category = domain::Category::CoreAntiRotation;
  EXPECT_TRUE(matches(pallof, filter));
  EXPECT_FALSE(matches(squat, filter));
  filter = {};
  filter.equipment = domain::Equipment::BoxOrBench;
  EXPECT_TRUE(matches(stepUp, filter));
  EXPECT_FALSE(matches(pallof, filter));
  filter = {};
  filter.singleLegOnly = true;
  EXPECT_TRUE(matches(stepUp, filter));
  EXPECT_FALSE(matches(squat, filter));
  filter.muscle = MuscleGroup::Quadriceps;
  filter.search = "step";
  EXPECT_TRUE(matches(stepUp, filter)) << "all parts together";
  filter.category = domain::Category::Plyometric;
  EXPECT_FALSE(matches(stepUp, filter));
}

}  // namespace
}  // namespace formviz::app
