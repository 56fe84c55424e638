// LIST and LSUB name matching (RFC 3501 6.3.8, 6.3.9): "*" matches anything, "%" anything but
// the hierarchy delimiter; levels of hierarchy that are not mailboxes themselves are returned
// as \Noselect when a wildcard stops at them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

constexpr std::size_t kMaxPattern = 1024;  // matching costs pattern x name; longer is refused

// percent_as_star: fault list-percent-star.
bool wildcard_match(std::string_view pattern, std::string_view name, bool percent_as_star);

struct ListMatch {
  std::string name;
  bool noselect = false;  // only a level above names that exist
};

// The names matching the pattern, in order, plus each level above a name that matches the
// pattern when that name itself does not (the \Noselect levels). INBOX matches regardless of
// the case the pattern spells it in.
std::vector<ListMatch> match_names(const std::vector<std::string>& names, std::string_view pattern,
                                   bool percent_as_star);

}  // namespace fimapd
