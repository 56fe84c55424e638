#include "reports/fuzz_findings_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "reports/text_escape.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

// Ordered, so the file reads in the documented order with "format" first.
using json = nlohmann::ordered_json;

json text(std::string_view value) { return sanitize_utf8(value); }

// nlohmann writes NaN and infinity as null, which would break a consumer expecting a number.
double finite(double value) { return std::isfinite(value) ? value : 0.0; }

json finding_json(const fuzz::FuzzFinding& f) {
  return {
      {"key", text(f.key)},
      {"kind", std::string(to_string(f.kind))},
      {"message", text(f.message)},
      {"ref", text(f.ref)},
      {"command", text(f.command)},
      {"phase", text(f.phase)},
      {"confirmed", f.confirmed},
      {"hits", f.hits},
      {"first_seen_seconds", finite(f.first_seen_seconds)},
      {"original_actions", f.original_actions},
      {"minimized_actions", f.minimized_actions},
      {"reproducer_session", text(f.reproducer_session)},
      {"reproducer_yaml", text(f.reproducer_yaml)},
      {"stack_signature", text(f.stack_signature)},
      {"sanitizer_report", text(f.sanitizer_report)},
      {"transcript", text(f.transcript)},
  };
}

json coverage_json(const fuzz::CoverageSample& s) {
  return {{"seconds", finite(s.seconds)},
          {"executions", s.executions},
          {"states", s.states},
          {"edges", s.edges},
          {"findings", s.findings}};
}

}  // namespace

double executions_per_second(const fuzz::CampaignSummary& campaign) {
  if (!std::isfinite(campaign.seconds) || campaign.seconds <= 0) return 0.0;
  return static_cast<double>(campaign.executions) / campaign.seconds;
}

std::string fuzz_findings_json(const fuzz::CampaignSummary& campaign) {
  // Every kind present with its count, zeros included, so a CI script can test
  // `.findings_by_kind.crash > 0` without knowing which kinds a campaign found.
  json by_kind = json::object();
  for (int i = 0; i < fuzz::kFindingKinds; ++i) {
    by_kind[std::string(to_string(static_cast<fuzz::FindingKind>(i)))] = 0;
  }
  json findings = json::array();
  for (const fuzz::FuzzFinding& finding : campaign.findings) {
    findings.push_back(finding_json(finding));
    auto& count = by_kind[std::string(to_string(finding.kind))];
    count = count.get<int>() + 1;
  }
  // The baseline's deviations met again: apart, so they never read as new findings.
  json known = json::array();
  for (const fuzz::KnownFinding& k : campaign.known) {
    known.push_back({{"key", text(k.key)}, {"kind", text(to_string(k.kind))},
                     {"message", text(k.message)}, {"case", text(k.case_id)},
                     {"reason", text(k.reason)}, {"hits", k.hits}});
  }
  json coverage = json::array();
  for (const fuzz::CoverageSample& sample : campaign.coverage) {
    coverage.push_back(coverage_json(sample));
  }

  json document = {
      {"format", std::string(kFuzzFindingsFormat)},
      {"tool", {{"name", "rfcheck"}, {"version", kToolVersion}}},
      {"target", text(campaign.target)},
      {"protocol", text(campaign.protocol)},
      {"mode", text(campaign.mode)},
      {"seconds", finite(campaign.seconds)},
      {"executions", campaign.executions},
      {"executions_per_second", executions_per_second(campaign)},
      {"server_restarts", campaign.server_restarts},
      {"findings_by_kind", by_kind},
      {"findings", findings},
      {"known", known},
      {"coverage", coverage},
  };
  // Sanitized above; replace is the second line of defence, so a dump never throws.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace rfcheck::reports
