// The data connection: passive (PASV/EPSV: we listen on the control connection's local
// address) or active (PORT/EPRT: we connect to an address the session has already checked).
#pragma once

#include <sys/socket.h>

namespace fftpd {

class DataChannel {
 public:
  DataChannel() = default;
  DataChannel(const DataChannel&) = delete;
  DataChannel& operator=(const DataChannel&) = delete;
  ~DataChannel() { reset(); }

  void reset();
  // Opens a listener on local (port chosen by the kernel); returns the port or -1.
  int start_passive(const sockaddr_storage& local);
  void set_active(const sockaddr_storage& target);
  bool prepared() const { return listen_fd_ >= 0 || active_; }

  // Establishes the connection prepared above and consumes the preparation. Passive: accepts
  // only a peer with the control peer's IP. Active: binds to the control's local IP first.
  // Returns the connected fd, or -1 on failure/timeout.
  int open(const sockaddr_storage& ctrl_local, const sockaddr_storage& ctrl_peer, int timeout_ms);

 private:
  int listen_fd_ = -1;
  bool active_ = false;
  sockaddr_storage target_{};
};

}  // namespace fftpd
