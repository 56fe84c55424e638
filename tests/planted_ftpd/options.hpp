// Command line of planted_ftpd: fault_ftpd's options (listening ones from fault_common) plus
// --fork, the one flag without a value.
#pragma once

#include <optional>
#include <string>

#include "fault_common/server.hpp"

namespace planted {

struct Options {
  fcommon::ListenOptions listen;  // --host, --port, --port-file
  std::string root;               // realpath of --root
  std::string user, password;
  bool fork_per_connection = false;  // --fork: each connection in its own child (vsftpd-like)
};

std::string usage();
// nullopt with help set for -h/--help, else with err set.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);

}  // namespace planted
