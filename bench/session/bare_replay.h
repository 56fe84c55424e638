// The bare replay loop: the same sessions the fuzzer plays, with nothing but POSIX sockets and
// the one rule that a reply ends at a line "ddd " (RFC 959 4.2, RFC 2821 4.2) — no codec,
// no oracle, no feedback, no transcript. What the server itself can take: the benchmark
// divides the fuzzer's sessions per second by this loop's.
#pragma once

#include <chrono>
#include <string>

#include "fuzz/session.h"

namespace rfcheck::bench {

struct BareOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  bool ftp = true;  // data actions (PASV/PORT) only for FTP
  std::chrono::milliseconds silence{20};  // the same floor the fuzzer's silence starts from
};

// Plays one session; false when the server could not be reached.
bool bare_play(const fuzz::Session& session, const BareOptions& options);

}  // namespace rfcheck::bench
