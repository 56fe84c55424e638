// Shared by the fault-server integration tests (fault_server_test.cpp for FTP,
// smtp_fault_server_test.cpp for SMTP, pop3_fault_server_test.cpp for POP3): a suite run
// against one of our fault-injecting servers through the runner library, the helpers that
// judge and print its results, and the three checks every fault server gets.
#pragma once

#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <set>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/result.h"
#include "runner/case_filter.h"
#include "core/target_profile.h"
#include "protocols/registry.h"
#include "runner/run.h"
#include "spec/spec_loader.h"

namespace rfcheck::fault_run {

// One fault, the cases that must fail with it, and the cases its run selects (id prefixes; the
// expected ones are always selected). Keeping each fault's run to the cases near its rule keeps
// the binary's run time down; the clean run runs everything.
struct FaultExpectation {
  const char* fault;
  std::vector<std::string> must_fail;  // case ids, each must end fail (or error) with the fault
  std::vector<std::string> also_run;   // extra id prefixes to select (neighbours of the rule)
  // The level of the rule the fault breaks: a fault against a SHOULD turns a gate red only
  // at --fail-on should.
  Level gate = Level::kMust;
};

// Prints as the fault name in test names ("Faults/FaultServerTest.CaughtBySuite/bare_lf").
inline std::ostream& operator<<(std::ostream& os, const FaultExpectation& f) {
  return os << f.fault;
}

// gtest parameter name: the fault with '-' turned into '_'.
inline std::string fault_test_name(const ::testing::TestParamInfo<FaultExpectation>& info) {
  std::string name = info.param.fault;
  for (auto& c : name)
    if (c == '-') c = '_';
  return name;
}

// The filter of a fault's run: its expected cases and the extra prefixes.
inline CaseFilter fault_filter(const FaultExpectation& f) {
  CaseFilter filter;
  for (const auto* ids : {&f.must_fail, &f.also_run})
    filter.id_prefixes.insert(filter.id_prefixes.end(), ids->begin(), ids->end());
  return filter;
}

inline bool failed(const CaseResult& r) {
  return r.verdict == Verdict::kFail || r.verdict == Verdict::kError;
}

inline std::string describe(const CaseResult& r) {
  std::ostringstream os;
  os << "  " << r.id << " [" << to_string(r.verdict) << "] " << r.reason;
  if (!r.expected.empty() || !r.actual.empty())
    os << "\n      expected: " << r.expected << "\n      actual:   " << r.actual;
  return os.str();
}

inline std::string describe_all(const RunResult& run, bool failures_only) {
  std::string out;
  for (const auto& r : run.cases)
    if (!failures_only || failed(r)) out += describe(r) + "\n";
  for (const auto& line : run.target_log) out += "  target: " + line + "\n";
  return out;
}

// A protocol's specs, loaded once per test binary.
inline const SpecLoadResult& suite_specs(const std::string& protocol) {
  static std::map<std::string, SpecLoadResult> loaded;
  auto it = loaded.find(protocol);
  if (it == loaded.end()) {
    it = loaded.emplace(protocol, load_spec_dir(RFCHECK_SOURCE_DIR "/specs/" + protocol)).first;
  }
  return it->second;
}

inline std::string spec_load_errors(const SpecLoadResult& loaded) {
  std::string out;
  for (const auto& e : loaded.errors) out += "  " + e.describe() + "\n";
  return out;
}

// The fault names a fault server accepts, from the "faults:" section of its --help (one fault
// a line, indented by two spaces, the name first).
inline std::vector<std::string> server_fault_names(const std::string& server) {
  std::vector<std::string> names;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((server + " --help").c_str(), "r"), pclose);
  if (!pipe) return names;
  std::string text;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe.get())) text.append(buf.data(), n);
  std::istringstream lines(text);
  std::string line;
  bool in_faults = false;
  while (std::getline(lines, line)) {
    if (line == "faults:") {
      in_faults = true;
      continue;
    }
    if (!in_faults || line.rfind("  ", 0) != 0) continue;
    std::istringstream words(line);
    std::string name;
    words >> name;
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

// A fault server's launch: its command line plus --fault NAME (none for ""), ready in 10 s.
inline LaunchSpec fault_launch(std::vector<std::string> command, const std::string& fault) {
  LaunchSpec launch;
  launch.command = std::move(command);
  if (!fault.empty()) {
    launch.command.push_back("--fault");
    launch.command.push_back(fault);
  }
  launch.ready_timeout = std::chrono::seconds(10);
  return launch;
}

// One run of `specs` against `target` as the fault tests make it: two jobs, short waits.
inline RunOutcome run_fault_suite(const SpecSet& specs, TargetProfile target, CaseFilter filter,
                                  std::chrono::milliseconds case_timeout) {
  RunRequest request;
  request.specs = &specs;
  request.target = std::move(target);
  request.protocol = find_protocol(request.target.protocol);
  request.filter = std::move(filter);
  request.jobs = 2;
  request.expect_timeout = std::chrono::seconds(2);
  request.case_timeout = case_timeout;
  return execute_run(request);
}

// Runs the suite against the server with one fault ("" for none), selecting `filter`'s cases.
using SuiteRun = std::function<RunOutcome(const std::string& fault, CaseFilter filter)>;

// Every fault the server knows has expected cases or a reason why none catches it; the table
// names no fault the server does not know.
inline void expect_table_covers_server(const std::string& server,
                                       const std::vector<FaultExpectation>& table,
                                       const std::map<std::string, std::string>& uncaught = {}) {
  const auto names = server_fault_names(server);
  ASSERT_FALSE(names.empty()) << "no fault list in `" << server << " --help`";
  std::set<std::string> listed;
  for (const auto& f : table) listed.insert(f.fault);
  for (const auto& [name, why] : uncaught)
    EXPECT_FALSE(listed.count(name)) << name << " is both in the table and uncaught";
  const std::set<std::string> known(names.begin(), names.end());
  for (const auto& n : names)
    EXPECT_TRUE(listed.count(n) || uncaught.count(n)) << "fault without an expected case: " << n;
  for (const auto& n : listed)
    EXPECT_TRUE(known.count(n)) << "the table names a fault the server does not know: " << n;
  for (const auto& [n, why] : uncaught)
    EXPECT_TRUE(known.count(n)) << "an uncaught fault the server does not know: " << n;
}

// The clean server passes every case, but for `exceptions` (case id -> why it fails on purpose).
inline void expect_clean_run(const SuiteRun& run_suite, const SpecSet& specs,
                             const std::map<std::string, std::string>& exceptions = {}) {
  const auto started = std::chrono::steady_clock::now();
  const RunOutcome outcome = run_suite("", {});
  ASSERT_EQ(outcome.status, RunOutcome::Status::kCompleted) << outcome.error;
  const RunResult& run = outcome.result;
  EXPECT_EQ(run.cases.size(), specs.all_cases().size());
  std::vector<std::string> bad;
  std::size_t inconclusive = 0, skipped = 0;
  for (const auto& r : run.cases) {
    if (failed(r) && !exceptions.count(r.id)) bad.push_back(r.id);
    if (r.verdict == Verdict::kInconclusive) ++inconclusive;
    if (r.verdict == Verdict::kSkip) ++skipped;
  }
  EXPECT_TRUE(bad.empty()) << bad.size() << " case(s) failed against the clean server:\n"
                           << describe_all(run, true);
  EXPECT_FALSE(run.gated_failure());
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::steady_clock::now() - started);
  std::printf("clean run: %zu cases, %zu inconclusive, %zu skipped, %lld s\n", run.cases.size(),
              inconclusive, skipped, static_cast<long long>(secs.count()));
}

// The fault's run fails every case named for it, and fails the gate.
inline void expect_caught(const SuiteRun& run_suite, const SpecSet& specs,
                          const FaultExpectation& f) {
  ASSERT_FALSE(f.must_fail.empty());
  // Every expected id must exist in the suite, else the expectation could never hold.
  std::set<std::string> known;
  for (const Case* c : specs.all_cases()) known.insert(c->id);
  for (const auto& id : f.must_fail) ASSERT_TRUE(known.count(id)) << "no such case: " << id;

  const RunOutcome outcome = run_suite(f.fault, fault_filter(f));
  ASSERT_EQ(outcome.status, RunOutcome::Status::kCompleted) << outcome.error;
  const RunResult& run = outcome.result;
  std::set<std::string> failing;
  for (const auto& r : run.cases)
    if (failed(r)) failing.insert(r.id);
  EXPECT_FALSE(failing.empty()) << "no case caught --fault " << f.fault << ":\n"
                                << describe_all(run, false);
  RunResult gated = run;
  gated.gate = f.gate;
  EXPECT_TRUE(gated.gated_failure()) << "the run would not turn a CI gate red (at "
                                     << to_string(f.gate) << ")";
  for (const auto& id : f.must_fail)
    EXPECT_TRUE(failing.count(id)) << id << " did not fail with --fault " << f.fault
                                   << "; the run:\n"
                                   << describe_all(run, false);
}

}  // namespace rfcheck::fault_run
