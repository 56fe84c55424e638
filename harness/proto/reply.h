// Replies and framing findings: what every protocol codec yields. Standard library only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck::proto {

// A framing fault in the server's byte stream. A finding is data, never an exception:
// the codec keeps going and yields what it can.
struct FramingFinding {
  std::string kind;     // stable, greppable: "bare-lf", "bad-code", "overlong-line", ...
  std::string message;  // for people: what was seen
  std::string ref;      // the RFC section it breaks: "RFC 959 4.2"
};

// One complete reply (a "response" in POP3 and IMAP), its status in the protocol's own terms.
//   FTP, SMTP: code 220, status "220".
//   POP3:      status "+OK" or "-ERR" (or "+" for a SASL continuation, RFC 5034), code 0;
//              response_code "IN-USE" for "-ERR [IN-USE] ..." (RFC 2449 8); a multi-line
//              response has has_body and its body, byte-stuffing removed.
//   IMAP:      one Reply per response: tag "*" (untagged), "+" (continuation request) or the
//              command's tag; status "OK" / "NO" / "BAD" / "BYE" / "PREAUTH" for status
//              responses, "+" for a continuation, and for untagged data the data's keyword
//              in upper case ("CAPABILITY", "EXISTS", "FETCH", ...); response_code the
//              bracketed code's text ("UIDVALIDITY 3857529045"); literals the {n} payloads.
struct Reply {
  int code = 0;                     // FTP/SMTP: 100..599 when well-formed; 0 when none could be read
  std::string status;               // as above; empty when the reply has no readable status
  std::string response_code;        // the bracketed code after the status, without brackets
  std::string tag;                  // IMAP: "*", "+" or the command's tag; empty elsewhere
  std::vector<std::string> literals;  // IMAP: each {n} literal's octets, in order
  std::vector<std::string> lines;   // each line without its line ending (code prefix kept;
                                    // POP3: the status line, then the unstuffed body lines)
  bool has_body = false;            // POP3: a multi-line response (terminated by "." CRLF)
  std::string body;                 // POP3: the body, unstuffed, each line ended by CRLF
  std::string raw;                  // the exact bytes, line endings included
  // The keyword (upper case) of the command the response answers, for codecs that pair
  // responses with commands themselves (POP3: its framing needs it anyway); "" for the
  // greeting or a response nothing asked for. nullopt: the protocol's oracle pairs them.
  std::optional<std::string> answers;
  bool multiline() const { return lines.size() > 1; }
  // The lines joined by "\n" (IMAP: each literal right after the "\n" of the line part that
  // announces it): what text expectations and captures search.
  std::string text() const;
};

// Bounds that keep a hostile server from exhausting the harness's memory.
struct CodecLimits {
  std::size_t max_line = 64 * 1024;     // longer lines are cut and reported
  std::size_t max_lines = 10'000;       // per reply
  // POP3 multi-line bodies (RETR of a large message) and an IMAP response's literals: octets
  // kept in Reply::body (IMAP: literals); the rest is read, counted and dropped, with a
  // finding. A reply's raw copy keeps as much again, and the runner copies a reply a few
  // times (queue, last reply, exchange), so this times ~5 must stay inside the harness's
  // 64 MiB (docs/robustness.md); the suites' largest message is 330 KB.
  std::size_t max_body = 8 * 1024 * 1024;
};

// Everything one feed() produced, in order of arrival.
struct CodecOutput {
  std::vector<Reply> replies;
  std::vector<FramingFinding> findings;
};

// An incremental reply parser: fed bytes as they arrive, split anywhere.
// Total: any byte sequence is accepted without throwing and without unbounded memory.
class ReplyCodec {
 public:
  virtual ~ReplyCodec() = default;
  virtual CodecOutput feed(std::string_view bytes) = 0;
  // The client wrote these bytes on the connection. Codecs whose framing depends on the
  // command (POP3: LIST with no argument answers in several lines, LIST 1 in one) keep what
  // they need; FTP and SMTP framing does not depend on it.
  virtual void on_sent(std::string_view bytes) {}
  // A fresh codec after a TLS handshake (STARTTLS, STLS): the session goes on inside TLS with
  // no new greeting (RFC 2595 4), for codecs that frame the greeting apart.
  virtual void on_tls_started() {}
  // The connection closed: flush a partial line or reply as findings.
  virtual CodecOutput finish() = 0;
  // True while a reply has started but not completed (for timeouts and the fuzzer).
  virtual bool in_reply() const = 0;
  // For codecs that pair responses with commands: how many (the greeting included) still
  // await their response. nullopt: ask the protocol's oracle.
  virtual std::optional<std::size_t> awaiting() const { return std::nullopt; }
};

}  // namespace rfcheck::proto
