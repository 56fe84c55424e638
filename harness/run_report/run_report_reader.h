// Reads back the JSON report of a run (`rfcheck run --report json:PATH`, schema
// "rfcheck-report/1", docs/report-json.md), for the code that works on finished runs: `rfcheck
// diff` compares two, `rfcheck baseline` drafts known deviations from one, a run over several
// targets builds its matrix from its children's, and `rfcheck grade` scores a submission from
// its child run's. Below both the reports and grading, so there is one reader.
// Members a newer /1 adds are ignored; a report of another schema is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.h"

namespace rfcheck {

inline constexpr std::string_view kRunReportSchema = "rfcheck-report/1";

// On failure: one line naming the file and, for a malformed member, where it is
// ("cases[3].verdict: ..."). Never throws.
std::variant<RunResult, std::string> read_run_report(const std::string& path);

// The same from text already read; `name` is what messages call it.
std::variant<RunResult, std::string> parse_run_report(const std::string& text, const std::string& name);

// The inverse of to_string(Verdict): "pass" -> kPass; nullopt for anything else.
std::optional<Verdict> parse_verdict(std::string_view text);

}  // namespace rfcheck
