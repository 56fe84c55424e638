#include "options.hpp"

#include <climits>
#include <cstdlib>
#include <string_view>
#include <sys/stat.h>

namespace pftp2 {

std::string usage() {
  return "usage: planted_ftpd2 --root DIR --user U --password P [--port N] [--host 127.0.0.1|::1]\n"
         "                     [--port-file FILE] [--fork] [--no-bug NAME]...\n"
         "An FTP server with four planted memory bugs, for the session fuzzer\n"
         "(tests/planted_ftpd2/README.md). Bugs: help-topic rnfr-after-cwd stou-dele cwd-depth\n"
         "(--no-bug all turns every one off).\n";
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
    if (name == "--root") {
      char buf[PATH_MAX];
      struct stat st {};
      if (!realpath(v.c_str(), buf) || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        return e = "--root is not a directory: " + v, false;
      o.root = buf;
    } else if (name == "--user") {
      o.user = v;
    } else if (name == "--password") {
      o.password = v;
    } else if (name == "--no-bug") {
      return o.bugs.disable(v, e);
    } else {
      return false;
    }
    return true;
  };
  switch (fcommon::parse_args(static_cast<int>(rest.size()), rest.data(), o.listen, other, err)) {
    case fcommon::ParseResult::Help: help = true; return std::nullopt;
    case fcommon::ParseResult::Error: return std::nullopt;
    case fcommon::ParseResult::Ok: break;
  }
  if (o.root.empty() || o.user.empty() || o.password.empty()) {
    err = "--root, --user and --password are required";
    return std::nullopt;
  }
  return o;
}

}  // namespace pftp2
