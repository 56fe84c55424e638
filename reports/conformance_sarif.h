// SARIF 2.1.0 for a run's conformance failures (--report sarif:PATH), so code-scanning tools
// show them: one result per failed or errored case, rule = the case id, level from the RFC
// level it failed at (MUST error, SHOULD warning, MAY note), located at the failing step of
// the case in its spec file (relative to the specs root, uriBaseId SPECS). Failures the
// baseline lists are results with an external suppression carrying the baseline's reason.
#pragma once

#include <ostream>

#include "core/result.h"

namespace rfcheck::reports {

void write_conformance_sarif(const RunResult& run, std::ostream& out);

}  // namespace rfcheck::reports
