#include "runner/baseline_draft.h"

#include <set>

namespace rfcheck {
namespace {

// A reply can be long and many lines; the draft keeps the start of it on one line.
constexpr std::size_t kReplyChars = 200;

std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += " / ";
    } else if (c != '\r') {
      out += c;
    }
  }
  if (out.size() > kReplyChars) out = out.substr(0, kReplyChars) + "...";
  return out;
}

std::string sentence(std::string text) {
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text.empty() ? text : text + ". ";
}

}  // namespace

std::string draft_reason(const CaseResult& result) {
  std::string reason = std::string(BaselineEntry::kUnreviewedMarker) + " ";
  reason += sentence(result.reason.empty() ? "the case failed" : one_line(result.reason));
  if (!result.actual.empty()) reason += "The server answered: \"" + one_line(result.actual) + "\"; ";
  reason += std::string(result.actual.empty() ? "The case checks " : "the case checks ") + result.ref +
            " (" + std::string(to_string(result.failure_level.value_or(result.level))) + ")";
  if (!result.quote.empty()) reason += ": '" + one_line(result.quote) + "'";
  return reason;
}

BaselineDraft draft_baseline(const RunResult& run, const std::vector<BaselineEntry>& existing) {
  std::set<std::string> listed;
  for (const BaselineEntry& entry : existing) listed.insert(entry.id);
  BaselineDraft draft;
  for (const CaseResult& result : run.cases) {
    const bool is_listed = listed.count(result.id) > 0;
    if (result.verdict == Verdict::kPass && is_listed) draft.now_passing.push_back(result.id);
    if (result.verdict == Verdict::kError && !is_listed) draft.errors_left_out.push_back(result.id);
    if (result.verdict != Verdict::kFail || is_listed) continue;
    draft.added.push_back({result.id, result.baseline_reason ? *result.baseline_reason
                                                             : draft_reason(result)});
  }
  return draft;
}

}  // namespace rfcheck
