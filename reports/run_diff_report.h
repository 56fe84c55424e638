// `rfcheck diff` output: the comparison of two runs as text for a terminal or a CI log, and as
// JSON (schema "rfcheck-diff/1") for machines.
#pragma once

#include <ostream>

#include "reports/run_diff.h"

namespace rfcheck::reports {

void write_diff_text(const RunDiff& diff, const RunResult& before, const RunResult& after,
                     std::ostream& out);

void write_diff_json(const RunDiff& diff, const RunResult& before, const RunResult& after,
                     std::ostream& out);

}  // namespace rfcheck::reports
