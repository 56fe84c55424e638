// fault_smtpd: a small RFC 2821 SMTP server for rfcheck's integration tests, with switchable
// faults; the sibling of tests/fault_ftpd. Independent program: plain POSIX sockets, one
// thread per client, no rfcheck libraries (only tests/fault_common).
//
// Without --fault it aims to be a clean RFC 2821 server (+ RFC 1869 EHLO, RFC 1652 8BITMIME,
// RFC 1870 SIZE, RFC 2920 PIPELINING, RFC 2034 ENHANCEDSTATUSCODES, RFC 4954 AUTH PLAIN/LOGIN)
// delivering into a Maildir. Each --fault NAME breaks exactly one rule: the table is in
// faults.cpp, README.md and `fault_smtpd --help`. Unknown fault names exit with status 2.
#include <iostream>

#include "fault_common/server.hpp"
#include "fault_common/server_main.hpp"
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fsmtpd;
  // Listener, port file, signals and one thread per client: tests/fault_common/server.cpp.
  return fcommon::main_with_options<Options>(
      "fault_smtpd", argc, argv, parse_options, usage(), [](const Options& o) {
        return fcommon::serve("fault_smtpd", o.listen, "421 " + o.domain + " Too many connections, try again later.\r\n",
                              [&o](int cfd) {
          Session s(cfd, o);
          s.run();
        });
      });
}
