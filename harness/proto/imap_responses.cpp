// The IMAP codec's second half: a response's line parts (and literals) into a Reply, tags
// paired with the commands that sent them (RFC 3501 2.2.2, 7). The first half, bytes to line
// parts, is imap_codec.cpp.
#include <algorithm>
#include <optional>
#include <utility>

#include "proto/imap_codec.h"
#include "proto/imap_text.h"
#include "proto/line_codec.h"

namespace rfcheck::proto {

using namespace imap_text;

void ImapCodec::add_part(std::string_view ending, CodecOutput& out) {
  if (reply_.lines.empty()) {
    reply_.lines.push_back(line_.head);
    reply_.raw = line_.head;
    reply_.raw += ending;
    raw_cap_ = reply_.raw.size() + limits_.max_body;
    part_kept_ = true;
    read_first_line(out);
    return;
  }
  append_raw(line_.head);
  append_raw(ending);
  if (!lines_full_ && reply_.lines.size() >= std::max<std::size_t>(limits_.max_lines, 1)) {
    lines_full_ = true;
    add_finding(out, "too-many-lines", kRefResponses,
                "response of more than " + std::to_string(limits_.max_lines) +
                    " line parts; later parts and their literals are dropped");
  }
  part_kept_ = !lines_full_;
  if (part_kept_) reply_.lines.push_back(line_.head);
}

void ImapCodec::read_first_line(CodecOutput& out) {
  const std::string_view line = line_.head;
  if (!line.empty() && line[0] == '*') {
    reply_.tag = "*";
    if (line.size() < 2 || line[1] != ' ') {
      syntax_finding(out, "bad-untagged", kRefResponses,
                     "untagged response " + excerpt(line) + " has no SP after \"*\"");
    } else {
      read_untagged(line.substr(2), out);
    }
  } else if (!line.empty() && line[0] == '+') {
    // RFC 3501 7.5: continue-req = "+" SP (resp-text / base64).
    reply_.tag = "+";
    reply_.status = "+";
    if (line.size() > 1 && line[1] != ' ') {
      syntax_finding(out, "bad-response", kRefTags,
                     "continuation request " + excerpt(line) + " has no SP after \"+\"");
    } else {
      read_response_code(line.substr(1), reply_.response_code);
    }
  } else {
    const std::size_t sp = line.find(' ');
    const std::string_view tag = line.substr(0, sp);
    if (sp == std::string_view::npos || !is_tag(tag)) {
      syntax_finding(out, "bad-response", kRefTags,
                     "line " + excerpt(line) + " starts with none of \"*\", \"+\" or a tag");
    } else {
      read_tagged(tag, line.substr(sp + 1), out);
    }
  }
  check_greeting(out);
}

// RFC 3501 7 and 9: status (OK, NO, BAD, PREAUTH, BYE) with its optional code, data with
// its keyword (CAPABILITY, LIST, FLAGS, ...), or a number and its keyword (EXISTS, FETCH).
void ImapCodec::read_untagged(std::string_view rest, CodecOutput& out) {
  const std::string_view word = first_word(rest);
  if (is_digits(word)) {
    const std::string_view after = rest.substr(word.size());
    const std::string_view keyword = after.empty() ? after : first_word(after.substr(1));
    if (!is_atom(keyword)) {
      syntax_finding(out, "bad-untagged", kRefResponses,
                     "untagged response " + excerpt(rest) + " has no keyword after its number");
      return;
    }
    reply_.status = upper_copy(keyword);
    return;
  }
  if (!is_atom(word)) {
    syntax_finding(out, "bad-untagged", kRefResponses,
                   "untagged response " + excerpt(rest) + " starts with no keyword");
    return;
  }
  reply_.status = upper_copy(word);
  if (imap_is_status_word(word) &&
      !read_response_code(rest.substr(word.size()), reply_.response_code)) {
    syntax_finding(out, "bad-untagged", kRefResponses,
                   "status response " + excerpt(rest) + " opens a response code with \"[\" "
                   "and never closes it");
  }
}

void ImapCodec::read_tagged(std::string_view tag, std::string_view rest, CodecOutput& out) {
  reply_.tag = std::string(tag);
  complete_tag(tag, out);
  // RFC 3501 7.1: a completion is OK, NO or BAD (PREAUTH and BYE are never tagged).
  const std::string_view word = first_word(rest);
  if (!iequals(word, "OK") && !iequals(word, "NO") && !iequals(word, "BAD")) {
    syntax_finding(out, "bad-response", kRefResponses,
                   "tagged response " + excerpt(rest) + " is not OK, NO or BAD");
    return;
  }
  reply_.status = upper_copy(word);
  if (!read_response_code(rest.substr(word.size()), reply_.response_code)) {
    syntax_finding(out, "bad-response", kRefResponses,
                   "tagged response " + excerpt(rest) + " opens a response code with \"[\" "
                   "and never closes it");
  }
}

void ImapCodec::check_greeting(CodecOutput& out) {
  if (!greeting_due_) return;
  greeting_due_ = false;
  reply_.answers = "";
  const bool good = reply_.tag == "*" && (reply_.status == "OK" ||
                                          reply_.status == "PREAUTH" || reply_.status == "BYE");
  if (!good) {
    syntax_finding(out, "bad-greeting", kRefGreeting,
                   "greeting " + excerpt(reply_.lines[0]) +
                       " is not an untagged OK, PREAUTH or BYE");
  }
}

void ImapCodec::complete_tag(std::string_view tag, CodecOutput& out) {
  if (tag == auth_tag_) {
    auth_tag_.clear();  // the exchange is over: lines are commands again
    auth_answer_due_ = false;
  }
  // A synchronizing literal not yet begun ({0} included: nothing of the line after it sent).
  const bool literal_unsent =
      sent_literal_left_ > 0 || (sent_continues_ && sent_line_.length == 0);
  if (tag == sent_tag_ && literal_unsent && sent_literal_sync_) {
    // RFC 3501 7.5: a server that refuses a synchronizing literal completes the command
    // instead of sending "+", and the client sends no literal: its next line is a command.
    sent_literal_left_ = 0;
    sent_continues_ = false;
    sent_line_.clear();
  }
  const auto it = std::find_if(tags_.begin(), tags_.end(),
                               [&](const PendingCommand& p) { return p.tag == tag; });
  if (it != tags_.end()) {
    reply_.answers = std::move(it->keyword);
    tags_.erase(it);
    return;
  }
  reply_.answers = "";
  // A tag longer than the codec remembers may well be one the client sent.
  if (tag.size() > kImapMaxTag) return;
  add_finding(out, "unknown-tag", kRefTags,
              "tagged response for " + excerpt(tag) +
                  ", which is not outstanding (never sent, or already completed)");
}

}  // namespace rfcheck::proto
