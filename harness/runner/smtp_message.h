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

// True when `delivered` (a Maildir file) holds the message `sent` intact: it ends with it
// (added fields above it), or its body is identical and every header field sent is there,
// unchanged and in order, among fields the server added (RFC 2821 4.4, 4.5.2). Line ends
// compare as LF.
bool delivered_intact(const std::string& delivered, const std::string& sent);

// Polls `maildir`/new and /cur until a file ends with `message` (line ends compared as LF:
// a Maildir holds the local form) or the deadline passes. See delivered_intact.
MailboxMatch find_delivered(const std::string& maildir, const std::string& message,
                            net::Deadline deadline);

}  // namespace rfcheck
