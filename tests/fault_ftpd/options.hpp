// Command-line options of fault_ftpd.
#pragma once

#include <optional>
#include <string>

#include "fault_common/server.hpp"
#include "faults.hpp"

namespace fftpd {

struct Options {
  fcommon::ListenOptions listen;  // --host, --port (0 = let the kernel pick one), --port-file
  std::string root;  // real directory served as the virtual "/" (made canonical)
  std::string user;
  std::string password;
  FaultSet faults;
};

// Parses argv. On error returns nullopt with a message in err; on --help, sets help.
std::optional<Options> parse_options(int argc, char** argv, std::string& err, bool& help);
std::string usage();

}  // namespace fftpd
