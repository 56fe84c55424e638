// Command-line options of fault_smtpd.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fault_common/server.hpp"
#include "faults.hpp"

namespace fsmtpd {

struct Options {
  fcommon::ListenOptions listen;  // --host, --port (0 = let the kernel pick one), --port-file
  std::string maildir;            // Maildir (tmp/ new/ cur/ created) receiving every message
  std::string domain = "localhost";  // --domain: greeting, EHLO, Received, postmaster@domain
  std::vector<std::string> accept;   // --accept user@dom: the recipients delivered to
  std::string user;                  // --user/--password: AUTH PLAIN/LOGIN offered when set
  std::string password;
  FaultSet faults;
  bool auth() const { return !user.empty(); }
};

// Parses argv. On error returns nullopt with a message in err; on --help, sets help.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);
std::string usage();

}  // namespace fsmtpd
