// A server the harness starts from a target profile's launch: section: private workdir,
// chosen ports, own session, captured output, readiness, and a stop that leaves nothing behind.
// Boost.Process stays inside spawn.cpp.
#pragma once

#include <sys/types.h>

#include <memory>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/spec_model.h"
#include "core/target_profile.h"

namespace rfcheck {

// Where the first sanitizer report in `text` starts ("==123==ERROR: AddressSanitizer", a UBSan
// "runtime error:"), or npos.
std::size_t find_sanitizer_report(std::string_view text);

// What the protocol needs from the launch beyond the control port (the protocol's plug-in
// says: ProtocolSupport::reserves_data_ports).
struct LaunchNeeds {
  // A block of 20 free consecutive ports for FTP passive mode: {pasv_min}, {pasv_max}.
  bool data_ports = false;
};

class LaunchedServer {  // RAII: the destructor stops and reaps everything, then removes the workdir
 public:
  // Creates {workdir}, writes launch.files and the fixture files, runs launch.prepare, starts
  // launch.command and waits until the port is in LISTEN state. The error names the reason
  // (a failed prepare command's stderr, the server's exit and stderr tail, a timeout).
  static std::variant<std::unique_ptr<LaunchedServer>, std::string> start(
      const TargetProfile& profile, const std::vector<FixtureFile>& fixtures,
      LaunchNeeds needs = {});

  ~LaunchedServer();
  LaunchedServer(const LaunchedServer&) = delete;
  LaunchedServer& operator=(const LaunchedServer&) = delete;

  int port() const;
  const std::string& host() const;
  const std::string& workdir() const;
  pid_t pid() const;  // the server process (a session and process group leader)

  bool alive();                      // false once the server exited
  std::string exit_description();    // "exited with status 1" / "killed by signal 11 (SIGSEGV)"
  std::string stderr_tail(std::size_t max_bytes = 8192);  // {workdir}/stderr.log so far
  bool stderr_has_sanitizer_report();  // "ERROR: AddressSanitizer", UBSan "runtime error:", ...
  // What stderr gained since *offset (at most max_bytes), advancing *offset: the fuzzer reads
  // each session's share of a long-lived server's stderr.
  std::string stderr_since(std::uint64_t* offset, std::size_t max_bytes = 1 << 20);

  // TERM the server, its process group, its session and every descendant (collected before the
  // first signal), wait up to 3 s, KILL exactly the processes that remain, reap. Idempotent.
  void stop();

  std::vector<std::string> log();  // notes for the report: command line, pid, readiness, exit

  // After the server died: stops what it left, then starts launch.command again in the same
  // workdir, on the same port (its earlier stderr kept as stderr.before-restart-N.log) and
  // waits until it listens. Empty on success, else why not.
  std::string restart();
  int restarts() const;  // how many times restart was called

  struct Impl;

 private:
  explicit LaunchedServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rfcheck
