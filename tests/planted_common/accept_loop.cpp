#include "planted_common/accept_loop.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace planted_common {

namespace {

// _exit, not exit: a signal may arrive mid-session, and static destructors must not run then.
void on_terminate(int) { _exit(0); }

void install_signals(bool fork_each) {
  struct sigaction sa {};
  sa.sa_handler = on_terminate;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  if (fork_each) {
    struct sigaction chld {};
    chld.sa_handler = SIG_DFL;
    chld.sa_flags = SA_NOCLDWAIT;  // children reap themselves: no zombies, no waitpid
    sigaction(SIGCHLD, &chld, nullptr);
  }
}

int open_listener(const std::string& program, const fcommon::ListenOptions& listen, int& port) {
  sockaddr_storage addr{};
  fcommon::parse_ip(listen.host == "::1" ? AF_INET6 : AF_INET, listen.host, addr);
  fcommon::set_port(addr, listen.port);
  int lfd = fcommon::listen_on(addr, 16);
  if (lfd < 0) {
    std::perror((program + ": listen").c_str());
    return -1;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(lfd, reinterpret_cast<sockaddr*>(&bound), &len);
  port = fcommon::port_of(bound);
  return lfd;
}

}  // namespace

int accept_loop(const std::string& program, const fcommon::ListenOptions& listen, bool fork_each,
                const std::string& busy_reply, const std::function<void(int fd)>& session) {
  int port = 0;
  int lfd = open_listener(program, listen, port);
  if (lfd < 0) return 1;
  install_signals(fork_each);
  if (!listen.port_file.empty()) {
    std::string tmp = listen.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), listen.port_file.c_str());  // readers never see a partial file
  }
  std::cout << "listening on " << port << std::endl;

  const pid_t server = getpid();
  while (true) {
    int cfd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (cfd < 0) continue;  // EINTR, or a connection reset before we took it
    // Replies go out as written; Nagle would hold a reply behind the previous one for 40 ms.
    const int one = 1;
    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (!fork_each) {
      session(cfd);
      continue;
    }
    pid_t child = fork();
    if (child == 0) {
      close(lfd);
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // the server's end ends its sessions
      if (getppid() != server) _exit(0);  // the server died before prctl took effect
      session(cfd);
      _exit(0);
    }
    if (child < 0) fcommon::send_all(cfd, busy_reply);
    close(cfd);
  }
}

}  // namespace planted_common
