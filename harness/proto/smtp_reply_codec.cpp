#include "proto/smtp_reply_codec.h"

#include <algorithm>
#include <utility>

namespace rfcheck::proto {
namespace {

// Each finding names the sentence it rests on.
constexpr std::string_view kRefReply = "RFC 2821 4.2";          // reply syntax
constexpr std::string_view kRefLines = "RFC 2821 2.3.7";        // CRLF, no bare CR or LF
constexpr std::string_view kRefRange = "RFC 2821 4.2.1, 4.3.2";  // 2yz-5yz, x0z-x5z
constexpr std::string_view kRefMulti = "RFC 2821 4.2.1";        // the code on every line
constexpr std::string_view kRefLength = "RFC 2821 4.5.3.1";     // 512 octets with CRLF
// How much of an offending line a finding quotes: enough to recognise it, never a flood.
constexpr std::size_t kExcerpt = 40;
// The longest line content that, with its CRLF, still fits in kSmtpMaxReplyLine.
constexpr std::size_t kMaxContent = kSmtpMaxReplyLine - 2;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_three_digits(std::string_view line) {
  return line.size() >= 3 && is_digit(line[0]) && is_digit(line[1]) && is_digit(line[2]);
}

int three_digit_code(std::string_view line) {
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

// "ddd" alone or "ddd SP ...": the form of a single-line reply or of a multi-line reply's
// last line (RFC 2821 4.2: Reply-line = Reply-code [ SP text ] CRLF).
bool has_final_form(std::string_view line) {
  return starts_with_three_digits(line) && (line.size() == 3 || line[3] == ' ');
}

bool has_continuation_form(std::string_view line) {
  return starts_with_three_digits(line) && line.size() >= 4 && line[3] == '-';
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

std::string range_message(std::string_view code) {
  return "reply code " + std::string(code) + " outside 2yz-5yz with second digit 0-5";
}

}  // namespace

SmtpReplyCodec::SmtpReplyCodec(CodecLimits limits) : limits_(limits) {}

CodecOutput SmtpReplyCodec::feed(std::string_view bytes) {
  CodecOutput out;
  for (char c : bytes) {
    on_byte(c, out);
    ++offset_;
  }
  return out;
}

bool SmtpReplyCodec::in_reply() const { return in_multiline_ || line_started_; }

void SmtpReplyCodec::on_byte(char c, CodecOutput& out) {
  if (pending_cr_) {
    pending_cr_ = false;
    if (c == '\n') {
      end_line("\r\n", out);
      return;
    }
    append_line_byte('\r', out);
  }
  if (!line_started_) {
    line_started_ = true;
    line_start_ = offset_;
  }
  if (c == '\r') {
    pending_cr_ = true;
  } else if (c == '\n') {
    add_finding(out, "bare-lf", kRefLines, "line ended by LF without CR (lines end in CRLF)");
    end_line("\n", out);
  } else {
    append_line_byte(c, out);
  }
}

void SmtpReplyCodec::append_line_byte(char c, CodecOutput& out) {
  // One finding of each kind per line: a megabyte of NULs is one mistake, reported once.
  if (c == '\0' && !line_has_nul_) {
    line_has_nul_ = true;
    add_finding(out, "nul-byte", kRefReply, "NUL byte inside a line");
  }
  if (c == '\r' && !line_has_cr_) {
    line_has_cr_ = true;
    add_finding(out, "cr-in-line", kRefLines, "CR not followed by LF inside a line");
  }
  ++line_length_;
  if (line_length_ > kMaxContent && !line_overlong_) {
    // A finding, not a cut: the reply is still read whole (up to the codec's own bound).
    line_overlong_ = true;
    add_finding(out, "overlong-line", kRefLength,
                "reply line longer than " + std::to_string(kSmtpMaxReplyLine) +
                    " octets including CRLF; only the first " +
                    std::to_string(limits_.max_line) + " bytes are kept");
  }
  if (line_.size() >= limits_.max_line) {
    // Only small test limits cut before the RFC limit is passed; say so once per line.
    if (!line_overlong_) {
      line_overlong_ = true;
      add_finding(out, "overlong-line", kRefLength,
                  "line longer than the codec limit of " + std::to_string(limits_.max_line) +
                      " bytes; cut");
    }
    return;
  }
  line_ += c;
  line_raw_ += c;
}

void SmtpReplyCodec::end_line(std::string_view ending, CodecOutput& out) {
  // A line cut at max_line keeps a cut raw copy: the ending still shows how it ended.
  line_raw_ += ending;
  if (in_multiline_) {
    continue_reply(out);
  } else {
    start_reply(out);
  }
  reset_line();
}

void SmtpReplyCodec::start_reply(CodecOutput& out) {
  reply_ = Reply{};
  reply_.lines.push_back(line_);
  reply_.raw = line_raw_;
  const std::string_view line = line_;

  if (has_final_form(line) || has_continuation_form(line)) {
    reply_.code = three_digit_code(line);
    if (!smtp_code_in_range(reply_.code)) {
      add_finding(out, "code-range", kRefRange, range_message(line.substr(0, 3)));
    }
    if (has_continuation_form(line)) {
      in_multiline_ = true;
      code_prefix_ = std::string(line.substr(0, 3));
      return;
    }
    emit(out);
    return;
  }
  // A line cut by the close may be the prefix of a good reply ("22" of "220 ..."): the
  // partial-at-close finding already says what went wrong.
  const bool cut_by_close =
      closing_ && line.size() < 3 && std::all_of(line.begin(), line.end(), is_digit);
  if (!cut_by_close) {
    add_finding(out, "bad-code", kRefReply,
                "line " + excerpt(line) + " does not start with 3 digits and SP, '-' or CRLF");
  }
  emit(out);
}

void SmtpReplyCodec::continue_reply(CodecOutput& out) {
  const std::string_view line = line_;
  const bool same_code = line.substr(0, 3) == code_prefix_;
  bool last = has_final_form(line);
  if (!same_code || !(last || has_continuation_form(line))) {
    const std::string what = starts_with_three_digits(line) && (last || line[3] == '-')
                                 ? "has code " + std::string(line.substr(0, 3))
                                 : "has no code followed by SP or '-'";
    add_finding(out, "continuation-code-mismatch", kRefMulti,
                "line " + excerpt(line) + " of multi-line reply " + code_prefix_ + " " + what +
                    " (every line must start with " + code_prefix_ + ")");
  }
  // Room is always left for the last line, so a cut reply still shows how it ended.
  const std::size_t keep = std::max<std::size_t>(limits_.max_lines, 2);
  if (!last && reply_.lines.size() + 1 >= keep) {
    if (!reply_overfull_) {
      reply_overfull_ = true;
      add_finding(out, "too-many-lines", kRefReply,
                  "multi-line reply " + code_prefix_ + " longer than " +
                      std::to_string(limits_.max_lines) + " lines; the rest is dropped");
    }
  } else {
    reply_.lines.push_back(line_);
    reply_.raw += line_raw_;
  }
  if (last) emit(out);
}

void SmtpReplyCodec::emit(CodecOutput& out) {
  out.replies.push_back(std::move(reply_));
  reply_ = Reply{};
  in_multiline_ = false;
  code_prefix_.clear();
  reply_overfull_ = false;
}

CodecOutput SmtpReplyCodec::finish() {
  CodecOutput out;
  const bool partial_line = line_started_;
  if (partial_line) {
    add_finding(out, "partial-at-close", kRefReply, "connection closed inside a line");
    if (pending_cr_) line_raw_ += '\r';
    pending_cr_ = false;
    closing_ = true;
    end_line("", out);
    closing_ = false;
  }
  if (in_multiline_) {
    if (!partial_line) {
      add_finding(out, "partial-at-close", kRefReply,
                  "connection closed inside multi-line reply " + code_prefix_);
    }
    emit(out);
  }
  reset_line();
  reply_ = Reply{};
  in_multiline_ = false;
  code_prefix_.clear();
  reply_overfull_ = false;
  offset_ = 0;
  line_start_ = 0;
  return out;
}

void SmtpReplyCodec::add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                                 std::string message) {
  out.findings.push_back(FramingFinding{
      std::move(kind), "line at byte " + std::to_string(line_start_) + ": " + message,
      std::string(ref)});
}

void SmtpReplyCodec::reset_line() {
  line_.clear();
  line_raw_.clear();
  line_length_ = 0;
  line_started_ = false;
  pending_cr_ = false;
  line_overlong_ = false;
  line_has_nul_ = false;
  line_has_cr_ = false;
}

namespace {

// 1*3digit without leading zero digits (RFC 3463 2); advances pos past it.
std::optional<int> sub_code(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos]) && pos - start < 4) ++pos;
  const std::size_t n = pos - start;
  if (n == 0 || n > 3 || (n > 1 && text[start] == '0')) return std::nullopt;
  int value = 0;
  for (std::size_t i = start; i < pos; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::optional<EnhancedStatus> parse_enhanced_status(const Reply& reply) {
  if (reply.code == 0 || reply.lines.empty()) return std::nullopt;
  const std::string_view line = reply.lines.front();
  if (line.size() < 4 || (line[3] != ' ' && line[3] != '-')) return std::nullopt;
  const std::string_view text = line.substr(4);
  if (text.empty() || (text[0] != '2' && text[0] != '4' && text[0] != '5')) return std::nullopt;
  if (text.size() < 2 || text[1] != '.') return std::nullopt;
  std::size_t pos = 2;
  const auto subject = sub_code(text, pos);
  if (!subject || pos >= text.size() || text[pos] != '.') return std::nullopt;
  ++pos;
  const auto detail = sub_code(text, pos);
  if (!detail || (pos < text.size() && text[pos] != ' ')) return std::nullopt;
  return EnhancedStatus{text[0] - '0', *subject, *detail};
}

}  // namespace rfcheck::proto
