// fault_ftpd: a small RFC 959 FTP server for rfcheck's integration tests, with switchable faults.
// Independent program: plain POSIX sockets, one thread per client, no rfcheck libraries.
//
// Without --fault it aims to be a clean RFC 959 (+ RFC 2428 EPSV/EPRT, RFC 2389 FEAT,
// RFC 3659 SIZE/MDTM/REST STREAM) server. Each --fault NAME breaks exactly one rule:
//
// | fault                | behaviour                                         | rule broken                  |
// |----------------------|---------------------------------------------------|------------------------------|
// | wrong-code           | NOOP answers 250                                  | RFC 959 5.4 (NOOP: 200)      |
// | broken-multiline     | last line of HELP/FEAT/STAT lacks "ddd SP"        | RFC 959 4.2 multi-line form  |
// | bare-lf              | every reply line ends with LF only                | RFC 959 4.2 (CRLF)           |
// | no-login-required    | LIST/RETR/CWD... served before login, no 530      | RFC 959 5.4 (530)            |
// | type-i-corrupt       | TYPE I RETR flips the byte at offset size/2       | RFC 959 3.1.1.3 image type   |
// | data-left-open       | data connection kept open after RETR/LIST/NLST    | RFC 959 3.3 / 4.1.3 (EOF)    |
// | no-reply             | PWD is never answered                             | RFC 959 5.4 (every command)  |
// | crash                | abort() on SYST                                   | (liveness)                   |
// | accept-bad-password  | PASS with any password logs the user in           | RFC 959 4.1.1 / 5.4 (530)    |
// | no-type-a-conversion | TYPE A RETR sends bare LF                         | RFC 959 3.1.1.1 NVT-ASCII    |
// | rest-ignored         | REST answers 350, next RETR/STOR starts at 0      | RFC 959 4.1.3 REST           |
// | rnto-without-rnfr    | RNTO without RNFR answers 250                     | RFC 959 5.4 (503)            |
// | pasv-other-host      | 227 names 10.1.2.3                                | RFC 959 4.1.2 PASV           |
// | case-sensitive       | lower-case verbs answered 500                     | RFC 959 5.3 (case-insens.)   |
// | dele-noop            | DELE answers 250, file stays                      | RFC 959 4.1.3 DELE           |
// | path-escape          | CWD .. above / succeeds, real parent is listed    | root confinement (RFC 2577 9)|
// | quit-no-close        | QUIT answers 221, connection stays open           | RFC 959 4.1.1 QUIT           |
// | mkd-bad-quote        | MKD/PWD 257 path not in double quotes             | RFC 959 Appendix II          |
// | stou-unnamed         | STOU's 150 and 226 do not name the file           | RFC 959 4.1.3 STOU           |
//
// Unknown fault names exit with status 2.
#include <iostream>

#include "fault_common/server.hpp"
#include "fault_common/server_main.hpp"
#include "options.hpp"
#include "session.hpp"

int main(int argc, char** argv) {
  using namespace fftpd;
  // Listener, port file, signals and one thread per client: tests/fault_common/server.cpp.
  return fcommon::main_with_options<Options>(
      "fault_ftpd", argc, argv, parse_options, usage(), [](const Options& o) {
        return fcommon::serve("fault_ftpd", o.listen, "421 Service not available, too many connections.\r\n",
                              [&o](int cfd) {
          Session s(cfd, o);
          s.run();
        });
      });
}
