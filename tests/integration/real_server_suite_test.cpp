// The FTP suite against a real vsftpd that the harness launches from targets/vsftpd.yaml:
// every failure must be a known deviation recorded in the baseline (with the RFC sentence it
// breaks), no case may end in a harness error, and no baseline entry may be stale.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "runner/run.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"

namespace rfcheck {
namespace {

const std::string kSource = RFCHECK_SOURCE_DIR;

std::string describe(const CaseResult& r) {
  std::ostringstream out;
  out << r.id << " [" << to_string(r.verdict) << "] " << r.reason;
  if (!r.expected.empty()) out << " | expected " << r.expected << " | actual " << r.actual;
  return out.str();
}

TEST(VsftpdSuite, EveryFailureIsAKnownDeviation) {
  if (geteuid() != 0 || !std::filesystem::exists("/usr/sbin/vsftpd")) {
    GTEST_SKIP() << "needs root and vsftpd (scripts/install-deps.sh installs it)";
  }
  auto specs = load_spec_dir(kSource + "/specs/ftp");
  ASSERT_TRUE(specs.ok()) << specs.errors.front().describe();
  auto profile = load_target_profile(kSource + "/targets/vsftpd.yaml");
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(profile));
  const auto& target = std::get<TargetProfile>(profile);
  auto baseline = load_baseline(target.baseline);
  ASSERT_TRUE(std::holds_alternative<std::vector<BaselineEntry>>(baseline));

  RunRequest request;
  request.specs = &specs.specs;
  request.target = target;
  request.jobs = 2;
  request.baseline = std::get<std::vector<BaselineEntry>>(baseline);
  const auto outcome = execute_run(request);
  ASSERT_EQ(outcome.status, RunOutcome::Status::kCompleted) << outcome.error;

  const auto& run = outcome.result;
  EXPECT_GE(run.cases.size(), 80u);
  std::size_t passed = 0;
  for (const auto& r : run.cases) {
    if (r.verdict == Verdict::kPass) ++passed;
    EXPECT_NE(r.verdict, Verdict::kError) << describe(r);
    if (r.verdict == Verdict::kFail) {
      EXPECT_TRUE(r.baseline_reason.has_value()) << "not in the baseline: " << describe(r);
    }
  }
  for (const auto& stale : run.stale_baseline) {
    ADD_FAILURE() << "stale baseline entry (the case passes now): " << stale.id;
  }
  EXPECT_GE(passed, run.cases.size() / 2) << "most of the suite should pass against vsftpd";
  EXPECT_FALSE(run.gated_failure());
}

}  // namespace
}  // namespace rfcheck
