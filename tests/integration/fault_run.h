// Shared by the fault-server integration tests (fault_server_test.cpp for FTP,
// smtp_fault_server_test.cpp for SMTP): a suite run against one of our fault-injecting servers
// through the runner library, and the helpers that judge and print its results.
#pragma once

#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/result.h"
#include "runner/case_filter.h"
#include "spec/spec_loader.h"

namespace rfcheck::fault_run {

// One fault, the cases that must fail with it, and the cases its run selects (id prefixes; the
// expected ones are always selected). Keeping each fault's run to the cases near its rule keeps
// the binary's run time down; the clean run runs everything.
struct FaultExpectation {
  const char* fault;
  std::vector<std::string> must_fail;  // case ids, each must end fail (or error) with the fault
  std::vector<std::string> also_run;   // extra id prefixes to select (neighbours of the rule)
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

}  // namespace rfcheck::fault_run
