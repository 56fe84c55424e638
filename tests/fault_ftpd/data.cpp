#include "data.hpp"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace fftpd {

using namespace fcommon;  // socket helpers

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

int DataChannel::open(const sockaddr_storage& ctrl_local, const sockaddr_storage& ctrl_peer,
                      int timeout_ms) {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::milliseconds(timeout_ms);
  auto left = [&] {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
    return ms < 0 ? 0 : static_cast<int>(ms);
  };
  int result = -1;
  if (listen_fd_ >= 0) {
    while (left() > 0) {
      pollfd p{listen_fd_, POLLIN, 0};
      int r = poll(&p, 1, left());
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      sockaddr_storage peer{};
      socklen_t len = sizeof peer;
      int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
      if (fd < 0) continue;
      if (!same_ip(peer, ctrl_peer)) {  // port theft protection (RFC 2577 section 8)
        close(fd);
        continue;
      }
      result = fd;
      break;
    }
  } else if (active_) {
    int fd = socket(target_.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
      sockaddr_storage src = ctrl_local;
      set_port(src, 0);
      bind(fd, reinterpret_cast<const sockaddr*>(&src), addr_len(src));
      int flags = fcntl(fd, F_GETFL);
      fcntl(fd, F_SETFL, flags | O_NONBLOCK);
      int r = connect(fd, reinterpret_cast<const sockaddr*>(&target_), addr_len(target_));
      if (r != 0 && errno == EINPROGRESS) {
        pollfd p{fd, POLLOUT, 0};
        int err = 0;
        socklen_t el = sizeof err;
        if (poll(&p, 1, left()) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) == 0 &&
            err == 0)
          r = 0;
      }
      fcntl(fd, F_SETFL, flags);
      if (r == 0)
        result = fd;
      else
        close(fd);
    }
  }
  reset();
  return result;
}

}  // namespace fftpd
