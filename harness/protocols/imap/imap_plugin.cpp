// IMAP4 (RFC 1730; IMAP4rev1, RFC 3501; STARTTLS, RFC 2595): the response codec in proto/,
// the oracle in runner/, and the fuzz model beside this file. Commands are tagged by the
// harness; a case's maildrop is the account's INBOX.
#include "protocols/imap/imap_plugin.h"

#include "protocols/imap/imap_mailbox_housekeeping.h"
#include "runner/imap_oracle.h"

namespace rfcheck {
namespace fuzz {
ProtocolModel make_imap_fuzz_model();
}

namespace {

ProtocolPlugin make_plugin() {
  ProtocolPlugin p;
  ProtocolSupport& s = p.support;
  s.name = "imap";
  s.default_rfc = "RFC 1730";
  s.make_codec = &make_imap_codec;
  s.make_oracle = &make_imap_oracle;
  s.tls_ref = "RFC 2595 3.1";
  s.tags_commands = true;
  s.logout_command = "LOGOUT";  // RFC 1730 6.1.3
  s.maildrop_mailbox = "INBOX";
  s.provision_mailbox = &imap_provision_mailbox;
  s.remove_case_mailboxes = &imap_remove_case_mailboxes;
  p.fuzz_model = fuzz::make_imap_fuzz_model();
  p.fuzz_model.rfc = s.default_rfc;
  return p;
}

}  // namespace

const ProtocolPlugin& imap_plugin() {
  static const ProtocolPlugin plugin = make_plugin();
  return plugin;
}

}  // namespace rfcheck
