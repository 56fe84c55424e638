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
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fsmtpd;
  std::string err;
  bool help = false;
  auto opts = parse_options(argc, argv, err, help);
  if (help) {
    std::cout << usage();
    return 0;
  }
  if (!opts) {
    std::cerr << "fault_smtpd: " << err << "\n" << usage();
    return 2;
  }
  // Never destroyed: client threads are detached and may still read the options while main
  // returns after SIGTERM.
  static const Options* const kept = new Options(*opts);  // a root LeakSanitizer sees
  const Options& o = *kept;
  return fcommon::serve("fault_smtpd", o.listen,
                        "421 " + o.domain + " Too many connections, try again later.\r\n",
                        [&o](int cfd) {
                          Session s(cfd, o);
                          s.run();
                        });
}
