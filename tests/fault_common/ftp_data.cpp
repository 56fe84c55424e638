#include "fault_common/ftp_data.hpp"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace fcommon {


void DataChannel::reset() {
  close_fd(listen_fd_);
  active_ = false;
}

int DataChannel::start_passive(const sockaddr_storage& local) {
  reset();
  sockaddr_storage a = local;
  set_port(a, 0);
  listen_fd_ = listen_on(a, 1);
  if (listen_fd_ < 0) return -1;
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  return port_of(bound);
}

void DataChannel::set_active(const sockaddr_storage& target) {
  reset();
  active_ = true;
  target_ = target;
}

namespace {
int accept_from(int listen_fd, const sockaddr_storage& ctrl_peer, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{listen_fd, POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    sockaddr_storage peer{};
    socklen_t len = sizeof peer;
    int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (same_ip(peer, ctrl_peer)) return fd;
    close(fd);  // port theft (RFC 2577 8): only the control connection's host may connect
  }
}

int connect_to(const sockaddr_storage& target, const sockaddr_storage& ctrl_local, int timeout_ms) {
  int fd = socket(target.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_storage src = ctrl_local;
  set_port(src, 0);
  bind(fd, reinterpret_cast<const sockaddr*>(&src), addr_len(src));
  int r = connect(fd, reinterpret_cast<const sockaddr*>(&target), addr_len(target));
  if (r != 0 && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    int err = 0;
    socklen_t el = sizeof err;
    if (poll(&p, 1, timeout_ms) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
        err == 0)
      r = 0;
  }
  if (r != 0) {
    close(fd);
    return -1;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}
}  // namespace

int DataChannel::open(const sockaddr_storage& ctrl_local, const sockaddr_storage& ctrl_peer,
                      int timeout_ms) {
  int fd = -1;
  if (listen_fd_ >= 0)
    fd = accept_from(listen_fd_, ctrl_peer, timeout_ms);
  else if (active_)
    fd = connect_to(target_, ctrl_local, timeout_ms);
  reset();
  return fd;
}

}  // namespace fcommon
