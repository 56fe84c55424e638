#include "options.hpp"

#include <climits>
#include <cstdlib>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace planted {

std::string usage() {
  return "usage: planted_ftpd --root DIR --user U --password P [--port N] [--host 127.0.0.1|::1]\n"
         "                    [--port-file FILE] [--fork]\n"
         "An FTP server with four planted memory bugs, for the session fuzzer\n"
         "(tests/planted_ftpd/README.md). Build it with AddressSanitizer.\n";
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
  bool have_root = false, have_user = false, have_pass = false;
  auto other = [&](std::string_view name, const std::string& v, std::string& e) {
    if (name == "--root") {
      char buf[PATH_MAX];
      struct stat st {};
      if (!realpath(v.c_str(), buf) || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        e = "--root is not a directory: " + v;
        return false;
      }
      o.root = buf;
      have_root = true;
    } else if (name == "--user") {
      o.user = v;
      have_user = true;
    } else if (name == "--password") {
      o.password = v;
      have_pass = true;
    } else {
      return false;  // unknown option
    }
    return true;
  };
  switch (fcommon::parse_args(static_cast<int>(rest.size()), rest.data(), o.listen, other, err)) {
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

}  // namespace planted
