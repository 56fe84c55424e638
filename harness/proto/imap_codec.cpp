#include "proto/imap_codec.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "proto/imap_text.h"
#include "proto/line_codec.h"

namespace rfcheck::proto {
using namespace imap_text;

bool imap_is_status_word(std::string_view word) {
  for (const std::string_view status : {"OK", "NO", "BAD", "PREAUTH", "BYE"}) {
    if (iequals(word, status)) return true;
  }
  return false;
}

ImapLiteralSize imap_literal_size(std::string_view line) {
  line = strip_line_end(line);
  ImapLiteralSize out;
  if (line.empty() || line.back() != '}') return out;
  line.remove_suffix(1);
  const bool plus = !line.empty() && line.back() == '+';
  if (plus) line.remove_suffix(1);
  const std::size_t open = line.find_last_not_of("0123456789");
  if (open == std::string_view::npos || line[open] != '{') return out;
  const std::string_view digits = line.substr(open + 1);
  out.found = true;
  out.non_synchronizing = plus;
  if (digits.empty()) return out;
  std::uint64_t n = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  for (char c : digits) {
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (n > (kMax - d) / 10) return out;  // does not fit: not a size the codec can count
    n = n * 10 + d;
  }
  out.valid = true;
  out.size = n;
  return out;
}

// ---- BoundedLine ----

void ImapCodec::BoundedLine::add(char c, std::size_t cap) {
  ++length;
  if (head.size() < cap) {
    head += c;
    return;
  }
  if (length == cap + 1) {
    // The first byte dropped: the tail starts with the end of what was kept.
    tail = head.substr(head.size() - std::min(head.size(), kTailKept));
  }
  tail += c;
  if (tail.size() > 2 * kTailKept) tail.erase(0, tail.size() - kTailKept);  // amortized
}

std::string_view ImapCodec::BoundedLine::end() const {
  if (length <= head.size()) return head;
  const std::string_view t = tail;
  return t.substr(t.size() - std::min(t.size(), kTailKept));
}

void ImapCodec::BoundedLine::clear() {
  head.clear();
  tail.clear();
  length = 0;
}

ImapCodec::ImapCodec(CodecLimits limits) : limits_(limits) {}

// ---- Client side ----

void ImapCodec::on_sent(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (sent_literal_left_ > 0) {
      // Literal data is whatever the client says it is: never a command line.
      const std::size_t n = static_cast<std::size_t>(
          std::min<std::uint64_t>(sent_literal_left_, bytes.size() - i));
      sent_literal_left_ -= n;
      i += n;
      continue;
    }
    on_sent_byte(bytes[i++]);
  }
}

void ImapCodec::on_sent_byte(char c) {
  if (c == '\n') {
    on_client_line();
    return;
  }
  // The tag and keyword are at the line's start, a literal announcement at its end: both
  // survive the cut at max_line.
  sent_line_.add(c, limits_.max_line);
}

void ImapCodec::on_client_line() {
  if (!auth_tag_.empty() && !sent_continues_ && auth_answer_due_) {
    // RFC 3501 6.2.2: the client's answer to a challenge (or "*" to cancel) is a line of
    // its own, with no tag; the AUTHENTICATE still awaits its completion. One answer per
    // challenge: a line sent with no challenge open is a command pipelined behind it.
    auth_answer_due_ = false;
    sent_line_.clear();
    return;
  }
  if (!sent_continues_) register_command(strip_line_end(sent_line_.head));
  const ImapLiteralSize literal = imap_literal_size(sent_line_.end());
  sent_line_.clear();
  sent_continues_ = literal.valid;
  if (literal.valid) {
    sent_literal_left_ = literal.size;
    sent_literal_sync_ = !literal.non_synchronizing;
  }
}

void ImapCodec::register_command(std::string_view line) {
  const std::string_view tag = first_word(line);
  sent_tag_.clear();
  // An empty line is no command (the server may answer it with an untagged BAD), and "+" or
  // "*" is no tag (RFC 3501 9: tag = 1*<any ASTRING-CHAR except "+">, and "*" is no
  // ASTRING-CHAR): servers answer such lines untagged, so nothing would complete them.
  if (tag.empty() || tag.size() > kImapMaxTag || !is_tag(tag)) return;
  sent_tag_ = std::string(tag);
  const std::string_view rest = line.substr(std::min(line.size(), tag.size() + 1));
  const std::string_view verb = first_word(rest);
  if (iequals(verb, "AUTHENTICATE")) auth_tag_ = sent_tag_;
  std::string keyword = upper_copy(verb.substr(0, kImapMaxTag));
  if (keyword == "UID") {
    const std::string_view after = rest.substr(std::min(rest.size(), verb.size() + 1));
    keyword += " " + upper_copy(first_word(after).substr(0, kImapMaxTag));
  }
  if (tags_.size() < kImapMaxPendingCommands) tags_.push_back({sent_tag_, std::move(keyword)});
}

// ---- Server side: bytes to line parts and literals ----

CodecOutput ImapCodec::feed(std::string_view bytes) {
  CodecOutput out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (in_literal_) {
      i += feed_literal(bytes.substr(i), out);
      continue;
    }
    on_byte(bytes[i++], out);
    ++offset_;
  }
  return out;
}

// Takes what the literal still lacks from bytes; returns how much it took.
std::size_t ImapCodec::feed_literal(std::string_view bytes, CodecOutput& out) {
  const auto n =
      static_cast<std::size_t>(std::min<std::uint64_t>(literal_left_, bytes.size()));
  const std::string_view octets = bytes.substr(0, n);
  append_raw(octets);
  if (literal_kept_) {
    const std::size_t room =
        literal_octets_ < limits_.max_body ? limits_.max_body - literal_octets_ : 0;
    const std::size_t kept = std::min(room, n);
    reply_.literals.back().append(octets.substr(0, kept));
    literal_octets_ += kept;
    if (kept < n && first_in_response(kLiteralTooLarge)) {
      add_finding(out, "literal-too-large", kRefLiteral,
                  "literal of " + std::to_string(literal_size_) +
                      " octets: literals past the codec limit of " +
                      std::to_string(limits_.max_body) +
                      " octets per response are read and dropped");
    }
  }
  literal_left_ -= n;
  offset_ += n;
  if (literal_left_ == 0) end_literal();
  return n;
}

void ImapCodec::on_byte(char c, CodecOutput& out) {
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
    in_response_ = true;
  }
  if (c == '\r') {
    // Whether this CR ends the line depends on a byte that may come in the next feed.
    pending_cr_ = true;
  } else if (c == '\n') {
    if (first_in_response(kBareLf)) {
      add_finding(out, "bare-lf", kRefLines,
                  "line ended by LF without CR (lines are terminated by CRLF)");
    }
    end_line("\n", out);
  } else {
    append_line_byte(c, out);
  }
}

void ImapCodec::append_line_byte(char c, CodecOutput& out) {
  if (c == '\0' && first_in_response(kNulByte)) {
    // Inside a literal NUL is data (feed_literal); in a line it is no CHAR.
    add_finding(out, "nul-byte", kRefSyntax, "NUL byte inside a line, outside any literal");
  }
  if (c == '\r' && first_in_response(kCrInLine)) {
    add_finding(out, "cr-in-line", kRefLines, "CR not followed by LF inside a line");
  }
  line_.add(c, limits_.max_line);
  if (line_.cut(limits_.max_line) && first_in_response(kOverlongLine)) {
    add_finding(out, "overlong-line", kRefLines,
                "line longer than the codec limit of " + std::to_string(limits_.max_line) +
                    " bytes; cut");
  }
}

void ImapCodec::end_line(std::string_view ending, CodecOutput& out) {
  add_part(ending, out);
  // A line the close cut short announces nothing: no octets can follow it.
  const std::optional<std::uint64_t> literal =
      closing_ ? std::nullopt : literal_announced(out);
  reset_line();
  if (literal) {
    begin_literal(*literal);
  } else {
    emit(out);  // the response ends with this line
  }
}

// The size of the literal the part just read announces at its end, if it announces one.
std::optional<std::uint64_t> ImapCodec::literal_announced(CodecOutput& out) {
  const ImapLiteralSize literal = imap_literal_size(line_.end());
  if (!literal.found) return std::nullopt;
  if (!literal.valid || literal.non_synchronizing) {
    // Read as text: the server gave no size the codec can frame octets by.
    if (first_in_response(kBadLiteral)) {
      const std::string_view end = line_.end();
      add_finding(out, "bad-literal", kRefLiteral,
                  "literal announcement " + excerpt(end.substr(end.rfind('{'))) +
                      (literal.valid ? " is the client's {n+} form"
                                     : " has no number that fits in 64 bits") +
                      "; read as text");
    }
    return std::nullopt;
  }
  if (literal.size > kMaxImapNumber && first_in_response(kBadLiteral)) {
    // The server most likely sends what it announced: framing it keeps the stream in step.
    add_finding(out, "bad-literal", kRefSyntax,
                "literal of " + std::to_string(literal.size) +
                    " octets: a number is at most 4294967295; framed as a literal anyway");
  }
  return literal.size;
}

void ImapCodec::begin_literal(std::uint64_t size) {
  literal_size_ = size;
  literal_left_ = size;
  // A literal gets an entry only when its announcing part did (max_lines bounds both).
  literal_kept_ = part_kept_;
  if (literal_kept_) reply_.literals.emplace_back();
  in_literal_ = size > 0;
  if (size == 0) end_literal();
}

void ImapCodec::end_literal() {
  // The response goes on with another line part, whose first byte opens it.
  in_literal_ = false;
  literal_left_ = 0;
}

void ImapCodec::reset_line() {
  line_.clear();
  line_started_ = false;
  pending_cr_ = false;
}

void ImapCodec::append_raw(std::string_view bytes) {
  const std::size_t room = reply_.raw.size() < raw_cap_ ? raw_cap_ - reply_.raw.size() : 0;
  reply_.raw.append(bytes.substr(0, room));
}

void ImapCodec::emit(CodecOutput& out) {
  // The greeting and a completion already say what they answer (check_greeting,
  // complete_tag); untagged data belongs to the oldest command in progress (RFC 3501 5.5
  // lets the server answer pipelined commands in order), a continuation request to the
  // latest, since the client sends nothing after a synchronizing literal's announcement.
  if (!reply_.answers) {
    if (tags_.empty() || (reply_.tag != "*" && reply_.tag != "+")) reply_.answers = "";
    else reply_.answers = reply_.tag == "*" ? tags_.front().keyword : tags_.back().keyword;
  }
  if (reply_.tag == "+" && !auth_tag_.empty()) auth_answer_due_ = true;  // a SASL challenge
  out.replies.push_back(std::move(reply_));
  reset_response();
}

void ImapCodec::reset_response() {
  reply_ = Reply{};
  in_response_ = false;
  in_literal_ = false;
  literal_left_ = 0;
  literal_size_ = 0;
  literal_kept_ = false;
  literal_octets_ = 0;
  part_kept_ = false;
  raw_cap_ = 0;
  lines_full_ = false;
  reported_ = 0;
}

CodecOutput ImapCodec::finish() {
  CodecOutput out;
  if (in_literal_) {
    add_finding(out, "partial-at-close", kRefLiteral,
                "connection closed inside a literal of " + std::to_string(literal_size_) +
                    " octets, " + std::to_string(literal_left_) + " short");
    emit(out);
  } else if (line_started_) {
    add_finding(out, "partial-at-close", kRefLines, "connection closed inside a line");
    // A lone trailing CR began a line ending that never completed: raw keeps it.
    const std::string_view ending = pending_cr_ ? "\r" : "";
    pending_cr_ = false;
    closing_ = true;
    end_line(ending, out);
    closing_ = false;
  } else if (in_response_) {
    add_finding(out, "partial-at-close", kRefLiteral,
                "connection closed after a literal, before the response went on");
    emit(out);
  }
  reset_connection();
  return out;
}

void ImapCodec::reset_connection() {
  tags_.clear();
  auth_tag_.clear();
  auth_answer_due_ = false;
  sent_line_.clear();
  sent_continues_ = false;
  sent_literal_left_ = 0;
  sent_literal_sync_ = false;
  sent_tag_.clear();
  reset_line();
  offset_ = 0;
  line_start_ = 0;
  greeting_due_ = true;
  reset_response();
}

void ImapCodec::syntax_finding(CodecOutput& out, std::string kind, std::string_view ref,
                               std::string message) const {
  // A line the close cut short fails to parse for that reason alone: partial-at-close
  // already says so.
  if (!closing_) add_finding(out, std::move(kind), ref, std::move(message));
}

void ImapCodec::add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                            std::string message) const {
  out.findings.push_back(FramingFinding{
      std::move(kind), "line at byte " + std::to_string(line_start_) + ": " + message,
      std::string(ref)});
}

bool ImapCodec::first_in_response(unsigned kind_bit) {
  if (reported_ & kind_bit) return false;
  reported_ |= kind_bit;
  return true;
}

}  // namespace rfcheck::proto
