#include "reports/markdown_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "reports/case_anchor.h"
#include "reports/markdown_text.h"
#include "reports/root_causes.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

void write_counts(const RunResult& run, std::ostream& out) {
  const auto by_level = count_by_level(run);
  out << "| level | pass | fail | known | inconclusive | error | skip |\n"
      << "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  auto row = [&](std::string_view name, const VerdictCounts& c) {
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", name, c.pass, c.fail, c.known,
                       c.inconclusive, c.error, c.skip);
  };
  for (Level level : {Level::kMust, Level::kShould, Level::kMay}) {
    row(to_string(level), by_level[static_cast<int>(level)]);
  }
  row("**total**", count_verdicts(run));
}

// The case id, linked to the case's anchor in the HTML report when there is one.
std::string case_id(const CaseResult& r, std::string_view html_link) {
  if (html_link.empty()) return markdown_code(r.id);
  return "[" + markdown_code(r.id) + "](" + case_link(html_link, r.id) + ")";
}

void write_failure(const CaseResult& r, std::string_view html_link, std::ostream& out) {
  const std::string ref = r.ref.empty() ? "" : markdown_prose(r.ref) + ", ";
  out << fmt::format("- **{}** {} ({}{}): {}\n", verdict_label(r), case_id(r, html_link), ref,
                     to_string(r.failure_level.value_or(r.level)), markdown_prose(r.title));
  if (!r.quote.empty()) out << "  > " << markdown_prose(r.quote) << "\n\n";
  out << "  " << markdown_code(r.reason);
  if (!r.expected.empty()) out << "; expected " << markdown_code(r.expected);
  if (!r.actual.empty()) out << "; got " << markdown_code(r.actual);
  if (r.failed_where.line > 0) out << "; at " << markdown_code(r.failed_where.describe());
  out << "\n";
}

}  // namespace

void write_markdown(const RunResult& run, std::ostream& out, std::string_view html_link) {
  out << fmt::format("## rfcheck: {} ({}): {}\n\n", markdown_prose(run.target), markdown_prose(run.protocol),
                     run_headline(run).text);
  if (!html_link.empty()) {
    out << "Full report, with every transcript: [HTML](" << html_link << ")\n\n";
  }
  if (!run.ended_early.empty()) out << "**The run ended early:** " << markdown_code(run.ended_early) << "\n\n";
  write_counts(run, out);

  std::vector<const CaseResult*> gating, other;
  for (const CaseResult& r : run.cases) {
    const std::string_view label = verdict_label(r);
    if (label != "FAIL" && label != "ERROR") continue;  // known failures are not listed
    (run.fails_the_gate(r) ? gating : other).push_back(&r);
  }
  if (!gating.empty()) {
    out << fmt::format("\n### Failures at gate {} ({})\n\n", to_string(run.gate), gating.size());
    for (const CaseResult* r : gating) write_failure(*r, html_link, out);
  }
  const std::vector<RootCause> causes = find_root_causes(run);
  if (!causes.empty()) {
    out << "\n### Problems found in several cases\n\n";
    for (const RootCause& cause : causes) {
      out << fmt::format("- #{} **{}** {} ({}): {} in {} cases\n", cause.number,
                         to_string(cause.level), markdown_prose(cause.kind), markdown_prose(cause.ref),
                         markdown_code(cause.message), cause.cases.size());
    }
  }
  if (!other.empty()) {
    out << fmt::format("\n<details><summary>Failures below the gate ({})</summary>\n\n",
                       other.size());
    for (const CaseResult* r : other) write_failure(*r, html_link, out);
    out << "\n</details>\n";
  }
  const VerdictCounts counts = count_verdicts(run);
  out << fmt::format("\n{} passed, {} failed, {} known, {} inconclusive, {} error, {} skipped.\n",
                     counts.pass, counts.fail, counts.known, counts.inconclusive, counts.error,
                     counts.skip);
}

}  // namespace rfcheck::reports
