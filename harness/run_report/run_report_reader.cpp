#include "run_report/run_report_reader.h"

#include <nlohmann/json.hpp>

#include "core/text_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>


namespace rfcheck {
namespace {

using json = nlohmann::json;

// A member that is missing or of the wrong type, named by its place in the document.
struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& member(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) throw Malformed(where + "." + key + ": missing");
  return *it;
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const json& value = member(object, key, where);
  if (!value.is_string()) throw Malformed(where + "." + key + ": not a string");
  return value.get<std::string>();
}

// Null, absent (a member added later within /1) and "" all read as nothing.
std::string optional_string(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw Malformed(where + "." + key + ": not a string or null");
  return it->get<std::string>();
}

Level level_member(const json& object, const char* key, const std::string& where) {
  const std::string text = string_member(object, key, where);
  std::optional<Level> level = parse_level(text);
  if (!level) throw Malformed(where + "." + key + ": \"" + text + "\" is not MUST, SHOULD or MAY");
  return *level;
}

Verdict verdict_member(const json& object, const std::string& where) {
  const std::string text = string_member(object, "verdict", where);
  if (auto verdict = parse_verdict(text)) return *verdict;
  throw Malformed(where + ".verdict: \"" + text + "\" is not a verdict");
}

// The session as it happened; an entry of a kind this reader does not know reads as a note.
std::vector<TranscriptEntry> read_transcript(const json& item) {
  std::vector<TranscriptEntry> out;
  auto entries = item.find("transcript");
  if (entries == item.end() || !entries->is_array()) return out;
  for (const json& e : *entries) {
    if (!e.is_object()) continue;
    TranscriptEntry entry;
    entry.kind = TranscriptEntry::Kind::kNote;
    const std::string kind = e.value("kind", "");
    for (auto k : {TranscriptEntry::Kind::kSent, TranscriptEntry::Kind::kReceived,
                   TranscriptEntry::Kind::kData, TranscriptEntry::Kind::kEvent}) {
      if (to_string(k) == kind) entry.kind = k;
    }
    entry.connection = optional_string(e, "connection", "");
    entry.text = optional_string(e, "text", "");
    if (auto at = e.find("at_ms"); at != e.end() && at->is_number()) entry.at_ms = at->get<double>();
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<Finding> read_findings(const json& item) {
  std::vector<Finding> out;
  auto entries = item.find("findings");
  if (entries == item.end() || !entries->is_array()) return out;
  for (const json& e : *entries) {
    if (!e.is_object()) continue;
    out.push_back({optional_string(e, "kind", ""), optional_string(e, "message", ""),
                   optional_string(e, "ref", ""), optional_string(e, "connection", "")});
  }
  return out;
}

CaseResult read_case(const json& item, const std::string& where) {
  if (!item.is_object()) throw Malformed(where + ": not an object");
  CaseResult result;
  result.id = string_member(item, "id", where);
  result.title = string_member(item, "title", where);
  result.ref = string_member(item, "ref", where);
  result.suite = optional_string(item, "suite", where);
  result.quote = optional_string(item, "quote", where);
  result.level = level_member(item, "level", where);
  result.verdict = verdict_member(item, where);
  result.reason = optional_string(item, "reason", where);
  result.expected = optional_string(item, "expected", where);
  result.actual = optional_string(item, "actual", where);
  if (auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
    for (const json& tag : *tags) {
      if (tag.is_string()) result.tags.push_back(tag.get<std::string>());
    }
  }
  if (auto it = item.find("baseline_reason"); it != item.end() && it->is_string()) {
    result.baseline_reason = it->get<std::string>();
  }
  if (auto it = item.find("failure_level"); it != item.end() && !it->is_null()) {
    result.failure_level = level_member(item, "failure_level", where);
  }
  result.transcript = read_transcript(item);
  result.findings = read_findings(item);
  return result;
}

RunResult read_run(const json& root) {
  if (!root.is_object()) throw Malformed("the document is not a JSON object");
  const std::string schema = optional_string(root, "schema", "");
  if (schema != kRunReportSchema) {
    throw Malformed("schema \"" + schema + "\" is not " + std::string(kRunReportSchema) +
                    " (is this an rfcheck run report, --report json:PATH?)");
  }
  RunResult run;
  run.target = string_member(root, "target", "");
  run.protocol = string_member(root, "protocol", "");
  run.started_at = optional_string(root, "started_at", "");
  run.gate = level_member(root, "gate", "");
  run.ended_early = optional_string(root, "ended_early", "");
  if (auto log = root.find("target_log"); log != root.end() && log->is_array()) {
    for (const json& line : *log) {
      if (line.is_string()) run.target_log.push_back(line.get<std::string>());
    }
  }
  const json& cases = member(root, "cases", "");
  if (!cases.is_array()) throw Malformed(".cases: not an array");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    run.cases.push_back(read_case(cases[i], "cases[" + std::to_string(i) + "]"));
  }
  return run;
}

}  // namespace

std::optional<Verdict> parse_verdict(std::string_view text) {
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kInconclusive, Verdict::kError,
                    Verdict::kSkip}) {
    if (text == to_string(v)) return v;
  }
  return std::nullopt;
}

std::variant<RunResult, std::string> parse_run_report(const std::string& text,
                                                       const std::string& name) {
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return name + ": not valid JSON";
  try {
    return read_run(root);
  } catch (const Malformed& e) {
    std::string where = e.what();
    if (!where.empty() && where.front() == '.') where.erase(0, 1);
    return name + ": " + where;
  }
}

std::variant<RunResult, std::string> read_run_report(const std::string& path) {
  const auto text = read_text_file(path);
  if (!text) return path + ": cannot be read";
  return parse_run_report(*text, path);
}

}  // namespace rfcheck
