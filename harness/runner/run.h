// One conformance run: start or reach the target, provision fixtures, run the selected cases,
// apply the baseline. The library returns results; only the CLI prints and picks exit codes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/spec_model.h"
#include "core/target_profile.h"
#include "runner/case_filter.h"
#include "runner/protocol_support.h"
#include "runner/scheduler.h"

namespace rfcheck {

struct RunRequest {
  const SpecSet* specs = nullptr;
  // The protocol's plug-in support (protocols/registry); nullptr: a bad request.
  const ProtocolSupport* protocol = nullptr;
  TargetProfile target;
  CaseFilter filter;
  int jobs = 1;
  std::chrono::milliseconds expect_timeout{5'000};
  std::chrono::milliseconds case_timeout{60'000};
  Level gate = Level::kMust;
  // Stop after this many consecutive cases heard nothing from the target (0: never).
  int silent_limit = 3;
  std::vector<BaselineEntry> baseline;
  ProgressCallback progress;
  // Called once the cases are known, before the first runs (for a progress display).
  std::function<void(std::size_t total)> on_start;
};

struct RunOutcome {
  enum class Status { kCompleted, kTargetUnavailable, kBadRequest };
  Status status = Status::kCompleted;
  std::string error;  // kTargetUnavailable / kBadRequest: why
  RunResult result;
};

RunOutcome execute_run(const RunRequest& request);

// How a RunResult::target_log line about a launched server that died mid-run begins
// (followed by the case id): what tells a grader a submission crashed.
inline constexpr std::string_view kServerDiedNote = "the server died during case ";
// How RunOutcome::error (and RunResult::ended_early) begins when a launch failed.
inline constexpr std::string_view kWouldNotStartNote = "the target would not start: ";

}  // namespace rfcheck
