// Command line of planted_ftpd2.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fault_common/server.hpp"
#include "planted_common/bug_switches.hpp"

namespace pftp2 {

// The planted bugs' names, for --no-bug (README.md, "The bugs").
inline const std::vector<std::string> kBugNames = {"help-topic", "rnfr-after-cwd", "stou-dele",
                                                   "cwd-depth"};

struct Options {
  fcommon::ListenOptions listen;  // --host, --port, --port-file
  std::string root;               // realpath of --root
  std::string user, password;
  bool fork_per_connection = false;
  planted_common::BugSwitches bugs{kBugNames};
};

std::string usage();
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);

}  // namespace pftp2
