#include "target/listen_probe.h"

#include <string>

#include "core/text_file.h"

namespace rfcheck {
namespace {

constexpr std::string_view kListenState = "0A";  // TCP_LISTEN in include/net/tcp_states.h

}  // namespace

bool proc_net_tcp_has_listener(std::string_view table, int port) {
  // Lines: "  sl  local_address rem_address   st ..." then "0: 0100007F:1F90 00000000:0000 0A ..."
  std::size_t pos = 0;
  while (pos < table.size()) {
    std::size_t end = table.find('\n', pos);
    if (end == std::string_view::npos) end = table.size();
    std::istringstream line{std::string(table.substr(pos, end - pos))};
    pos = end + 1;
    std::string slot, local, remote, state;
    if (!(line >> slot >> local >> remote >> state)) continue;
    if (slot.empty() || slot.back() != ':') continue;  // the header line
    std::size_t colon = local.rfind(':');
    if (colon == std::string::npos || state != kListenState) continue;
    try {
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) return true;
    } catch (const std::exception&) {
      continue;
    }
  }
  return false;
}

bool port_is_listening(int port) {
  return proc_net_tcp_has_listener(read_text_file("/proc/net/tcp").value_or(""), port) ||
         proc_net_tcp_has_listener(read_text_file("/proc/net/tcp6").value_or(""), port);
}

}  // namespace rfcheck
