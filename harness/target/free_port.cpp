#include "target/free_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <mutex>
#include <random>

namespace rfcheck {
namespace {

std::mutex& block_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::set<int>& handed_out() {
  static std::set<int> ports;
  return ports;
}

// Binds a TCP socket to host:port; returns the bound port or -1. The socket is closed.
int bind_probe(const std::string& host, int port) {
  sockaddr_storage addr{};
  socklen_t len = 0;
  int family = AF_INET;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  std::string numeric = host == "localhost" ? "127.0.0.1" : host;
  if (inet_pton(AF_INET, numeric.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    len = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, numeric.c_str(), &v6->sin6_addr) == 1) {
    family = AF_INET6;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    len = sizeof(sockaddr_in6);
  } else {
    return -1;
  }
  int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int result = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0) {
    sockaddr_storage bound{};
    socklen_t bound_len = sizeof(bound);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_len) == 0) {
      result = family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port)
                                 : ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
    }
  }
  ::close(fd);
  return result;
}

std::pair<int, int> ephemeral_range() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 32768, high = 60999;
  if (!(in >> low >> high) || low > high) return {32768, 60999};
  return {low, high};
}

}  // namespace

bool port_is_bindable(const std::string& host, int port) {
  return port > 0 && port < 65536 && bind_probe(host, port) == port;
}

std::optional<int> pick_free_port(const std::string& host) {
  int port = bind_probe(host, 0);
  if (port <= 0) return std::nullopt;
  return port;
}

std::optional<std::pair<int, int>> pick_free_port_block(const std::string& host, int count,
                                                        const std::set<int>& avoid) {
  // Blocks handed out by this process stay reserved: parallel launches must not share one
  // before their servers bind it.
  static std::mt19937 random(std::random_device{}());

  auto [eph_low, eph_high] = ephemeral_range();
  // Candidates: 10000 up to the ephemeral range, or above it when that leaves more room.
  int low = 10000, high = eph_low - 1;
  if (high - low < 65535 - eph_high) {
    low = eph_high + 1;
    high = 65535;
  }
  if (high - low + 1 < count) {
    low = 1025;
    high = 65535;
  }
  std::lock_guard lock(block_mutex());
  std::uniform_int_distribution<int> pick(low, high - count + 1);
  for (int attempt = 0; attempt < 200; ++attempt) {
    int first = pick(random);
    bool ok = true;
    for (int port = first; port < first + count && ok; ++port) {
      ok = !avoid.count(port) && !handed_out().count(port) && port_is_bindable(host, port);
    }
    if (!ok) continue;
    for (int port = first; port < first + count; ++port) handed_out().insert(port);
    return std::make_pair(first, first + count - 1);
  }
  return std::nullopt;
}

void release_port_block(std::pair<int, int> block) {
  std::lock_guard lock(block_mutex());
  for (int port = block.first; port <= block.second; ++port) handed_out().erase(port);
}

}  // namespace rfcheck
