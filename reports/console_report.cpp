#include "reports/console_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "reports/case_text.h"
#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

constexpr std::string_view kClearLine = "\r\x1b[2K";
constexpr std::size_t kProgressIdWidth = 48;  // keeps the progress line from wrapping

std::string_view colour_code(std::string_view label) {
  if (label == "PASS") return "\x1b[32m";
  if (label == "FAIL") return "\x1b[1;31m";
  if (label == "ERROR") return "\x1b[1;35m";
  if (label == "INCONCLUSIVE") return "\x1b[33m";
  if (label == "KNOWN") return "\x1b[34m";
  if (label == "SKIP") return "\x1b[2m";
  return "";
}

std::string case_line(std::string_view label, const CaseResult& result) {
  std::string line = fmt::format("{} {} ({} ms)", label, printable(result.id), result.duration.count());
  if (result.verdict != Verdict::kPass && !result.reason.empty()) {
    line += ": " + printable(result.reason);
  }
  return line;
}

std::string shorten(std::string text, std::size_t width) {
  if (text.size() <= width) return text;
  return "..." + text.substr(text.size() - (width - 3));
}

void write_counts_row(std::ostream& out, std::string_view name, const VerdictCounts& c) {
  out << fmt::format("  {:<8}{:>6}{:>6}{:>7}{:>14}{:>7}{:>6}\n", name, c.pass, c.fail, c.known,
                     c.inconclusive, c.error, c.skip);
}

}  // namespace

ConsoleReporter::ConsoleReporter(std::ostream& out, bool is_terminal, ConsoleDetail detail)
    : out_(out),
      is_terminal_(is_terminal),
      verbose_(detail == ConsoleDetail::kVerbose),
      quiet_(detail == ConsoleDetail::kQuiet) {}

std::string ConsoleReporter::colour(std::string_view label) const {
  if (!is_terminal_) return std::string(label);
  return fmt::format("{}{}\x1b[0m", colour_code(label), label);
}

void ConsoleReporter::clear_progress_line() {
  if (progress_shown_) out_ << kClearLine;
  progress_shown_ = false;
}

void ConsoleReporter::write_progress_line(const CaseResult& last, std::size_t done,
                                          std::size_t total) {
  out_ << kClearLine
       << fmt::format("[{}/{}] {} pass, {} fail, {} error, {} inconclusive, {} skip, {} known  {}",
                      done, total, seen_.pass, seen_.fail, seen_.error, seen_.inconclusive,
                      seen_.skip, seen_.known, shorten(printable(last.id), kProgressIdWidth));
  progress_shown_ = true;
  if (done >= total) {
    out_ << '\n';
    progress_shown_ = false;
  }
}

void ConsoleReporter::on_case_done(const CaseResult& result, std::size_t done, std::size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  seen_.add(result);
  if (quiet_) return;
  // Workers may report out of order; the count on screen only goes up.
  shown_done_ = std::max(shown_done_, done);
  std::string_view label = verdict_label(result);
  if (!is_terminal_) {
    out_ << case_line(label, result) << '\n';
    out_.flush();
    return;
  }
  if (verbose_ || result.verdict != Verdict::kPass) {
    clear_progress_line();
    std::string line = case_line(label, result);
    out_ << colour(label) << line.substr(label.size()) << '\n';
  }
  write_progress_line(result, shown_done_, total);
  out_.flush();
}

void ConsoleReporter::write_root_causes(const std::vector<RootCause>& causes) {
  if (causes.empty()) return;
  out_ << "\nRoot causes (one problem of the server, found in several cases):\n";
  for (const RootCause& cause : causes) {
    out_ << fmt::format("  #{} [{}] {} ({}): {}\n", cause.number, to_string(cause.level),
                        printable(cause.kind), printable(cause.ref), printable(cause.message));
    std::string ids;
    for (const std::string& id : cause.cases) ids += (ids.empty() ? "" : ", ") + printable(id);
    out_ << fmt::format("     in {} cases ({} failed by it alone): {}\n", cause.cases.size(),
                        cause.only_cause.size(), ids);
  }
}

void ConsoleReporter::write_full(const CaseResult& result, Level gate) {
  std::string_view label = verdict_label(result);
  std::string gated = is_gated(result.level, gate) ? "" : " (not gated)";
  out_ << '\n' << colour(label) << ' ' << printable(result.id) << gated << '\n';
  for (const std::string& line : case_detail_lines(result)) out_ << "  " << line << '\n';
}

void ConsoleReporter::quiet_summary(const RunResult& run) {
  for (const CaseResult& result : run.cases) {
    if (run.fails_the_gate(result)) write_full(result, run.gate);
  }
  write_summary_line(run, count_verdicts(run));
}

void ConsoleReporter::summary(const RunResult& run) {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_progress_line();
  if (quiet_) {
    quiet_summary(run);
    return;
  }
  const VerdictCounts counts = count_verdicts(run);
  const auto by_level = count_by_level(run);

  out_ << fmt::format("\nrfcheck: {} ({}), started {}, {} ms, gate {}\n", printable(run.target),
                      printable(run.protocol), printable(run.started_at), run.duration.count(),
                      to_string(run.gate));
  out_ << fmt::format("  {:<8}{:>6}{:>6}{:>7}{:>14}{:>7}{:>6}\n", "level", "pass", "fail", "known",
                      "inconclusive", "error", "skip");
  for (Level level : {Level::kMust, Level::kShould, Level::kMay}) {
    write_counts_row(out_, to_string(level), by_level[static_cast<int>(level)]);
  }
  write_counts_row(out_, "total", counts);

  auto write_full = [&](const CaseResult& result) { this->write_full(result, run.gate); };
  auto write_short = [&](const CaseResult& result, const std::string& text) {
    std::string_view label = verdict_label(result);
    out_ << "  " << colour(label) << ' ' << printable(result.id) << ": " << printable(text) << '\n';
  };

  // A case that one shared problem alone failed points at it; the problem is told once.
  const std::vector<RootCause> causes = find_root_causes(run);
  for (const CaseResult& result : run.cases) {
    std::string_view label = verdict_label(result);
    if (label != "FAIL" && label != "ERROR") continue;
    const RootCause* only = only_root_cause(causes, result);
    if (only && !verbose_) {
      out_ << '\n';
      write_short(result, fmt::format("only root cause #{} (below)", only->number));
    } else {
      write_full(result);
    }
  }
  write_root_causes(causes);
  if (counts.known > 0) {
    out_ << "\nKnown failures (listed in the baseline):\n";
    for (const CaseResult& result : run.cases) {
      if (!is_known_failure(result)) continue;
      if (verbose_) {
        write_full(result);
      } else {
        write_short(result, *result.baseline_reason);
      }
    }
  }
  if (counts.inconclusive > 0) {
    out_ << "\nInconclusive:\n";
    for (const CaseResult& result : run.cases) {
      if (result.verdict != Verdict::kInconclusive || is_known_failure(result)) continue;
      if (verbose_) {
        write_full(result);
      } else {
        write_short(result, result.reason);
      }
    }
  }
  if (!run.stale_baseline.empty()) {
    out_ << "\nStale baseline entries (listed as known failures, but they did not fail):\n";
    for (const StaleBaselineEntry& entry : run.stale_baseline) {
      out_ << "  STALE " << printable(entry.id) << ": " << printable(entry.reason) << '\n';
    }
  }
  if (!run.target_log.empty()) {
    out_ << "\nTarget log:\n";
    for (const std::string& entry : run.target_log) {
      std::string text = printable(entry, true);
      for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 3)) {
        text.replace(at, 1, "\n  ");
      }
      out_ << "  " << text << '\n';
    }
  }

  write_summary_line(run, counts);
}

// One line, ending in what decides the exit code: the fails and errors at the gate.
void ConsoleReporter::write_summary_line(const RunResult& run, const VerdictCounts& counts) {
  const std::size_t gated = run.gated_failures();
  out_ << fmt::format(
      "\nSUMMARY: {} passed, {} failed, {} inconclusive, {} error, {} skipped, {} known; gate {}: "
      "{}\n",
      counts.pass, counts.fail, counts.inconclusive, counts.error, counts.skip, counts.known,
      to_string(run.gate), gated == 0 ? std::string("nothing failed") : fmt::format("{} failed", gated));
  out_.flush();
}

}  // namespace rfcheck::reports
