// Finding and signalling the processes a launched server made, by pid, from /proc.
// Never by name: a pid plus its start time identifies one process even if pids are reused.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace rfcheck {

struct ProcessRef {
  pid_t pid = 0;
  unsigned long long start_time = 0;  // field 22 of /proc/PID/stat, clock ticks after boot
};

struct ProcessInfo {
  ProcessRef ref;
  pid_t ppid = 0;
  pid_t pgid = 0;
  pid_t sid = 0;
  char state = '?';
};

// Parses /proc/PID/stat; false when the process is gone.
bool read_process_info(pid_t pid, ProcessInfo& info);

// The `roots` that still exist, every process in the process group or session of `leader`
// (members reparented away from a dead parent stay findable that way), and every descendant of
// those. A root that is not running any more must not be passed (its pid may be reused).
std::vector<ProcessRef> collect_process_tree(const std::vector<pid_t>& roots, pid_t leader);

// Our children that `spawned(pid)` says we did not start: orphans of a launched server's
// processes that the kernel reparented to us as child subreaper (spawn_process sets it).
// (zombies included: as their reaper we must wait for them).
std::vector<ProcessRef> adopted_orphans(bool (*spawned)(pid_t));

// Still the same process and not a zombie (a zombie is dead; its parent reaps it).
bool process_is_running(const ProcessRef& ref);

// "exited with status 1" / "killed by signal 11 (SIGSEGV)" from a wait status.
std::string describe_wait_status(int status);

}  // namespace rfcheck
