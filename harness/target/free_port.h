// Choosing ports for a launched server: a free control port and a free block for FTP passive
// mode. A port counts as free when it can be bound on the host's address right now.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>

namespace rfcheck {

// True when `port` can be bound on `host` (a numeric IPv4 or IPv6 address) now.
bool port_is_bindable(const std::string& host, int port);

// A port the kernel hands out for `host`:0 (bound, read, closed). nullopt: bad host or no port.
std::optional<int> pick_free_port(const std::string& host);

// `count` consecutive bindable ports, none in `avoid`, outside the kernel's ephemeral range
// (so ports the kernel hands out meanwhile do not land in it). Returns {first, last}.
std::optional<std::pair<int, int>> pick_free_port_block(const std::string& host, int count,
                                                        const std::set<int>& avoid);

// Gives a block from pick_free_port_block back (the server using it has stopped).
void release_port_block(std::pair<int, int> block);

}  // namespace rfcheck
