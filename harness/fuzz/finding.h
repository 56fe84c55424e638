// What a fuzzing campaign found, and how its coverage grew: the data the findings store keeps
// on disk and the findings reports (JSON, SARIF, HTML) render. Data only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rfcheck::fuzz {

// The oracles, each of which can be switched off (`rfcheck fuzz --disable KIND`).
enum class FindingKind {
  kCrash,        // the server (or a process it started) died by a signal, or a sanitizer
                 // report appeared on its stderr
  kHang,         // no reply within the hang timeout, confirmed on replay
  kFraming,      // a reply that breaks the protocol's reply syntax (RFC 959 4.2, RFC 2821 4.2)
  kReplyTable,   // a reply code the RFC's command-reply table does not allow for the command
  kAuthBypass,   // a command that needs login answered 1yz/2yz/3yz before login
  kPathEscape,   // a file outside the server's root reached (the canary file's secret seen)
};
inline constexpr int kFindingKinds = 6;
std::string_view to_string(FindingKind kind);  // "crash", "hang", "framing", "reply-table", ...
bool parse_finding_kind(std::string_view text, FindingKind* kind);

struct FuzzFinding {
  std::string key;       // the deduplication key: a hex hash (see findings_store.h)
  FindingKind kind = FindingKind::kCrash;
  std::string message;   // one line: "heap-buffer-overflow in handle_rest", "PWD answered 999"
  std::string ref;       // the RFC rule broken ("RFC 959 5.4"), empty for crashes and hangs
  std::string command;   // the last command sent before the finding ("RETR ../x")
  std::string phase;     // the session phase it was found in ("logged-in")
  std::string sanitizer_report;  // crash: the sanitizer's report from the server's stderr
  std::string stack_signature;   // crash: the top frames the key was made from
  bool confirmed = false;        // replayed against a fresh server and found again
  std::size_t original_actions = 0;   // actions in the session that found it
  std::size_t minimized_actions = 0;  // after delta debugging (== original when not minimized)
  std::string reproducer_session;  // file: the minimized session (libFuzzer input bytes)
  std::string reproducer_yaml;     // file: the exported case, for `rfcheck replay` and suites
  std::string transcript;          // the minimized session as played: commands and replies
  double first_seen_seconds = 0;   // since the campaign started
  std::uint64_t hits = 1;          // inputs that produced this key
};

// One point of the coverage-over-time curve (written as CSV, plotted in the HTML report).
struct CoverageSample {
  double seconds = 0;
  std::uint64_t executions = 0;   // sessions played
  std::uint64_t states = 0;       // distinct (phase, command, reply code) transitions seen
  std::uint64_t edges = 0;        // distinct server edges seen (grey box), 0 in black box
  std::uint64_t findings = 0;     // distinct findings so far
};

// A finding the target's baseline already knows: the session of a case the baseline lists
// (a known deviation) produced it before the campaign began, so it is counted, not reported
// as new.
struct KnownFinding {
  std::string key;
  FindingKind kind = FindingKind::kReplyTable;
  std::string message;
  std::string case_id;  // the baseline entry's case
  std::string reason;   // and its reason
  std::uint64_t hits = 0;  // campaign inputs that produced it again
};

struct CampaignSummary {
  std::string target;        // profile name
  std::string protocol;
  std::string mode;          // "black-box" | "grey-box"
  double seconds = 0;
  std::uint64_t executions = 0;
  std::uint64_t server_restarts = 0;
  std::vector<FuzzFinding> findings;
  std::vector<KnownFinding> known;  // the baseline's deviations the campaign met again
  std::vector<CoverageSample> coverage;
};

}  // namespace rfcheck::fuzz
