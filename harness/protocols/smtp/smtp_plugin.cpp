// SMTP (RFC 2821, RFC 1869, RFC 3207, RFC 4954): reply codec and 4.3.2 table in proto/, the
// oracle and message checks in runner/, and the fuzz model beside this file.
#include "protocols/smtp/smtp_plugin.h"

#include "runner/smtp_oracle.h"

namespace rfcheck {
namespace fuzz {
ProtocolModel make_smtp_fuzz_model();
}

namespace {

ProtocolPlugin make_plugin() {
  ProtocolPlugin p;
  ProtocolSupport& s = p.support;
  s.name = "smtp";
  s.default_rfc = "RFC 2821";
  s.make_codec = &make_smtp_codec;
  s.make_oracle = &make_smtp_oracle;
  s.tls_ref = "RFC 3207 4";
  p.fuzz_model = fuzz::make_smtp_fuzz_model();
  p.fuzz_model.rfc = s.default_rfc;  // one source for what exported cases cite
  return p;
}

}  // namespace

const ProtocolPlugin& smtp_plugin() {
  static const ProtocolPlugin plugin = make_plugin();
  return plugin;
}

}  // namespace rfcheck
