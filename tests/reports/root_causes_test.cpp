// One problem of the server that fails many cases is reported once, in every report.
#include "reports/root_causes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "reports/console_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"

namespace rfcheck::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Finding bare_lf() { return {"framing.bare-lf", "reply line ended in a bare LF", "RFC 959 4.2", "main", Level::kMust}; }

CaseResult failed(const std::string& id, std::vector<Finding> findings, int failed_step = 0) {
  CaseResult r;
  r.id = id;
  r.suite = "s";
  r.level = Level::kMust;
  r.verdict = Verdict::kFail;
  r.reason = failed_step ? "reply 500 is not in {200}" : "framing.bare-lf: reply line ended in a bare LF";
  r.failed_step = failed_step;
  r.findings = std::move(findings);
  return r;
}

// Three cases show bare LF: two only that (their steps passed), one also failed a step. A
// finding in one case only is no shared root cause.
RunResult run_with_a_shared_problem() {
  RunResult run;
  run.target = "t";
  run.protocol = "ftp";
  Finding elsewhere = bare_lf();
  elsewhere.message = "line at byte 86: " + elsewhere.message;  // the same problem, elsewhere
  run.cases.push_back(failed("ftp.a", {bare_lf(), elsewhere}));
  run.cases.push_back(failed("ftp.b", {bare_lf()}));
  run.cases.push_back(failed("ftp.c", {bare_lf()}, 3));
  run.cases.push_back(failed("ftp.d", {{"reply-table", "502 to NOOP", "RFC 959 5.4", "main"}}));
  return run;
}

TEST(RootCauses, AFindingInManyCasesIsOneProblem) {
  const auto causes = find_root_causes(run_with_a_shared_problem());
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].number, 1);
  EXPECT_EQ(causes[0].kind, "framing.bare-lf");
  EXPECT_EQ(causes[0].level, Level::kMust);
  EXPECT_THAT(causes[0].cases, ElementsAre("ftp.a", "ftp.b", "ftp.c"));  // ftp.a once
  EXPECT_THAT(causes[0].only_cause, ElementsAre("ftp.a", "ftp.b"));     // ftp.c failed a step
}

TEST(RootCauses, ConsoleTellsItOnceAndTheCasesPointAtIt) {
  std::ostringstream out;
  ConsoleReporter(out, false, ConsoleDetail::kNormal).summary(run_with_a_shared_problem());
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("  FAIL ftp.a: only root cause #1 (below)"));
  EXPECT_THAT(text, HasSubstr("  #1 [MUST] framing.bare-lf (RFC 959 4.2): reply line ended in a bare LF\n"
                              "     in 3 cases (2 failed by it alone): ftp.a, ftp.b, ftp.c\n"));
  EXPECT_THAT(text, HasSubstr("\nFAIL ftp.c\n"));  // its own step failed too: in full
}

TEST(RootCauses, JsonAndJunitCarryThem) {
  std::ostringstream json_out, junit_out;
  write_json(run_with_a_shared_problem(), json_out);
  write_junit(run_with_a_shared_problem(), junit_out);
  const auto report = nlohmann::json::parse(json_out.str());
  ASSERT_EQ(report.at("root_causes").size(), 1u);
  EXPECT_EQ(report["root_causes"][0]["cases"].size(), 3u);
  EXPECT_EQ(report["cases"][0]["only_root_cause"], 1);
  EXPECT_TRUE(report["cases"][2]["only_root_cause"].is_null());
  EXPECT_THAT(junit_out.str(), HasSubstr("<failure message=\"root cause #1 (in 3 cases): framing.bare-lf"));
  EXPECT_THAT(junit_out.str(), HasSubstr("<property name=\"root_cause\" value=\"1\"/>"));
  EXPECT_THAT(junit_out.str(), Not(HasSubstr("root cause #1 (in 3 cases): reply 500")));
}

}  // namespace
}  // namespace rfcheck::reports
