#include "core/level.h"

#include <algorithm>
#include <cctype>

namespace rfcheck {

std::string_view to_string(Level level) {
  switch (level) {
    case Level::kMust: return "MUST";
    case Level::kShould: return "SHOULD";
    case Level::kMay: return "MAY";
  }
  return "?";
}

std::optional<Level> parse_level(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "MUST") return Level::kMust;
  if (upper == "SHOULD") return Level::kShould;
  if (upper == "MAY") return Level::kMay;
  return std::nullopt;
}

}  // namespace rfcheck
