// fault_pop3d: a small POP3 server (RFC 1939, RFC 2449 CAPA/RESP-CODES/PIPELINING, APOP,
// RFC 5034 AUTH PLAIN) for rfcheck's integration tests, with switchable faults; the sibling of
// tests/fault_smtpd. Independent program: plain POSIX sockets, one thread per client, no
// rfcheck libraries (only tests/fault_common).
//
// Without --fault it aims to be a clean, strictly conforming server over one Maildir. Each
// --fault NAME breaks exactly one rule: the table is in faults.cpp, README.md and
// `fault_pop3d --help`. Unknown fault names exit with status 2.
#include <iostream>

#include "fault_common/server.hpp"
#include "fault_common/server_main.hpp"
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fpop3d;
  // Listener, port file, signals and one thread per client: tests/fault_common/server.cpp.
  return fcommon::main_with_options<Options>(
      "fault_pop3d", argc, argv, parse_options, usage(), [](const Options& o) {
        return fcommon::serve("fault_pop3d", o.listen, "-ERR [SYS/TEMP] too many connections, try again later\r\n",
                              [&o](int cfd) {
          Session s(cfd, o);
          s.run();
        });
      });
}
