// Reads back what write_json wrote (schema "rfcheck-report/1"), for the commands that work on
// finished runs: `rfcheck diff` compares two, `rfcheck baseline` drafts known deviations from
// one. Only what those need comes back: the run's target, protocol and gate, and each case's
// identity, level, verdict, baseline reason and story at the failing step (no transcripts).
// Members a newer /1 adds are ignored; a report of another schema is refused.
#pragma once

#include <string>
#include <variant>

#include "core/result.h"

namespace rfcheck::reports {

// On failure: one line naming the file and, for a malformed member, where it is
// ("cases[3].verdict: ..."). Never throws.
std::variant<RunResult, std::string> read_json_report(const std::string& path);

// The same from text already read; `name` is what messages call it.
std::variant<RunResult, std::string> parse_json_report(const std::string& text,
                                                       const std::string& name);

}  // namespace rfcheck::reports
