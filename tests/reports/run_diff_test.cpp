#include "reports/run_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "reports/run_diff_report.h"

namespace rfcheck::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

CaseResult result(const std::string& id, Verdict verdict, Level level = Level::kMust) {
  CaseResult r;
  r.id = id;
  r.level = level;
  r.verdict = verdict;
  return r;
}

std::vector<std::string> ids(const std::vector<CaseChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back((c.after ? c.after : c.before)->id);
  return out;
}

RunResult run_of(std::vector<CaseResult> cases) {
  RunResult run;
  run.target = "srv";
  run.protocol = "ftp";
  run.cases = std::move(cases);
  return run;
}

TEST(RunDiff, SortsEachCaseIntoWhatHappenedToIt) {
  CaseResult known = result("known-now", Verdict::kFail);
  known.baseline_reason = "reviewed";
  const RunResult before = run_of({result("regressed", Verdict::kPass), result("fixed", Verdict::kFail),
                                   result("same", Verdict::kPass), result("gone", Verdict::kPass),
                                   result("was-inconclusive", Verdict::kInconclusive),
                                   result("should-fails", Verdict::kPass, Level::kShould),
                                   result("known-now", Verdict::kFail),
                                   result("fail-to-error", Verdict::kFail)});
  const RunResult after = run_of({result("regressed", Verdict::kFail), result("fixed", Verdict::kPass),
                                  result("same", Verdict::kPass), result("new", Verdict::kFail),
                                  result("was-inconclusive", Verdict::kError),
                                  result("should-fails", Verdict::kFail, Level::kShould), known,
                                  result("fail-to-error", Verdict::kError)});
  const RunDiff diff = diff_runs(before, after, Level::kMust);
  EXPECT_THAT(ids(diff.regressions), ElementsAre("regressed", "was-inconclusive"));
  EXPECT_THAT(ids(diff.fixes), ElementsAre("fixed"));
  EXPECT_THAT(ids(diff.added), ElementsAre("new"));
  EXPECT_THAT(ids(diff.removed), ElementsAre("gone"));
  EXPECT_THAT(ids(diff.other_changes), ElementsAre("should-fails", "known-now", "fail-to-error"));
  EXPECT_EQ(diff.unchanged, 1u);
}

TEST(RunDiff, TheGateDecidesWhatARegressionIs) {
  const RunResult before = run_of({result("s", Verdict::kPass, Level::kShould)});
  const RunResult after = run_of({result("s", Verdict::kFail, Level::kShould)});
  EXPECT_TRUE(diff_runs(before, after, Level::kMust).regressions.empty());
  EXPECT_THAT(ids(diff_runs(before, after, Level::kShould).regressions), ElementsAre("s"));
}

TEST(RunDiff, AFindingGatesAtItsOwnLevel) {
  // A MUST case failed only by a SHOULD finding gates as a SHOULD.
  CaseResult finding_only = result("m", Verdict::kFail);
  finding_only.failure_level = Level::kShould;
  const RunResult before = run_of({result("m", Verdict::kPass)});
  const RunResult after = run_of({finding_only});
  const RunDiff diff = diff_runs(before, after, Level::kMust);
  EXPECT_TRUE(diff.regressions.empty());
  EXPECT_THAT(ids(diff.other_changes), ElementsAre("m"));
}

TEST(RunDiff, TheTextNamesEachSectionAndSums) {
  const RunResult before = run_of({result("ftp.a", Verdict::kPass)});
  RunResult after = run_of({result("ftp.a", Verdict::kFail)});
  after.cases[0].reason = "unexpected reply code 250\nand \x1b[31m more";
  std::ostringstream out;
  write_diff_text(diff_runs(before, after, Level::kMust), before, after, out);
  EXPECT_THAT(out.str(), HasSubstr("REGRESSIONS (1): did not fail before, fail the gate now\n"));
  EXPECT_THAT(out.str(), HasSubstr("PASS -> FAIL"));
  EXPECT_THAT(out.str(), HasSubstr("unexpected reply code 250\\x0aand \\x1b[31m more"));
  EXPECT_THAT(out.str(), HasSubstr("SUMMARY: 1 regressions, 0 fixes, 0 new, 0 removed, 0 other changes, 0 unchanged"));
}

}  // namespace
}  // namespace rfcheck::reports
