// The checks of a multi-line response's body (POP3's RETR, TOP, LIST, UIDL): byte for byte
// against a maildrop message or what TOP returns of it, every line's form, a value that must
// not repeat across lines. Pure: the caller compiles the regexes and judges the verdict.
#pragma once

#include <optional>
#include <string>

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

}  // namespace rfcheck
