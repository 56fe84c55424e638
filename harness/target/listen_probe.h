// Readiness without touching the server: is a TCP socket in LISTEN state on a port?
// Reads /proc/net/tcp and /proc/net/tcp6 (no connection into the server, no `ss`).
#pragma once

#include <string_view>

namespace rfcheck {

// True when the text of a /proc/net/tcp or /proc/net/tcp6 table has a LISTEN entry on `port`
// (any local address).
bool proc_net_tcp_has_listener(std::string_view table, int port);

// Both tables of this network namespace.
bool port_is_listening(int port);

}  // namespace rfcheck
