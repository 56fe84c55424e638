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
//
// Unknown fault names exit with status 2.
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <exception>
#include <netinet/in.h>
#include <poll.h>
#include <thread>
#include <unistd.h>

#include "net.hpp"
#include "options.hpp"
#include "session.hpp"

namespace {
int g_stop_pipe[2] = {-1, -1};

void on_signal(int) {
  char c = 1;
  [[maybe_unused]] auto n = write(g_stop_pipe[1], &c, 1);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace fftpd;
  std::string err;
  bool help = false;
  auto opts = parse_options(argc, argv, err, help);
  if (help) {
    std::cout << usage();
    return 0;
  }
  if (!opts) {
    std::cerr << "fault_ftpd: " << err << "\n" << usage();
    return 2;
  }

  // One malloc arena per thread reserves 64 MiB of address space each: under a launcher's
  // RLIMIT_AS (targets/fault-ftpd.yaml) a few parallel sessions would exhaust it.
  mallopt(M_ARENA_MAX, 2);

  sockaddr_storage addr{};
  parse_ip(opts->host == "::1" ? AF_INET6 : AF_INET, opts->host, addr);
  set_port(addr, opts->port);
  int lfd = listen_on(addr, 64);
  if (lfd < 0) {
    std::perror("fault_ftpd: listen");
    return 1;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(lfd, reinterpret_cast<sockaddr*>(&bound), &len);
  int port = port_of(bound);

  if (pipe2(g_stop_pipe, O_CLOEXEC) != 0) return 1;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);

  if (!opts->port_file.empty()) {
    std::string tmp = opts->port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), opts->port_file.c_str());  // readers never see a partial file
  }
  std::cout << "listening on " << port << std::endl;

  const Options& o = *opts;
  while (true) {
    pollfd p[2] = {{lfd, POLLIN, 0}, {g_stop_pipe[0], POLLIN, 0}};
    int r = poll(p, 2, -1);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || p[1].revents) break;
    if (!p[0].revents) continue;
    int cfd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (cfd < 0) continue;
    try {
      std::thread([cfd, &o] {
        Session s(cfd, o);
        s.run();
      }).detach();
    } catch (const std::exception&) {  // no thread (memory/thread limits): refuse, stay up
      send_all(cfd, "421 Service not available, too many connections.\r\n");
      close(cfd);
    }
  }
  close(lfd);
  // Sessions still running die with the process.
  return 0;
}
