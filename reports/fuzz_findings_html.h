// The fuzz findings page: one self-contained HTML file (inline CSS and SVG, no script, no
// external resource, a Content-Security-Policy that forbids both) for people. The campaign's
// figures, coverage over time, a table of findings, then each finding's sanitizer report and
// transcript. Every string is HTML-escaped after printable(), so server bytes can neither
// inject markup nor reach the reader as control characters.
#pragma once

#include <string>

#include "fuzz/finding.h"

namespace rfcheck::reports {

std::string fuzz_findings_html(const fuzz::CampaignSummary& campaign);

}  // namespace rfcheck::reports
