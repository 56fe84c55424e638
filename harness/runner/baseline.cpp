#include "runner/baseline.h"

#include <map>

namespace rfcheck {

void apply_baseline(const std::vector<BaselineEntry>& baseline, RunResult& run) {
  std::map<std::string, const BaselineEntry*> by_id;
  for (const auto& entry : baseline) by_id[entry.id] = &entry;
  for (auto& result : run.cases) {
    auto it = by_id.find(result.id);
    if (it == by_id.end()) continue;
    if (result.verdict == Verdict::kFail) {
      result.baseline_reason = it->second->reason;
    } else if (result.verdict == Verdict::kPass) {
      run.stale_baseline.push_back({result.id, it->second->reason});
    }
  }
}

}  // namespace rfcheck
