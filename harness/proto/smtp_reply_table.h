// The SMTP command-reply table: which reply codes a server may send to each command
// (RFC 2821 4.3.2, plus the extension RFCs). One table; lookups, the sequence oracle and
// anything else that needs the list of known verbs read it. Standard library only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/code_set.h"
#include "proto/code_list.h"

namespace rfcheck::proto {

// The row for the connection greeting (RFC 2821 4.3.2 "CONNECTION ESTABLISHMENT"): the
// reply a server sends before any command. Not a valid verb, so it cannot collide with one.
inline constexpr std::string_view kSmtpGreeting = "(greeting)";

// Where in a command's exchange a reply comes. DATA and AUTH have two stages: a 3yz reply
// (354, 334) hands the client's next bytes to the command — the message up to
// <CRLF>.<CRLF>, or one line of SASL response — and the reply after those bytes is the
// command's again, judged by its after_intermediate codes.
enum class SmtpStage {
  kCommand,            // the first reply to the command (for the greeting: the greeting)
  kAfterIntermediate,  // the reply to what the client sent after a 3yz
};

// RFC 2821 4.2.1: "3yz Positive Intermediate reply ... This reply is used in command
// sequence groups (i.e., in DATA)". By the first digit, as 4.3.2 tells clients to read.
constexpr bool smtp_is_intermediate(int code) { return code >= 300 && code <= 399; }

struct SmtpCommandReplies {
  std::string verb;  // upper case: "MAIL"; kSmtpGreeting for the greeting
  std::string ref;   // where the row comes from: "RFC 2821 4.3.2", "RFC 4954 4, 6", ...
  // 3yz replies that start a second stage ("I:" in RFC 2821 4.3.2); empty for most rows.
  CodeSet intermediate;
  // The replies allowed in the second stage; empty exactly when intermediate is.
  CodeSet after_intermediate;
  // The row's "S:" and "E:" codes, with what other sections and extensions add.
  CodeSet completion;
  // The codes RFC 2821 4.3.2 and the extensions allow to "any SMTP command" (500, 501,
  // 530), for this verb; empty for the greeting, which answers no command. 421 aside: it
  // is allowed everywhere (see check_smtp_reply_sequence).
  CodeSet any_command;
};

// The row for a verb, case-insensitively; nullptr for verbs the table does not know.
const SmtpCommandReplies* smtp_command_replies(std::string_view verb);

// All rows, in table order: the greeting, RFC 2821 4.3.2 in the RFC's order, extensions.
std::span<const SmtpCommandReplies> smtp_command_reply_table();

// Checks one reply against the table. Returns a message for a violation, nullopt when the
// code is allowed or cannot be judged: an unknown verb, or code 0 (no code could be read;
// the codec reports that as a framing finding). 421 is always allowed (RFC 2821 3.9: it
// may come "after the server receives any command or, if necessary, asynchronously").
// kAfterIntermediate for a row without a second stage is judged like kCommand.
std::optional<ReplyViolation> check_smtp_reply_sequence(std::string_view verb, SmtpStage stage,
                                                     int code);

}  // namespace rfcheck::proto
