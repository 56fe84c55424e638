// How reporters name and count verdicts, so the console, JUnit and JSON agree.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace rfcheck::reports {

// A fail or error that the baseline lists: reported as "known", never as failed.
bool is_known_failure(const CaseResult& result);

// The fixed, greppable word of a case: PASS FAIL INCONCLUSIVE ERROR SKIP KNOWN.
std::string_view verdict_label(const CaseResult& result);

struct VerdictCounts {
  std::size_t pass = 0, fail = 0, known = 0, inconclusive = 0, error = 0, skip = 0;

  void add(const CaseResult& result);
  std::size_t total() const { return pass + fail + known + inconclusive + error + skip; }
};

VerdictCounts count_verdicts(const RunResult& run);

// Counts per requirement level, indexed by static_cast<int>(Level).
std::array<VerdictCounts, 3> count_by_level(const RunResult& run);

// What decides the run, as the exit code does: failures first, then a run that did not
// finish or judged nothing at the gate (never shown as passed). `kind` is one word for
// styling: "failed", "incomplete", "nothing-judged", "passed"; `text` the sentence, e.g.
// "2 failed at gate MUST". The Markdown and HTML reports headline with it.
struct Headline {
  std::string_view kind;
  std::string text;
};
Headline run_headline(const RunResult& run);

}  // namespace rfcheck::reports
