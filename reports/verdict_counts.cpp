#include "reports/verdict_counts.h"

namespace rfcheck::reports {

bool is_known_failure(const CaseResult& result) {
  return result.baseline_reason.has_value() &&
         (result.verdict == Verdict::kFail || result.verdict == Verdict::kError);
}

std::string_view verdict_label(const CaseResult& result) {
  if (is_known_failure(result)) return "KNOWN";
  switch (result.verdict) {
    case Verdict::kPass: return "PASS";
    case Verdict::kFail: return "FAIL";
    case Verdict::kInconclusive: return "INCONCLUSIVE";
    case Verdict::kError: return "ERROR";
    case Verdict::kSkip: return "SKIP";
  }
  return "?";
}

void VerdictCounts::add(const CaseResult& result) {
  if (is_known_failure(result)) {
    ++known;
    return;
  }
  switch (result.verdict) {
    case Verdict::kPass: ++pass; break;
    case Verdict::kFail: ++fail; break;
    case Verdict::kInconclusive: ++inconclusive; break;
    case Verdict::kError: ++error; break;
    case Verdict::kSkip: ++skip; break;
  }
}

VerdictCounts count_verdicts(const RunResult& run) {
  VerdictCounts counts;
  for (const CaseResult& result : run.cases) counts.add(result);
  return counts;
}

std::array<VerdictCounts, 3> count_by_level(const RunResult& run) {
  std::array<VerdictCounts, 3> counts{};
  for (const CaseResult& result : run.cases) counts[static_cast<int>(result.level)].add(result);
  return counts;
}

}  // namespace rfcheck::reports
