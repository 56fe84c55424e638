#include "options.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace fpop3d {

namespace {
// mkdir -p: the Maildir's parents are created too.
bool make_dir(const std::string& p) {
  std::error_code ec;
  std::filesystem::create_directories(p, ec);
  return std::filesystem::is_directory(p, ec);
}

// A USER/APOP name travels as one command parameter: 1*VCHAR (RFC 2449 3).
bool vchars(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}
// PASS may carry spaces (RFC 1939 7), but nothing that cannot be typed on a command line.
bool printable(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}
}  // namespace

std::string usage() {
  return "usage: fault_pop3d --maildrop DIR [--host 127.0.0.1|::1] [--port N] [--port-file FILE]\n"
         "                   --user U --password P [--apop-secret S] [--fault NAME]...\n" +
         fcommon::fault_usage(all_faults());
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  auto other = [&](std::string_view a, const std::string& v, std::string& e) {
    if (a == "--maildrop") {
      o.maildrop = v;
    } else if (a == "--user") {
      if (!vchars(v) || v.size() > 200) {
        e = "--user must be 1-200 printable characters without spaces";
        return false;
      }
      o.user = v;
    } else if (a == "--password") {
      if (!printable(v) || v.size() > 200) {
        e = "--password must be 1-200 printable characters";
        return false;
      }
      o.password = v;
    } else if (a == "--apop-secret") {
      if (v.empty()) {
        e = "--apop-secret must not be empty";
        return false;
      }
      o.apop_secret = v;
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
  if (o.maildrop.empty() || o.user.empty() || o.password.empty()) {
    err = "--maildrop, --user and --password are required";
    return std::nullopt;
  }
  if (o.apop_secret.empty()) o.apop_secret = o.password;
  // The Maildir and its three subdirectories are created when missing.
  if (!make_dir(o.maildrop) || !make_dir(o.maildrop + "/tmp") || !make_dir(o.maildrop + "/new") ||
      !make_dir(o.maildrop + "/cur")) {
    err = "cannot create the Maildir " + o.maildrop + " (tmp/ new/ cur/)";
    return std::nullopt;
  }
  char buf[PATH_MAX];
  if (realpath(o.maildrop.c_str(), buf)) o.maildrop = buf;  // one lock key per directory
  return o;
}

}  // namespace fpop3d
