#include "app/domain/tempo.h"

#include <algorithm>
#include <array>
#include <string>

namespace formviz::domain {

std::optional<Tempo> parseTempo(std::string_view text) {
  std::array<float, 4> parts{};
  int count = 0;
  std::size_t pos = 0;
  while (true) {
    const std::size_t dash = text.find('-', pos);
    const std::string_view part = text.substr(pos, dash == std::string_view::npos ? std::string_view::npos : dash - pos);
    if (count == 4 || part.empty()) return std::nullopt;
    if (part == "X" || part == "x") {
      parts[static_cast<std::size_t>(count)] = kExplosiveSeconds;
    } else {
      if (part.size() > 2 || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
      const int value = std::stoi(std::string(part));
      if (value > 20) return std::nullopt;
      parts[static_cast<std::size_t>(count)] = static_cast<float>(value);
    }
    ++count;
    if (dash == std::string_view::npos) break;
    pos = dash + 1;
  }
  if (count < 3) return std::nullopt;
  Tempo tempo{parts[0], parts[1], parts[2], parts[3]};
  if (tempo.repSeconds() <= 0.0f) return std::nullopt;
  return tempo;
}

}  // namespace formviz::domain
