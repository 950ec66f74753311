#include "asset/props.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "asset/props_json.h"

namespace formviz::asset {
namespace {

using nlohmann::json;

// A field's problem, named by its path in the file.
Error fieldError(const std::filesystem::path& file, const std::string& field, const std::string& problem) {
  return makeError(fmt::format("Cannot import '{}': asset.extras.formviz.{}: {}", file.string(), field, problem));
}

bool readVec3(const json& value, float maxAbs, glm::vec3& out) {
  if (!value.is_array() || value.size() != 3) return false;
  for (std::size_t i = 0; i < 3; ++i) {
    if (!value[i].is_number()) return false;
    const double v = value[i].get<double>();
    if (!std::isfinite(v) || std::abs(v) > static_cast<double>(maxAbs)) return false;
    out[static_cast<glm::length_t>(i)] = static_cast<float>(v);
  }
  return true;
}

bool isAnchor(const std::string& name) {
  return name == "world" || std::find(kPropJoints.begin(), kPropJoints.end(), name) != kPropJoints.end();
}

std::string anchorList() {
  std::string list = "world";
  for (std::string_view joint : kPropJoints) list += fmt::format(", {}", joint);
  return list;
}

}  // namespace

std::string_view propKindName(PropKind kind) { return kPropKindNames[static_cast<std::size_t>(kind)]; }

namespace detail {

Result<std::vector<Prop>> parsePropsJson(const json& props, const std::filesystem::path& file) {
  if (!props.is_array()) return fieldError(file, "props", "expected an array of props");
  std::vector<Prop> out;
  for (std::size_t i = 0; i < props.size(); ++i) {
    const json& p = props[i];
    const std::string at = fmt::format("props[{}]", i);
    if (!p.is_object()) return fieldError(file, at, "expected an object with \"kind\"");
    for (const auto& item : p.items()) {
      static constexpr std::array<std::string_view, 7> known = {"kind", "attach", "position", "size",
                                                                "to", "toPosition", "note"};
      if (std::find(known.begin(), known.end(), item.key()) == known.end())
        return fieldError(file, fmt::format("{}.{}", at, item.key()), "unknown field");
    }
    Prop prop;
    if (!p.contains("kind") || !p["kind"].is_string()) return fieldError(file, at + ".kind", "expected the prop's kind");
    const std::string kind = p["kind"].get<std::string>();
    const auto found = std::find(kPropKindNames.begin(), kPropKindNames.end(), kind);
    if (found == kPropKindNames.end())
      return fieldError(file, at + ".kind",
                        fmt::format("unknown prop '{}' (box, bench, dumbbell, kettlebell, band, mat, cable)", kind));
    prop.kind = static_cast<PropKind>(found - kPropKindNames.begin());
    if (p.contains("attach")) {
      if (!p["attach"].is_string() || !isAnchor(p["attach"].get<std::string>()))
        return fieldError(file, at + ".attach", fmt::format("expected one of {}", anchorList()));
      prop.attach = p["attach"].get<std::string>();
    }
    if (p.contains("position") && !readVec3(p["position"], 5.0f, prop.position))
      return fieldError(file, at + ".position", "expected 3 numbers in metres (-5 to 5)");
    if (p.contains("size") && (!readVec3(p["size"], 5.0f, prop.size) || glm::any(glm::lessThan(prop.size, glm::vec3(0.0f)))))
      return fieldError(file, at + ".size", "expected 3 numbers in metres (0 to 5)");
    if (p.contains("to")) {
      if (!p["to"].is_string() || !isAnchor(p["to"].get<std::string>()))
        return fieldError(file, at + ".to", fmt::format("expected one of {}", anchorList()));
      prop.to = p["to"].get<std::string>();
    }
    if (p.contains("toPosition") && !readVec3(p["toPosition"], 5.0f, prop.toPosition))
      return fieldError(file, at + ".toPosition", "expected 3 numbers in metres (-5 to 5)");
    if (prop.stretched() && prop.to.empty())
      return fieldError(file, at + ".to", fmt::format("a {} needs its other end (\"to\")", kind));
    if (!prop.stretched()) {
      if (!prop.to.empty()) return fieldError(file, at + ".to", fmt::format("a {} has no other end", kind));
      if (prop.size.x <= 0.0f || prop.size.y <= 0.0f || prop.size.z <= 0.0f)
        return fieldError(file, at + ".size", fmt::format("a {} needs a size above 0 on every axis", kind));
    }
    out.push_back(std::move(prop));
  }
  return out;
}

}  // namespace detail

Result<std::vector<Prop>> parseProps(std::string_view jsonText, const std::filesystem::path& file) {
  json value = json::parse(jsonText, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return fieldError(file, "props", "not valid JSON");
  return detail::parsePropsJson(value, file);
}

}  // namespace formviz::asset
