#include "app/muscle_selection.h"

#include <gtest/gtest.h>

#include "core/muscle_regions.h"

namespace formviz::app {
namespace {
using body::MuscleGroup;
using body::RegionSide;
using render::MuscleRole;

TEST(SelectMuscles, BothSidesByDefaultOrOneSideWhenNamed) {
  std::vector<MuscleRole> roles;
  ASSERT_TRUE(selectMuscles("gluteus_maximus,hamstrings:right", MuscleRole::Primary, roles));
  ASSERT_TRUE(selectMuscles("soleus:left", MuscleRole::Secondary, roles));
  EXPECT_EQ(roles[body::regionId(MuscleGroup::GluteusMaximus, RegionSide::Left)], MuscleRole::Primary);
  EXPECT_EQ(roles[body::regionId(MuscleGroup::GluteusMaximus, RegionSide::Right)], MuscleRole::Primary);
  EXPECT_EQ(roles[body::regionId(MuscleGroup::Hamstrings, RegionSide::Right)], MuscleRole::Primary);
  EXPECT_EQ(roles[body::regionId(MuscleGroup::Hamstrings, RegionSide::Left)], MuscleRole::None);
  EXPECT_EQ(roles[body::regionId(MuscleGroup::Soleus, RegionSide::Left)], MuscleRole::Secondary);
  EXPECT_EQ(roles[body::regionId(MuscleGroup::Soleus, RegionSide::Right)], MuscleRole::None);
}

TEST(SelectMuscles, EmptyListsAndEntriesAreFine) {
  std::vector<MuscleRole> roles;
  EXPECT_TRUE(selectMuscles("", MuscleRole::Primary, roles));
  EXPECT_TRUE(selectMuscles(",biceps,,", MuscleRole::Primary, roles));
  EXPECT_EQ(roles[body::regionId(MuscleGroup::Biceps, RegionSide::Left)], MuscleRole::Primary);
}

TEST(SelectMuscles, UnknownNamesAndSidesAreErrors) {
  std::vector<MuscleRole> roles;
  const Status unknown = selectMuscles("quads", MuscleRole::Primary, roles);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown muscle 'quads'"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("quadriceps"), std::string::npos);
  EXPECT_FALSE(selectMuscles("biceps:up", MuscleRole::Primary, roles));
  EXPECT_FALSE(selectMuscles("none", MuscleRole::Primary, roles)) << "'none' is not a muscle";
}

TEST(RegionDisplayName, NamesGroupAndSide) {
  EXPECT_EQ(regionDisplayName(body::regionId(MuscleGroup::Quadriceps, RegionSide::Left)), "Quadriceps (left)");
  EXPECT_EQ(regionDisplayName(body::regionId(MuscleGroup::Soleus, RegionSide::Right)), "Soleus (right)");
  EXPECT_EQ(regionDisplayName(0), "");
  EXPECT_EQ(regionDisplayName(999), "");
}

}  // namespace
}  // namespace formviz::app
