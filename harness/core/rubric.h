// A grading rubric (rfcheck grade): which cases earn how many points, what a crash or a hang
// costs, the caps, how submissions are built and launched, and the limits they run under.
// Loaded by spec/rubric_loader; scored by grade/scoring.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/level.h"
#include "core/spec_model.h"

namespace rfcheck {

// Which cases an item covers: a case matches when it matches every non-empty list (any
// entry of a list), as `rfcheck run --filter/--tag/--section/--level` select.
struct CaseSelector {
  std::vector<std::string> id_prefixes;
  std::vector<std::string> tags;
  std::vector<std::string> sections;
  std::vector<Level> levels;
};

struct RubricItem {
  std::string name;
  CaseSelector select;
  // Either `points` for the whole item (partial: in proportion to the cases passed, else only
  // when every case passed), or `per_case` points for each case passed, up to `max` if given.
  std::optional<double> points;
  bool partial = true;
  std::optional<double> per_case;
  std::optional<double> max;
  SourceLocation where;
};

// Resource limits of one phase (build, run) of a submission.
struct PhaseLimits {
  std::chrono::milliseconds wall{60'000};   // the whole phase, killed after it
  std::chrono::seconds cpu{60};              // RLIMIT_CPU
  std::uint64_t memory = 1ULL << 30;         // RLIMIT_AS, bytes
  std::uint64_t processes = 64;              // RLIMIT_NPROC of the submission's uid
  std::uint64_t file_size = 64ULL << 20;     // RLIMIT_FSIZE, bytes
};

// How a submission is built and started: shell command lines run in its own copy of the
// folder. `launch` may use {port}, {host}, {workdir} (the launcher's).
struct SubmissionCommands {
  std::string build;
  std::string launch;
};

struct Rubric {
  std::string name;
  std::string protocol;
  std::string file;  // where it was read from
  std::vector<RubricItem> items;
  // The target profile keys the suite needs (credentials, vars, maildrop ...) as YAML text:
  // spec/rubric_loader turns it into each submission's profile, launch added.
  std::string target_yaml;
  SubmissionCommands defaults;
  std::chrono::milliseconds ready_timeout{5'000};
  PhaseLimits build_limits;
  PhaseLimits run_limits;
  std::chrono::milliseconds step_timeout{2'000};
  std::chrono::milliseconds case_timeout{20'000};
  int silent_limit = 3;
  // Points off for a submission whose status is the key ("crashed", "hung"), and the most a
  // submission with that status can score.
  std::map<std::string, double> penalties;
  std::map<std::string, double> caps;
};

// The statuses a submission ends with, as the gradebook spells them.
inline const std::vector<std::string>& submission_statuses() {
  static const std::vector<std::string> names = {"ok", "build-failed", "never-listened",
                                                 "crashed", "hung", "error"};
  return names;
}

}  // namespace rfcheck
