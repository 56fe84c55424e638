// Which planted bugs are live: all of them unless `--no-bug NAME` turned one off, so a
// benchmark can measure the time to one bug without the others masking it (a shallow crash
// found first would otherwise end every deep session).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace planted_common {

class BugSwitches {
 public:
  explicit BugSwitches(std::vector<std::string> known) : known_(std::move(known)) {}
  // --no-bug NAME (or "all"); false with err set for a name the server does not have.
  bool disable(const std::string& name, std::string& err);
  bool on(std::string_view name) const { return !off_.count(std::string(name)); }

 private:
  std::vector<std::string> known_;
  std::set<std::string> off_;
};

}  // namespace planted_common
