#include "list_match.hpp"

#include <algorithm>
#include <set>

#include "account.hpp"
#include "text.hpp"

namespace fimapd {

bool wildcard_match(std::string_view pattern, std::string_view name, bool percent_as_star) {
  // reach[j]: the pattern read so far can match name[0, j).
  std::vector<char> reach(name.size() + 1, 0), next(name.size() + 1, 0);
  reach[0] = 1;
  for (char p : pattern) {
    std::fill(next.begin(), next.end(), 0);
    if (p == '*' || (p == '%' && percent_as_star)) {
      char any = 0;
      for (std::size_t j = 0; j <= name.size(); ++j) next[j] = any = any | reach[j];
    } else if (p == '%') {
      char any = 0;
      for (std::size_t j = 0; j <= name.size(); ++j) {
        if (j > 0 && name[j - 1] == kDelimiter) any = 0;  // % stops at the delimiter
        next[j] = any = any | reach[j];
      }
    } else {
      for (std::size_t j = 0; j < name.size(); ++j) next[j + 1] = reach[j] && name[j] == p;
    }
    reach.swap(next);
  }
  return reach[name.size()] != 0;
}

namespace {
bool name_matches(std::string_view pattern, const std::string& name, bool percent_as_star) {
  if (name == "INBOX") return wildcard_match(upper(pattern), name, percent_as_star);
  return wildcard_match(pattern, name, percent_as_star);
}
}  // namespace

std::vector<ListMatch> match_names(const std::vector<std::string>& names, std::string_view pattern,
                                   bool percent_as_star) {
  std::vector<ListMatch> out;
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (name_matches(pattern, n, percent_as_star)) {
      if (seen.insert(n).second) out.push_back({n, false});
      continue;
    }
    // The levels above a name the pattern missed: "%" stopped at one of them.
    for (auto dot = n.find(kDelimiter); dot != std::string::npos; dot = n.find(kDelimiter, dot + 1)) {
      std::string level = n.substr(0, dot);
      if (std::find(names.begin(), names.end(), level) != names.end()) continue;
      if (name_matches(pattern, level, percent_as_star) && seen.insert(level).second)
        out.push_back({level, true});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ListMatch& a, const ListMatch& b) {
    if ((a.name == "INBOX") != (b.name == "INBOX")) return a.name == "INBOX";
    return a.name < b.name;
  });
  return out;
}

}  // namespace fimapd
