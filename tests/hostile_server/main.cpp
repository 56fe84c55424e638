// hostile_server --behaviour NAME [--host H] [--port N] [--port-file F] [--marker M]
// Serves one hostile behaviour (its protocol comes with it) on loopback until SIGTERM.
// --marker is ignored: it only marks the command line (and that of every forked child) so a
// test can find whatever is left of the server. --list prints "NAME PROTOCOL RULE" per line.
#include <iostream>
#include <optional>

#include "behaviours.hpp"
#include "fault_common/server.hpp"

namespace {

int list() {
  for (const auto& b : hostile::behaviours())
    std::cout << b.name << " " << hostile::protocol_name(b.protocol) << " " << b.breaks << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--list") return list();
  const hostile::Behaviour* behaviour = nullptr;
  fcommon::ListenOptions listen;
  std::string err;
  auto other = [&](std::string_view name, const std::string& value, std::string& e) {
    if (name == "--marker") return true;
    if (name != "--behaviour") return false;
    behaviour = hostile::find_behaviour(value);
    if (!behaviour) e = "unknown behaviour '" + value + "' (--list names them)";
    return behaviour != nullptr;
  };
  const auto parsed = fcommon::parse_args(argc, argv, listen, other, err);
  if (parsed == fcommon::ParseResult::Help || (parsed == fcommon::ParseResult::Ok && !behaviour)) {
    std::cerr << "usage: hostile_server --behaviour NAME [--host H] [--port N] [--port-file F]\n";
    return parsed == fcommon::ParseResult::Help ? 0 : 2;
  }
  if (parsed == fcommon::ParseResult::Error) {
    std::cerr << "hostile_server: " << err << "\n";
    return 2;
  }
  static const hostile::Behaviour* const kept = behaviour;  // detached threads read it
  return fcommon::serve("hostile_server", listen, "421 busy\r\n", [](int fd) {
    hostile::Session session(fd, kept->protocol);
    hostile::run_session(session, *kept);
  });
}
