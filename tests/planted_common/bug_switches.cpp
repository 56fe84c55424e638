#include "planted_common/bug_switches.hpp"

#include <algorithm>

namespace planted_common {

bool BugSwitches::disable(const std::string& name, std::string& err) {
  if (name == "all") {
    off_.insert(known_.begin(), known_.end());
    return true;
  }
  if (std::find(known_.begin(), known_.end(), name) == known_.end()) {
    err = "unknown bug for --no-bug: " + name + " (known:";
    for (const auto& k : known_) err += " " + k;
    err += ", all)";
    return false;
  }
  off_.insert(name);
  return true;
}

}  // namespace planted_common
