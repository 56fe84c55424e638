#include "reports/json_report.h"

#include "reports/root_causes.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "reports/text_escape.h"
#include "reports/verdict_counts.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

// Ordered, so the file reads in the documented order with "schema" first.
using json = nlohmann::ordered_json;

// Every string goes through here: spec text is UTF-8 already, server text may be anything.
json text(std::string_view value) { return sanitize_utf8(value); }

json counts_json(const VerdictCounts& c) {
  return {{"total", c.total()}, {"pass", c.pass},   {"fail", c.fail},
          {"known", c.known},   {"inconclusive", c.inconclusive},
          {"error", c.error},   {"skip", c.skip}};
}

json transcript_json(const std::vector<TranscriptEntry>& transcript) {
  json entries = json::array();
  for (const TranscriptEntry& entry : transcript) {
    entries.push_back({{"kind", text(to_string(entry.kind))},
                       {"connection", text(entry.connection)},
                       {"text", text(entry.text)},
                       {"at_ms", std::isfinite(entry.at_ms) ? entry.at_ms : 0.0}});
  }
  return entries;
}

json findings_json(const std::vector<Finding>& findings) {
  json entries = json::array();
  for (const Finding& finding : findings) {
    entries.push_back({{"kind", text(finding.kind)},
                       {"message", text(finding.message)},
                       {"ref", text(finding.ref)},
                       {"connection", text(finding.connection)}});
  }
  return entries;
}

json root_causes_json(const std::vector<RootCause>& causes) {
  json entries = json::array();
  for (const RootCause& cause : causes) {
    json cases = json::array(), only = json::array();
    for (const std::string& id : cause.cases) cases.push_back(text(id));
    for (const std::string& id : cause.only_cause) only.push_back(text(id));
    entries.push_back({{"number", cause.number},
                       {"kind", text(cause.kind)},
                       {"ref", text(cause.ref)},
                       {"level", text(to_string(cause.level))},
                       {"message", text(cause.message)},
                       {"cases", cases},
                       {"only_cause", only}});
  }
  return entries;
}

json case_json(const CaseResult& result, const std::vector<RootCause>& causes) {
  json tags = json::array();
  for (const std::string& tag : result.tags) tags.push_back(text(tag));
  json out = {
      {"id", text(result.id)},
      {"title", text(result.title)},
      {"ref", text(result.ref)},
      {"suite", text(result.suite)},
      {"level", text(to_string(result.level))},
      {"tags", tags},
      {"quote", text(result.quote)},
      {"verdict", text(to_string(result.verdict))},
      {"known", is_known_failure(result)},
      // The level the failure counts at when findings alone failed the case at a weaker level
      // than the case's own (else null): what a later reader needs to re-apply a gate.
      {"failure_level",
       result.failure_level ? json(text(to_string(*result.failure_level))) : json(nullptr)},
      {"duration_ms", result.duration.count()},
      {"reason", text(result.reason)},
      {"baseline_reason", result.baseline_reason ? text(*result.baseline_reason) : json(nullptr)},
      {"findings", findings_json(result.findings)},
  };
  const RootCause* only = only_root_cause(causes, result);
  out["only_root_cause"] = only ? json(only->number) : json(nullptr);
  // A passing case's transcript is the bulk of a report and says nothing a reader needs.
  if (result.verdict != Verdict::kPass) {
    out["expected"] = text(result.expected);
    out["actual"] = text(result.actual);
    out["failed_step"] = result.failed_step;
    bool located = result.failed_where.line > 0 || !result.failed_where.file.empty();
    out["failed_at"] = located ? text(result.failed_where.describe()) : json(nullptr);
    out["transcript"] = transcript_json(result.transcript);
  }
  return out;
}

}  // namespace

void write_json(const RunResult& run, std::ostream& out) {
  const auto by_level = count_by_level(run);
  json summary = counts_json(count_verdicts(run));
  summary["gated_failure"] = run.gated_failure();
  summary["by_level"] = json::object();
  for (Level level : {Level::kMust, Level::kShould, Level::kMay}) {
    summary["by_level"][std::string(to_string(level))] =
        counts_json(by_level[static_cast<int>(level)]);
  }

  const std::vector<RootCause> causes = find_root_causes(run);
  json cases = json::array();
  for (const CaseResult& result : run.cases) cases.push_back(case_json(result, causes));
  json stale = json::array();
  for (const StaleBaselineEntry& entry : run.stale_baseline) {
    stale.push_back({{"id", text(entry.id)}, {"reason", text(entry.reason)}});
  }
  json target_log = json::array();
  for (const std::string& line : run.target_log) target_log.push_back(text(line));

  json report = {
      {"schema", std::string(kJsonSchemaId)},
      {"tool", {{"name", "rfcheck"}, {"version", kToolVersion}}},
      {"target", text(run.target)},
      {"protocol", text(run.protocol)},
      {"started_at", text(run.started_at)},
      {"duration_ms", run.duration.count()},
      {"gate", text(to_string(run.gate))},
      {"summary", summary},
      {"cases", cases},
      {"stale_baseline", stale},
      {"target_log", target_log},
      {"root_causes", root_causes_json(causes)},
      {"ended_early", run.ended_early.empty() ? json(nullptr) : json(text(run.ended_early))},
  };
  // Sanitized above; replace is the second line of defence, so a dump never throws.
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace rfcheck::reports
