// Known deviations: a listed failure is known (not gated); a listed pass is stale.
#include "runner/baseline.h"

#include <gtest/gtest.h>

namespace rfcheck {
namespace {

CaseResult result(std::string id, Verdict v, Level level = Level::kMust) {
  CaseResult r;
  r.id = std::move(id);
  r.verdict = v;
  r.level = level;
  return r;
}

TEST(Baseline, KnownFailureIsNotGated) {
  RunResult run;
  run.gate = Level::kMust;
  run.cases = {result("ftp.a", Verdict::kFail), result("ftp.b", Verdict::kPass)};
  EXPECT_TRUE(run.gated_failure());
  apply_baseline({{"ftp.a", "RFC 959 5.4: answers NOOP with 250"}}, run);
  ASSERT_TRUE(run.cases[0].baseline_reason.has_value());
  EXPECT_EQ(*run.cases[0].baseline_reason, "RFC 959 5.4: answers NOOP with 250");
  EXPECT_EQ(run.cases[0].verdict, Verdict::kFail);  // still reported as a failure
  EXPECT_FALSE(run.cases[1].baseline_reason.has_value());
  EXPECT_TRUE(run.stale_baseline.empty());
  EXPECT_FALSE(run.gated_failure());
}

TEST(Baseline, UnlistedFailureStillGates) {
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kFail), result("ftp.c", Verdict::kFail)};
  apply_baseline({{"ftp.a", "known"}}, run);
  EXPECT_TRUE(run.gated_failure());
}

TEST(Baseline, PassingListedCaseIsStale) {
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kPass), result("ftp.b", Verdict::kFail)};
  apply_baseline({{"ftp.a", "was broken in 1.0"}, {"ftp.b", "still broken"}}, run);
  ASSERT_EQ(run.stale_baseline.size(), 1u);
  EXPECT_EQ(run.stale_baseline[0].id, "ftp.a");
  EXPECT_EQ(run.stale_baseline[0].reason, "was broken in 1.0");
  EXPECT_FALSE(run.cases[0].baseline_reason.has_value());
  EXPECT_TRUE(run.cases[1].baseline_reason.has_value());
}

TEST(Baseline, InconclusiveListedCaseIsNeitherKnownNorStale) {
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kInconclusive)};
  apply_baseline({{"ftp.a", "r"}}, run);
  EXPECT_FALSE(run.cases[0].baseline_reason.has_value());
  EXPECT_TRUE(run.stale_baseline.empty());
}

TEST(Baseline, EntryForACaseNotRunIsIgnored) {
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kPass)};
  apply_baseline({{"ftp.zzz", "not selected"}}, run);
  EXPECT_TRUE(run.stale_baseline.empty());
  EXPECT_FALSE(run.cases[0].baseline_reason.has_value());
}

TEST(Baseline, ErrorIsNotExcusedByTheBaseline) {
  // A gate that passes when the harness could not judge is no gate (core/result.h).
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kError)};
  apply_baseline({{"ftp.a", "r"}}, run);
  EXPECT_TRUE(run.gated_failure());
}

TEST(Baseline, EmptyBaselineChangesNothing) {
  RunResult run;
  run.cases = {result("ftp.a", Verdict::kFail, Level::kShould)};
  apply_baseline({}, run);
  EXPECT_FALSE(run.cases[0].baseline_reason.has_value());
  EXPECT_FALSE(run.gated_failure());  // SHOULD is not gated at MUST
  run.gate = Level::kShould;
  EXPECT_TRUE(run.gated_failure());
}

}  // namespace
}  // namespace rfcheck
