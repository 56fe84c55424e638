#include "options.hpp"

#include <climits>
#include <cstdlib>
#include <string_view>
#include <sys/stat.h>

namespace fsmtpd {

namespace {
bool is_dir(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool make_dir(const std::string& p) { return is_dir(p) || (mkdir(p.c_str(), 0755) == 0 && is_dir(p)); }
}  // namespace

std::string usage() {
  return "usage: fault_smtpd --maildir DIR [--port N] [--host 127.0.0.1|::1] [--domain D]\n"
         "                   [--accept USER@DOMAIN]... [--user U --password P]\n"
         "                   [--fault NAME]... [--port-file FILE]\n" +
         fcommon::fault_usage(all_faults());
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  bool have_user = false, have_pass = false;
  auto other = [&](std::string_view a, const std::string& v, std::string& e) {
    if (a == "--maildir") {
      o.maildir = v;
    } else if (a == "--domain") {
      if (v.empty() || v.find_first_of(" \t\r\n<>@") != std::string::npos) {
        e = "bad --domain: " + v;
        return false;
      }
      o.domain = v;
    } else if (a == "--accept") {
      auto at = v.rfind('@');
      if (at == std::string::npos || at == 0 || at + 1 == v.size()) {
        e = "--accept needs USER@DOMAIN: " + v;
        return false;
      }
      o.accept.push_back(v);
    } else if (a == "--user") {
      if (v.empty()) {
        e = "--user must not be empty";
        return false;
      }
      o.user = v;
      have_user = true;
    } else if (a == "--password") {
      o.password = v;
      have_pass = true;
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
  if (o.maildir.empty()) {
    err = "--maildir is required";
    return std::nullopt;
  }
  if (have_user != have_pass) {
    err = "--user and --password go together";
    return std::nullopt;
  }
  // The Maildir and its three subdirectories are created when missing.
  if (!make_dir(o.maildir) || !make_dir(o.maildir + "/tmp") || !make_dir(o.maildir + "/new") ||
      !make_dir(o.maildir + "/cur")) {
    err = "cannot create the Maildir " + o.maildir + " (tmp/ new/ cur/)";
    return std::nullopt;
  }
  char buf[PATH_MAX];
  if (realpath(o.maildir.c_str(), buf)) o.maildir = buf;
  return o;
}

}  // namespace fsmtpd
