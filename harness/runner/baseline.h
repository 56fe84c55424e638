// Known deviations: a listed case that fails is reported as known, not gated; a listed case
// that now passes is reported as stale so the baseline shrinks as servers get fixed.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/target_profile.h"

namespace rfcheck {

void apply_baseline(const std::vector<BaselineEntry>& baseline, RunResult& run);

}  // namespace rfcheck
