// Runs the selected cases on N worker threads; results come back in the cases' order.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "runner/case_runner.h"

namespace rfcheck {

// How Schedule::stopped begins when the target went silent (a grader reads a hang from it).
inline constexpr std::string_view kStoppedAnsweringNote = "the target stopped answering: ";

using ProgressCallback = std::function<void(const CaseResult&, std::size_t done, std::size_t total)>;

// True when a case heard nothing at all from the server (no greeting, no byte; or no
// connection) and did not pass: what a dead or hung target looks like from one case.
bool heard_nothing(const CaseResult& result);

struct ScheduleOptions {
  int jobs = 1;
  // Stop starting cases after this many consecutive cases heard nothing (0: never): a target
  // that went silent would otherwise cost a step timeout per remaining case.
  int silent_limit = 3;
};

struct Schedule {
  std::vector<CaseResult> results;  // one per case; cases never started are skipped
  // Set when the run stopped early: why, naming the cases that heard nothing.
  std::string stopped;
};

// `finish` (optional) completes each result before it is stored and reported.
Schedule run_cases(const std::vector<const Case*>& cases, const CaseEnvironment& env,
                   const ScheduleOptions& options, const ProgressCallback& progress,
                   const std::function<void(CaseResult&)>& finish = {});

}  // namespace rfcheck
