#include "proto/smtp_reply_codec.h"

#include <algorithm>

namespace rfcheck::proto {
namespace {

// Each finding names the sentence it rests on.
constexpr std::string_view kRefReply = "RFC 2821 4.2";          // reply syntax
constexpr std::string_view kRefLines = "RFC 2821 2.3.7";        // CRLF, no bare CR or LF
constexpr std::string_view kRefRange = "RFC 2821 4.2.1, 4.3.2";  // 2yz-5yz, x0z-x5z
constexpr std::string_view kRefMulti = "RFC 2821 4.2.1";        // the code on every line
constexpr std::string_view kRefLength = "RFC 2821 4.5.3.1";     // 512 octets with CRLF
constexpr LineRules kRules{kRefLines, kRefReply, kRefLength, kSmtpMaxReplyLine};

// "ddd" alone or "ddd SP ...": the form of a single-line reply or of a multi-line reply's
// last line (RFC 2821 4.2: Reply-line = Reply-code [ SP text ] CRLF).
bool has_final_form(std::string_view line) {
  return starts_with_three_digits(line) && (line.size() == 3 || line[3] == ' ');
}

bool has_continuation_form(std::string_view line) {
  return starts_with_three_digits(line) && line.size() >= 4 && line[3] == '-';
}

std::string range_message(std::string_view code) {
  return "reply code " + std::string(code) + " outside 2yz-5yz with second digit 0-5";
}

}  // namespace

SmtpReplyCodec::SmtpReplyCodec(CodecLimits limits) : LineCodec(limits, kRules) {}

void SmtpReplyCodec::on_line(CodecOutput& out) {
  if (in_multiline()) {
    continue_reply(out);
  } else {
    start_reply(out);
  }
}

void SmtpReplyCodec::start_reply(CodecOutput& out) {
  const std::string_view text = line();
  if (has_final_form(text) || has_continuation_form(text)) {
    const int code = three_digit_code(text);
    begin_reply(code);
    if (!smtp_code_in_range(code)) {
      add_finding(out, "code-range", kRefRange, range_message(text.substr(0, 3)));
    }
    if (has_continuation_form(text)) {
      begin_multiline(text.substr(0, 3));
      return;
    }
    emit(out);
    return;
  }
  begin_reply(0);
  // A line cut by the close may be the prefix of a good reply ("22" of "220 ..."): the
  // partial-at-close finding already says what went wrong.
  const bool cut_by_close =
      closing() && text.size() < 3 && std::all_of(text.begin(), text.end(), is_digit);
  if (!cut_by_close) {
    add_finding(out, "bad-code", kRefReply,
                "line " + excerpt(text) + " does not start with 3 digits and SP, '-' or CRLF");
  }
  emit(out);
}

void SmtpReplyCodec::continue_reply(CodecOutput& out) {
  const std::string_view text = line();
  const bool same_code = text.substr(0, 3) == code_prefix();
  const bool last = has_final_form(text);
  if (!same_code || !(last || has_continuation_form(text))) {
    const std::string what = starts_with_three_digits(text) && (last || text[3] == '-')
                                 ? "has code " + std::string(text.substr(0, 3))
                                 : "has no code followed by SP or '-'";
    add_finding(out, "continuation-code-mismatch", kRefMulti,
                "line " + excerpt(text) + " of multi-line reply " + code_prefix() + " " + what +
                    " (every line must start with " + code_prefix() + ")");
  }
  add_to_reply(out, last);
  if (last) emit(out);
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
