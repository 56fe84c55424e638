#include "proto/pop3_codec.h"

#include <algorithm>
#include <utility>

#include "proto/line_codec.h"

namespace rfcheck::proto {
namespace {

// Each finding names the sentence it rests on.
constexpr std::string_view kRefBasic = "RFC 1939 3";  // CRLF lines, +OK/-ERR, byte-stuffing
constexpr std::string_view kRefLength = "RFC 1939 3, RFC 2449 4";  // 512 octets with CRLF

// The line-level finding kinds reported at most once per response (Pop3Codec::reported_).
constexpr unsigned kBareLf = 1u << 0;
constexpr unsigned kCrInLine = 1u << 1;
constexpr unsigned kNulByte = 1u << 2;
constexpr unsigned kOverlongLine = 1u << 3;
constexpr unsigned kUnstuffedDot = 1u << 4;

// Enough of a keyword to name it in messages (RFC 2449 3: keywords are 3-4 VCHARs).
constexpr std::size_t kKeywordKept = 16;

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return upper(x) == upper(y);
         });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// A command line without its line ending, split at the first SP (RFC 1939 3: "Keywords and
// arguments are each separated by a single SPACE character").
struct CommandWords {
  std::string_view keyword;
  bool has_argument = false;
};

CommandWords split_command(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  const std::size_t sp = line.find(' ');
  CommandWords words{line.substr(0, sp), false};
  if (sp != std::string_view::npos) {
    // "LIST " with nothing after the space still asks for the whole listing.
    words.has_argument = line.find_first_not_of(' ', sp) != std::string_view::npos;
  }
  return words;
}

// The status indicator at the start of a line, as RFC 2449 3 has it: "+OK" / "-ERR" followed
// by SP or the end of the line, in any case (upper is false when not in upper case); "+"
// followed by SP or the end of the line when a continuation may come. Empty when none.
struct Status {
  std::string_view status;
  bool upper = true;
  std::string_view text;  // after the indicator and its SP
};

Status read_status(std::string_view line, bool continuation_allowed) {
  for (const std::string_view indicator : {std::string_view("+OK"), std::string_view("-ERR")}) {
    const std::size_t n = indicator.size();
    if (istarts_with(line, indicator) && (line.size() == n || line[n] == ' ')) {
      return Status{indicator, line.substr(0, n) == indicator,
                    line.size() == n ? std::string_view() : line.substr(n + 1)};
    }
  }
  if (continuation_allowed && !line.empty() && line[0] == '+' &&
      (line.size() == 1 || line[1] == ' ')) {
    return Status{"+", true, line.size() == 1 ? std::string_view() : line.substr(2)};
  }
  return Status{};
}

// RFC 2449 8: "an optional response code, enclosed in square brackets, at the beginning of
// the human readable text portion of an "+OK" or "-ERR" response". Without its "]" the
// "[" is only text.
std::string response_code(std::string_view text) {
  if (text.empty() || text[0] != '[') return {};
  const std::size_t close = text.find(']');
  if (close == std::string_view::npos) return {};
  return std::string(text.substr(1, close - 1));
}

// A line cut by the close may be the start of a good status ("+O" of "+OK"): the
// partial-at-close finding already says what went wrong.
bool status_prefix(std::string_view line) {
  return line.size() < 4 && (istarts_with("+OK", line) || istarts_with("-ERR", line));
}

// Appends as much of bytes as fits under cap; false when some did not fit.
bool append_bounded(std::string& to, std::string_view bytes, std::size_t cap) {
  const std::size_t room = to.size() < cap ? cap - to.size() : 0;
  to.append(bytes.substr(0, room));
  return bytes.size() <= room;
}

}  // namespace

bool pop3_multiline_command(std::string_view command_line) {
  const CommandWords words = split_command(command_line);
  if (iequals(words.keyword, "RETR") || iequals(words.keyword, "TOP") ||
      iequals(words.keyword, "CAPA")) {
    return true;
  }
  if (iequals(words.keyword, "LIST") || iequals(words.keyword, "UIDL")) {
    return !words.has_argument;
  }
  return false;
}

Pop3Codec::Pop3Codec(CodecLimits limits) : limits_(limits) {}

// ---- Client side ----

void Pop3Codec::on_sent(std::string_view bytes) {
  for (char c : bytes) {
    if (c == '\n') {
      on_command_line(sent_line_);
      sent_line_.clear();
    } else if (sent_line_.size() < limits_.max_line) {
      // Beyond max_line the rest of the line is dropped: the keyword and the presence of an
      // argument, all that framing needs, are at its start.
      sent_line_ += c;
    }
  }
}

void Pop3Codec::on_command_line(std::string_view line) {
  if (sasl_answers_due_ > 0) {
    // The client's answer to a SASL challenge, or "*" to cancel (RFC 5034 4): the AUTH
    // still awaits its +OK/-ERR, and this line gets no response of its own.
    --sasl_answers_due_;
    return;
  }
  if (commands_.size() >= kPop3MaxPendingCommands) return;
  // Every line is a command, an empty or garbled one too: RFC 1939 3 has the server answer
  // "syntactically invalid" commands with -ERR, so each line gets exactly one response.
  const CommandWords words = split_command(line);
  Command command;
  command.keyword.reserve(kKeywordKept);
  for (char c : words.keyword.substr(0, kKeywordKept)) command.keyword += upper(c);
  command.multiline = pop3_multiline_command(line);
  command.auth = command.keyword == "AUTH";
  commands_.push_back(std::move(command));
}

void Pop3Codec::on_continuation() {
  // The client answers a challenge with one line. When it already sent lines after the
  // AUTH (before it could see the challenge), the first of them is that answer: the server
  // reads it so. Otherwise the answer is still to come.
  if (commands_.size() > 1) {
    commands_.erase(commands_.begin() + 1);
  } else if (sasl_answers_due_ < kPop3MaxPendingCommands) {
    ++sasl_answers_due_;
  }
}

// ---- Server side: bytes to lines ----

CodecOutput Pop3Codec::feed(std::string_view bytes) {
  CodecOutput out;
  for (char c : bytes) {
    on_byte(c, out);
    ++offset_;
  }
  return out;
}

void Pop3Codec::on_byte(char c, CodecOutput& out) {
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
    if (first_in_response(kBareLf)) {
      add_finding(out, "bare-lf", kRefBasic,
                  "line ended by LF without CR (responses are terminated by CRLF)");
    }
    end_line("\n", out);
  } else {
    append_line_byte(c, out);
  }
}

void Pop3Codec::append_line_byte(char c, CodecOutput& out) {
  if (c == '\0' && first_in_response(kNulByte)) {
    add_finding(out, "nul-byte", kRefBasic, "NUL byte inside a line");
  }
  if (c == '\r' && first_in_response(kCrInLine)) {
    add_finding(out, "cr-in-line", kRefBasic, "CR not followed by LF inside a line");
  }
  ++line_length_;
  if (line_.size() >= limits_.max_line) {
    if (first_in_response(kOverlongLine)) {
      add_finding(out, "overlong-line", kRefBasic,
                  "line longer than the codec limit of " + std::to_string(limits_.max_line) +
                      " bytes; cut");
    }
    return;
  }
  line_ += c;
}

void Pop3Codec::end_line(std::string_view ending, CodecOutput& out) {
  if (in_body_) {
    on_body_line(ending, out);
  } else {
    on_status_line(ending, out);
  }
  reset_line();
}

void Pop3Codec::reset_line() {
  line_.clear();
  line_length_ = 0;
  line_started_ = false;
  pending_cr_ = false;
}

// ---- Lines to responses ----

void Pop3Codec::on_status_line(std::string_view ending, CodecOutput& out) {
  reply_ = Reply{};
  reply_.lines.push_back(line_);
  reply_.raw = line_;
  reply_.raw += ending;
  raw_cap_ = reply_.raw.size() + limits_.max_body;

  const bool greeting = greeting_due_;
  greeting_due_ = false;
  const bool after_auth = !greeting && !commands_.empty() && commands_.front().auth;
  const Status status = read_status(line_, after_auth);
  reply_.status = std::string(status.status);
  if (status.status == "+OK" || status.status == "-ERR") {
    reply_.response_code = response_code(status.text);
  }
  check_status_line(status.status, status.upper, out);
  if (!greeting && commands_.empty()) {
    add_finding(out, "unsolicited-response", kRefBasic,
                "response " + excerpt(line_) + " with no command outstanding");
  }
  if (greeting || commands_.empty()) {
    reply_.answers = "";
    emit(out);  // a greeting is one line; so is a response nothing asked for
    return;
  }
  answer(status.status, out);
}

void Pop3Codec::check_status_line(std::string_view status, bool upper, CodecOutput& out) {
  if (status.empty()) {
    if (!(closing_ && status_prefix(line_))) {
      add_finding(out, "bad-status", kRefBasic,
                  "line " + excerpt(line_) +
                      " does not start with \"+OK\" or \"-ERR\" followed by SP or CRLF");
    }
  } else if (!upper) {
    add_finding(out, "status-case", kRefBasic,
                "status " + excerpt(line_.substr(0, status.size())) + " not in upper case (" +
                    std::string(status) + ")");
  }
  // RFC 2449 4 holds the first line of a response to 512 octets. A SASL challenge carries
  // base64 whose size the mechanism decides, so it is not held to it.
  if (status != "+" && line_length_ + 2 > kPop3MaxStatusLine) {
    add_finding(out, "overlong-status", kRefLength,
                "status line of " + std::to_string(line_length_ + 2) +
                    " octets with CRLF; at most " + std::to_string(kPop3MaxStatusLine));
  }
}

// The status line answers the oldest outstanding command.
void Pop3Codec::answer(std::string_view status, CodecOutput& out) {
  reply_.answers = commands_.front().keyword;
  if (status == "+") {
    on_continuation();  // the AUTH stays outstanding
    emit(out);
    return;
  }
  Command command = std::move(commands_.front());
  commands_.pop_front();
  // The exchange is over: the client's next line is a command again.
  if (command.auth) sasl_answers_due_ = 0;
  if (status == "+OK" && command.multiline) {
    in_body_ = true;
    reply_.has_body = true;
    body_of_ = std::move(command.keyword);
    return;
  }
  emit(out);
}

void Pop3Codec::on_body_line(std::string_view ending, CodecOutput& out) {
  append_raw(line_);
  append_raw(ending);
  if (line_length_ == 1 && line_ == ".") {  // a longer line cut to "." is not the end
    emit(out);  // RFC 1939 3: "." CRLF ends the response and is not part of it
    return;
  }
  std::string_view content = line_;
  if (!content.empty() && content[0] == '.') {
    if (content.size() >= 2 && content[1] == '.') {
      content.remove_prefix(1);
    } else {
      // RFC 1939 3 has the client strip the dot anyway; the body keeps it, as the server
      // that forgot to stuff the line most likely meant it.
      if (first_in_response(kUnstuffedDot)) {
        add_finding(out, "unstuffed-dot", kRefBasic,
                    "body line " + excerpt(line_) + " of the response to " + excerpt(body_of_) +
                        " starts with \".\" but is not byte-stuffed");
      }
    }
  }
  add_body_line(content, out);
}

void Pop3Codec::add_body_line(std::string_view content, CodecOutput& out) {
  if (body_full_) return;  // read, counted in raw's bound, dropped
  const bool fits = append_bounded(reply_.body, content, limits_.max_body) &&
                    append_bounded(reply_.body, "\r\n", limits_.max_body);
  if (!lines_full_ && reply_.lines.size() >= std::max<std::size_t>(limits_.max_lines, 1)) {
    lines_full_ = true;
    add_finding(out, "too-many-lines", kRefBasic,
                "response to " + excerpt(body_of_) + " longer than " +
                    std::to_string(limits_.max_lines) + " lines; later lines are only in body");
  }
  if (!lines_full_) reply_.lines.emplace_back(content);
  if (!fits) {
    body_full_ = true;
    add_finding(out, "body-too-large", kRefBasic,
                "body of the response to " + excerpt(body_of_) +
                    " longer than the codec limit of " + std::to_string(limits_.max_body) +
                    " octets; the rest is read and dropped");
  }
}

void Pop3Codec::append_raw(std::string_view bytes) {
  append_bounded(reply_.raw, bytes, raw_cap_);
}

void Pop3Codec::emit(CodecOutput& out) {
  out.replies.push_back(std::move(reply_));
  reply_ = Reply{};
  in_body_ = false;
  body_of_.clear();
  raw_cap_ = 0;
  body_full_ = false;
  lines_full_ = false;
  reported_ = 0;
}

CodecOutput Pop3Codec::finish() {
  CodecOutput out;
  const bool partial_line = line_started_;
  if (partial_line) {
    add_finding(out, "partial-at-close", kRefBasic, "connection closed inside a line");
    // A lone trailing CR began a line ending that never completed: raw keeps it.
    const std::string_view ending = pending_cr_ ? "\r" : "";
    pending_cr_ = false;
    closing_ = true;
    end_line(ending, out);
    closing_ = false;
  }
  if (in_body_) {
    if (!partial_line) {
      add_finding(out, "partial-at-close", kRefBasic,
                  "connection closed inside the multi-line response to " + excerpt(body_of_));
    }
    emit(out);
  }
  reset_connection();
  return out;
}

void Pop3Codec::reset_connection() {
  commands_.clear();
  sent_line_.clear();
  sasl_answers_due_ = 0;
  reset_line();
  offset_ = 0;
  line_start_ = 0;
  greeting_due_ = true;
  reply_ = Reply{};
  in_body_ = false;
  body_of_.clear();
  raw_cap_ = 0;
  body_full_ = false;
  lines_full_ = false;
  reported_ = 0;
}

void Pop3Codec::add_finding(CodecOutput& out, std::string kind, std::string_view ref,
                            std::string message) const {
  out.findings.push_back(FramingFinding{
      std::move(kind), "line at byte " + std::to_string(line_start_) + ": " + message,
      std::string(ref)});
}

bool Pop3Codec::first_in_response(unsigned kind_bit) {
  if (reported_ & kind_bit) return false;
  reported_ |= kind_bit;
  return true;
}

}  // namespace rfcheck::proto
