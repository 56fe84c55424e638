// The file that makes a mailbox's UIDs persistent (RFC 3501 2.3.1.1): DIR/fault_imapd-uidlist
// holds UIDVALIDITY, UIDNEXT and, per message file, its UID, internal date and keywords
// (Maildir file names carry only the system flags). It also marks the directory: when it is
// gone, the directory was removed and made anew (the harness resets an account that way), so
// the mailbox is a new one and gets a new UIDVALIDITY.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dates.hpp"

namespace fimapd {

struct UidListEntry {
  std::uint32_t uid = 0;
  ZonedTime internal_date;
  std::vector<std::string> keywords;
};

struct UidList {
  std::uint32_t uidvalidity = 0;
  std::uint32_t uidnext = 1;
  std::map<std::string, UidListEntry> messages;  // by file base name
};

std::string uidlist_path(const std::string& dir);
bool uidlist_exists(const std::string& dir);
std::optional<UidList> read_uidlist(const std::string& dir);
bool write_uidlist(const std::string& dir, const UidList& list);

// A UIDVALIDITY no mailbox of this process had before: the time, or one more than the last.
std::uint32_t new_uidvalidity();

}  // namespace fimapd
