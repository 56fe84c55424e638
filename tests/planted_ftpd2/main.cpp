// planted_ftpd2: a second RFC 959 FTP server with four planted memory bugs, written apart from
// tests/planted_ftpd and with bug shapes it lacks (README.md). Always built with
// AddressSanitizer and coverage instrumentation, the coverage shim of fuzz/shim linked in.
#include <dirent.h>
#include <fstream>

#include "fault_common/server_main.hpp"
#include "options.hpp"
#include "planted_common/accept_loop.hpp"
#include "session.hpp"

namespace {
// rnfr-after-cwd needs an existing file: an empty root gets one.
void seed_root(const std::string& root) {
  DIR* d = opendir(root.c_str());
  if (!d) return;
  int entries = 0;
  while (dirent* e = readdir(d)) entries += std::string(e->d_name) != "." && std::string(e->d_name) != "..";
  closedir(d);
  if (entries == 0) std::ofstream(root + "/readme.txt") << "planted_ftpd2's root.\n";
}
}  // namespace

int main(int argc, char** argv) {
  return fcommon::main_with_options<pftp2::Options>(
      "planted_ftpd2", argc, argv, pftp2::parse_options, pftp2::usage(), [](const pftp2::Options& o) {
        seed_root(o.root);
        return planted_common::accept_loop(
            "planted_ftpd2", o.listen, o.fork_per_connection,
            "421 Service not available, cannot fork.\r\n", [&o](int fd) {
              pftp2::Session s(fd, o);  // closes fd
              s.run();
            });
      });
}
