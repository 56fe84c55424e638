#include "reports/markdown_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

std::string markdown_of(const RunResult& run) {
  std::ostringstream out;
  write_markdown(run, out);
  return out.str();
}

TEST(Markdown, HeadlineCountsAndTheGatedFailuresWithTheirRfcSentence) {
  const std::string md = markdown_of(testing::sample_run());
  EXPECT_TRUE(testing::is_valid_utf8(md));
  EXPECT_EQ(md.rfind("## rfcheck: vsftpd (ftp): 2 failed at gate MUST\n", 0), 0u) << md;
  EXPECT_NE(md.find("| MUST | 1 | 1 | 1 | 0 | 1 | 0 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("### Failures at gate MUST (2)\n"), std::string::npos);
  EXPECT_NE(md.find("- **FAIL** `ftp.retr.binary-exact` (RFC 959 3.1.1.3, MUST): RETR in type I "
                    "returns the exact bytes\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("  > The data are transferred as contiguous bits.\n"), std::string::npos);
  EXPECT_NE(md.find("expected `code in {125, 150}`"), std::string::npos);
  EXPECT_NE(md.find("at `specs/ftp/rfc959/3.1-transfer.yaml:14:9`"), std::string::npos);
  EXPECT_NE(md.find("- **ERROR** `ftp.pasv.connect`"), std::string::npos);
}

TEST(Markdown, FailuresBelowTheGateAreFoldedAndKnownOnesLeftOut) {
  const std::string md = markdown_of(testing::sample_run());
  const auto folded = md.find("<details><summary>Failures below the gate (1)</summary>");
  ASSERT_NE(folded, std::string::npos) << md;
  EXPECT_GT(md.find("`ftp.user.hostile`"), folded);  // the SHOULD failure
  EXPECT_EQ(md.find("ftp.mode.block"), std::string::npos);  // known: counted, not listed
  EXPECT_NE(md.find("1 passed, 2 failed, 1 known, 1 inconclusive, 1 error, 1 skipped."),
            std::string::npos);
}

// A server's bytes stay inside code spans: no raw control characters, no HTML, and a
// backtick cannot close the span early.
TEST(Markdown, ServerTextCannotBecomeMarkup) {
  RunResult run;
  run.target = "t";
  run.protocol = "ftp";
  CaseResult c;
  c.id = "ftp.x";
  c.title = "a *title* with | pipes";
  c.level = Level::kMust;
  c.verdict = Verdict::kFail;
  c.reason = "bad reply";
  c.actual = "500 <img src=x onerror=alert(1)> ``` \x1b[31m\r\nnext";
  run.cases.push_back(c);
  const std::string md = markdown_of(run);
  EXPECT_FALSE(testing::has_raw_control(md, "\n")) << md;
  EXPECT_NE(md.find("got ````500 <img src=x onerror=alert(1)> ``` \\x1b[31m\\x0d\\x0anext````"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("a \\*title\\* with \\| pipes"), std::string::npos) << md;
}

TEST(Markdown, APassingRunSaysSo) {
  RunResult run;
  run.target = "t";
  run.protocol = "smtp";
  CaseResult pass;
  pass.id = "smtp.noop.ok";
  pass.verdict = Verdict::kPass;
  run.cases.push_back(pass);
  const std::string md = markdown_of(run);
  EXPECT_EQ(md.rfind("## rfcheck: t (smtp): gate MUST passed\n", 0), 0u) << md;
  EXPECT_EQ(md.find("### Failures"), std::string::npos);
}

// A run that tested nothing, or did not finish, is never headlined as passed.
TEST(Markdown, ARunOnNothingOrCutShortIsNotAPass) {
  RunResult run;
  run.target = "t";
  run.protocol = "ftp";
  EXPECT_EQ(markdown_of(run).rfind("## rfcheck: t (ftp): nothing judged at gate MUST\n", 0), 0u)
      << markdown_of(run);
  run.ended_early = "the target would not start";
  const std::string md = markdown_of(run);
  EXPECT_EQ(md.rfind("## rfcheck: t (ftp): the run did not complete\n", 0), 0u) << md;
  EXPECT_NE(md.find("**The run ended early:** `the target would not start`"), std::string::npos);
}

// With an HTML report, each listed failure's id links to its case there (#case-<id>), and the
// page itself is linked once; without one, no link at all.
TEST(Markdown, FailuresLinkToTheirCaseInTheHtmlReport) {
  std::ostringstream linked;
  write_markdown(testing::sample_run(), linked, "../site/run.html");
  const std::string md = linked.str();
  EXPECT_NE(md.find("Full report, with every transcript: [HTML](../site/run.html)\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- **FAIL** [`ftp.retr.binary-exact`]"
                    "(../site/run.html#case-ftp.retr.binary-exact) (RFC 959 3.1.1.3, MUST)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("[`ftp.pasv.connect`](../site/run.html#case-ftp.pasv.connect)"),
            std::string::npos);
  EXPECT_NE(md.find("[`ftp.user.hostile`](../site/run.html#case-ftp.user.hostile)"),
            std::string::npos);  // below the gate, folded, still linked
  const std::string plain = markdown_of(testing::sample_run());
  EXPECT_EQ(plain.find("]("), std::string::npos) << plain;
  EXPECT_EQ(plain.find("#case-"), std::string::npos);
}

}  // namespace
}  // namespace rfcheck::reports
