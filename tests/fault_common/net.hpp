// Small socket helpers shared by the fault servers (listener, sessions, data channels).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <sys/socket.h>

namespace fcommon {

std::string ip_string(const sockaddr_storage& a);
int port_of(const sockaddr_storage& a);
void set_port(sockaddr_storage& a, int port);
bool same_ip(const sockaddr_storage& a, const sockaddr_storage& b);
socklen_t addr_len(const sockaddr_storage& a);
// Parses a numeric IPv4/IPv6 literal into out (port 0). family: AF_INET or AF_INET6.
bool parse_ip(int family, const std::string& text, sockaddr_storage& out);

// Binds and listens on addr (port may be 0); returns fd or -1.
int listen_on(const sockaddr_storage& addr, int backlog);
bool send_all(int fd, std::string_view data);
void close_fd(int& fd);
// Graceful close after a final reply (221/421): sends FIN, then reads and drops what the peer
// still sends until its EOF or ms milliseconds, so a command already on its way does not make
// the kernel answer with RST, which could discard the final reply before the peer read it.
// Does not close fd.
void linger_close(int fd, int ms);

}  // namespace fcommon
