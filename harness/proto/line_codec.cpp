#include "proto/line_codec.h"

#include <algorithm>
#include <utility>

namespace rfcheck::proto {
namespace {

// How much of an offending line a finding quotes: enough to recognise it, never a flood.
constexpr std::size_t kExcerpt = 40;

}  // namespace

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_three_digits(std::string_view line) {
  return line.size() >= 3 && is_digit(line[0]) && is_digit(line[1]) && is_digit(line[2]);
}

int three_digit_code(std::string_view line) {
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

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

CodecOutput LineCodec::feed(std::string_view bytes) {
  CodecOutput out;
  for (char c : bytes) {
    on_byte(c, out);
    ++offset_;
  }
  return out;
}

void LineCodec::on_byte(char c, CodecOutput& out) {
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
    add_finding(out, "bare-lf", rules_.ref_line_end, "line ended by LF without CR (lines end in CRLF)");
    end_line("\n", out);
  } else {
    append_line_byte(c, out);
  }
}

void LineCodec::append_line_byte(char c, CodecOutput& out) {
  // One finding of each kind per line: a megabyte of NULs is one mistake, reported once.
  if (c == '\0' && !line_has_nul_) {
    line_has_nul_ = true;
    add_finding(out, "nul-byte", rules_.ref_reply, "NUL byte inside a line");
  }
  if (c == '\r' && !line_has_cr_) {
    line_has_cr_ = true;
    add_finding(out, "cr-in-line", rules_.ref_line_end, "CR not followed by LF inside a line");
  }
  ++line_length_;
  if (rules_.max_line_octets > 2 && line_length_ > rules_.max_line_octets - 2 &&
      !line_overlong_) {
    // A finding, not a cut: the reply is still read whole (up to the codec's own bound).
    line_overlong_ = true;
    add_finding(out, "overlong-line", rules_.ref_length,
                "reply line longer than " + std::to_string(rules_.max_line_octets) +
                    " octets including CRLF; only the first " +
                    std::to_string(limits_.max_line) + " bytes are kept");
  }
  if (line_.size() >= limits_.max_line) {
    if (!line_overlong_) {
      line_overlong_ = true;
      add_finding(out, "overlong-line", rules_.ref_length,
                  "line longer than the codec limit of " + std::to_string(limits_.max_line) +
                      " bytes; cut");
    }
    return;
  }
  line_ += c;
  line_raw_ += c;
}

void LineCodec::end_line(std::string_view ending, CodecOutput& out) {
  // A line cut at max_line keeps a cut raw copy: the ending still shows how it ended.
  line_raw_ += ending;
  on_line(out);
  reset_line();
}

void LineCodec::begin_reply(int code) {
  reply_ = Reply{};
  reply_.code = code;
  if (code != 0) reply_.status = std::to_string(code);
  reply_.lines.push_back(line_);
  reply_.raw = line_raw_;
}

void LineCodec::begin_multiline(std::string_view code) {
  in_multiline_ = true;
  code_prefix_ = std::string(code);
}

void LineCodec::add_to_reply(CodecOutput& out, bool last) {
  // Room is always left for the last line, so a cut reply still shows how it ended.
  const std::size_t keep = std::max<std::size_t>(limits_.max_lines, 2);
  if (!last && reply_.lines.size() + 1 >= keep) {
    if (!reply_overfull_) {
      reply_overfull_ = true;
      add_finding(out, "too-many-lines", rules_.ref_reply,
                  "multi-line reply " + code_prefix_ + " longer than " +
                      std::to_string(limits_.max_lines) + " lines; the rest is dropped");
    }
    return;
  }
  reply_.lines.push_back(line_);
  reply_.raw += line_raw_;
}

void LineCodec::emit(CodecOutput& out) {
  out.replies.push_back(std::move(reply_));
  reply_ = Reply{};
  in_multiline_ = false;
  code_prefix_.clear();
  reply_overfull_ = false;
}

CodecOutput LineCodec::finish() {
  CodecOutput out;
  const bool partial_line = line_started_;
  if (partial_line) {
    add_finding(out, "partial-at-close", rules_.ref_reply, "connection closed inside a line");
    // A lone trailing CR began a line ending that never completed: raw keeps it.
    if (pending_cr_) line_raw_ += '\r';
    pending_cr_ = false;
    closing_ = true;
    end_line("", out);
    closing_ = false;
  }
  if (in_multiline_) {
    if (!partial_line) {
      add_finding(out, "partial-at-close", rules_.ref_reply,
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

void LineCodec::add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                            std::string message) const {
  out.findings.push_back(FramingFinding{
      std::move(kind), "line at byte " + std::to_string(line_start_) + ": " + message,
      std::string(ref)});
}

void LineCodec::reset_line() {
  line_.clear();
  line_raw_.clear();
  line_length_ = 0;
  line_started_ = false;
  pending_cr_ = false;
  line_overlong_ = false;
  line_has_nul_ = false;
  line_has_cr_ = false;
}

}  // namespace rfcheck::proto
