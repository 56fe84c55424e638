#include "reports/run_diff.h"

#include <map>
#include <set>

#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

bool failed(const CaseResult& r) { return r.verdict == Verdict::kFail || r.verdict == Verdict::kError; }

}  // namespace

RunDiff diff_runs(const RunResult& before, const RunResult& after, Level gate) {
  RunDiff diff;
  diff.gate = gate;
  std::map<std::string, const CaseResult*> old_by_id;
  for (const CaseResult& r : before.cases) old_by_id.emplace(r.id, &r);
  std::set<std::string> seen;
  for (const CaseResult& now : after.cases) {
    seen.insert(now.id);
    auto it = old_by_id.find(now.id);
    if (it == old_by_id.end()) {
      diff.added.push_back({nullptr, &now});
      continue;
    }
    const CaseResult& was = *it->second;
    const CaseChange change{&was, &now};
    if (!failed(was) && fails_gate(now, gate)) {
      diff.regressions.push_back(change);
    } else if (failed(was) && now.verdict == Verdict::kPass) {
      diff.fixes.push_back(change);
    } else if (was.verdict != now.verdict || is_known_failure(was) != is_known_failure(now)) {
      diff.other_changes.push_back(change);
    } else {
      ++diff.unchanged;
    }
  }
  for (const CaseResult& was : before.cases) {
    if (!seen.count(was.id)) diff.removed.push_back({&was, nullptr});
  }
  return diff;
}

}  // namespace rfcheck::reports
