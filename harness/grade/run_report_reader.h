// Reading back the JSON report (`rfcheck-report/1`, docs/report-json.md) of the rfcheck run
// child that graded a submission: its cases with verdicts and transcripts, the target's log
// and why the run ended early. Members this reader does not know are ignored (the schema
// only ever adds members).
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace rfcheck::grade {

// nullopt with `error` set when the file is missing, not JSON, or not rfcheck-report/1.
std::optional<RunResult> read_run_report(const std::string& path, std::string& error);

std::optional<Verdict> parse_verdict(const std::string& text);

}  // namespace rfcheck::grade
