// [SECTION] Built-in session templates for runners.
//
// Written for two strength sessions a week next to running: each covers every priority group
// (see guidance.h) and puts any jumps first. Ids of catalog exercises only; the tests check
// that every template passes the guidance against the shipped catalog.
#pragma once

#include <string_view>
#include <vector>

#include "app/domain/session.h"

namespace formviz::domain {

struct SessionTemplate {
  std::string_view key;          // "foundation_a"
  std::string_view description;  // one line for the template picker
  Session session;
};

// foundation_a, foundation_b, single_leg_strength, plyometric_power, short_core, knee_friendly.
const std::vector<SessionTemplate>& sessionTemplates();
const SessionTemplate* findTemplate(std::string_view key);

}  // namespace formviz::domain
