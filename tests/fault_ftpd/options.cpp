#include "options.hpp"

#include <climits>
#include <cstdlib>
#include <string_view>
#include <sys/stat.h>

namespace fftpd {

std::string usage() {
  return "usage: fault_ftpd --root DIR --user U --password P [--port N] [--host 127.0.0.1|::1]\n"
         "                  [--fault NAME]... [--port-file FILE]\n" +
         fcommon::fault_usage(all_faults());
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  bool have_root = false, have_user = false, have_pass = false;
  auto other = [&](std::string_view a, const std::string& v, std::string& e) {
    if (a == "--root") {
      char buf[PATH_MAX];
      struct stat st {};
      if (!realpath(v.c_str(), buf) || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        e = "--root is not a directory: " + v;
        return false;
      }
      o.root = buf;
      have_root = true;
    } else if (a == "--user") {
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
  if (!have_root || !have_user || !have_pass) {
    err = "--root, --user and --password are required";
    return std::nullopt;
  }
  return o;
}

}  // namespace fftpd
