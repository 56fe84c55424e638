// A fault server's command reader: CRLF-terminated lines from a client socket, read ahead so
// pipelined commands wait in the buffer for the next call (RFC 2920, RFC 2449 6.6), with an
// idle timeout and a line-length limit. Only CRLF ends a line: a bare LF is part of it.
#pragma once

#include <cstddef>
#include <string>

namespace fcommon {

class LineReader {
 public:
  enum class Read { Line, TooLong, Closed };

  LineReader(int fd, int idle_timeout_ms) : fd_(fd), idle_timeout_ms_(idle_timeout_ms) {}

  // One recv into the buffer; false on EOF, an error or the idle timeout (timed_out() says).
  bool fill();
  // The next line without its CRLF. `max` counts the CRLF: a longer line is TooLong, and the
  // rest of it up to its CRLF is dropped (it is not read as further commands).
  Read read_line(std::string& line, std::size_t max);
  // The bytes read ahead: what came after the last line (pipelined commands, message data).
  std::string& buffer() { return buffer_; }
  bool timed_out() const { return timed_out_; }

 private:
  int fd_;
  int idle_timeout_ms_;
  std::string buffer_;
  bool discarding_ = false;  // inside a line that was too long: drop up to its CRLF
  bool timed_out_ = false;
};

}  // namespace fcommon
