// RFC 2822 3.4 address lists (From, To, Cc, ...) as the ENVELOPE needs them (RFC 3501 7.4.2):
// display name, source route, mailbox and host of each address, with groups marked the IMAP
// way (a start entry with the group name as mailbox and NIL host, an end entry all NIL).
// Lenient: comments are dropped, obsolete forms and junk give best-effort entries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fimapd {

struct Address {
  std::optional<std::string> name;
  std::optional<std::string> adl;      // source route "@a,@b", rarely present
  std::optional<std::string> mailbox;  // local part; group name at a group start
  std::optional<std::string> host;     // NIL marks group start/end
};

std::vector<Address> parse_address_list(std::string_view value);

}  // namespace fimapd
