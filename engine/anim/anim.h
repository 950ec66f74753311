// [SECTION] engine/anim umbrella header.
//   transform.h    Transform (TRS), matrix helpers, rotation interpolation
//   skeleton.h     RawSkeleton (offline) -> Skeleton (runtime)
//   clip.h         RawClip (offline) -> Clip (runtime), markers
//   sampling.h     Pose, SamplingCache, SampleJob
//   model_space.h  LocalToModelJob, SkinningPaletteJob
//   blending.h     CrossFadeJob, MakeAdditiveJob, AddLayerJob
//   ik.h           TwoBoneIkJob, solveTwoBoneIk, ContactConstraint
//   root_motion.h  extractRootMotion, removeRootMotion, applyRootMotion
//   playback.h     Playback controller
#pragma once

#include "anim/blending.h"
#include "anim/clip.h"
#include "anim/ik.h"
#include "anim/model_space.h"
#include "anim/playback.h"
#include "anim/root_motion.h"
#include "anim/sampling.h"
#include "anim/skeleton.h"
#include "anim/transform.h"
