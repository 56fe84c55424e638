#include "options.hpp"

#include <string_view>

namespace psmtp {

std::string usage() {
  return "usage: planted_smtpd --maildir DIR --user U --password P [--domain D] [--accept LOCAL]...\n"
         "                     [--port N] [--host 127.0.0.1|::1] [--port-file FILE] [--fork]\n"
         "                     [--no-bug NAME]...\n"
         "An SMTP server with four planted memory bugs, for the session fuzzer\n"
         "(tests/planted_smtpd/README.md). Bugs: ehlo-name auth-authzid size-after-rset\n"
         "rcpt-table (--no-bug all turns every one off).\n";
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  // fcommon::parse_args walks "--name value" pairs: take the valueless --fork out first.
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--fork")
      o.fork_per_connection = true;
    else
      rest.push_back(argv[i]);
  }
  auto other = [&](std::string_view name, const std::string& v, std::string& e) {
    if (name == "--maildir") o.maildir = v;
    else if (name == "--domain") o.domain = v;
    else if (name == "--accept") o.accept.push_back(v);
    else if (name == "--user") o.user = v;
    else if (name == "--password") o.password = v;
    else if (name == "--no-bug") return o.bugs.disable(v, e);
    else return false;
    return true;
  };
  switch (fcommon::parse_args(static_cast<int>(rest.size()), rest.data(), o.listen, other, err)) {
    case fcommon::ParseResult::Help: help = true; return std::nullopt;
    case fcommon::ParseResult::Error: return std::nullopt;
    case fcommon::ParseResult::Ok: break;
  }
  if (o.maildir.empty() || o.user.empty() || o.password.empty()) {
    err = "--maildir, --user and --password are required";
    return std::nullopt;
  }
  if (o.accept.empty()) o.accept = {o.user};  // the account's own mailbox at least
  return o;
}

}  // namespace psmtp
