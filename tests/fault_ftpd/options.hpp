// Command-line options of fault_ftpd.
#pragma once

#include <optional>
#include <string>

#include "faults.hpp"

namespace fftpd {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = let the kernel pick one
  std::string root;  // real directory served as the virtual "/" (made canonical)
  std::string user;
  std::string password;
  std::string port_file;
  FaultSet faults;
};

// Parses argv. On error returns nullopt with a message in err; on --help, sets help.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);
std::string usage();

}  // namespace fftpd
