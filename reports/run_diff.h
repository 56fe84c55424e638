// Two runs compared case by case (`rfcheck diff OLD.json NEW.json`): what regressed, what was
// fixed, which cases are new or gone. Only reads results; the CLI decides the exit code.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace rfcheck::reports {

struct CaseChange {
  const CaseResult* before = nullptr;  // null for a case only in the new run
  const CaseResult* after = nullptr;   // null for a case only in the old run
};

struct RunDiff {
  Level gate = Level::kMust;
  // Did not fail before (pass, inconclusive or skip) and fails the gate now: a fail or error
  // at a gated level that the new run's baseline does not list.
  std::vector<CaseChange> regressions;
  // Failed before (fail or error, known or not) and pass now.
  std::vector<CaseChange> fixes;
  // Any other change of verdict or of known-ness: pass -> inconclusive, fail -> error, a
  // failure that became known or stopped being known, a failure below the gate.
  std::vector<CaseChange> other_changes;
  std::vector<CaseChange> added;    // only in the new run
  std::vector<CaseChange> removed;  // only in the old run
  std::size_t unchanged = 0;
};

// The changes point into `before` and `after`, which must outlive the result.
// Cases are matched by id; each list is in the new run's order (removed: the old run's).
// `gate` decides what counts as failing the gate, as `--fail-on` does for a run.
RunDiff diff_runs(const RunResult& before, const RunResult& after, Level gate);

}  // namespace rfcheck::reports
