// Maildir delivery: the message is written to tmp/ under a unique name, then renamed into new/
// (readers never see a partial file).
#pragma once

#include <string>

namespace fsmtpd {

// A unique file name "SECONDS.MMICROSPPIDQN.HOST" (also used as the queue id's source).
std::string unique_name();
// Writes content to maildir/tmp/NAME and renames it to maildir/new/NAME; false on any error.
bool deliver(const std::string& maildir, const std::string& content);
// RFC 5322 date-time in UTC: "Sun, 29 Nov 2026 17:42:10 +0000".
std::string rfc_date();

}  // namespace fsmtpd
