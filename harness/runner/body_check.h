// The checks of a multi-line response's body (POP3's RETR, TOP, LIST, UIDL): byte for byte
// against a maildrop message or what TOP returns of it, every line's form, a value that must
// not repeat across lines; and of the strings of an IMAP exchange (FETCH's message data). Pure: the caller compiles the regexes and judges the verdict.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/spec_model.h"
#include "proto/reply.h"

namespace re2 {
class RE2;
}

namespace rfcheck {

// Why a body check failed, for the case's result; nullopt when it holds.
struct BodyMismatch {
  std::string reason, expected, actual;
};

// What TOP msg n returns (RFC 1939 7): the header, the blank line, and the first n body
// lines (all of them when the body is shorter).
std::string top_of(const std::string& crlf_message, int lines);

// The body is the message (its CRLF form), or with `top`, what TOP returns of it.
std::optional<BodyMismatch> check_body_is(const proto::Reply& reply, const MaildropMessage& message,
                                          std::optional<int> top);
// Every body line matches `re`.
std::optional<BodyMismatch> check_each_line(const proto::Reply& reply, const re2::RE2& re);
// The first group of `re` differs on every body line it matches.
std::optional<BodyMismatch> check_unique(const proto::Reply& reply, const re2::RE2& re);

// IMAP: what a FETCH of `part` ("" the whole message, "header" the header and the blank line
// after it, "text" what follows; RFC 1730 6.4.5) returns of a CRLF message, and of that the
// octets a partial fetch <first.length> takes.
std::string message_part(const std::string& crlf_message, const std::string& part,
                         std::optional<std::pair<std::uint64_t, std::uint64_t>> partial);
// Some string of the exchange's untagged responses (a literal, or a quoted string: RFC 1730
// 4.3 lets the server send either) is exactly `expected`.
std::optional<BodyMismatch> check_some_string_is(const std::vector<proto::Reply>& responses,
                                                 const std::string& expected);

// The exchange's text: each response's text, joined by "\n" in order of arrival.
std::string exchange_text(const std::vector<proto::Reply>& responses);
// The response carries a bracketed code whose first word is one of `codes` (any case).
bool has_response_code(const proto::Reply& reply, const std::vector<std::string>& codes);

}  // namespace rfcheck
