// planted_ftpd: a small RFC 959 FTP server with four planted memory bugs at increasing depth,
// the session fuzzer's proof of work (README.md). Always built with AddressSanitizer and
// coverage instrumentation, with the coverage shim of fuzz/shim linked in.
//
// One connection at a time in one process: a memory bug kills the whole server, and the
// fuzzer sees it die. With --fork each connection runs in a child (like vsftpd), so a bug
// kills only the child and its report lands on stderr while the server lives.
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "options.hpp"
#include "session.hpp"

namespace {

void on_terminate(int) { _exit(0); }

// Bug 3 needs a file to rename: an empty root gets one.
void seed_root(const std::string& root) {
  DIR* d = opendir(root.c_str());
  if (!d) return;
  bool empty = true;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") empty = false;
  }
  closedir(d);
  if (empty) std::ofstream(root + "/hello.txt") << "Hello from planted_ftpd.\n";
}

void serve_one(int cfd, const planted::Options& o) {
  planted::Session session(cfd, o);  // closes cfd
  session.run();
}

}  // namespace

int main(int argc, char** argv) {
  std::string err;
  bool help = false;
  auto opts = planted::parse_options(argc, argv, err, help);
  if (help) {
    std::cout << planted::usage();
    return 0;
  }
  if (!opts) {
    std::cerr << "planted_ftpd: " << err << "\n" << planted::usage();
    return 2;
  }
  // Never destroyed: client threads are detached and may still read the options while main
  // returns after SIGTERM.
  static const planted::Options* const kept = new planted::Options(*opts);  // a root LeakSanitizer sees
  const planted::Options& o = *kept;
  seed_root(o.root);

  sockaddr_storage addr{};
  fcommon::parse_ip(o.listen.host == "::1" ? AF_INET6 : AF_INET, o.listen.host, addr);
  fcommon::set_port(addr, o.listen.port);
  int lfd = fcommon::listen_on(addr, 16);
  if (lfd < 0) {
    std::perror("planted_ftpd: listen");
    return 1;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(lfd, reinterpret_cast<sockaddr*>(&bound), &len);
  int port = fcommon::port_of(bound);

  struct sigaction sa {};
  sa.sa_handler = on_terminate;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  if (o.fork_per_connection) {
    struct sigaction chld {};
    chld.sa_handler = SIG_DFL;
    chld.sa_flags = SA_NOCLDWAIT;  // children reap themselves
    sigaction(SIGCHLD, &chld, nullptr);
  }

  if (!o.listen.port_file.empty()) {
    std::string tmp = o.listen.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), o.listen.port_file.c_str());  // readers never see a partial file
  }
  std::cout << "listening on " << port << std::endl;

  const pid_t server = getpid();
  while (true) {
    int cfd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (cfd < 0) continue;  // EINTR, or a connection reset before we took it
    // Replies go out as written: without this, Nagle holds a 226 back behind the 150 until the
    // client's delayed ACK (40 ms), and a fuzzer spends most of its time waiting on that.
    const int one = 1;
    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (!o.fork_per_connection) {
      serve_one(cfd, o);
      continue;
    }
    pid_t child = fork();
    if (child == 0) {
      close(lfd);
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // the server's end ends its sessions
      if (getppid() != server) _exit(0);
      serve_one(cfd, o);
      _exit(0);
    }
    if (child < 0) fcommon::send_all(cfd, "421 Service not available, cannot fork.\r\n");
    close(cfd);
  }
}
