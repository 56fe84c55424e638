#include "proto/ftp_reply_codec.h"

#include <algorithm>
#include <utility>

namespace rfcheck::proto {
namespace {

constexpr std::string_view kRef = "RFC 959 4.2";
// How much of an offending line a finding quotes: enough to recognise it, never a flood.
constexpr std::size_t kExcerpt = 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_three_digits(std::string_view line) {
  return line.size() >= 3 && is_digit(line[0]) && is_digit(line[1]) && is_digit(line[2]);
}

int three_digit_code(std::string_view line) {
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

// Findings end up in terminals and XML reports: quote bytes so none of them is raw.
std::string excerpt(std::string_view line) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < line.size() && i < kExcerpt; ++i) {
    const auto b = static_cast<unsigned char>(line[i]);
    if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
      out += static_cast<char>(b);
    } else {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xf];
    }
  }
  out += line.size() > kExcerpt ? "\"..." : "\"";
  return out;
}

}  // namespace

FtpReplyCodec::FtpReplyCodec(CodecLimits limits) : limits_(limits) {}

CodecOutput FtpReplyCodec::feed(std::string_view bytes) {
  CodecOutput out;
  for (char c : bytes) {
    on_byte(c, out);
    ++offset_;
  }
  return out;
}

bool FtpReplyCodec::in_reply() const { return in_multiline_ || line_started_; }

void FtpReplyCodec::on_byte(char c, CodecOutput& out) {
  if (pending_cr_) {
    pending_cr_ = false;
    if (c == '\n') {
      end_line("\r\n", out);
      return;
    }
    // The CR was not the start of CRLF: it is a byte of the line (and a finding).
    append_line_byte('\r', out);
  }
  if (!line_started_) {
    line_started_ = true;
    line_start_ = offset_;
  }
  if (c == '\r') {
    // Whether this CR ends the line depends on a byte that may come in the next feed.
    pending_cr_ = true;
  } else if (c == '\n') {
    add_finding(out, "bare-lf", "line ended by LF without CR (Telnet end-of-line is CRLF)");
    end_line("\n", out);
  } else {
    append_line_byte(c, out);
  }
}

void FtpReplyCodec::append_line_byte(char c, CodecOutput& out) {
  // One finding of each kind per line: a server that sends a megabyte of NULs has made
  // one mistake, and the report should say so once.
  if (c == '\0' && !line_has_nul_) {
    line_has_nul_ = true;
    add_finding(out, "nul-byte", "NUL byte inside a line");
  }
  if (c == '\r' && !line_has_cr_) {
    line_has_cr_ = true;
    add_finding(out, "cr-in-line", "CR not followed by LF inside a line");
  }
  if (line_.size() >= limits_.max_line) {
    if (!line_overlong_) {
      line_overlong_ = true;
      add_finding(out, "overlong-line",
                  "line longer than " + std::to_string(limits_.max_line) + " bytes; cut");
    }
    return;
  }
  line_ += c;
  line_raw_ += c;
}

void FtpReplyCodec::end_line(std::string_view ending, CodecOutput& out) {
  line_raw_ += ending;
  if (in_multiline_) {
    continue_reply(out);
  } else {
    start_reply(out);
  }
  reset_line();
}

void FtpReplyCodec::start_reply(CodecOutput& out) {
  reply_ = Reply{};
  reply_.lines.push_back(line_);
  reply_.raw = line_raw_;
  const std::string_view line = line_;
  const bool has_code = starts_with_three_digits(line);

  if (has_code && line.size() >= 4 && (line[3] == ' ' || line[3] == '-')) {
    reply_.code = three_digit_code(line);
    if (!ftp_code_in_range(reply_.code)) {
      add_finding(out, "code-range",
                  "reply code " + std::string(line.substr(0, 3)) +
                      " outside 1yz-5yz with second digit 0-5");
    }
    if (line[3] == '-') {
      in_multiline_ = true;
      code_prefix_ = std::string(line.substr(0, 3));
      return;
    }
    emit(out);
    return;
  }

  // A line cut by the close may be the prefix of a good reply ("22" of "220 ..."): the
  // partial-at-close finding already says what went wrong.
  const bool digits_only = std::all_of(line.begin(), line.end(), is_digit);
  const bool cut_by_close = closing_ && line.size() <= 3 && digits_only;
  if (has_code && line.size() == 3) {
    // "ddd" alone: the code is unambiguous, so the runner gets it; the missing SP is a
    // framing finding of its own rather than a second failure of every expectation.
    reply_.code = three_digit_code(line);
    if (!cut_by_close) {
      add_finding(out, "bad-code", "reply code " + excerpt(line) + " not followed by SP");
    }
    if (!ftp_code_in_range(reply_.code)) {
      add_finding(out, "code-range",
                  "reply code " + std::string(line) + " outside 1yz-5yz with second digit 0-5");
    }
  } else if (!cut_by_close) {
    add_finding(out, "bad-code",
                "line " + excerpt(line) + " does not start with 3 digits and SP or '-'");
  }
  emit(out);
}

void FtpReplyCodec::continue_reply(CodecOutput& out) {
  const std::string_view line = line_;
  const bool last = line.substr(0, 3) == code_prefix_ && (line.size() == 3 || line[3] == ' ');
  // Room is always left for the last line, so a cut reply still shows how it ended.
  const std::size_t keep = std::max<std::size_t>(limits_.max_lines, 2);
  if (!last && reply_.lines.size() + 1 >= keep) {
    if (!reply_overfull_) {
      reply_overfull_ = true;
      add_finding(out, "too-many-lines",
                  "multi-line reply " + code_prefix_ + " longer than " +
                      std::to_string(limits_.max_lines) + " lines; the rest is dropped");
    }
  } else {
    reply_.lines.push_back(line_);
    reply_.raw += line_raw_;
  }
  if (last) emit(out);
}

void FtpReplyCodec::emit(CodecOutput& out) {
  out.replies.push_back(std::move(reply_));
  reply_ = Reply{};
  in_multiline_ = false;
  code_prefix_.clear();
  reply_overfull_ = false;
}

CodecOutput FtpReplyCodec::finish() {
  CodecOutput out;
  const bool partial_line = line_started_;
  if (partial_line) {
    add_finding(out, "partial-at-close", "connection closed inside a line");
    // A lone trailing CR began a line ending that never completed: raw keeps it.
    if (pending_cr_) line_raw_ += '\r';
    pending_cr_ = false;
    closing_ = true;
    end_line("", out);
    closing_ = false;
  }
  if (in_multiline_) {
    if (!partial_line) {
      add_finding(out, "partial-at-close",
                  "connection closed inside multi-line reply " + code_prefix_);
    }
    emit(out);
  }
  // A fresh start: the next bytes belong to a new connection.
  reset_line();
  reply_ = Reply{};
  in_multiline_ = false;
  code_prefix_.clear();
  reply_overfull_ = false;
  offset_ = 0;
  line_start_ = 0;
  return out;
}

void FtpReplyCodec::add_finding(CodecOutput& out, std::string kind, std::string message) {
  out.findings.push_back(FramingFinding{
      std::move(kind), "line at byte " + std::to_string(line_start_) + ": " + message,
      std::string(kRef)});
}

void FtpReplyCodec::reset_line() {
  line_.clear();
  line_raw_.clear();
  line_started_ = false;
  pending_cr_ = false;
  line_overlong_ = false;
  line_has_nul_ = false;
  line_has_cr_ = false;
}

}  // namespace rfcheck::proto
