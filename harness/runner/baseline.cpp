#include "runner/baseline.h"

namespace rfcheck {
namespace {

const BaselineEntry* find_entry(const std::vector<BaselineEntry>& baseline, const std::string& id) {
  for (const auto& entry : baseline) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace

void mark_known(const std::vector<BaselineEntry>& baseline, CaseResult& result) {
  if (result.verdict != Verdict::kFail) return;
  if (const auto* entry = find_entry(baseline, result.id)) result.baseline_reason = entry->reason;
}

void apply_baseline(const std::vector<BaselineEntry>& baseline, RunResult& run) {
  for (auto& result : run.cases) {
    mark_known(baseline, result);
    if (result.verdict != Verdict::kPass) continue;
    if (const auto* entry = find_entry(baseline, result.id)) {
      run.stale_baseline.push_back({result.id, entry->reason});
    }
  }
}

}  // namespace rfcheck
