// Command-line options of fault_pop3d.
#pragma once

#include <optional>
#include <string>

#include "fault_common/server.hpp"
#include "faults.hpp"

namespace fpop3d {

struct Options {
  fcommon::ListenOptions listen;  // --host, --port (0 = let the kernel pick one), --port-file
  std::string maildrop;           // --maildrop: Maildir (tmp/ new/ cur/ created), absolute
  std::string user;               // --user/--password: the one account, owner of the maildrop
  std::string password;
  std::string apop_secret;        // --apop-secret: APOP's shared secret (default: the password)
  FaultSet faults;
};

// Parses argv. On error returns nullopt with a message in err; on --help, sets help.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);
std::string usage();

}  // namespace fpop3d
