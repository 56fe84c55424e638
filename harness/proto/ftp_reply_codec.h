// The FTP reply codec: control-connection bytes in, replies and framing findings out
// (RFC 959 4.2). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "proto/line_codec.h"

namespace rfcheck::proto {

// Reply classes of RFC 959 4.2. A 1yz reply announces that another reply follows; every
// other class ends the server's answer to the command (3yz waits for the next command of
// a sequence such as USER/PASS, so it is final for the command that got it).
constexpr bool ftp_is_preliminary(int code) { return code >= 100 && code <= 199; }
constexpr bool ftp_is_final(int code) { return code >= 200 && code <= 599; }
// First digit 1-5 and second digit 0-5: the only classes and groups RFC 959 4.2 defines.
constexpr bool ftp_code_in_range(int code) {
  return code >= 100 && code <= 599 && (code / 10) % 10 <= 5;
}

// Frames replies as RFC 959 4.2 defines them:
//   single line   ddd<SP>text CRLF
//   multi-line    ddd-text CRLF, any lines, ddd<SP>text CRLF (same ddd)
// Total and bounded: lines are cut at limits.max_line, a reply keeps at most
// limits.max_lines lines, and no input makes it throw. Bytes may be split anywhere
// between feeds; the output does not depend on where. The Telnet IAC byte (0xFF) is data.
class FtpReplyCodec final : public LineCodec {
 public:
  explicit FtpReplyCodec(CodecLimits limits = {});

 private:
  void on_line(CodecOutput& out) override;
  void start_reply(CodecOutput& out);
  void continue_reply(CodecOutput& out);
};

}  // namespace rfcheck::proto
