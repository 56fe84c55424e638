#include "runner/baseline_draft.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rfcheck {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

CaseResult result(const std::string& id, Verdict verdict) {
  CaseResult r;
  r.id = id;
  r.ref = "RFC 959 4.1.3";
  r.level = Level::kMust;
  r.quote = "It specifies no action other than that the server send an OK reply.";
  r.verdict = verdict;
  return r;
}

std::vector<std::string> ids(const std::vector<BaselineEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

TEST(BaselineDraft, DraftsEachFailureThatIsNotListedYet) {
  RunResult run;
  run.cases = {result("a.pass", Verdict::kPass), result("b.fail", Verdict::kFail),
               result("c.listed", Verdict::kFail), result("d.error", Verdict::kError),
               result("e.inconclusive", Verdict::kInconclusive), result("f.fixed", Verdict::kPass),
               result("g.skip", Verdict::kSkip)};
  const BaselineDraft draft = draft_baseline(run, {{"c.listed", "mine"}, {"f.fixed", "was broken"},
                                                   {"z.not-run", "kept"}});
  EXPECT_THAT(ids(draft.added), ElementsAre("b.fail"));
  EXPECT_TRUE(draft.added[0].unreviewed());
  EXPECT_THAT(draft.now_passing, ElementsAre("f.fixed"));
  EXPECT_THAT(draft.errors_left_out, ElementsAre("d.error"));
}

TEST(BaselineDraft, AReasonTheRunAlreadyHadIsKept) {
  RunResult run;
  CaseResult known = result("a.known", Verdict::kFail);
  known.baseline_reason = "reviewed: breaks RFC 959 5.4";
  run.cases = {known};
  const BaselineDraft draft = draft_baseline(run, {});
  ASSERT_EQ(draft.added.size(), 1u);
  EXPECT_EQ(draft.added[0].reason, "reviewed: breaks RFC 959 5.4");
  EXPECT_FALSE(draft.added[0].unreviewed());
}

TEST(BaselineDraft, TheDraftSaysWhatTheServerAnsweredAndWhatTheRfcSays) {
  CaseResult r = result("ftp.noop.replies-ok", Verdict::kFail);
  r.reason = "unexpected reply code 250";
  r.actual = "250-NOOP\n250 ok";
  r.failure_level = Level::kShould;
  const std::string reason = draft_reason(r);
  EXPECT_THAT(reason, StartsWith("UNREVIEWED: unexpected reply code 250. "));
  EXPECT_THAT(reason, HasSubstr("The server answered: \"250-NOOP / 250 ok\""));
  EXPECT_THAT(reason, HasSubstr("RFC 959 4.1.3 (SHOULD): 'It specifies no action"));
  EXPECT_EQ(reason.find('\n'), std::string::npos);
}

TEST(BaselineDraft, AHugeReplyIsCut) {
  CaseResult r = result("x", Verdict::kFail);
  r.actual = std::string(100000, 'A');
  EXPECT_LT(draft_reason(r).size(), 600u);
}

}  // namespace
}  // namespace rfcheck
