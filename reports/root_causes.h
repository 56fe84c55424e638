// One root cause, shown once: an oracle finding (a reply-table violation, bare-LF line ends, a
// framing error) that turns up in many cases is one problem of the server, not many. The
// console, JSON and JUnit reports list it once with the cases it failed, and a case whose only
// failure is such a finding says so instead of repeating it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace rfcheck::reports {

struct RootCause {
  int number = 0;  // 1-based, in the order the run's cases first show it
  std::string kind, ref, message;
  Level level = Level::kMust;   // the rule's own level, as the finding gives it
  std::vector<std::string> cases;       // every case with this finding, in run order
  std::vector<std::string> only_cause;  // those whose steps all passed: it alone failed them
};

// Findings that appear in two or more cases, grouped by what was violated (kind, reference,
// level and message), in order of first appearance.
std::vector<RootCause> find_root_causes(const RunResult& run);

// The root cause that alone failed this case (its steps passed; every finding it has is this
// one problem), or nullptr.
const RootCause* only_root_cause(const std::vector<RootCause>& causes, const CaseResult& result);

}  // namespace rfcheck::reports
