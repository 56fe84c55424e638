// Starting one process for the launcher: argv without a shell, in its own session, output to
// files, limits applied in the child. Boost.Process stays inside spawn.cpp.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rfcheck {

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0]: a path, or a name looked up in PATH
  std::map<std::string, std::string> environment;  // on top of ours
  std::string cwd;
  std::string stdout_path;
  std::string stderr_path;
  std::optional<std::size_t> memory_limit_bytes;  // RLIMIT_AS
  std::optional<std::chrono::seconds> cpu_limit;   // RLIMIT_CPU (SIGKILL 5 s after SIGXCPU)
  std::optional<std::uint64_t> process_limit;      // RLIMIT_NPROC: counts the user's processes
  std::optional<std::uint64_t> file_size_limit;    // RLIMIT_FSIZE: SIGXFSZ past it
  // Drop to this uid/gid (no supplementary groups) before exec; root only.
  std::optional<std::pair<uid_t, gid_t>> run_as;
  // A network namespace of its own with only loopback up: no network but 127.0.0.1, and a
  // port space of its own. Root only (private_network_available() says whether it works).
  bool private_network = false;
};

// The child runs in a new session (it leads its process group), stdin from /dev/null, default
// signal dispositions, descriptors beyond 0-2 closed at exec. The caller reaps it (waitpid).
// Returns -1 with `error` set when it cannot start (program not found, exec failed). A child
// that cannot be confined as asked writes why to its stderr and exits 126 before exec.
pid_t spawn_process(const SpawnOptions& options, std::string& error);

// Whether spawn_process started `pid` (a child of ours that is no adopted orphan).
bool spawned_here(pid_t pid);

// waitpid with a deadline: the wait status, -1 when it is not our child, nullopt while it runs.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline);

// argv for a log line, quoted like a shell would need it.
std::string quote_argv(const std::vector<std::string>& argv);

}  // namespace rfcheck
