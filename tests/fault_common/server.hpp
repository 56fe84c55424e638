// What every fault server's main() shares: the listening options (--host, --port,
// --port-file), the command-line walk, and the serving loop (listen, port file, "listening on
// PORT", one detached thread per client, SIGTERM/SIGINT exit 0).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace fcommon {

struct ListenOptions {
  std::string host = "127.0.0.1";  // 127.0.0.1 or ::1 (loopback only)
  int port = 0;                    // 0 = let the kernel pick one
  std::string port_file;           // written atomically (rename) once listening
};

enum class ParseResult { Ok, Help, Error };

// Called for each "--name value" pair that is not --host/--port/--port-file. Returns false when
// the name is unknown (err left empty) or the value is bad (err set).
using OptionHandler =
    std::function<bool(std::string_view name, const std::string& value, std::string& err)>;

// Walks argv as "--name value" pairs; -h/--help anywhere before an error gives Help.
ParseResult parse_args(int argc, char** argv, ListenOptions& listen, const OptionHandler& other,
                       std::string& err);

// Listens, writes the port file, prints "listening on PORT" (flushed), then accepts until
// SIGTERM/SIGINT and runs session(fd) on a detached thread per client (session owns fd).
// A client that gets no thread is sent busy_reply and closed. Returns the exit status:
// 0 after a signal, 1 when the socket cannot be set up (reported as "program: listen: ...").
int serve(const std::string& program, const ListenOptions& listen, std::string_view busy_reply,
          std::function<void(int fd)> session);

}  // namespace fcommon
