// Progress while a run goes, and the summary after it, for a person or a CI log.
//
// Machine-readable lines, never coloured:
//   per case (not on a terminal):  "PASS ftp.user.pass-sequence (12 ms)"
//                                   "FAIL <id> (<ms> ms): <reason>"
//     prefixes: PASS FAIL INCONCLUSIVE ERROR SKIP KNOWN (a fail/error the baseline lists)
//   summary, second-last line:      "SUMMARY: P passed, F failed, I inconclusive, E error,
//                                    S skipped, K known"
//   summary, last line:             "P passed, F failed, S skipped"
//     where, on the last line only, failed = fail + error and skipped = skip + inconclusive;
//     known failures are in neither. Reporters never decide the exit code.
#pragma once

#include <cstddef>
#include <mutex>
#include <ostream>

#include "core/result.h"
#include "reports/root_causes.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {

// How much the console shows. Quiet (-q): nothing while the run goes, then only the failures
// that decide the exit code, in full, and the SUMMARY line. Verbose (-v): every case in full.
enum class ConsoleDetail { kQuiet, kNormal, kVerbose };

class ConsoleReporter {
 public:
  // On a terminal: one progress line rewritten with '\r', coloured verdicts, and a line
  // kept above it for every non-pass case (every case when verbose). Otherwise: one plain
  // line per case. Verbose also shows inconclusive and known cases in full in the summary.
  ConsoleReporter(std::ostream& out, bool is_terminal, ConsoleDetail detail);

  // Thread-safe: the runner calls it from its worker threads.
  void on_case_done(const CaseResult& result, std::size_t done, std::size_t total);

  void summary(const RunResult& run);

 private:
  // Quiet: the gated failures in full, then the SUMMARY line.
  void quiet_summary(const RunResult& run);
  void write_full(const CaseResult& result, Level gate);
  void write_summary_line(const RunResult& run, const VerdictCounts& counts);
  std::string colour(std::string_view label) const;
  void clear_progress_line();
  // One block per problem that failed several cases (reports/root_causes.h).
  void write_root_causes(const std::vector<RootCause>& causes);
  void write_progress_line(const CaseResult& last, std::size_t done, std::size_t total);

  std::ostream& out_;
  bool is_terminal_;
  bool verbose_;
  bool quiet_;
  std::mutex mutex_;
  VerdictCounts seen_;
  std::size_t shown_done_ = 0;
  bool progress_shown_ = false;  // a progress line without its newline is on screen
};

}  // namespace rfcheck::reports
