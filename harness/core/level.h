// Requirement levels of RFC 2119, as a case states them and as --fail-on gates them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rfcheck {

// Ordered from strongest to weakest: gating at SHOULD also gates MUST.
enum class Level { kMust = 0, kShould = 1, kMay = 2 };

std::string_view to_string(Level level);
// Accepts MUST/SHOULD/MAY in any case; nullopt for anything else.
std::optional<Level> parse_level(std::string_view text);

// True when a failure at `level` fails a run gated at `gate`.
inline bool is_gated(Level level, Level gate) {
  return static_cast<int>(level) <= static_cast<int>(gate);
}

}  // namespace rfcheck
