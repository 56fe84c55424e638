#include "options.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <string_view>

#include "maildir.hpp"

namespace fimapd {

namespace {
// LOGIN carries both as astrings, AUTHENTICATE PLAIN inside base64: any printable ASCII
// (spaces too) can be typed as a quoted string.
bool printable(const std::string& s) {
  return !s.empty() && s.size() <= 200 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}
}  // namespace

std::string usage() {
  return "usage: fault_imapd --maildir DIR [--host 127.0.0.1|::1] [--port N] [--port-file FILE]\n"
         "                  --user U --password P [--fault NAME]...\n" +
         fcommon::fault_usage(all_faults());
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  auto other = [&](std::string_view a, const std::string& v, std::string& e) {
    if (a == "--maildir") {
      o.maildir = v;
    } else if (a == "--user" || a == "--password") {
      if (!printable(v)) {
        e = std::string(a) + " must be 1-200 printable ASCII characters";
        return false;
      }
      (a == "--user" ? o.user : o.password) = v;
    } else if (a == "--fault") {
      auto f = fault_from_name(v);
      if (!f) {
        e = "unknown fault: " + v;
        return false;
      }
      o.faults.set(*f);
    } else {
      return false;  // unknown option
    }
    return true;
  };
  switch (fcommon::parse_args(argc, argv, o.listen, other, err)) {
    case fcommon::ParseResult::Help:
      help = true;
      return std::nullopt;
    case fcommon::ParseResult::Error:
      return std::nullopt;
    case fcommon::ParseResult::Ok:
      break;
  }
  if (o.maildir.empty() || o.user.empty() || o.password.empty()) {
    err = "--maildir, --user and --password are required";
    return std::nullopt;
  }
  if (!ensure_maildir(o.maildir)) {
    err = "cannot create the Maildir " + o.maildir + " (tmp/ new/ cur/)";
    return std::nullopt;
  }
  // Absolute, so the mailbox registry has one key per directory.
  char buf[PATH_MAX];
  if (realpath(o.maildir.c_str(), buf)) o.maildir = buf;
  return o;
}

}  // namespace fimapd
