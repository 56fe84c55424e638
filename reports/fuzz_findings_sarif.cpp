#include "reports/fuzz_findings_sarif.h"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "reports/fuzz_findings_json.h"
#include "reports/text_escape.h"
#include "reports/version.h"

namespace rfcheck::reports {
namespace {

using json = nlohmann::ordered_json;

// In FindingKind order. Crashes, hangs, bypasses and escapes are defects whatever the RFC
// says; framing and reply-table findings are deviations a client may tolerate.
constexpr std::array<FindingKindInfo, fuzz::kFindingKinds> kKinds = {{
    {"ServerCrash", "The server crashed or a sanitizer reported an error",
     "The server process, or a process it started, died by a signal, or a sanitizer report "
     "appeared on its standard error, while a fuzzed session was played. Replay the reproducer "
     "case against a sanitizer build; the findings HTML and JSON reports carry the sanitizer "
     "report and the minimized transcript.",
     "error", "security"},
    {"ServerHang", "The server stopped answering",
     "No reply arrived within the hang timeout, and the server was silent again when the "
     "session was replayed against a fresh server. A client, or an attacker, can tie up the "
     "server this way.",
     "error", "reliability"},
    {"ReplyFraming", "A reply broke the protocol's reply syntax",
     "A reply did not follow the reply syntax of the protocol (RFC 959 4.2 for FTP, RFC 2821 "
     "4.2 for SMTP): a malformed code, a bare LF, a broken multi-line reply. Clients may "
     "misread the reply or wait for its end forever.",
     "warning", "conformance"},
    {"ReplyCodeNotAllowed", "A reply code the RFC does not allow for the command",
     "The RFC's command-reply table (RFC 959 5.4, RFC 2821 4.3.2) does not list this reply "
     "code for the command that was sent, so a client following the RFC cannot interpret it.",
     "warning", "conformance"},
    {"AuthenticationBypass", "A command that needs login succeeded before login",
     "A command that requires a logged-in user was answered with a positive reply (1yz, 2yz "
     "or 3yz) before the session had logged in.",
     "error", "security"},
    {"PathEscape", "A file outside the server's root was reached",
     "The session read the secret of a canary file placed outside the directory the server "
     "serves: a path traversal lets clients reach files they must not see.",
     "error", "security"},
}};

json text(std::string_view value) { return sanitize_utf8(value); }
double finite(double value) { return std::isfinite(value) ? value : 0.0; }

json rule_json(fuzz::FindingKind kind) {
  const FindingKindInfo& info = finding_kind_info(kind);
  return {
      {"id", std::string(to_string(kind))},
      {"name", std::string(info.rule_name)},
      {"shortDescription", {{"text", std::string(info.short_description)}}},
      {"fullDescription", {{"text", std::string(info.help)}}},
      {"help", {{"text", std::string(info.help)}}},
      {"defaultConfiguration", {{"level", std::string(info.level)}}},
      {"properties", {{"tags", json::array({"fuzzing", std::string(info.tag)})}}},
  };
}

// One line: viewers show message.text as the alert's title, so control characters are
// escaped too (printable), not only invalid UTF-8.
std::string message_text(const fuzz::FuzzFinding& f) {
  std::string out = f.message.empty() ? std::string(to_string(f.kind)) : f.message;
  if (!f.command.empty()) out += "; command: " + f.command;
  if (!f.phase.empty()) out += "; phase: " + f.phase;
  if (!f.ref.empty()) out += "; " + f.ref;
  return printable(out);
}

// The exported YAML case is what a reader opens and replays; the session file is next best.
// Line 1, because code scanning places an alert on a line (region.startLine).
json location_json(const fuzz::FuzzFinding& f) {
  std::string_view path = !f.reproducer_yaml.empty()      ? f.reproducer_yaml
                          : !f.reproducer_session.empty() ? f.reproducer_session
                                                          : kFuzzNoReproducerUri;
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", percent_encode_path(path)}}},
            {"region", {{"startLine", 1}}}}}};
}

json result_json(const fuzz::FuzzFinding& f, int rule_index) {
  json result = {
      {"ruleId", std::string(to_string(f.kind))},
      {"ruleIndex", rule_index},
      {"level", std::string(finding_kind_info(f.kind).level)},
      {"message", {{"text", message_text(f)}}},
      {"locations", json::array({location_json(f)})},
  };
  // An empty key would make every such result one alert; without it GitHub computes its own.
  if (!f.key.empty())
    result["partialFingerprints"] = {{std::string(kFindingKeyFingerprint), text(f.key)}};
  json properties = {
      {"confirmed", f.confirmed},
      {"hits", f.hits},
      {"first_seen_seconds", finite(f.first_seen_seconds)},
      {"minimized_actions", f.minimized_actions},
      {"original_actions", f.original_actions},
  };
  if (!f.key.empty()) properties["key"] = text(f.key);
  if (!f.reproducer_session.empty()) properties["reproducer_session"] = text(f.reproducer_session);
  if (!f.stack_signature.empty()) properties["stack_signature"] = text(f.stack_signature);
  result["properties"] = properties;
  return result;
}

}  // namespace

const FindingKindInfo& finding_kind_info(fuzz::FindingKind kind) {
  return kKinds[static_cast<std::size_t>(kind)];
}

std::string fuzz_findings_sarif(const fuzz::CampaignSummary& campaign) {
  // Rules for the kinds present only, in FindingKind order; ruleIndex points into them.
  std::array<int, fuzz::kFindingKinds> rule_index;
  rule_index.fill(-1);
  for (const fuzz::FuzzFinding& finding : campaign.findings) {
    rule_index[static_cast<std::size_t>(finding.kind)] = 0;
  }
  json rules = json::array();
  for (int i = 0; i < fuzz::kFindingKinds; ++i) {
    if (rule_index[i] < 0) continue;
    rule_index[i] = static_cast<int>(rules.size());
    rules.push_back(rule_json(static_cast<fuzz::FindingKind>(i)));
  }
  json results = json::array();
  for (const fuzz::FuzzFinding& finding : campaign.findings) {
    results.push_back(result_json(finding, rule_index[static_cast<std::size_t>(finding.kind)]));
  }

  json run = {
      {"tool",
       {{"driver",
         {{"name", "rfcheck fuzz"},
          {"version", kToolVersion},
          {"informationUri", std::string(kFuzzToolInformationUri)},
          {"rules", rules}}}}},
      {"results", results},
      {"properties",
       {{"target", text(campaign.target)},
        {"protocol", text(campaign.protocol)},
        {"mode", text(campaign.mode)},
        {"seconds", finite(campaign.seconds)},
        {"executions", campaign.executions},
        {"executions_per_second", executions_per_second(campaign)},
        {"server_restarts", campaign.server_restarts}}},
  };
  json log = {
      {"$schema", std::string(kSarifSchema)},
      {"version", "2.1.0"},
      {"runs", json::array({run})},
  };
  return log.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace rfcheck::reports
