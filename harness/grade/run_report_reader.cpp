#include "grade/run_report_reader.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace rfcheck::grade {
namespace {

using json = nlohmann::json;

std::string text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

TranscriptEntry::Kind parse_kind(const std::string& kind) {
  for (auto k : {TranscriptEntry::Kind::kSent, TranscriptEntry::Kind::kReceived,
                 TranscriptEntry::Kind::kData, TranscriptEntry::Kind::kEvent,
                 TranscriptEntry::Kind::kNote}) {
    if (to_string(k) == kind) return k;
  }
  return TranscriptEntry::Kind::kNote;
}

CaseResult read_case(const json& c) {
  CaseResult r;
  r.id = text(c, "id");
  r.title = text(c, "title");
  r.ref = text(c, "ref");
  r.suite = text(c, "suite");
  r.quote = text(c, "quote");
  r.level = parse_level(text(c, "level")).value_or(Level::kMust);
  if (auto tags = c.find("tags"); tags != c.end() && tags->is_array()) {
    for (const auto& t : *tags) {
      if (t.is_string()) r.tags.push_back(t.get<std::string>());
    }
  }
  r.verdict = parse_verdict(text(c, "verdict")).value_or(Verdict::kError);
  r.reason = text(c, "reason");
  r.expected = text(c, "expected");
  r.actual = text(c, "actual");
  if (auto t = c.find("transcript"); t != c.end() && t->is_array()) {
    for (const auto& e : *t) {
      TranscriptEntry entry;
      entry.kind = parse_kind(text(e, "kind"));
      entry.connection = text(e, "connection");
      entry.text = text(e, "text");
      if (auto at = e.find("at_ms"); at != e.end() && at->is_number()) entry.at_ms = at->get<double>();
      r.transcript.push_back(std::move(entry));
    }
  }
  if (auto f = c.find("findings"); f != c.end() && f->is_array()) {
    for (const auto& e : *f) {
      r.findings.push_back({text(e, "kind"), text(e, "message"), text(e, "ref"), text(e, "connection")});
    }
  }
  return r;
}

}  // namespace

std::optional<Verdict> parse_verdict(const std::string& text) {
  for (auto v : {Verdict::kPass, Verdict::kFail, Verdict::kInconclusive, Verdict::kError,
                 Verdict::kSkip}) {
    if (to_string(v) == text) return v;
  }
  return std::nullopt;
}

std::optional<RunResult> read_run_report(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "no report at " + path;
    return std::nullopt;
  }
  const json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || text(doc, "schema") != "rfcheck-report/1") {
    error = path + " is not an rfcheck-report/1 JSON report";
    return std::nullopt;
  }
  RunResult run;
  run.target = text(doc, "target");
  run.protocol = text(doc, "protocol");
  run.started_at = text(doc, "started_at");
  run.ended_early = text(doc, "ended_early");
  if (auto cases = doc.find("cases"); cases != doc.end() && cases->is_array()) {
    for (const auto& c : *cases) {
      if (c.is_object()) run.cases.push_back(read_case(c));
    }
  }
  if (auto log = doc.find("target_log"); log != doc.end() && log->is_array()) {
    for (const auto& line : *log) {
      if (line.is_string()) run.target_log.push_back(line.get<std::string>());
    }
  }
  return run;
}

}  // namespace rfcheck::grade
