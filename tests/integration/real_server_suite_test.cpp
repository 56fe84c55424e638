// Each protocol's suite against the real servers the harness launches from targets/*.yaml:
// every failure must be a known deviation recorded in that server's baseline (with the RFC
// sentence it breaks), no case may end in a harness error, and no baseline entry may be stale.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "protocols/registry.h"
#include "runner/run.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"

namespace rfcheck {
namespace {

const std::string kSource = RFCHECK_SOURCE_DIR;

struct RealServer {
  const char* profile;  // under targets/
  const char* binary;   // what must be installed for the profile to launch
  std::size_t min_cases;
};

std::ostream& operator<<(std::ostream& os, const RealServer& s) { return os << s.profile; }

std::string describe(const CaseResult& r) {
  std::ostringstream out;
  out << r.id << " [" << to_string(r.verdict) << "] " << r.reason;
  if (!r.expected.empty()) out << " | expected " << r.expected << " | actual " << r.actual;
  return out.str();
}

class RealServerSuite : public ::testing::TestWithParam<RealServer> {};

TEST_P(RealServerSuite, EveryFailureIsAKnownDeviation) {
  const RealServer& server = GetParam();
  if (geteuid() != 0 || !std::filesystem::exists(server.binary)) {
    GTEST_SKIP() << "needs root and " << server.binary << " (scripts/install-deps.sh installs it)";
  }
  auto profile = load_target_profile(kSource + "/targets/" + server.profile);
  ASSERT_TRUE(std::holds_alternative<TargetProfile>(profile))
      << std::get<LoadError>(profile).describe();
  const auto& target = std::get<TargetProfile>(profile);
  auto specs = load_spec_dir(kSource + "/specs/" + target.protocol);
  ASSERT_TRUE(specs.ok()) << specs.errors.front().describe();
  auto baseline = load_baseline(target.baseline);
  ASSERT_TRUE(std::holds_alternative<std::vector<BaselineEntry>>(baseline))
      << std::get<LoadError>(baseline).describe();

  RunRequest request;
  request.specs = &specs.specs;
  request.target = target;
  request.protocol = find_protocol(request.target.protocol);
  request.jobs = 2;
  request.baseline = std::get<std::vector<BaselineEntry>>(baseline);
  const auto outcome = execute_run(request);
  ASSERT_EQ(outcome.status, RunOutcome::Status::kCompleted) << outcome.error;

  const auto& run = outcome.result;
  EXPECT_GE(run.cases.size(), server.min_cases);
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
  EXPECT_GE(passed, run.cases.size() / 3) << "much of the suite should pass against a real server";
  EXPECT_FALSE(run.gated_failure());
}

INSTANTIATE_TEST_SUITE_P(
    Targets, RealServerSuite,
    ::testing::Values(RealServer{"vsftpd.yaml", "/usr/sbin/vsftpd", 80},
                      RealServer{"exim4.yaml", "/usr/sbin/exim4", 60},
                      RealServer{"aiosmtpd.yaml", "/usr/lib/python3/dist-packages/aiosmtpd", 60},
                      // The same suite through implicit TLS (the transport's other mode).
                      RealServer{"aiosmtpd-smtps.yaml", "/usr/lib/python3/dist-packages/aiosmtpd", 60},
                      RealServer{"dovecot-pop3.yaml", "/usr/sbin/dovecot", 60},
                      RealServer{"dovecot-pop3s.yaml", "/usr/sbin/dovecot", 60},
                      RealServer{"dovecot-imap.yaml", "/usr/sbin/dovecot", 120},
                      RealServer{"dovecot-imaps.yaml", "/usr/sbin/dovecot", 120}),
    [](const auto& info) {
      std::string name = info.param.profile;
      name = name.substr(0, name.find('.'));
      for (char& c : name) {
        if (c == '-') c = '_';  // gtest names allow letters, digits and underscores
      }
      return name;
    });

}  // namespace
}  // namespace rfcheck
