// Command-line options of fault_imapd.
#pragma once

#include <optional>
#include <string>

#include "fault_common/server.hpp"
#include "faults.hpp"

namespace fimapd {

struct Options {
  fcommon::ListenOptions listen;  // --host, --port (0 = let the kernel pick one), --port-file
  std::string maildir;            // --maildir: the account's Maildir (INBOX), absolute
  std::string user;               // --user/--password: the one account
  std::string password;
  FaultSet faults;
};

// Parses argv. On error returns nullopt with a message in err; on --help, sets help.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);
std::string usage();

}  // namespace fimapd
