// `rfcheck coverage` in three forms: the console table, JSON and a self-contained HTML page.
#pragma once

#include <ostream>

#include "core/requirement_coverage.h"

namespace rfcheck::reports {

// Per RFC: a line of totals, a line per section group, then (with list_uncovered) every
// testable requirement no case covers, with its level and the start of its sentence.
void write_coverage_text(const RequirementCoverage& coverage, bool list_uncovered,
                         std::ostream& out);
// Schema: docs/requirements.md ("rfcheck coverage").
void write_coverage_json(const RequirementCoverage& coverage, std::ostream& out);
void write_coverage_html(const RequirementCoverage& coverage, std::ostream& out);

}  // namespace rfcheck::reports
