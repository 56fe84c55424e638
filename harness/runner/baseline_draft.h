// `rfcheck baseline`: known-deviation entries drafted from a finished run, for a person to
// review. A draft says what the server did and the RFC sentence the case checks; whether that
// is a deviation of the server (and not of the harness or the spec) is the person's call, so
// every drafted reason starts with BaselineEntry::kUnreviewedMarker.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/target_profile.h"

namespace rfcheck {

struct BaselineDraft {
  // Cases that failed and that `existing` does not list, in the run's order. The reason is
  // the run's own baseline reason when it had one, else a draft marked unreviewed.
  std::vector<BaselineEntry> added;
  // Entries of `existing` whose case passed in the run: stale, for the person to remove.
  std::vector<std::string> now_passing;
  // Cases in error: the harness could not judge them, so they are no evidence of a deviation
  // and get no entry.
  std::vector<std::string> errors_left_out;
};

BaselineDraft draft_baseline(const RunResult& run, const std::vector<BaselineEntry>& existing);

// "UNREVIEWED: <why it failed>. The server answered: "<reply>"; the case checks RFC 959 4.1.3
// (MUST): '<quote>'"
std::string draft_reason(const CaseResult& result);

}  // namespace rfcheck
