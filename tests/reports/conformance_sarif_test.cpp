#include "reports/conformance_sarif.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

using nlohmann::json;

json sarif_of(const RunResult& run) {
  std::ostringstream out;
  write_conformance_sarif(run, out);
  EXPECT_TRUE(testing::is_valid_utf8(out.str()));
  return json::parse(out.str());
}

const json& result_for(const json& sarif, const std::string& rule) {
  for (const json& r : sarif.at("runs").at(0).at("results")) {
    if (r.at("ruleId") == rule) return r;
  }
  throw std::runtime_error("no result for " + rule);
}

TEST(ConformanceSarif, IsSarif210WithOneRuleAndResultPerFailedCase) {
  const json sarif = sarif_of(testing::sample_run());
  EXPECT_EQ(sarif.at("version"), "2.1.0");
  EXPECT_EQ(sarif.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  const json& run = sarif.at("runs").at(0);
  EXPECT_EQ(run.at("tool").at("driver").at("name"), "rfcheck");
  EXPECT_TRUE(run.at("originalUriBaseIds").contains("SPECS"));
  // fail, error, the known fail and the hostile SHOULD fail; not pass, inconclusive, skip.
  const json& results = run.at("results");
  ASSERT_EQ(results.size(), 4u) << results.dump(2);
  const json& rules = run.at("tool").at("driver").at("rules");
  ASSERT_EQ(rules.size(), 4u);
  for (const json& r : results) {
    EXPECT_EQ(rules.at(r.at("ruleIndex").get<int>()).at("id"), r.at("ruleId"));
    EXPECT_EQ(r.at("kind"), "fail");
  }
}

TEST(ConformanceSarif, AResultPointsAtTheFailingStepWithTheRfcSentence) {
  const json sarif = sarif_of(testing::sample_run());
  const json& r = result_for(sarif, "ftp.retr.binary-exact");
  EXPECT_EQ(r.at("level"), "error");  // MUST
  const json& location = r.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(location.at("artifactLocation").at("uri"), "specs/ftp/rfc959/3.1-transfer.yaml");
  EXPECT_EQ(location.at("artifactLocation").at("uriBaseId"), "SPECS");
  EXPECT_EQ(location.at("region").at("startLine"), 14);
  EXPECT_EQ(location.at("region").at("startColumn"), 9);
  const std::string message = r.at("message").at("text");
  EXPECT_NE(message.find("reply 550 is not in {125, 150}"), std::string::npos) << message;
  EXPECT_NE(message.find("The data are transferred as contiguous bits."), std::string::npos);
  EXPECT_EQ(r.at("partialFingerprints").at("rfcheckCaseId/v1"), "ftp.retr.binary-exact");
  const json& rule = sarif.at("runs").at(0).at("tool").at("driver").at("rules").at(
      r.at("ruleIndex").get<int>());
  EXPECT_EQ(rule.at("fullDescription").at("text"), "The data are transferred as contiguous bits.");
  EXPECT_EQ(rule.at("properties").at("ref"), "RFC 959 3.1.1.3");
}

TEST(ConformanceSarif, LevelsFollowTheRfcLevelAndKnownFailuresAreSuppressed) {
  const json sarif = sarif_of(testing::sample_run());
  EXPECT_EQ(result_for(sarif, "ftp.user.hostile").at("level"), "warning");  // SHOULD
  const json& known = result_for(sarif, "ftp.mode.block");
  ASSERT_TRUE(known.contains("suppressions"));
  EXPECT_EQ(known.at("suppressions").at(0).at("kind"), "external");
  EXPECT_EQ(known.at("suppressions").at(0).at("justification"),
            "vsftpd does not implement block mode");
  EXPECT_FALSE(result_for(sarif, "ftp.retr.binary-exact").contains("suppressions"));
}

TEST(ConformanceSarif, ACaseWithoutAFailingStepIsPlacedAtTheCase) {
  RunResult run;
  CaseResult c;
  c.id = "ftp.noop.replies-ok";
  c.level = Level::kMay;
  c.verdict = Verdict::kFail;
  c.where = {"ftp/rfc959/4.1.3-informational.yaml", 40, 5};
  run.cases.push_back(c);
  const json r = sarif_of(run).at("runs").at(0).at("results").at(0);
  EXPECT_EQ(r.at("level"), "note");  // MAY
  const json& location = r.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(location.at("artifactLocation").at("uri"), "ftp/rfc959/4.1.3-informational.yaml");
  EXPECT_EQ(location.at("region").at("startLine"), 40);
}

TEST(ConformanceSarif, AnEmptyRunHasNoResults) {
  const json sarif = sarif_of(RunResult{});
  EXPECT_TRUE(sarif.at("runs").at(0).at("results").empty());
}

}  // namespace
}  // namespace rfcheck::reports
