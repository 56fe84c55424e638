// Runs a program as a test would run rfcheck, and measures what the shell's `time` would not
// give reliably: wall time, the peak RSS of the process (wait4's rusage, ru_maxrss, which
// covers the process and the children it waited for), and a hard stop so a hung run fails
// the test instead of hanging it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace hostile_testing {

struct Measured {
  int exit_code = -1;          // 128 + signal when killed
  bool killed_by_test = false;  // ran past hard_limit
  std::string output;          // stdout and stderr
  std::chrono::milliseconds wall{0};
  long max_rss_kib = 0;
};

// The program runs with ASAN_OPTIONS quarantine_size_mb=16 added (see run_measured.cpp).
Measured run_measured(const std::vector<std::string>& argv, std::chrono::seconds hard_limit);

// Processes (other than zombies) whose command line contains `marker`.
std::vector<pid_t> processes_marked(const std::string& marker);
// SIGKILLs them: whatever the run under test left behind must not outlive the test.
void kill_marked(const std::string& marker);

}  // namespace hostile_testing
