// What the window and `formviz render` draw for an exercise: --overlay names, the catalog's
// overlay as a request, the window's default, and colours by activation with the cue pulse.
#include "app/exercise_overlay.h"

#include <gtest/gtest.h>

namespace formviz::app {
namespace {

using render::OverlayRequestKind;
using render::OverlayRequestSide;

TEST(ExerciseOverlay, OverlayListsAreCheckedWithClearErrors) {
  EXPECT_TRUE(checkOverlayList("angle"));
  EXPECT_TRUE(checkOverlayList("angle, line,contacts,cue"));
  auto bad = checkOverlayList("angle,arcs");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown overlay 'arcs'"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("angle, line, contacts, cue"), std::string::npos) << "lists the valid names";
  EXPECT_FALSE(checkOverlayList(""));
}

TEST(ExerciseOverlay, NamesBecomeRequestsAndCueNeedsACueWithAnOverlay) {
  auto requests = overlayRequests("angle,contacts", nullptr);
  ASSERT_TRUE(requests);
  ASSERT_EQ(requests->size(), 2u);
  EXPECT_EQ((*requests)[0].kind, OverlayRequestKind::Angle);
  EXPECT_EQ((*requests)[0].joints, (std::vector<std::string>{"hip", "knee", "ankle"}));
  EXPECT_EQ((*requests)[1].kind, OverlayRequestKind::Contacts);

  EXPECT_FALSE(overlayRequests("cue", nullptr));
  domain::Cue cue;
  cue.text = "Knees over the toes.";
  auto noOverlay = overlayRequests("cue", &cue);
  ASSERT_FALSE(noOverlay);
  EXPECT_NE(noOverlay.error().message.find("Knees over the toes."), std::string::npos);
  cue.overlay = domain::Overlay{domain::OverlayKind::AlignmentLine, {"shoulder", "hip", "ankle"}, domain::OverlaySide::Right};
  auto withOverlay = overlayRequests("cue", &cue);
  ASSERT_TRUE(withOverlay);
  ASSERT_EQ(withOverlay->size(), 1u);
  EXPECT_EQ((*withOverlay)[0].kind, OverlayRequestKind::Line);
  EXPECT_EQ((*withOverlay)[0].side, OverlayRequestSide::Right);
  EXPECT_EQ((*withOverlay)[0].joints, cue.overlay->joints);
}

TEST(ExerciseOverlay, TheWindowShowsTheCuesOverlayElseTheExercisesFirstElseTheKnees) {
  domain::Exercise exercise;
  domain::Cue plain, withLine;
  plain.text = "Brace.";
  withLine.text = "Long line.";
  withLine.overlay = domain::Overlay{domain::OverlayKind::AlignmentLine, {"shoulder", "hip", "ankle"}, domain::OverlaySide::Left};
  exercise.cues = {plain, withLine};
  std::vector<render::OverlayRequest> r = windowOverlay(&exercise, &exercise.cues[1]);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].joints, withLine.overlay->joints);
  EXPECT_EQ(r[1].kind, OverlayRequestKind::Contacts) << "contacts always";
  r = windowOverlay(&exercise, &exercise.cues[0]);
  EXPECT_EQ(r[0].joints, withLine.overlay->joints) << "a cue without overlay: the exercise's first one";
  r = windowOverlay(nullptr, nullptr);
  EXPECT_EQ(r[0].kind, OverlayRequestKind::Angle);
}

TEST(ExerciseOverlay, ColoursFollowActivationAndThePulse) {
  // A one-leg exercise working the left quadriceps hard in "up" and resting in "down".
  domain::Exercise exercise;
  exercise.activation.workingSide = body::RegionSide::Left;
  const int leftQuad = body::regionId(body::MuscleGroup::Quadriceps, body::RegionSide::Left);
  domain::PhaseActivation up{"up", {}}, down{"down", {}};
  up.level[static_cast<std::size_t>(leftQuad)] = 1.0f;
  exercise.activation.phases = {up, down};
  const std::vector<domain::ClipMarker> markers{{"up", 0.0f}, {"down", 2.0f}};  // a 4 s clip
  std::vector<render::MuscleRole> roles(body::kMuscleRegionCount, render::MuscleRole::None);
  roles[static_cast<std::size_t>(leftQuad)] = roles[static_cast<std::size_t>(body::mirrorRegion(leftQuad))] =
      render::MuscleRole::Primary;
  const auto working = activeColors(roles, exercise, markers, 4.0f, 1.0f, false);
  const auto resting = activeColors(roles, exercise, markers, 4.0f, 3.0f, false);
  EXPECT_GT(working[static_cast<std::size_t>(leftQuad)].w, resting[static_cast<std::size_t>(leftQuad)].w);
  EXPECT_LT(working[static_cast<std::size_t>(body::mirrorRegion(leftQuad))].w,
            working[static_cast<std::size_t>(leftQuad)].w) << "the working leg only";
  const auto mirrored = activeColors(roles, exercise, markers, 4.0f, 1.0f, true);
  EXPECT_EQ(mirrored[static_cast<std::size_t>(body::mirrorRegion(leftQuad))], working[static_cast<std::size_t>(leftQuad)]);
  const body::MuscleGroup quads[] = {body::MuscleGroup::Quadriceps};
  const auto pulsed = activeColors(roles, exercise, markers, 4.0f, 1.0f, false, quads, 0.5f / render::kCuePulseHz);
  EXPECT_NEAR(pulsed[static_cast<std::size_t>(leftQuad)].w,
              working[static_cast<std::size_t>(leftQuad)].w * (1.0f - render::kCuePulseDepth), 1e-5f);
}

}  // namespace
}  // namespace formviz::app
