#include "fault_common/line_reader.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace fcommon {

bool LineReader::fill() {
  timed_out_ = false;  // it says why the last fill failed, not that one once did
  while (true) {
    pollfd p{fd_, POLLIN, 0};
    const int r = poll(&p, 1, idle_timeout_ms_);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) timed_out_ = true;
    if (r <= 0) return false;
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
}

LineReader::Read LineReader::read_line(std::string& line, std::size_t max) {
  while (true) {
    const auto end = buffer_.find("\r\n");
    if (discarding_) {
      if (end == std::string::npos) {
        buffer_.erase(0, buffer_.size() - 1);  // keep a CR whose LF is still to come
      } else {
        buffer_.erase(0, end + 2);
        discarding_ = false;
        continue;
      }
    } else if (end != std::string::npos) {
      const bool too_long = end + 2 > max;
      line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return too_long ? Read::TooLong : Read::Line;
    } else if (buffer_.size() >= max) {  // no CRLF yet, already over the limit with it
      buffer_.erase(0, buffer_.size() - 1);
      discarding_ = true;
      return Read::TooLong;
    }
    if (!fill()) return Read::Closed;
  }
}

}  // namespace fcommon
