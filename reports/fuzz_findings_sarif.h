// The fuzz findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run,
// one rule per finding kind present, one result per finding. Mapping and the choice of
// location are documented in docs/fuzz-findings-json.md ("SARIF").
#pragma once

#include <string>
#include <string_view>

#include "fuzz/finding.h"

namespace rfcheck::reports {

inline constexpr std::string_view kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
inline constexpr std::string_view kFuzzToolInformationUri =
    "https://rfcheck.invalid/docs/fuzz-findings-json.md";
// The artifact a result points at when a finding has no reproducer file: code scanning
// rejects a result without a physical location.
inline constexpr std::string_view kFuzzNoReproducerUri = "rfcheck-fuzz";
inline constexpr std::string_view kFindingKeyFingerprint = "rfcheckFindingKey/v1";

// What the reports say about a kind of finding: the SARIF rule, and the HTML page's legend.
struct FindingKindInfo {
  std::string_view rule_name;          // PascalCase, SARIF reportingDescriptor.name
  std::string_view short_description;  // one line
  std::string_view help;               // what it means and what to do
  std::string_view level;              // SARIF level: "error" or "warning"
  std::string_view tag;                // "security", "reliability" or "conformance"
};
const FindingKindInfo& finding_kind_info(fuzz::FindingKind kind);

std::string fuzz_findings_sarif(const fuzz::CampaignSummary& campaign);

}  // namespace rfcheck::reports
