// [SECTION] What the window and `formviz render` draw for an exercise at a moment: the
// muscle colours with activation over time and the cue pulse, and the 3D overlays.
//
// Plain C++ glue between the catalog (domain), the form checker's rig and the renderer's
// inputs; tested without a window (tests/app/exercise_overlay_test.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "anim/clip.h"
#include "app/domain/activation.h"
#include "app/domain/catalog.h"
#include "core/result.h"
#include "form/body.h"
#include "render/muscle_colors.h"
#include "render/overlay_builder.h"

namespace formviz::app {

// The names `--overlay` takes, comma-separated: "angle" (the left knee's angle), "line" (hip,
// knee, ankle on both sides: knee over foot), "contacts" (rings under what touches the floor),
// "cue" (the overlay of the exercise's cue at that moment).
inline constexpr std::string_view kOverlayNames = "angle, line, contacts, cue";
// Checks a list; the error names the bad entry and the valid ones.
Status checkOverlayList(std::string_view list);

// The catalog's overlay as a request for the builder.
render::OverlayRequest overlayRequest(const domain::Overlay& overlay);

// Requests for a checked list. "cue" needs `cue` with an overlay: otherwise an error saying so.
Result<std::vector<render::OverlayRequest>> overlayRequests(std::string_view list, const domain::Cue* cue);

// What the window draws with "Angles and lines" on: the current cue's overlay, else the first
// overlay among the exercise's cues, else the knee angles; ground contacts always.
std::vector<render::OverlayRequest> windowOverlay(const domain::Exercise* exercise, const domain::Cue* cue);

// Builds every request on one pose (model-space joint matrices of a skeleton `rig` is bound to).
render::OverlayPrimitives buildOverlay(const form::BodyRig& rig, std::span<const glm::mat4> model,
                                       std::span<const render::OverlayRequest> requests);

// The clip's markers in the catalog's terms.
std::vector<domain::ClipMarker> clipMarkers(const anim::Clip& clip);

// Highlight colours for an exercise at `time` seconds of its clip (`markers`, `duration`): `roles` as
// render::highlightColors, strengths from the exercise's activation at that moment (mirrored
// clips swap sides), and the regions of `pulse` (e.g. the current cue's muscles, both sides)
// pulsing gently at `seconds` of wall-clock time.
std::vector<glm::vec4> activeColors(std::span<const render::MuscleRole> roles, const domain::Exercise& exercise,
                                    std::span<const domain::ClipMarker> markers, float duration, float time, bool mirrored,
                                    std::span<const body::MuscleGroup> pulse = {}, float seconds = 0.0f);

}  // namespace formviz::app
