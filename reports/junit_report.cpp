#include "reports/junit_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <map>
#include <vector>

#include "reports/case_text.h"
#include "reports/root_causes.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

std::string seconds(std::chrono::milliseconds duration) {
  return fmt::format("{:.3f}", static_cast<double>(duration.count()) / 1000.0);
}

std::string attr(std::string_view text) { return "\"" + xml_escape(text, true) + "\""; }

void write_property(std::ostream& out, std::string_view indent, std::string_view name,
                    std::string_view value) {
  out << indent << "<property name=" << attr(name) << " value=" << attr(value) << "/>\n";
}

// Cases grouped by suite, suites in the order they first appear.
std::vector<std::pair<std::string, std::vector<const CaseResult*>>> group_by_suite(
    const RunResult& run) {
  std::vector<std::pair<std::string, std::vector<const CaseResult*>>> suites;
  std::map<std::string, std::size_t> index;
  for (const CaseResult& result : run.cases) {
    std::string name = result.suite.empty() ? "rfcheck" : result.suite;
    auto [it, inserted] = index.emplace(name, suites.size());
    if (inserted) suites.push_back({name, {}});
    suites[it->second].second.push_back(&result);
  }
  return suites;
}

// JUnit's counts as CI reads them: <failure> and <error> are exactly the cases that fail the
// gate (and so the exit code); the rest, a failure below the gate included, are skipped.
struct JunitCounts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;

  void add(const RunResult& run, const CaseResult& result) {
    ++tests;
    if (run.fails_the_gate(result)) {
      ++(result.verdict == Verdict::kError ? errors : failures);
    } else if (result.verdict != Verdict::kPass) {
      ++skipped;
    }
  }
};

void write_case(std::ostream& out, const RunResult& run, const CaseResult& result,
                const std::vector<RootCause>& causes) {
  const std::string classname = result.suite.empty() ? "rfcheck" : result.suite;
  out << "    <testcase classname=" << attr(classname) << " name=" << attr(result.id)
      << " time=\"" << seconds(result.duration) << "\">\n";
  out << "      <properties>\n";
  write_property(out, "        ", "ref", result.ref);
  write_property(out, "        ", "level", to_string(result.level));
  write_property(out, "        ", "tags", fmt::format("{}", fmt::join(result.tags, ",")));
  if (!result.title.empty()) write_property(out, "        ", "title", result.title);
  // One problem that failed many cases: CI shows each failure with the number it shares.
  const RootCause* only = only_root_cause(causes, result);
  if (only) write_property(out, "        ", "root_cause", std::to_string(only->number));
  out << "      </properties>\n";

  const std::string body = xml_escape(fmt::format("{}", fmt::join(case_detail_lines(result), "\n")), false);
  if (is_known_failure(result)) {
    out << "      <skipped message="
        << attr("known failure (baseline): " + *result.baseline_reason) << "/>\n";
    out << "      <system-out>" << body << "</system-out>\n";
  } else if ((result.verdict == Verdict::kFail || result.verdict == Verdict::kError) &&
             !run.fails_the_gate(result)) {
    const Level level = result.failure_level.value_or(result.level);
    out << "      <skipped message="
        << attr(std::string(verdict_label(result)) + " below the gate (" +
                std::string(to_string(level)) + ", gate " + std::string(to_string(run.gate)) +
                "): " + result.reason)
        << "/>\n";
    out << "      <system-out>" << body << "</system-out>\n";
  } else if (result.verdict == Verdict::kFail) {
    const std::string message =
        only ? "root cause #" + std::to_string(only->number) + " (in " +
                   std::to_string(only->cases.size()) + " cases): " + result.reason
             : result.reason;
    out << "      <failure message=" << attr(message) << " type=\"fail\">" << body
        << "</failure>\n";
  } else if (result.verdict == Verdict::kError) {
    out << "      <error message=" << attr(result.reason) << " type=\"error\">" << body
        << "</error>\n";
  } else if (result.verdict == Verdict::kInconclusive) {
    out << "      <skipped message=" << attr("inconclusive: " + result.reason) << "/>\n";
    out << "      <system-out>" << body << "</system-out>\n";
  } else if (result.verdict == Verdict::kSkip) {
    out << "      <skipped message=" << attr(result.reason) << "/>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  const std::string safe = printable(text, true);
  std::string out;
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;  // also breaks up "]]>"
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      default: out += c;
    }
  }
  return out;
}

void write_junit(const RunResult& run, std::ostream& out) {
  JunitCounts total;
  for (const CaseResult& result : run.cases) total.add(run, result);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=" << attr("rfcheck " + run.target) << " tests=\"" << total.tests
      << "\" failures=\"" << total.failures << "\" errors=\"" << total.errors << "\" skipped=\""
      << total.skipped << "\" time=\"" << seconds(run.duration) << "\">\n";
  const std::vector<RootCause> causes = find_root_causes(run);
  for (const auto& [name, cases] : group_by_suite(run)) {
    JunitCounts counts;
    std::chrono::milliseconds time{0};
    for (const CaseResult* result : cases) {
      counts.add(run, *result);
      time += result->duration;
    }
    out << "  <testsuite name=" << attr(name) << " tests=\"" << counts.tests << "\" failures=\""
        << counts.failures << "\" errors=\"" << counts.errors << "\" skipped=\""
        << counts.skipped << "\" time=\"" << seconds(time)
        << "\" timestamp=" << attr(run.started_at) << ">\n";
    out << "    <properties>\n";
    write_property(out, "      ", "target", run.target);
    write_property(out, "      ", "protocol", run.protocol);
    write_property(out, "      ", "gate", to_string(run.gate));
    out << "    </properties>\n";
    for (const CaseResult* result : cases) write_case(out, run, *result, causes);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace rfcheck::reports
