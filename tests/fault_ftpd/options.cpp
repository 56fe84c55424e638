#include "options.hpp"

#include <climits>
#include <cstdlib>
#include <string_view>
#include <sys/stat.h>

namespace fftpd {

std::string usage() {
  std::string u =
      "usage: fault_ftpd --root DIR --user U --password P [--port N] [--host 127.0.0.1|::1]\n"
      "                  [--fault NAME]... [--port-file FILE]\n"
      "faults:\n";
  for (const auto& f : all_faults()) {
    u += "  ";
    u += f.name;
    u += std::string(22 - f.name.size(), ' ');
    u += f.breaks;
    u += "\n";
  }
  return u;
}

std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help) {
  Options o;
  help = false;
  bool have_root = false, have_user = false, have_pass = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      help = true;
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      err = "missing value for " + std::string(a);
      return std::nullopt;
    }
    std::string v = argv[++i];
    if (a == "--port") {
      char* end = nullptr;
      long p = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || p < 0 || p > 65535) {
        err = "bad --port: " + v;
        return std::nullopt;
      }
      o.port = static_cast<int>(p);
    } else if (a == "--host") {
      if (v != "127.0.0.1" && v != "::1") {
        err = "--host must be 127.0.0.1 or ::1";
        return std::nullopt;
      }
      o.host = v;
    } else if (a == "--root") {
      char buf[PATH_MAX];
      struct stat st {};
      if (!realpath(v.c_str(), buf) || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        err = "--root is not a directory: " + v;
        return std::nullopt;
      }
      o.root = buf;
      have_root = true;
    } else if (a == "--user") {
      o.user = v;
      have_user = true;
    } else if (a == "--password") {
      o.password = v;
      have_pass = true;
    } else if (a == "--port-file") {
      o.port_file = v;
    } else if (a == "--fault") {
      auto f = fault_from_name(v);
      if (!f) {
        err = "unknown fault: " + v;
        return std::nullopt;
      }
      o.faults.set(*f);
    } else {
      err = "unknown option: " + std::string(a);
      return std::nullopt;
    }
  }
  if (!have_root || !have_user || !have_pass) {
    err = "--root, --user and --password are required";
    return std::nullopt;
  }
  return o;
}

}  // namespace fftpd
