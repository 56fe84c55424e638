#include "reports/conformance_sarif.h"

#include <map>
#include <nlohmann/json.hpp>

#include "reports/fuzz_findings_sarif.h"
#include "reports/text_escape.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kCaseFingerprint = "rfcheckCaseId/v1";
constexpr std::string_view kSpecsBase = "SPECS";

json text(std::string_view value) { return sanitize_utf8(value); }

// SARIF's levels for RFC 2119's: a broken MUST is an error, a SHOULD a warning, a MAY a note.
std::string sarif_level(Level level) {
  switch (level) {
    case Level::kMust: return "error";
    case Level::kShould: return "warning";
    case Level::kMay: return "note";
  }
  return "error";
}

bool reported(const CaseResult& r) {
  return r.verdict == Verdict::kFail || r.verdict == Verdict::kError;
}

json rule_json(const CaseResult& r) {
  const std::string help = r.ref + " (" + std::string(to_string(r.level)) + "): " + r.quote;
  return {
      {"id", text(r.id)},
      {"name", text(r.title)},
      {"shortDescription", {{"text", text(r.title)}}},
      {"fullDescription", {{"text", text(r.quote)}}},
      {"help", {{"text", text(help)}}},
      {"defaultConfiguration", {{"level", sarif_level(r.level)}}},
      {"properties", {{"tags", r.tags}, {"ref", text(r.ref)}, {"rfc_level", std::string(to_string(r.level))}}},
  };
}

// Where the case failed: its failing step, else (an oracle finding failed it) the case.
json location_json(const CaseResult& r) {
  const SourceLocation& at = r.failed_where.line > 0 ? r.failed_where : r.where;
  json region = {{"startLine", at.line > 0 ? at.line : 1}};
  if (at.column > 0) region["startColumn"] = at.column;
  return {{"physicalLocation",
           {{"artifactLocation",
             {{"uri", percent_encode_path(at.file)}, {"uriBaseId", std::string(kSpecsBase)}}},
            {"region", region}}}};
}

// One line: viewers show it as the alert's title.
std::string message_text(const CaseResult& r) {
  std::string out = r.verdict == Verdict::kError ? "error: " + r.reason : r.reason;
  if (!r.expected.empty()) out += "; expected: " + r.expected;
  if (!r.actual.empty()) out += "; actual: " + r.actual;
  out += " (" + r.ref + ", " + std::string(to_string(r.level)) + ": \"" + r.quote + "\")";
  return printable(out);
}

json result_json(const CaseResult& r, int rule_index) {
  json result = {
      {"ruleId", text(r.id)},
      {"ruleIndex", rule_index},
      {"kind", "fail"},
      {"level", sarif_level(r.failure_level.value_or(r.level))},
      {"message", {{"text", message_text(r)}}},
      {"locations", json::array({location_json(r)})},
      {"partialFingerprints", {{std::string(kCaseFingerprint), text(r.id)}}},
  };
  if (r.baseline_reason) {
    result["suppressions"] = json::array(
        {{{"kind", "external"}, {"justification", text(*r.baseline_reason)}}});
  }
  result["properties"] = {{"verdict", std::string(to_string(r.verdict))}, {"suite", text(r.suite)}};
  return result;
}

}  // namespace

void write_conformance_sarif(const RunResult& run, std::ostream& out) {
  json rules = json::array();
  std::map<std::string, int> rule_index;
  json results = json::array();
  for (const CaseResult& r : run.cases) {
    if (!reported(r)) continue;
    auto [it, added] = rule_index.emplace(r.id, static_cast<int>(rules.size()));
    if (added) rules.push_back(rule_json(r));
    results.push_back(result_json(r, it->second));
  }
  json sarif_run = {
      {"tool",
       {{"driver", {{"name", "rfcheck"}, {"version", kToolVersion}, {"rules", rules}}}}},
      {"originalUriBaseIds",
       {{std::string(kSpecsBase),
         {{"description",
           {{"text", "The rfcheck specs root: a folder per protocol (share/rfcheck/specs once "
                     "installed, specs/ in rfcheck's sources)."}}}}}}},
      {"results", results},
      {"properties",
       {{"target", text(run.target)},
        {"protocol", text(run.protocol)},
        {"started_at", text(run.started_at)},
        {"gate", std::string(to_string(run.gate))}}},
  };
  json log = {
      {"$schema", std::string(kSarifSchema)},
      {"version", "2.1.0"},
      {"runs", json::array({sarif_run})},
  };
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace rfcheck::reports
