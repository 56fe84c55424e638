// Command line of planted_smtpd.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fault_common/server.hpp"
#include "planted_common/bug_switches.hpp"

namespace psmtp {

// The planted bugs' names, for --no-bug (README.md, "The bugs").
inline const std::vector<std::string> kBugNames = {"ehlo-name", "auth-authzid", "size-after-rset",
                                                   "rcpt-table"};

struct Options {
  fcommon::ListenOptions listen;    // --host, --port, --port-file
  std::string maildir;              // every accepted message lands here
  std::string domain = "lab.test";  // our name; RCPT accepts mailboxes of this domain only
  std::vector<std::string> accept;  // local parts RCPT accepts (also with a +tag)
  std::string user, password;       // AUTH PLAIN/LOGIN
  bool fork_per_connection = false;
  planted_common::BugSwitches bugs{kBugNames};
};

std::string usage();
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);

}  // namespace psmtp
