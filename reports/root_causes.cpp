#include "reports/root_causes.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace rfcheck::reports {
namespace {

using Key = std::tuple<std::string, std::string, int, std::string>;

// What was violated, without where: the codecs say "line at byte 86: ..." of each instance,
// and the same bare LF at another offset is the same problem.
std::string problem_text(const std::string& message) {
  constexpr std::string_view kAt = "line at byte ";
  if (message.rfind(kAt, 0) != 0) return message;
  const auto colon = message.find(": ", kAt.size());
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

Key key_of(const Finding& f) {
  return {f.kind, f.ref, static_cast<int>(f.level), problem_text(f.message)};
}

bool same_problem(const RootCause& cause, const Finding& f) {
  return cause.kind == f.kind && cause.ref == f.ref && cause.level == f.level &&
         cause.message == problem_text(f.message);
}

// A case the findings alone failed: its steps all passed (no failed step), yet it fails.
bool failed_by_findings_alone(const CaseResult& result) {
  return result.verdict == Verdict::kFail && result.failed_step == 0 && !result.findings.empty();
}

}  // namespace

std::vector<RootCause> find_root_causes(const RunResult& run) {
  std::map<Key, std::size_t> index;
  std::vector<RootCause> all;
  for (const CaseResult& result : run.cases) {
    for (const Finding& f : result.findings) {
      auto [it, inserted] = index.emplace(key_of(f), all.size());
      if (inserted) {
        all.push_back(RootCause{0, f.kind, f.ref, problem_text(f.message), f.level, {}, {}});
      }
      RootCause& cause = all[it->second];
      // A case repeats a finding once per offending reply: it counts once.
      if (cause.cases.empty() || cause.cases.back() != result.id) cause.cases.push_back(result.id);
    }
  }
  std::vector<RootCause> shared;
  for (RootCause& cause : all) {
    if (cause.cases.size() < 2) continue;
    cause.number = static_cast<int>(shared.size()) + 1;
    shared.push_back(std::move(cause));
  }
  for (const CaseResult& result : run.cases) {
    if (const RootCause* only = only_root_cause(shared, result)) {
      shared[static_cast<std::size_t>(only->number - 1)].only_cause.push_back(result.id);
    }
  }
  return shared;
}

const RootCause* only_root_cause(const std::vector<RootCause>& causes, const CaseResult& result) {
  if (!failed_by_findings_alone(result)) return nullptr;
  const Finding& first = result.findings.front();
  for (const RootCause& cause : causes) {
    if (!same_problem(cause, first)) continue;
    const bool alone = std::all_of(result.findings.begin(), result.findings.end(),
                                   [&](const Finding& f) { return same_problem(cause, f); });
    return alone ? &cause : nullptr;
  }
  return nullptr;
}

}  // namespace rfcheck::reports
