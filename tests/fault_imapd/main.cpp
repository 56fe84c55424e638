// fault_imapd: a small IMAP4rev1 server (RFC 3501, with AUTH=PLAIN and LITERAL+) for rfcheck's
// integration tests, with switchable faults; the IMAP sibling of tests/fault_pop3d.
// Independent program: plain POSIX sockets, one thread per client, no rfcheck libraries
// (only tests/fault_common), no TLS.
//
// Without --fault it aims to be a clean, strictly conforming server over one account's
// Maildir. Each --fault NAME breaks exactly one rule: the table is in faults.cpp, README.md and
// `fault_imapd --help`. Unknown fault names exit with status 2.
#include <exception>
#include <iostream>

#include "fault_common/server.hpp"
#include "fault_common/server_main.hpp"
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fimapd;
  // Listener, port file, signals and one thread per client: tests/fault_common/server.cpp.
  return fcommon::main_with_options<Options>(
      "fault_imapd", argc, argv, parse_options, usage(), [](const Options& o) {
        return fcommon::serve("fault_imapd", o.listen, "* BYE too many connections, try again later\r\n",
                              [&o](int cfd) {
          // Out of memory (a launcher's RLIMIT_AS, huge APPENDs): this client loses its
          // connection, the server and the other sessions go on.
          try {
            Session s(cfd, o);
            s.run();
          } catch (const std::exception&) {
          }
        });
      });
}
