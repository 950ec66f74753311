// Internal: the props reader on an already parsed JSON value (the importer's document).
#pragma once

#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "asset/props.h"

namespace formviz::asset::detail {
Result<std::vector<Prop>> parsePropsJson(const nlohmann::json& props, const std::filesystem::path& file);
}  // namespace formviz::asset::detail
