// FTP (RFC 959, RFC 2428, RFC 2577): reply codec and 5.4 table in proto/, the oracle and data
// channels in runner/, fixture upload by STOR, and the fuzz model beside this file.
#include "protocols/ftp/ftp_plugin.h"

#include "runner/ftp_oracle.h"
#include "runner/ftp_provision.h"

namespace rfcheck {
namespace fuzz {
ProtocolModel make_ftp_fuzz_model();
}

namespace {

// PASV can only name an IPv4 address; on IPv6 the passive fixtures use EPSV (RFC 2428 3).
// net_proto: RFC 2428 2's address family numbers.
std::map<std::string, std::string> ftp_connection_variables(const std::string& local_address) {
  const bool ipv6 = local_address.find(':') != std::string::npos;
  return {{"passive_command", ipv6 ? "EPSV" : "PASV"}, {"net_proto", ipv6 ? "2" : "1"}};
}

ProtocolPlugin make_plugin() {
  ProtocolPlugin p;
  ProtocolSupport& s = p.support;
  s.name = "ftp";
  s.default_rfc = "RFC 959";
  s.make_codec = &make_ftp_codec;
  s.make_oracle = &make_ftp_oracle;
  s.has_data_channel = true;
  s.telnet_control = true;
  s.reserves_data_ports = true;
  s.tls_ref = "RFC 4217 4";
  s.connection_variables = &ftp_connection_variables;
  s.provision_case = &ftp_provision_case;
  p.fuzz_model = fuzz::make_ftp_fuzz_model();
  p.fuzz_model.rfc = s.default_rfc;  // one source for what exported cases cite
  return p;
}

}  // namespace

const ProtocolPlugin& ftp_plugin() {
  static const ProtocolPlugin plugin = make_plugin();
  return plugin;
}

}  // namespace rfcheck
