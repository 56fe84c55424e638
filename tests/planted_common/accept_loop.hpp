// The accept loop of a planted-bug server: listen on loopback, write the port file, print
// "listening on PORT", then serve each connection either inline (one at a time: a planted bug
// kills the whole server, the fuzzer sees it die) or in a forked child (--fork: a bug kills
// the child only, its ASan report lands on stderr while the server lives on).
#pragma once

#include <functional>
#include <string>

#include "fault_common/server.hpp"

namespace planted_common {

// session(fd) owns fd. busy_reply goes to a client no child could be forked for.
// Returns the exit status: 0 after SIGTERM/SIGINT, 1 when the socket cannot be set up.
int accept_loop(const std::string& program, const fcommon::ListenOptions& listen, bool fork_each,
                const std::string& busy_reply, const std::function<void(int fd)>& session);

}  // namespace planted_common
