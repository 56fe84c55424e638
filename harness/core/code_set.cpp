#include "core/code_set.h"

#include <algorithm>
#include <cctype>

namespace rfcheck {

std::optional<CodeSet> CodeSet::parse_item(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  std::string pattern;
  for (std::size_t i = 0; i < 3; ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      pattern += c;
    } else if ((c == 'x' || c == 'X') && i > 0) {
      pattern += 'x';
    } else {
      return std::nullopt;
    }
  }
  // An 'x' must not be followed by a digit: "2x6" is not a class.
  if (pattern[1] == 'x' && pattern[2] != 'x') return std::nullopt;
  CodeSet set;
  set.patterns_.push_back(pattern);
  return set;
}

CodeSet CodeSet::of(std::initializer_list<int> codes) {
  CodeSet set;
  for (int code : codes) set.patterns_.push_back(std::to_string(code));
  return set;
}

void CodeSet::add(const CodeSet& other) {
  for (const auto& p : other.patterns_) {
    if (std::find(patterns_.begin(), patterns_.end(), p) == patterns_.end()) {
      patterns_.push_back(p);
    }
  }
}

bool CodeSet::contains(int code) const {
  if (code < 100 || code > 999) return false;
  const std::string digits = std::to_string(code);
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::string& p) {
    for (std::size_t i = 0; i < 3; ++i) {
      if (p[i] != 'x' && p[i] != digits[i]) return false;
    }
    return true;
  });
}

std::string CodeSet::describe() const {
  if (patterns_.size() == 1) return patterns_.front();
  std::string out = "[";
  for (std::size_t i = 0; i < patterns_.size(); ++i) {
    if (i) out += ", ";
    out += patterns_[i];
  }
  return out + "]";
}

}  // namespace rfcheck
