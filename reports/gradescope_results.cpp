#include "reports/gradescope_results.h"

#include <nlohmann/json.hpp>

#include <map>

#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

using json = nlohmann::ordered_json;

std::string item_output(const grade::ItemScore& item, const std::map<std::string, const CaseResult*>& cases) {
  std::string out = std::to_string(item.passed) + " of " + std::to_string(item.total) + " cases passed.";
  for (const std::string& id : item.missed) {
    out += "\n\n" + id;
    auto it = cases.find(id);
    if (it == cases.end()) {
      out += ": did not run (the run ended before it).";
      continue;
    }
    const CaseResult& c = *it->second;
    out += " (" + c.ref + ", " + std::string(to_string(c.level)) + "): " + c.quote +
           "\n  verdict: " + std::string(to_string(c.verdict)) + ". " + c.reason;
    if (!c.expected.empty()) out += "\n  expected: " + c.expected;
    if (!c.actual.empty()) out += "\n  actual:   " + c.actual;
  }
  return sanitize_utf8(out);
}

}  // namespace

void write_gradescope_results(const Rubric& rubric, const grade::SubmissionGrade& g,
                              const RunResult* run, const std::string& visibility,
                              std::ostream& out) {
  std::map<std::string, const CaseResult*> cases;
  if (run) {
    for (const CaseResult& c : run->cases) cases[c.id] = &c;
  }
  json tests = json::array();
  for (const grade::ItemScore& item : g.score.items) {
    tests.push_back({{"name", sanitize_utf8(item.name)},
                     {"score", item.points},
                     {"max_score", item.max},
                     {"status", item.missed.empty() ? "passed" : "failed"},
                     {"output", item_output(item, cases)},
                     {"visibility", visibility}});
  }
  std::string summary = "rfcheck: " + g.status + (g.detail.empty() ? "" : ": " + g.detail);
  if (g.score.penalty > 0) summary += "\nPenalty for " + g.status + ": -" + json(g.score.penalty).dump() + " points.";
  if (g.score.cap) summary += "\nA submission with status " + g.status + " scores at most " + json(*g.score.cap).dump() + ".";
  const json doc = {{"score", g.score.total},
                    {"output", sanitize_utf8(summary)},
                    {"visibility", visibility},
                    {"stdout_visibility", "hidden"},
                    {"tests", tests},
                    {"extra_data", {{"rubric", sanitize_utf8(rubric.name)}, {"status", g.status}}}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace rfcheck::reports
