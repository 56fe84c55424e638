// POP3 (RFC 1939, RFC 2449, RFC 2595, RFC 5034): the response codec in proto/, the pairing
// oracle in runner/, and the fuzz model beside this file. No fixture upload: POP3 cannot put
// messages into a maildrop, so a running server's maildrop is reset by the profile or the
// cases that need a known one are inconclusive (runner/maildrop).
#include "protocols/pop3/pop3_plugin.h"

#include "runner/pop3_oracle.h"

namespace rfcheck {
namespace fuzz {
ProtocolModel make_pop3_fuzz_model();
}

namespace {

ProtocolPlugin make_plugin() {
  ProtocolPlugin p;
  ProtocolSupport& s = p.support;
  s.name = "pop3";
  s.default_rfc = "RFC 1939";
  s.make_codec = &make_pop3_codec;
  s.make_oracle = &make_pop3_oracle;
  s.tls_ref = "RFC 2595 4";
  s.exclusive_logins = true;
  p.fuzz_model = fuzz::make_pop3_fuzz_model();
  p.fuzz_model.rfc = s.default_rfc;  // one source for what exported cases cite
  return p;
}

}  // namespace

const ProtocolPlugin& pop3_plugin() {
  static const ProtocolPlugin plugin = make_plugin();
  return plugin;
}

}  // namespace rfcheck
