// The host-port forms of FTP data channels: PASV's 227 reply and PORT's argument
// (RFC 959 4.1.2), EPSV's 229 reply and EPRT's argument (RFC 2428).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rfcheck {

struct HostPort {
  std::string host;
  int port = 0;
};

// Finds "h1,h2,h3,h4,p1,p2" in a 227 reply's text (RFC 959 leaves the surrounding text free).
std::optional<HostPort> parse_pasv_reply(std::string_view text);
// Finds "(<d><d><d>port<d>)" in a 229 reply's text (RFC 2428 3); any delimiter 33..126.
std::optional<int> parse_epsv_reply(std::string_view text);
// "127,0,0,1,p1,p2"; nullopt for a non-IPv4 address.
std::optional<std::string> port_argument(const std::string& ipv4, int port);
// "|1|127.0.0.1|port|" or "|2|::1|port|".
std::string eprt_argument(const std::string& address, int port);

}  // namespace rfcheck
