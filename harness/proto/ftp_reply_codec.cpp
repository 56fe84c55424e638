#include "proto/ftp_reply_codec.h"

#include <algorithm>

namespace rfcheck::proto {
namespace {

constexpr std::string_view kRef = "RFC 959 4.2";
// RFC 959 sets no line limit: only the codec's own bound cuts a line.
constexpr LineRules kRules{kRef, kRef, kRef, 0};

}  // namespace

FtpReplyCodec::FtpReplyCodec(CodecLimits limits) : LineCodec(limits, kRules) {}

void FtpReplyCodec::on_line(CodecOutput& out) {
  if (in_multiline()) {
    continue_reply(out);
  } else {
    start_reply(out);
  }
}

void FtpReplyCodec::start_reply(CodecOutput& out) {
  const std::string_view text = line();
  const bool has_code = starts_with_three_digits(text);

  if (has_code && text.size() >= 4 && (text[3] == ' ' || text[3] == '-')) {
    begin_reply(three_digit_code(text));
    if (!ftp_code_in_range(three_digit_code(text))) {
      add_finding(out, "code-range", kRef,
                  "reply code " + std::string(text.substr(0, 3)) +
                      " outside 1yz-5yz with second digit 0-5");
    }
    if (text[3] == '-') {
      begin_multiline(text.substr(0, 3));
      return;
    }
    emit(out);
    return;
  }

  // A line cut by the close may be the prefix of a good reply ("22" of "220 ..."): the
  // partial-at-close finding already says what went wrong.
  const bool digits_only = std::all_of(text.begin(), text.end(), is_digit);
  const bool cut_by_close = closing() && text.size() <= 3 && digits_only;
  if (has_code && text.size() == 3) {
    // "ddd" alone: the code is unambiguous, so the runner gets it; the missing SP is a
    // framing finding of its own rather than a second failure of every expectation.
    begin_reply(three_digit_code(text));
    if (!cut_by_close) {
      add_finding(out, "bad-code", kRef, "reply code " + excerpt(text) + " not followed by SP");
    }
    if (!ftp_code_in_range(three_digit_code(text))) {
      add_finding(out, "code-range", kRef,
                  "reply code " + std::string(text) + " outside 1yz-5yz with second digit 0-5");
    }
  } else {
    begin_reply(0);
    if (!cut_by_close) {
      add_finding(out, "bad-code", kRef,
                  "line " + excerpt(text) + " does not start with 3 digits and SP or '-'");
    }
  }
  emit(out);
}

void FtpReplyCodec::continue_reply(CodecOutput& out) {
  // Lines in between are free text (RFC 959 4.2); the same code and SP end the reply.
  const std::string_view text = line();
  const bool last =
      text.substr(0, 3) == code_prefix() && (text.size() == 3 || text[3] == ' ');
  add_to_reply(out, last);
  if (last) emit(out);
}

}  // namespace rfcheck::proto
