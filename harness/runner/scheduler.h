// Runs the selected cases on N worker threads; results come back in the cases' order.
#pragma once

#include <functional>
#include <vector>

#include "core/result.h"
#include "runner/case_runner.h"

namespace rfcheck {

using ProgressCallback = std::function<void(const CaseResult&, std::size_t done, std::size_t total)>;

// `finish` (optional) completes each result before it is stored and reported.
std::vector<CaseResult> run_cases(const std::vector<const Case*>& cases,
                                  const CaseEnvironment& env, int jobs,
                                  const ProgressCallback& progress,
                                  const std::function<void(CaseResult&)>& finish = {});

}  // namespace rfcheck
