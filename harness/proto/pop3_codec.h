// The POP3 response codec: server bytes in, responses and framing findings out (RFC 1939 3,
// RFC 2449 3, 4 and 8, the SASL continuations of RFC 5034 4). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "proto/reply.h"

namespace rfcheck::proto {

// RFC 2449 4: "The maximum length of the first line of a command response (including the
// initial greeting) is unchanged at 512 octets (including the terminating CRLF)."
inline constexpr std::size_t kPop3MaxStatusLine = 512;

// Commands the codec remembers while their responses are outstanding. A client that
// pipelines more than this is not testing a server any more; later commands are not
// queued, and their responses read as unsolicited single-line responses.
inline constexpr std::size_t kPop3MaxPendingCommands = 10'000;

// Whether a positive (+OK) response to this command line is multi-line (RFC 1939 5 and 7,
// RFC 2449 5). The keyword is case-insensitive and ends at the first SP; a trailing CRLF or
// LF is ignored. RETR, TOP and CAPA: always (whatever their arguments: a server that says
// +OK to them sends a body); LIST and UIDL: only without an argument ("LIST 1" answers in
// one line). Everything else, AUTH included: no. A -ERR is always a single line.
bool pop3_multiline_command(std::string_view command_line);

// Frames POP3 responses:
//   single-line   status [SP text] CRLF        status "+OK" or "-ERR" (RFC 2449 3)
//   multi-line    single-line, body lines, "." CRLF; body lines byte-stuffed (RFC 1939 3)
//   continuation  "+" [SP base64] CRLF         only while an AUTH is outstanding (RFC 5034 4)
// The first response of a connection is the greeting. After that, each response answers the
// oldest command the client sent (on_sent) and has not had answered: RFC 2449 6.6 lets the
// client pipeline, and the server must answer in order. Whether a +OK starts a body depends
// on that command (pop3_multiline_command). A continuation keeps the AUTH outstanding, and
// the client's next line is its SASL answer (or "*" to cancel), not a new command.
//
// A response yields one Reply: code 0; status "+OK", "-ERR", "+" or "" (no readable
// indicator); response_code the inside of "[...]" after the status (RFC 2449 8); lines the
// status line then the unstuffed body lines; for a multi-line response has_body and body
// (unstuffed lines, each ended by CRLF).
//
// Total and bounded, whatever the server sends:
//   - a line keeps at most limits.max_line bytes (the rest is dropped, "overlong-line");
//   - lines keeps at most limits.max_lines entries ("too-many-lines");
//   - body keeps the first limits.max_body octets of the unstuffed body ("body-too-large"),
//     and a body line joins lines only while body still had room: a 10 GB RETR is read
//     and counted, never stored;
//   - raw is the bytes as received (a cut line cut alike, its line ending kept), bounded
//     to the status line plus the first limits.max_body octets of what followed it: the
//     terminator is in raw only when it falls within that bound;
//   - inside one response each line-level finding kind (bare-lf, cr-in-line, nul-byte,
//     overlong-line, unstuffed-dot) is reported once, at its first line: a body of a
//     million bare-LF lines is one fault, not a million findings.
// No input makes it throw, and the output does not depend on how the bytes were split
// between feeds. The client side is bounded too: the partial command line by max_line,
// the queue by kPop3MaxPendingCommands.
class Pop3Codec final : public ReplyCodec {
 public:
  explicit Pop3Codec(CodecLimits limits = {});

  CodecOutput feed(std::string_view bytes) override;
  // Each complete line (CRLF or LF) of the client's bytes is one command; a line split
  // across calls is kept until it completes.
  void on_sent(std::string_view bytes) override;
  // Flushes a partial line or an unterminated multi-line response as a reply plus a
  // "partial-at-close" finding, then resets for a new connection: the next response is a
  // greeting again, and no command is outstanding.
  CodecOutput finish() override;
  bool in_reply() const override { return in_body_ || line_started_; }
  // After STLS the session goes on inside TLS: no second greeting (RFC 2595 4).
  void on_tls_started() override { greeting_due_ = false; }

  // Commands sent and not yet answered (an AUTH in a SASL exchange counts until its final
  // +OK/-ERR). For the runner's timeouts and for tests.
  std::size_t pending_commands() const { return commands_.size(); }
  // The same, the greeting while it is due, and a body still being read (its command left
  // the queue at the status line): what the runner waits for.
  std::optional<std::size_t> awaiting() const override {
    return commands_.size() + (greeting_due_ ? 1 : 0) + (in_body_ ? 1 : 0);
  }

 private:
  // What the codec keeps of a sent command: enough to frame its response and name it.
  struct Command {
    std::string keyword;  // upper-cased, at most a few bytes: for messages
    bool multiline = false;
    bool auth = false;
  };

  // Client side.
  void on_command_line(std::string_view line);
  void on_continuation();

  // Server side: bytes to lines.
  void on_byte(char c, CodecOutput& out);
  void append_line_byte(char c, CodecOutput& out);
  void end_line(std::string_view ending, CodecOutput& out);
  void reset_line();

  // Lines to responses.
  void on_status_line(std::string_view ending, CodecOutput& out);
  void check_status_line(std::string_view status, bool upper, CodecOutput& out);
  void answer(std::string_view status, CodecOutput& out);
  void on_body_line(std::string_view ending, CodecOutput& out);
  void add_body_line(std::string_view content, CodecOutput& out);
  void append_raw(std::string_view bytes);
  void emit(CodecOutput& out);
  void reset_connection();

  void add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                   std::string message) const;
  // Whether a line-level finding of this kind is the first in the response (see above):
  // checked before the message is built, so a flood of bad bytes costs no allocations.
  bool first_in_response(unsigned kind_bit);

  CodecLimits limits_;

  // Client side: commands awaiting their response, oldest first.
  std::deque<Command> commands_;
  std::string sent_line_;               // a command line not yet ended, cut at max_line
  std::size_t sasl_answers_due_ = 0;    // client lines that answer a continuation

  // Server side: the line being read. Bytes past max_line are dropped; the line's raw bytes
  // are line_ plus its ending (a CR that did not end the line is a byte of line_).
  std::uint64_t offset_ = 0;  // bytes consumed since construction or finish(): for messages
  std::uint64_t line_start_ = 0;
  std::string line_;
  std::uint64_t line_length_ = 0;  // the line's true length, dropped bytes included
  bool line_started_ = false;
  bool pending_cr_ = false;  // a CR was the last byte: LF may follow in the next feed
  bool closing_ = false;     // finish() is flushing a line the close cut short

  // The response being read.
  bool greeting_due_ = true;
  Reply reply_;
  bool in_body_ = false;
  std::string body_of_;            // the keyword of the command the body answers
  std::size_t raw_cap_ = 0;        // reply_.raw never grows past this
  bool body_full_ = false;         // max_body reached: the rest of the body is dropped
  bool lines_full_ = false;        // max_lines reached
  unsigned reported_ = 0;          // finding kinds already reported in this response
};

}  // namespace rfcheck::proto
