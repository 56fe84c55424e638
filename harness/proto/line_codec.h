// What the FTP and SMTP reply codecs share: bytes -> CRLF lines (split anywhere between
// feeds), the byte-level faults of a line as findings, and the accumulation of a multi-line
// reply. A protocol's codec derives from it and only says how a line starts or continues a
// reply (on_line). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "proto/reply.h"

namespace rfcheck::proto {

// The RFC sections the shared findings cite, and the protocol's own line limit.
struct LineRules {
  std::string_view ref_line_end;  // bare-lf, cr-in-line
  std::string_view ref_reply;     // nul-byte, partial-at-close, too-many-lines
  std::string_view ref_length;    // overlong-line
  // A line longer than this many octets with its CRLF is a finding, not a cut
  // (RFC 2821 4.5.3.1: 512); 0 when the protocol sets no limit (RFC 959).
  std::size_t max_line_octets = 0;
};

// "ddd..." helpers for the codes at the start of reply lines.
bool is_digit(char c);
bool starts_with_three_digits(std::string_view line);
int three_digit_code(std::string_view line);
// Findings end up in terminals and XML reports: a short quote with every byte printable.
std::string excerpt(std::string_view line);

class LineCodec : public ReplyCodec {
 public:
  CodecOutput feed(std::string_view bytes) final;
  // Flushes a partial line or an unterminated multi-line reply as a reply plus a
  // "partial-at-close" finding, then resets, so the codec can serve a new connection.
  CodecOutput finish() final;
  bool in_reply() const final { return in_multiline_ || line_started_; }

 protected:
  LineCodec(CodecLimits limits, LineRules rules) : limits_(limits), rules_(rules) {}

  // A complete line is in line() / line_raw(): start a reply or continue the open one.
  virtual void on_line(CodecOutput& out) = 0;

  const std::string& line() const { return line_; }
  bool in_multiline() const { return in_multiline_; }
  const std::string& code_prefix() const { return code_prefix_; }
  // finish() is flushing a line the close cut short.
  bool closing() const { return closing_; }
  const CodecLimits& limits() const { return limits_; }

  // The current line starts a reply (its only line, or the first of several).
  void begin_reply(int code);
  void begin_multiline(std::string_view code);
  // The current line joins the open multi-line reply, within limits.max_lines.
  void add_to_reply(CodecOutput& out, bool last);
  void emit(CodecOutput& out);
  void add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                   std::string message) const;

 private:
  void on_byte(char c, CodecOutput& out);
  void append_line_byte(char c, CodecOutput& out);
  void end_line(std::string_view ending, CodecOutput& out);
  void reset_line();

  CodecLimits limits_;
  LineRules rules_;
  std::uint64_t offset_ = 0;  // bytes consumed since construction or finish(): for messages

  // The line being read; bytes past max_line are dropped (the raw copy too).
  std::string line_;
  std::string line_raw_;
  std::uint64_t line_length_ = 0;  // the line's true length, dropped bytes included
  std::uint64_t line_start_ = 0;
  bool line_started_ = false;
  bool pending_cr_ = false;  // a CR was the last byte: LF may follow in the next feed
  bool line_overlong_ = false;
  bool line_has_nul_ = false;
  bool line_has_cr_ = false;
  bool closing_ = false;

  Reply reply_;
  bool in_multiline_ = false;
  std::string code_prefix_;  // the three digits a multi-line reply ends (or goes on) with
  bool reply_overfull_ = false;
};

}  // namespace rfcheck::proto
