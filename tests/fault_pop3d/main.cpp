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
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fpop3d;
  std::string err;
  bool help = false;
  auto opts = parse_options(argc, argv, err, help);
  if (help) {
    std::cout << usage();
    return 0;
  }
  if (!opts) {
    std::cerr << "fault_pop3d: " << err << "\n" << usage();
    return 2;
  }
  // Never freed: session threads are detached and may outlive main's locals while the process
  // exits after SIGTERM.
  static const Options* const kept = new Options(std::move(*opts));
  const Options& o = *kept;
  return fcommon::serve("fault_pop3d", o.listen,
                        "-ERR [SYS/TEMP] too many connections, try again later\r\n",
                        [&o](int cfd) {
                          Session s(cfd, o);
                          s.run();
                        });
}
