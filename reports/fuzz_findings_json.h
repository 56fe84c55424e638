// The fuzz findings document, format "rfcheck-fuzz-findings/1" (docs/fuzz-findings-json.md):
// a campaign's figures, every finding with everything it carries, and the coverage curve.
// Strings go through sanitize_utf8 as in the run report, so a server's invalid UTF-8 becomes
// the text "\xNN" and writing never throws.
#pragma once

#include <string>
#include <string_view>

#include "fuzz/finding.h"

namespace rfcheck::reports {

inline constexpr std::string_view kFuzzFindingsFormat = "rfcheck-fuzz-findings/1";

std::string fuzz_findings_json(const fuzz::CampaignSummary& campaign);

// executions / seconds, and 0 when the campaign has no (finite, positive) duration. The
// HTML and SARIF reports show the same figure.
double executions_per_second(const fuzz::CampaignSummary& campaign);

}  // namespace rfcheck::reports
