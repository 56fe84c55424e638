// Replies and framing findings: what every protocol codec yields. Standard library only.
#pragma once

#include <cstddef>
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

// One complete reply. For FTP/SMTP: a code and its lines.
struct Reply {
  int code = 0;                     // 100..599 when well-formed; 0 when no code could be read
  std::vector<std::string> lines;   // each line without its line ending, code prefix kept
  std::string raw;                  // the exact bytes, line endings included
  bool multiline() const { return lines.size() > 1; }
  // The lines joined by "\n": what text expectations and captures search.
  std::string text() const;
};

// Bounds that keep a hostile server from exhausting the harness's memory.
struct CodecLimits {
  std::size_t max_line = 64 * 1024;     // longer lines are cut and reported
  std::size_t max_lines = 10'000;       // per reply
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
  // The connection closed: flush a partial line or reply as findings.
  virtual CodecOutput finish() = 0;
  // True while a reply has started but not completed (for timeouts and the fuzzer).
  virtual bool in_reply() const = 0;
};

}  // namespace rfcheck::proto
