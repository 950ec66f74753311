// [SECTION] Filtering the exercise library: by name, muscle, category, equipment, single-leg.
#pragma once

#include <optional>
#include <string>

#include "app/domain/catalog.h"

namespace formviz::app {

struct LibraryFilter {
  std::string search;                        // part of the name, any case
  std::optional<body::MuscleGroup> muscle;   // works this muscle (primary or secondary)
  std::optional<domain::Category> category;
  std::optional<domain::Equipment> equipment;
  bool singleLegOnly = false;
};

// True when `exercise` passes every part of `filter`.
bool matches(const domain::Exercise& exercise, const LibraryFilter& filter);

}  // namespace formviz::app
