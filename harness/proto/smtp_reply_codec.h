// The SMTP reply codec: server bytes in, replies and framing findings out (RFC 2821 4.2),
// plus the enhanced status code a reply may carry (RFC 3463). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "proto/line_codec.h"

namespace rfcheck::proto {

// RFC 2821 4.3.2: servers "MUST NOT transmit reply codes ... that do not start in a digit
// between 2 and 5 inclusive" (SMTP has no 1yz); RFC 2821 4.2.1 defines second digits 0-5.
constexpr bool smtp_code_in_range(int code) {
  return code >= 200 && code <= 599 && (code / 10) % 10 <= 5;
}

// RFC 2821 4.5.3.1: "The maximum total length of a reply line including the reply code
// and the <CRLF> is 512 characters."
inline constexpr std::size_t kSmtpMaxReplyLine = 512;

// Frames replies as RFC 2821 4.2 and 4.2.1 define them:
//   single line   ddd<SP>text CRLF  or  ddd CRLF
//   multi-line    ddd-text CRLF ... ddd<SP>text CRLF (or ddd CRLF), the same ddd on every
//                 line: unlike FTP, no line of a multi-line reply goes without the code.
// A continuation line with another code or none is a "continuation-code-mismatch" finding;
// it stays in the reply, and ends it when it has the form of a last line ("251 x" inside a
// 250 reply), so one wrong digit does not swallow every reply after it. The reply keeps the
// code of its first line.
// Total and bounded like FtpReplyCodec: lines are cut at limits.max_line, a reply keeps at
// most limits.max_lines lines, no input makes it throw, and the output does not depend on
// how the bytes were split between feeds. A line over 512 octets is a finding, not a cut.
class SmtpReplyCodec final : public LineCodec {
 public:
  explicit SmtpReplyCodec(CodecLimits limits = {});

 private:
  void on_line(CodecOutput& out) override;
  void start_reply(CodecOutput& out);
  void continue_reply(CodecOutput& out);
};

// An enhanced mail system status code (RFC 3463 2): class "." subject "." detail.
struct EnhancedStatus {
  int klass = 0;    // 2, 4 or 5
  int subject = 0;  // 0..999
  int detail = 0;   // 0..999
  friend bool operator==(const EnhancedStatus&, const EnhancedStatus&) = default;
};

// The enhanced status code at the start of the reply's text: "250 2.1.0 Ok" or
// "550-5.7.1 ..." give it, right after the code and its SP or '-' (where the
// ENHANCEDSTATUSCODES extension, RFC 2034, puts it; the first line is read). nullopt when the reply has no code or the
// text does not start with a status-code by RFC 3463 2's grammar: class 2/4/5, subject and
// detail 1-3 digits "without leading zero digits", then SP or the end of the line.
// Whether the class agrees with the reply code's first digit is for the caller to judge.
std::optional<EnhancedStatus> parse_enhanced_status(const Reply& reply);

}  // namespace rfcheck::proto
