#include "reports/run_diff_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kReasonChars = 160;

std::string label(const CaseResult* r) { return r ? std::string(verdict_label(*r)) : "-"; }

std::string one_line(std::string_view text) {
  std::string line = printable(text);
  return line.size() > kReasonChars ? line.substr(0, kReasonChars) + "..." : line;
}

std::string describe_run(const RunResult& run) {
  return printable(run.target) + (run.started_at.empty() ? "" : ", " + printable(run.started_at));
}

struct Section {
  const char* title;
  const char* meaning;
  const std::vector<CaseChange>* changes;
};

std::vector<Section> sections(const RunDiff& d) {
  return {{"REGRESSIONS", "did not fail before, fail the gate now", &d.regressions},
          {"FIXES", "failed before, pass now", &d.fixes},
          {"NEW CASES", "only in the new run", &d.added},
          {"REMOVED CASES", "only in the old run", &d.removed},
          {"OTHER CHANGES", "verdict changed, gate not affected", &d.other_changes}};
}

void write_change(const CaseChange& c, std::ostream& out) {
  const CaseResult& r = c.after ? *c.after : *c.before;
  const Level level = r.failure_level.value_or(r.level);
  out << fmt::format("  {:<48} {:<6} {:>12} -> {:<12}", printable(r.id), to_string(level),
                     label(c.before), label(c.after));
  if (c.after && c.after->verdict != Verdict::kPass && !c.after->reason.empty()) {
    out << " " << one_line(c.after->reason);
  }
  out << "\n";
}

json change_json(const CaseChange& c) {
  const CaseResult& r = c.after ? *c.after : *c.before;
  json item = {{"id", sanitize_utf8(r.id)},
               {"level", to_string(r.failure_level.value_or(r.level))},
               {"before", c.before ? json(label(c.before)) : json(nullptr)},
               {"after", c.after ? json(label(c.after)) : json(nullptr)}};
  item["reason"] = c.after && c.after->verdict != Verdict::kPass ? json(sanitize_utf8(c.after->reason))
                                                                  : json(nullptr);
  return item;
}

}  // namespace

void write_diff_text(const RunDiff& diff, const RunResult& before, const RunResult& after,
                     std::ostream& out) {
  out << "rfcheck diff: " << describe_run(before) << "  ->  " << describe_run(after)
      << "; gate " << to_string(diff.gate) << "\n";
  for (const Section& s : sections(diff)) {
    if (s.changes->empty()) continue;
    out << "\n" << s.title << " (" << s.changes->size() << "): " << s.meaning << "\n";
    for (const CaseChange& c : *s.changes) write_change(c, out);
  }
  out << fmt::format("\nSUMMARY: {} regressions, {} fixes, {} new, {} removed, {} other changes, {} unchanged\n",
                     diff.regressions.size(), diff.fixes.size(), diff.added.size(),
                     diff.removed.size(), diff.other_changes.size(), diff.unchanged);
}

void write_diff_json(const RunDiff& diff, const RunResult& before, const RunResult& after,
                     std::ostream& out) {
  auto run_json = [](const RunResult& run) {
    return json{{"target", sanitize_utf8(run.target)}, {"protocol", sanitize_utf8(run.protocol)},
                {"started_at", sanitize_utf8(run.started_at)},
                {"ended_early", run.ended_early.empty() ? json(nullptr) : json(sanitize_utf8(run.ended_early))}};
  };
  auto list = [](const std::vector<CaseChange>& changes) {
    json items = json::array();
    for (const CaseChange& c : changes) items.push_back(change_json(c));
    return items;
  };
  json doc = {{"schema", "rfcheck-diff/1"},
              {"gate", to_string(diff.gate)},
              {"before", run_json(before)},
              {"after", run_json(after)},
              {"regressions", list(diff.regressions)},
              {"fixes", list(diff.fixes)},
              {"added", list(diff.added)},
              {"removed", list(diff.removed)},
              {"other_changes", list(diff.other_changes)},
              {"unchanged", diff.unchanged}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace rfcheck::reports
