// The IMAP4 response codec: server bytes in, responses and framing findings out (RFC 1730,
// RFC 3501 IMAP4rev1: 2.2 lines, 4.3 literals, 7 responses, 9 formal syntax). Standard
// library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "proto/reply.h"

namespace rfcheck::proto {

// Tags the codec remembers while their commands await completion. A client that pipelines
// more than this is not testing a server any more; later tags are not remembered, and their
// completions read as "unknown-tag".
inline constexpr std::size_t kImapMaxPendingCommands = 10'000;

// The longest tag remembered (RFC 3501 puts no bound on a tag; real clients use a few
// octets). A longer tag is not remembered either.
inline constexpr std::size_t kImapMaxTag = 256;

// RFC 3501 7.1: OK, NO, BAD, PREAUTH and BYE, in any case (RFC 3501 9: "The ASCII
// characters in [atoms] are case-insensitive").
bool imap_is_status_word(std::string_view word);

// What the end of a line announces: RFC 3501 4.3 and 9, literal = "{" number "}" CRLF, and
// the client's non-synchronizing "{" number "+}" of LITERAL+ (RFC 7888). A trailing CRLF or
// LF is ignored. found: the line ends in "{" *DIGIT ["+"] "}"; valid: found, with at least
// one digit, and the number fits in 64 bits (size). RFC 3501 9 holds a number to 32 bits:
// whether a valid size is beyond that is the caller's judgement.
struct ImapLiteralSize {
  bool found = false;
  bool valid = false;
  bool non_synchronizing = false;  // "{n+}"
  std::uint64_t size = 0;
};
ImapLiteralSize imap_literal_size(std::string_view line);

// Frames IMAP responses (RFC 3501 2.2.2, 7):
//   untagged      "*" SP ... CRLF         tag "*"
//   continuation  "+" [SP text] CRLF      tag "+", status "+"
//   tagged        tag SP OK|NO|BAD ...     tag the command's tag
// A line that ends in "{n}" is followed by n octets of literal (anything: CRLF, NUL), and
// then the response goes on with another line: one response is one or more line parts with
// a literal between each two.
//
// A response yields one Reply: code 0; tag as above ("" when the line starts with none);
// status the status word upper-cased (OK, NO, BAD, PREAUTH, BYE), "+" for a continuation,
// for untagged data the data's keyword upper-cased ("CAPABILITY"; "EXISTS" for "* 3 EXISTS"),
// "" when unreadable; response_code the inside of the "[...]" right after a status word;
// lines the line parts (the "{n}" kept); literals each literal's octets.
//
// The first response of a connection is the greeting (RFC 3501 7.1: untagged OK, PREAUTH or
// BYE). Tagged responses complete the commands the client sent (on_sent); one for a tag
// that is not outstanding is reported.
//
// Total and bounded, whatever the server sends:
//   - a line part keeps at most limits.max_line bytes ("overlong-line"); a literal
//     announced at its true end is still seen;
//   - lines keeps at most limits.max_lines parts ("too-many-lines"), and literals gets an
//     entry only for a literal whose announcing part is in lines;
//   - literals keep at most limits.max_body octets in total per response; the rest is read,
//     counted and dropped ("literal-too-large"): "{9999999999}" allocates nothing;
//   - raw is the bytes as received (a cut line cut alike), bounded to the first line part
//     plus limits.max_body octets;
//   - inside one response each line-level finding kind (bare-lf, cr-in-line, nul-byte,
//     overlong-line, bad-literal, literal-too-large) is reported once.
// No input makes it throw, and the output does not depend on how the bytes were split
// between feeds, nor on how the client's bytes were split between on_sent calls.
class ImapCodec final : public ReplyCodec {
 public:
  explicit ImapCodec(CodecLimits limits = {});

  CodecOutput feed(std::string_view bytes) override;
  // The client's bytes: each command line's first token is its tag. A line ending in "{n}"
  // or "{n+}" is followed by n octets of literal data, skipped, and then the same command
  // goes on. While an AUTHENTICATE is outstanding and the most recent command, client lines
  // are SASL answers (RFC 3501 6.2.2), not commands.
  void on_sent(std::string_view bytes) override;
  // Flushes a partial response as a reply plus a "partial-at-close" finding, then resets for
  // a new connection: the next response is a greeting again, and no tag is outstanding.
  CodecOutput finish() override;
  bool in_reply() const override { return in_response_; }
  // STARTTLS comes after the greeting, and none follows the handshake (RFC 3501 6.2.1).
  void on_tls_started() override { greeting_due_ = false; }

  // Tags sent and not yet completed: for the runner's timeouts and for tests.
  std::size_t pending_commands() const { return tags_.size(); }
  // The greeting (until it has arrived) and every command sent and not yet completed. Each
  // reply says what it answers (Reply::answers): a tagged completion its command's keyword
  // ("SELECT", "UID FETCH"), a continuation request the latest command's, an untagged
  // response the oldest outstanding command's, and "" for the greeting or untagged data
  // while no command is outstanding (RFC 3501 5.3, 7).
  std::optional<std::size_t> awaiting() const override {
    return tags_.size() + (greeting_due_ ? 1 : 0);
  }

 private:
  // A line whose first max_line bytes are kept, plus the last few bytes of its true end,
  // where a literal is announced.
  struct BoundedLine {
    std::string head;
    std::string tail;  // only once head is full: the line's last bytes, dropped ones included
    std::uint64_t length = 0;
    void add(char c, std::size_t cap);
    std::string_view end() const;  // the line's last bytes (all of it when not cut)
    bool cut(std::size_t cap) const { return length > cap; }
    void clear();
  };

  // Client side.
  void on_sent_byte(char c);
  void on_client_line();
  void register_command(std::string_view line);

  // Server side: bytes to line parts and literals.
  std::size_t feed_literal(std::string_view bytes, CodecOutput& out);
  void on_byte(char c, CodecOutput& out);
  void append_line_byte(char c, CodecOutput& out);
  void end_line(std::string_view ending, CodecOutput& out);
  std::optional<std::uint64_t> literal_announced(CodecOutput& out);
  void begin_literal(std::uint64_t size);
  void end_literal();
  void reset_line();

  // Line parts to responses.
  void add_part(std::string_view ending, CodecOutput& out);
  void read_first_line(CodecOutput& out);
  void read_untagged(std::string_view rest, CodecOutput& out);
  void read_tagged(std::string_view tag, std::string_view rest, CodecOutput& out);
  bool read_status(std::string_view rest);
  void check_greeting(CodecOutput& out);
  void complete_tag(std::string_view tag, CodecOutput& out);
  void append_raw(std::string_view bytes);
  void emit(CodecOutput& out);
  void reset_response();
  void reset_connection();

  void add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                   std::string message) const;
  // A syntax finding (bad-response, bad-untagged, bad-greeting): not for a line the close
  // cut short, which fails to parse for that reason alone.
  void syntax_finding(CodecOutput& out, std::string kind, std::string_view ref,
                      std::string message) const;
  // Whether a finding of this kind is the first in the response: checked before the message
  // is built, so a flood of bad bytes costs no allocations.
  bool first_in_response(unsigned kind_bit);

  CodecLimits limits_;

  struct PendingCommand {
    std::string tag;
    std::string keyword;  // upper case; "UID FETCH" for the UID forms
  };

  // Client side.
  std::deque<PendingCommand> tags_;  // outstanding, oldest first
  std::string auth_tag_;             // an outstanding AUTHENTICATE's tag; "" when none
  bool auth_answer_due_ = false;     // the server sent "+" to it: the next line answers
  BoundedLine sent_line_;            // the command line part being sent
  bool sent_continues_ = false;      // the part follows a literal: no new tag
  std::uint64_t sent_literal_left_ = 0;
  bool sent_literal_sync_ = false;   // the literal being skipped waits for a "+"
  std::string sent_tag_;             // the tag of the command being sent

  // Server side: the line part being read.
  std::uint64_t offset_ = 0;  // bytes consumed since construction or finish(): for messages
  std::uint64_t line_start_ = 0;
  BoundedLine line_;
  bool line_started_ = false;
  bool pending_cr_ = false;  // a CR was the last byte: LF may follow in the next feed
  bool closing_ = false;     // finish() is flushing a line the close cut short

  // The response being read.
  bool greeting_due_ = true;
  bool in_response_ = false;
  Reply reply_;
  bool in_literal_ = false;
  std::uint64_t literal_left_ = 0;
  std::uint64_t literal_size_ = 0;
  bool part_kept_ = false;         // the last line part read is in reply_.lines
  bool literal_kept_ = false;      // the literal has an entry in reply_.literals
  std::size_t literal_octets_ = 0;  // octets kept in reply_.literals, all literals
  std::size_t raw_cap_ = 0;        // reply_.raw never grows past this
  bool lines_full_ = false;        // max_lines reached
  unsigned reported_ = 0;          // finding kinds already reported in this response
};

}  // namespace rfcheck::proto
