#include "fuzz/finding.h"

#include <array>

namespace rfcheck::fuzz {
namespace {
constexpr std::array<std::string_view, kFindingKinds> kNames = {
    "crash", "hang", "framing", "reply-table", "auth-bypass", "path-escape"};
}

std::string_view to_string(FindingKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kNames.size() ? kNames[i] : "unknown";
}

bool parse_finding_kind(std::string_view text, FindingKind* kind) {
  for (int i = 0; i < kFindingKinds; ++i) {
    if (kNames[i] == text) {
      *kind = static_cast<FindingKind>(i);
      return true;
    }
  }
  return false;
}

}  // namespace rfcheck::fuzz
