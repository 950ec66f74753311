// Helpers shared by the domain tests: the shipped catalog with a fake clip index, and a
// small hand-written catalog for the validation cases.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/domain/catalog.h"
#include "app/domain/session.h"
#include "core/paths.h"

namespace formviz::domain::test {

inline std::filesystem::path shippedCatalogPath() {
  return std::filesystem::path(FORMVIZ_SOURCE_DIR) / "animations" / "catalog.json";
}

// A clip index that says every exercise in `catalog` has its clips: "correct" and every
// mistake clip named in the file, each with the exercise's declared phase markers one second
// apart (setup at 0 s, the next at 1 s, ...) and lasting one second past the last marker.
inline MemoryClipIndex allClipsFor(const nlohmann::json& catalog) {
  MemoryClipIndex index;
  for (const auto& ex : catalog.at("exercises")) {
    std::vector<ClipMarker> markers;
    float t = 0.0f;
    for (const auto& phase : ex.value("phases", nlohmann::json::array())) {
      markers.push_back({phase.get<std::string>(), t});
      t += 1.0f;
    }
    const float duration = t + (markers.empty() ? 1.0f : 0.0f);
    std::vector<ClipInfo> clips{{"correct", duration, markers}};
    for (const auto& m : ex.value("mistakes", nlohmann::json::array()))
      clips.push_back({m.at("clip").get<std::string>(), duration, markers});
    index.add(ex.at("id").get<std::string>(), clips);
  }
  return index;
}

inline nlohmann::json shippedCatalogJson() {
  auto text = readFile(shippedCatalogPath());
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
  return nlohmann::json::parse(text.ok() ? *text : std::string("{}"));
}

// The shipped catalog loaded against allClipsFor(itself); fails the test on any issue.
inline Catalog shippedCatalog() {
  const nlohmann::json json = shippedCatalogJson();
  const MemoryClipIndex clips = allClipsFor(json);
  auto load = parseCatalog(json.dump(), "catalog.json", clips);
  EXPECT_TRUE(load.ok()) << (load.ok() ? "" : load.error().message);
  if (!load.ok()) return {};
  for (const CatalogIssue& issue : load->issues) ADD_FAILURE() << issue.text();
  return load->catalog;
}

// An exercise with just what sessions and duration need.
inline Exercise exerciseOf(std::string id, bool singleLeg, Dosage dosage) {
  Exercise e;
  e.id = std::move(id);
  e.name = e.id;
  e.singleLeg = singleLeg;
  e.dosage = std::move(dosage);
  return e;
}

// An item built field by field (designated initializers would trip -Wmissing-field-initializers).
inline SessionItem itemOf(std::string id, int sets, int reps, int holdSeconds = 0, int restSeconds = 60,
                          std::string tempo = {}) {
  SessionItem item;
  item.exerciseId = std::move(id);
  item.sets = sets;
  item.reps = reps;
  item.holdSeconds = holdSeconds;
  item.restSeconds = restSeconds;
  item.tempo = std::move(tempo);
  return item;
}

}  // namespace formviz::domain::test
