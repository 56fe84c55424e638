// How IMAP gives a case a mailbox of the suite's messages on a server rfcheck cannot reset
// (CREATE, then APPEND each message: RFC 1730 6.3.3, 6.3.10), and removes what a case made
// (LIST the names holding the case's token, DELETE each: 6.3.8, 6.3.4).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/spec_model.h"
#include "runner/protocol_support.h"

namespace rfcheck {

std::vector<Step> imap_provision_mailbox(const std::vector<MaildropMessage>& messages);

std::string imap_remove_case_mailboxes(const HousekeepingCommand& command,
                                       const std::map<std::string, std::string>& variables,
                                       const std::string& token);

// The mailbox names of LIST responses (RFC 1730 7.2.2: `* LIST (attributes) delimiter name`,
// the name an atom, a quoted string or a literal).
std::vector<std::string> imap_listed_names(const std::vector<proto::Reply>& responses);

}  // namespace rfcheck
