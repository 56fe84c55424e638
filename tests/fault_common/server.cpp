#include "fault_common/server.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <thread>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace fcommon {

namespace {
int g_stop_pipe[2] = {-1, -1};

void on_signal(int) {
  char c = 1;
  [[maybe_unused]] auto n = write(g_stop_pipe[1], &c, 1);
}
}  // namespace

ParseResult parse_args(int argc, char** argv, ListenOptions& listen, const OptionHandler& other,
                       std::string& err) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") return ParseResult::Help;
    if (i + 1 >= argc) {
      err = "missing value for " + std::string(a);
      return ParseResult::Error;
    }
    std::string v = argv[++i];
    if (a == "--port") {
      char* end = nullptr;
      long p = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || p < 0 || p > 65535) {
        err = "bad --port: " + v;
        return ParseResult::Error;
      }
      listen.port = static_cast<int>(p);
    } else if (a == "--host") {
      if (v != "127.0.0.1" && v != "::1") {
        err = "--host must be 127.0.0.1 or ::1";
        return ParseResult::Error;
      }
      listen.host = v;
    } else if (a == "--port-file") {
      listen.port_file = v;
    } else if (!other(a, v, err)) {
      if (err.empty()) err = "unknown option: " + std::string(a);
      return ParseResult::Error;
    }
  }
  return ParseResult::Ok;
}

int serve(const std::string& program, const ListenOptions& listen, std::string_view busy_reply,
          std::function<void(int fd)> session) {
  // One malloc arena per thread reserves 64 MiB of address space each: under a launcher's
  // RLIMIT_AS (targets/*.yaml limits) a few parallel sessions would exhaust it.
  mallopt(M_ARENA_MAX, 2);

  sockaddr_storage addr{};
  parse_ip(listen.host == "::1" ? AF_INET6 : AF_INET, listen.host, addr);
  set_port(addr, listen.port);
  int lfd = listen_on(addr, 64);
  if (lfd < 0) {
    std::perror((program + ": listen").c_str());
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

  if (!listen.port_file.empty()) {
    std::string tmp = listen.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), listen.port_file.c_str());  // readers never see a partial file
  }
  std::cout << "listening on " << port << std::endl;

  while (true) {
    pollfd p[2] = {{lfd, POLLIN, 0}, {g_stop_pipe[0], POLLIN, 0}};
    int r = poll(p, 2, -1);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || p[1].revents) break;
    if (!p[0].revents) continue;
    int cfd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (cfd < 0) continue;
    try {
      std::thread([cfd, session] { session(cfd); }).detach();
    } catch (const std::exception&) {  // no thread (memory/thread limits): refuse, stay up
      send_all(cfd, busy_reply);
      close(cfd);
    }
  }
  close(lfd);
  // Sessions still running die with the process.
  return 0;
}

}  // namespace fcommon
