#include "reports/json_report_reader.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "reports/json_report.h"

namespace rfcheck::reports {
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
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kInconclusive, Verdict::kError,
                    Verdict::kSkip}) {
    if (text == to_string(v)) return v;
  }
  throw Malformed(where + ".verdict: \"" + text + "\" is not a verdict");
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
  return result;
}

RunResult read_run(const json& root) {
  if (!root.is_object()) throw Malformed("the document is not a JSON object");
  const std::string schema = optional_string(root, "schema", "");
  if (schema != kJsonSchemaId) {
    throw Malformed("schema \"" + schema + "\" is not " + std::string(kJsonSchemaId) +
                    " (is this an rfcheck run report, --report json:PATH?)");
  }
  RunResult run;
  run.target = string_member(root, "target", "");
  run.protocol = string_member(root, "protocol", "");
  run.started_at = optional_string(root, "started_at", "");
  run.gate = level_member(root, "gate", "");
  run.ended_early = optional_string(root, "ended_early", "");
  const json& cases = member(root, "cases", "");
  if (!cases.is_array()) throw Malformed(".cases: not an array");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    run.cases.push_back(read_case(cases[i], "cases[" + std::to_string(i) + "]"));
  }
  return run;
}

}  // namespace

std::variant<RunResult, std::string> parse_json_report(const std::string& text,
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

std::variant<RunResult, std::string> read_json_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot be read";
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return path + ": cannot be read";
  return parse_json_report(text.str(), path);
}

}  // namespace rfcheck::reports
