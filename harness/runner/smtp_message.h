// SMTP message content on the wire and in the mailbox: DATA transparency (RFC 2821 4.5.2)
// and the delivered-message check against a Maildir.
#pragma once

#include <optional>
#include <string>

#include "net/stream.h"

namespace rfcheck {

// TEXT as DATA content: a "." added to every line that starts with ".", a CRLF added when
// TEXT does not end in one, then ".\r\n".
std::string smtp_data_content(const std::string& text);

struct MailboxMatch {
  bool found = false;
  std::string file;       // the delivered file that matched
  std::size_t scanned = 0;  // files looked at
  std::string closest;    // when not found: the newest file's tail, for the report
};

// Polls `maildir`/new and /cur until a file ends with `message` (line ends compared as LF:
// a Maildir holds the local form) or the deadline passes. The server may add trace header
// lines above the message (RFC 2821 4.4), so only the end must match.
MailboxMatch find_delivered(const std::string& maildir, const std::string& message,
                            net::Deadline deadline);

}  // namespace rfcheck
