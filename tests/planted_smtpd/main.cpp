// planted_smtpd: a small RFC 2821 SMTP server with four planted memory bugs of shapes the FTP
// one (tests/planted_ftpd) lacks, for the session fuzzer (README.md). Always built with
// AddressSanitizer and coverage instrumentation, the coverage shim of fuzz/shim linked in.
#include "fault_common/server_main.hpp"
#include "maildir.hpp"
#include "options.hpp"
#include "planted_common/accept_loop.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  return fcommon::main_with_options<psmtp::Options>(
      "planted_smtpd", argc, argv, psmtp::parse_options, psmtp::usage(), [](const psmtp::Options& o) {
        if (!psmtp::make_maildir(o.maildir)) {
          std::cerr << "planted_smtpd: cannot create the maildir " << o.maildir << "\n";
          return 1;
        }
        return planted_common::accept_loop(
            "planted_smtpd", o.listen, o.fork_per_connection,
            "421 " + o.domain + " Service not available, cannot fork\r\n", [&o](int fd) {
              psmtp::Session s(fd, o);  // closes fd
              s.run();
            });
      });
}
