#include "grade/sandbox.h"

#include <pwd.h>
#include <signal.h>

#include "target/confine.h"
#include "target/process_tree.h"
#include "target/spawn.h"

namespace rfcheck::grade {

using Clock = std::chrono::steady_clock;

std::string claim_slot_uids(uid_t base, int slots, std::vector<std::string>& notes) {
  for (int slot = 0; slot < slots; ++slot) {
    const uid_t uid = base + static_cast<uid_t>(slot);
    if (const passwd* pw = ::getpwuid(uid)) {
      return "uid " + std::to_string(uid) + " belongs to user '" + pw->pw_name +
             "': rfcheck grade kills every process of its submission uids; choose --uid-base";
    }
  }
  for (int slot = 0; slot < slots; ++slot) {
    const uid_t uid = base + static_cast<uid_t>(slot);
    const std::size_t left = processes_of_user(uid).size();
    if (left == 0) continue;
    const bool killed = kill_processes_of_user(uid);
    notes.push_back("uid " + std::to_string(uid) + " had " + std::to_string(left) +
                    " process(es) left, from an interrupted grading: " +
                    (killed ? "killed" : "some would not die"));
  }
  return {};
}

namespace {

// SIGKILL what is left of the tree of `pid` (its session and group, their descendants) and
// reap `pid`. A reaped pid is no root any more (it may be reused), but its session id is
// not handed out again while members remain.
void kill_tree(pid_t pid, bool reaped) {
  const std::vector<pid_t> roots = reaped ? std::vector<pid_t>{} : std::vector<pid_t>{pid};
  for (const ProcessRef& ref : collect_process_tree(roots, pid)) {
    if (process_is_running(ref)) ::kill(ref.pid, SIGKILL);
  }
  if (!reaped) wait_until(pid, Clock::now() + std::chrono::seconds(5));
}

}  // namespace

PhaseResult run_phase(const PhaseCommand& command, const PhaseLimits& limits,
                      const Confinement& confinement, int slot) {
  PhaseResult result;
  SpawnOptions options;
  options.argv = command.argv;
  options.cwd = command.cwd;
  options.environment = command.environment;
  options.stdout_path = command.stdout_path;
  options.stderr_path = command.stderr_path;
  options.private_network = confinement.private_network;
  const auto user = confinement.slot_user(slot);
  if (command.as_submission) {
    options.memory_limit_bytes = limits.memory;
    options.cpu_limit = limits.cpu;
    options.file_size_limit = limits.file_size;
    if (user) {
      options.run_as = user;
      options.process_limit = limits.processes;
    }
  }
  const auto started = Clock::now();
  const pid_t pid = spawn_process(options, result.error);
  if (pid < 0) {
    result.end = PhaseResult::End::kNotStarted;
    return result;
  }
  auto status = wait_until(pid, started + limits.wall);
  if (status) {
    result.wait_status = *status;
  } else {
    result.end = PhaseResult::End::kTimedOut;
  }
  // Whatever it left: its tree (session and group), then every process of the slot's uid,
  // which also finds what double-forked away from the tree.
  kill_tree(pid, status.has_value());
  if (user) result.left_nothing = kill_processes_of_user(user->first);
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return result;
}

}  // namespace rfcheck::grade
