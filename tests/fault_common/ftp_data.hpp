// An FTP server's data connection (fault_ftpd, planted_ftpd): passive (PASV/EPSV: a listener on the control connection's local
// address) or active (PORT/EPRT, or the default data port: we connect). Every wait is bounded.
#pragma once

#include <sys/socket.h>

namespace fcommon {

class DataChannel {
 public:
  DataChannel() = default;
  DataChannel(const DataChannel&) = delete;
  DataChannel& operator=(const DataChannel&) = delete;
  ~DataChannel() { reset(); }

  void reset();
  // Opens a listener on local's address (kernel-chosen port); returns the port or -1.
  int start_passive(const sockaddr_storage& local);
  void set_active(const sockaddr_storage& target);
  bool prepared() const { return listen_fd_ >= 0 || active_; }

  // Establishes the prepared connection and consumes the preparation. Passive accepts only a
  // peer with the control peer's IP (RFC 2577 8). Returns the fd, or -1 on failure/time-out.
  int open(const sockaddr_storage& ctrl_local, const sockaddr_storage& ctrl_peer, int timeout_ms);

 private:
  int listen_fd_ = -1;
  bool active_ = false;
  sockaddr_storage target_{};
};

}  // namespace fcommon
