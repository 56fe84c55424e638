// Known deviations: a listed case that fails is reported as known, not gated; a listed case
// that now passes is reported as stale so the baseline shrinks as servers get fixed.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/target_profile.h"

namespace rfcheck {

// Marks one result known when the baseline lists it and it failed (done as each case ends,
// so progress lines already show it as known).
void mark_known(const std::vector<BaselineEntry>& baseline, CaseResult& result);

// Marks every result, and lists the entries whose case now passes as stale.
void apply_baseline(const std::vector<BaselineEntry>& baseline, RunResult& run);

}  // namespace rfcheck
