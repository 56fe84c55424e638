// rfcheck fuzz keeps a target's known deviations apart (issue 12 item 6): a campaign against
// fault_ftpd --fault wrong-code (NOOP answers 250; RFC 959 5.4 allows 200, 500, 421) whose
// baseline lists ftp.noop.replies-ok meets that reply again and does not report it as new;
// without the baseline, the same session is a new finding.
#include <gtest/gtest.h>

#include <filesystem>

#include "fuzz/campaign.h"
#include "fuzz/seed_sessions.h"
#include "protocols/registry.h"
#include "spec/spec_loader.h"
#include "fault_run.h"

namespace rfcheck::fuzz {
namespace {

namespace fs = std::filesystem;
const std::string kServer = RFCHECK_BINARY_DIR "/tests/fault_ftpd/fault_ftpd";

struct Fixture {
  const SpecLoadResult& loaded = fault_run::suite_specs("ftp");
  fs::path out = fs::temp_directory_path() / ("rfcheck-fuzz-baseline-" + std::to_string(::getpid()));
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(out, ec);
  }

  std::unique_ptr<Campaign> start() {
    TargetProfile t;
    t.name = "fault_ftpd";
    t.protocol = "ftp";
    t.variables = {{"user", "u"}, {"password", "p"}, {"policy.login_required", "yes"}};
    t.launch = fault_run::fault_launch(
        {kServer, "--root", "{root}", "--port", "{port}", "--user", "u", "--password", "p"}, "wrong-code");
    CampaignOptions o;
    o.profile = t;
    o.protocol = find_protocol("ftp");
    o.model = find_model("ftp");
    o.fixtures = loaded.specs.files;
    o.out_dir = out.string();
    o.minimize = false;
    auto started = Campaign::start(o);
    if (auto* error = std::get_if<std::string>(&started)) ADD_FAILURE() << *error;
    return std::holds_alternative<std::string>(started) ? nullptr
                                                        : std::move(std::get<std::unique_ptr<Campaign>>(started));
  }

  Session session_of(const std::string& id) {
    for (const Case* c : loaded.specs.all_cases()) {
      if (c->id == id) return session_from_case(*c, loaded.specs, {{"user", "u"}, {"password", "p"}});
    }
    ADD_FAILURE() << "no case " << id;
    return {};
  }
};

TEST(FuzzBaseline, AKnownDeviationIsCountedNotReported) {
  Fixture f;
  ASSERT_TRUE(f.loaded.ok());
  auto campaign = f.start();
  ASSERT_TRUE(campaign);
  campaign->learn_baseline({{"ftp.noop.replies-ok", "answers NOOP with 250", f.session_of("ftp.noop.replies-ok")}});
  // Another case's session that sends NOOP too: the same violation, met again.
  campaign->run_one(f.session_of("ftp.noop.keeps-parameters"));
  const CampaignSummary summary = campaign->summary();
  EXPECT_TRUE(summary.findings.empty()) << summary.findings.front().message;
  ASSERT_EQ(summary.known.size(), 1u);
  EXPECT_EQ(summary.known[0].case_id, "ftp.noop.replies-ok");
  EXPECT_EQ(summary.known[0].kind, FindingKind::kReplyTable);
  EXPECT_GE(summary.known[0].hits, 1u);
}

TEST(FuzzBaseline, WithoutTheBaselineTheSameSessionIsANewFinding) {
  Fixture f;
  ASSERT_TRUE(f.loaded.ok());
  auto campaign = f.start();
  ASSERT_TRUE(campaign);
  campaign->run_one(f.session_of("ftp.noop.keeps-parameters"));
  const CampaignSummary summary = campaign->summary();
  ASSERT_EQ(summary.findings.size(), 1u);
  EXPECT_EQ(summary.findings[0].kind, FindingKind::kReplyTable);
  EXPECT_TRUE(summary.known.empty());
}

}  // namespace
}  // namespace rfcheck::fuzz
