// SMTP (RFC 2821, RFC 1869, RFC 3207, RFC 4954): reply codec and 4.3.2 table in proto/, the
// oracle and message checks in runner/, and the fuzz model beside this file.
#include "protocols/smtp/smtp_plugin.h"

#include "runner/smtp_oracle.h"

namespace rfcheck {
namespace fuzz {
ProtocolModel make_smtp_fuzz_model();
}

namespace {

// EHLO/HELO name the client; without a domain name of its own the harness sends an address
// literal of the address it speaks from (RFC 2821 4.1.1.1, 4.1.3: "[123.255.37.2]",
// "[IPv6:...]"), so a server that checks the argument against the connection sees the truth.
std::map<std::string, std::string> smtp_connection_variables(const std::string& local_address) {
  std::string address = local_address.substr(0, local_address.find('%'));  // no zone id
  const std::string mapped = "::ffff:";
  if (address.rfind(mapped, 0) == 0 && address.find('.') != std::string::npos) {
    address.erase(0, mapped.size());  // an IPv4 peer on a dual-stack socket
  }
  const bool ipv6 = address.find(':') != std::string::npos;
  return {{"client_literal", ipv6 ? "[IPv6:" + address + "]" : "[" + address + "]"}};
}

ProtocolPlugin make_plugin() {
  ProtocolPlugin p;
  ProtocolSupport& s = p.support;
  s.name = "smtp";
  s.default_rfc = "RFC 2821";
  s.make_codec = &make_smtp_codec;
  s.make_oracle = &make_smtp_oracle;
  s.tls_ref = "RFC 3207 4";
  s.connection_variables = &smtp_connection_variables;
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
