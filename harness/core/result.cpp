#include "core/result.h"

#include <algorithm>

namespace rfcheck {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kError: return "error";
    case Verdict::kSkip: return "skip";
  }
  return "?";
}

std::string_view to_string(TranscriptEntry::Kind kind) {
  switch (kind) {
    case TranscriptEntry::Kind::kSent: return "sent";
    case TranscriptEntry::Kind::kReceived: return "received";
    case TranscriptEntry::Kind::kData: return "data";
    case TranscriptEntry::Kind::kEvent: return "event";
    case TranscriptEntry::Kind::kNote: return "note";
  }
  return "?";
}

bool fails_gate(const CaseResult& r, Level gate) {
  return (r.verdict == Verdict::kFail || r.verdict == Verdict::kError) && !r.baseline_reason &&
         is_gated(r.failure_level.value_or(r.level), gate);
}

bool RunResult::fails_the_gate(const CaseResult& r) const { return fails_gate(r, gate); }

std::size_t RunResult::gated_failures() const {
  return static_cast<std::size_t>(std::count_if(
      cases.begin(), cases.end(), [&](const CaseResult& r) { return fails_the_gate(r); }));
}

std::size_t RunResult::judged_at_gate() const {
  return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [&](const CaseResult& r) {
    const bool judged = r.verdict == Verdict::kPass || r.verdict == Verdict::kFail ||
                        r.verdict == Verdict::kError;
    return judged && is_gated(r.level, gate);
  }));
}

}  // namespace rfcheck
