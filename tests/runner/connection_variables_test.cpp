// The variables each protocol's plug-in derives from the harness's own address on a case's
// main connection.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "protocols/registry.h"

namespace rfcheck {
namespace {

std::map<std::string, std::string> variables(const char* protocol, const std::string& local) {
  const ProtocolSupport* p = find_protocol(protocol);
  if (!p || !p->connection_variables) return {};
  return p->connection_variables(local);
}

// RFC 2428 3: PASV names only IPv4 addresses, so over IPv6 the passive fixtures use EPSV.
TEST(ConnectionVariables, FtpPassiveCommandFollowsTheAddressFamily) {
  EXPECT_EQ(variables("ftp", "127.0.0.1")["passive_command"], "PASV");
  EXPECT_EQ(variables("ftp", "127.0.0.1")["net_proto"], "1");
  EXPECT_EQ(variables("ftp", "::1")["passive_command"], "EPSV");
  EXPECT_EQ(variables("ftp", "::1")["net_proto"], "2");
}

// RFC 2821 4.1.3: IPv4-address-literal = Snum 3("." Snum); IPv6-address-literal = "IPv6:"
// IPv6-addr; both in brackets.
TEST(ConnectionVariables, SmtpClientLiteralNamesTheAddressTheHarnessSpeaksFrom) {
  EXPECT_EQ(variables("smtp", "127.0.0.1")["client_literal"], "[127.0.0.1]");
  EXPECT_EQ(variables("smtp", "192.0.2.7")["client_literal"], "[192.0.2.7]");
  EXPECT_EQ(variables("smtp", "::1")["client_literal"], "[IPv6:::1]");
  EXPECT_EQ(variables("smtp", "fe80::1%lo")["client_literal"], "[IPv6:fe80::1]");
  // An IPv4 connection on a dual-stack socket is an IPv4 client.
  EXPECT_EQ(variables("smtp", "::ffff:127.0.0.1")["client_literal"], "[127.0.0.1]");
}

}  // namespace
}  // namespace rfcheck
