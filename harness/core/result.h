// What running a case produced. Reports read these; only the CLI decides exit codes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/level.h"
#include "core/spec_model.h"

namespace rfcheck {

enum class Verdict { kPass, kFail, kInconclusive, kError, kSkip };
std::string_view to_string(Verdict verdict);

// One line of the session as it happened, for the report of a non-pass.
struct TranscriptEntry {
  enum class Kind {
    kSent,      // a command the harness sent (text without CRLF; raw bytes escaped)
    kReceived,  // a reply from the server (its lines joined by "\n")
    kData,      // a data-channel event: "received 65536 bytes sha256=..."
    kEvent,     // connect, close by server, timeout
    kNote,      // an observation that is not a failure
  };
  Kind kind = Kind::kEvent;
  std::string connection;
  std::string text;
  double at_ms = 0;  // since the case started
};
std::string_view to_string(TranscriptEntry::Kind kind);

// A violation found by a global oracle (framing, reply table) or a security check.
struct Finding {
  std::string kind;     // "framing.bare-lf", "reply-table", "pasv-address"
  std::string message;
  std::string ref;      // "RFC 959 5.4"
  std::string connection;
  // The requirement level the RFC gives the rule: RFC 959 5.4's table "must be strictly
  // adhered to", RFC 2821 4.3.1's "SHOULD be". A finding fails its case at this level.
  Level level = Level::kMust;
};

struct CaseResult {
  // Copied from the case so a result stands alone.
  std::string id, title, ref, suite, quote;
  Level level = Level::kMust;
  std::vector<std::string> tags;
  SourceLocation where;  // the case in its spec file

  Verdict verdict = Verdict::kSkip;
  std::string reason;    // one line: why not pass
  std::string expected;  // at the failing step
  std::string actual;
  int failed_step = 0;   // 1-based index into the case's steps; 0 when none
  SourceLocation failed_where;
  std::vector<TranscriptEntry> transcript;
  std::vector<Finding> findings;
  // When only findings failed the case: the level they count at (the weakest of the case's
  // level and theirs), so a SHOULD rule broken during a MUST case gates as a SHOULD.
  std::optional<Level> failure_level;
  std::chrono::milliseconds duration{0};
  // Set when a baseline lists this case: the failure is known and not gated.
  std::optional<std::string> baseline_reason;
};

struct StaleBaselineEntry {
  std::string id;
  std::string reason;
};

// A fail or error at a level gated at `gate` that no baseline excuses, at the level a
// findings-only failure counts at: what fails a run, and what `rfcheck diff` calls a
// regression when the case did not fail before.
bool fails_gate(const CaseResult& result, Level gate);

struct RunResult {
  std::string target;    // profile name or host:port
  std::string protocol;
  std::string started_at;  // ISO 8601 UTC
  std::chrono::milliseconds duration{0};
  Level gate = Level::kMust;
  std::vector<CaseResult> cases;  // in id order
  std::vector<StaleBaselineEntry> stale_baseline;
  std::vector<std::string> target_log;  // launcher notes: stderr tail, exit status
  // Why the run could not be completed (the target refused the login, went silent, ...):
  // empty when it ran every selected case. The CLI exits 3 when it is set.
  std::string ended_early;

  // Cases that fail the run: fail or error at a gated level, not known by the baseline.
  // An error counts: a gate that silently passes when the harness could not judge is no gate.
  bool gated_failure() const { return gated_failures() > 0; }
  // This case is one of them.
  bool fails_the_gate(const CaseResult& result) const;
  // How many cases fail the run: what the exit code, the console's SUMMARY line and the
  // JUnit <failure>/<error> counts agree on.
  std::size_t gated_failures() const;
  // Cases at a gated level that reached a verdict on the server: pass, fail (known or not)
  // or error. Zero means the run judged nothing the gate asks about: no case selected, or
  // every gated case inconclusive or skipped.
  std::size_t judged_at_gate() const;
};

}  // namespace rfcheck
