#include "app/library_filter.h"

#include <algorithm>
#include <cctype>

namespace formviz::app {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool matches(const domain::Exercise& exercise, const LibraryFilter& filter) {
  if (!filter.search.empty() && lower(exercise.name).find(lower(filter.search)) == std::string::npos) return false;
  if (filter.muscle && !contains(exercise.primary, *filter.muscle) && !contains(exercise.secondary, *filter.muscle))
    return false;
  if (filter.category && exercise.category != *filter.category) return false;
  if (filter.equipment && !contains(exercise.equipment, *filter.equipment)) return false;
  if (filter.singleLegOnly && !exercise.singleLeg) return false;
  return true;
}

}  // namespace formviz::app
