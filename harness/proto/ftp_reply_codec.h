// The FTP reply codec: control-connection bytes in, replies and framing findings out
// (RFC 959 4.2). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "proto/reply.h"

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
class FtpReplyCodec : public ReplyCodec {
 public:
  explicit FtpReplyCodec(CodecLimits limits = {});

  CodecOutput feed(std::string_view bytes) override;
  // Flushes a partial line or an unterminated multi-line reply as a reply plus a
  // "partial-at-close" finding, then resets, so the codec can serve a new connection.
  CodecOutput finish() override;
  bool in_reply() const override;

 private:
  void on_byte(char c, CodecOutput& out);
  void append_line_byte(char c, CodecOutput& out);
  // A line is complete (ending is "\r\n", "\n" or "" at close).
  void end_line(std::string_view ending, CodecOutput& out);
  void start_reply(CodecOutput& out);
  void continue_reply(CodecOutput& out);
  void emit(CodecOutput& out);
  void add_finding(CodecOutput& out, std::string kind, std::string message);
  void reset_line();

  CodecLimits limits_;
  std::uint64_t offset_ = 0;  // bytes consumed since construction or finish(): for messages

  // The line being read. Its bytes past max_line are dropped (the raw copy too), so a
  // server that never sends LF costs at most max_line bytes.
  std::string line_;
  std::string line_raw_;
  std::uint64_t line_start_ = 0;
  bool line_started_ = false;
  bool pending_cr_ = false;  // a CR was the last byte: LF may follow in the next feed
  bool line_overlong_ = false;
  bool line_has_nul_ = false;
  bool line_has_cr_ = false;
  bool closing_ = false;  // finish() is flushing a line the close cut short

  // The reply being assembled. in_multiline_ after a "ddd-" first line until "ddd ".
  Reply reply_;
  bool in_multiline_ = false;
  std::string code_prefix_;  // the three digits a multi-line reply must end with
  bool reply_overfull_ = false;
};

}  // namespace rfcheck::proto
