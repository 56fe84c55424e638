// Running one phase of a submission (its build, or the harness run against its server)
// confined: own uid, own network namespace, limits, a wall clock, and nothing left behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/rubric.h"

namespace rfcheck::grade {

// How submissions are confined on this machine, decided once (grade command).
struct Confinement {
  // uid/gid a job slot's submissions run as (nullopt: not root, they run as us).
  std::optional<uid_t> uid_base;
  bool private_network = false;  // unshare(CLONE_NEWNET) works here
  std::optional<std::pair<uid_t, gid_t>> slot_user(int slot) const {
    if (!uid_base) return std::nullopt;
    const uid_t uid = *uid_base + static_cast<uid_t>(slot);
    return std::pair{uid, static_cast<gid_t>(uid)};
  }
};

// Claims the uids of `slots` job slots: an error when one has a passwd entry (someone's
// account: we kill every process of those uids). Processes of a slot uid are what an
// interrupted grading left: killed, and each uid that had some is named in `notes`.
std::string claim_slot_uids(uid_t base, int slots, std::vector<std::string>& notes);

struct PhaseCommand {
  std::vector<std::string> argv;
  std::string cwd;
  std::map<std::string, std::string> environment;
  std::string stdout_path;
  std::string stderr_path;
  // The student's own code: runs as the slot's uid under the phase limits. The harness's
  // child (rfcheck run) runs as us: the server it launches is confined by its profile.
  bool as_submission = true;
};

struct PhaseResult {
  enum class End { kExited, kTimedOut, kNotStarted };
  End end = End::kExited;
  int wait_status = 0;
  std::string error;  // kNotStarted: why
  std::chrono::milliseconds took{0};
  bool left_nothing = true;  // no process of the slot's uid survived the clean-up
};

// Runs the command to its end or the wall clock (limits.wall), then kills its process tree
// and every process of the slot's uid.
PhaseResult run_phase(const PhaseCommand& command, const PhaseLimits& limits,
                      const Confinement& confinement, int slot);

}  // namespace rfcheck::grade
