#include "reports/verdict_counts.h"

#include <fmt/format.h>

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

Headline run_headline(const RunResult& run) {
  const std::size_t gated = run.gated_failures();
  if (gated > 0) return {"failed", fmt::format("{} failed at gate {}", gated, to_string(run.gate))};
  if (!run.ended_early.empty()) return {"incomplete", "the run did not complete"};
  if (run.judged_at_gate() == 0) {
    return {"nothing-judged", fmt::format("nothing judged at gate {}", to_string(run.gate))};
  }
  return {"passed", fmt::format("gate {} passed", to_string(run.gate))};
}

}  // namespace rfcheck::reports
