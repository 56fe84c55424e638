// The FTP command-reply table: which reply codes a server may send to each command
// (RFC 959 5.4, plus the extension RFCs). One table; lookups, the sequence oracle and
// anything else that needs the list of known verbs read it. Standard library only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/code_set.h"
#include "proto/code_list.h"

namespace rfcheck::proto {

// The row for the connection greeting (RFC 959 5.4 "Connection Establishment"): the
// replies a server sends before any command. Not a valid command verb, so it cannot
// collide with one.
inline constexpr std::string_view kFtpGreeting = "(greeting)";

struct FtpCommandReplies {
  std::string verb;  // upper case: "STOR"; kFtpGreeting for the greeting
  std::string ref;   // where the row comes from: "RFC 959 5.4", "RFC 2428 3", ...
  // 1yz replies the command may get first; empty when it gets none.
  CodeSet preliminary;
  // The replies that may follow a 1yz (indented under it in RFC 959 5.4), 110 included
  // where the RFC lists "(110)": a restart marker, after which the final reply still comes.
  CodeSet after_preliminary;
  // Everything else allowed as the first (and then only) reply.
  CodeSet completion;
};

// The row for a verb, case-insensitively; nullptr for verbs the table does not know.
const FtpCommandReplies* ftp_command_replies(std::string_view verb);

// All rows, in table order: the greeting, RFC 959 5.4 in the RFC's order, extensions.
std::span<const FtpCommandReplies> ftp_command_reply_table();

// Checks one reply against the table. after_preliminary: a 1yz reply to this command has
// already arrived. Returns a message for a violation, nullopt when the code is allowed or
// cannot be judged: an unknown verb, or code 0 (no code could be read; the codec reports
// that as a framing finding). 421 is always allowed (see the .cpp for why).
std::optional<ReplyViolation> check_ftp_reply_sequence(std::string_view verb,
                                                    bool after_preliminary, int code);

}  // namespace rfcheck::proto
