// rfcheck baseline REPORT.json end to end: the file it drafts, what it adds to a file a person
// keeps, and that `rfcheck run` warns while drafts are unreviewed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.h"

namespace {

using namespace cli_testing;
using ::testing::HasSubstr;
using ::testing::Not;

// A report as `rfcheck run --report json:PATH` writes it: a pass, a failure, a known failure,
// an error and a case that now passes although the baseline lists it.
std::string report_json() {
  const std::string c = R"("title":"T","ref":"RFC 959 4.1.3","level":"MUST","tags":[],)";
  return R"({"schema":"rfcheck-report/1","target":"srv","protocol":"ftp","started_at":"2026-01-01T00:00:00Z",
    "gate":"MUST","ended_early":null,"cases":[
    {"id":"ftp.a-pass",)" + c + R"("verdict":"pass","quote":"q"},
    {"id":"ftp.noop.replies-ok",)" + c + R"("verdict":"fail","reason":"unexpected reply code 250",
     "actual":"250 NOOP ok.","quote":"It specifies no action other than that the server send an OK reply."},
    {"id":"ftp.known",)" + c + R"("verdict":"fail","baseline_reason":"reviewed reason","quote":"q"},
    {"id":"ftp.broken-harness",)" + c + R"("verdict":"error","reason":"data connection refused"},
    {"id":"ftp.fixed",)" + c + R"("verdict":"pass"}]})";
}

TEST(BaselineCli, DraftsANewBaselineOfTheFailures) {
  TempDir dir;
  const std::string report = dir.write("r.json", report_json());
  const std::string out = dir.str() + "/srv.baseline.yaml";
  const Ran r = rfcheck({"baseline", report, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = read_file(out);
  EXPECT_THAT(text, HasSubstr("# Known deviations of srv (ftp)"));
  EXPECT_THAT(text, HasSubstr("- id: ftp.noop.replies-ok\n    reason: >-\n      UNREVIEWED: unexpected"));
  EXPECT_THAT(text, HasSubstr("The server answered: \"250 NOOP ok.\""));
  EXPECT_THAT(text, HasSubstr("- id: ftp.known\n    reason: >-\n      reviewed reason\n"));
  EXPECT_THAT(text, Not(HasSubstr("ftp.a-pass")));
  EXPECT_THAT(text, Not(HasSubstr("ftp.broken-harness")));
  EXPECT_THAT(r.output, HasSubstr("2 entries added to " + out + " (1 drafted, marked UNREVIEWED)"));
  EXPECT_THAT(r.output, HasSubstr("? ftp.broken-harness"));
}

TEST(BaselineCli, AddsToAnExistingFileAndKeepsEverythingInIt) {
  TempDir dir;
  const std::string report = dir.write("r.json", report_json());
  const std::string mine = "# my notes\nknown:\n  - id: ftp.fixed\n    reason: was broken in 1.0\n";
  const std::string out = dir.write("b.yaml", mine);
  const Ran r = rfcheck({"baseline", report, "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string text = read_file(out);
  EXPECT_EQ(text.rfind(mine, 0), 0u) << text;
  EXPECT_THAT(text, HasSubstr("- id: ftp.noop.replies-ok"));
  EXPECT_THAT(r.output, HasSubstr("list a case that now passes; remove them by hand:\n  - ftp.fixed"));

  const Ran again = rfcheck({"baseline", report, "-o", out});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(read_file(out), text) << "a second run adds nothing";
  EXPECT_THAT(again.output, HasSubstr("0 entries added"));
}

TEST(BaselineCli, BadInputIsNamedAndWritesNothing) {
  TempDir dir;
  const std::string not_a_report = dir.write("findings.json", R"({"schema":"rfcheck-findings/1"})");
  Ran r = rfcheck({"baseline", not_a_report});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("is not rfcheck-report/1"));

  const std::string report = dir.write("r.json", report_json());
  const std::string broken = dir.write("b.yaml", "known:\n  - id: x\n");
  r = rfcheck({"baseline", report, "-o", broken});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("was left as it was"));
  EXPECT_EQ(read_file(broken), "known:\n  - id: x\n");

  r = rfcheck({"baseline", dir.str() + "/missing.json"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("missing.json: cannot be read"));
}

TEST(BaselineCli, RunWarnsWhileDraftsAreUnreviewed) {
  TempDir dir;
  const std::string baseline = dir.write(
      "b.yaml", "known:\n  - id: ftp.noop.replies-ok\n    reason: 'UNREVIEWED: drafted'\n"
                "  - id: ftp.help.before-login\n    reason: reviewed, breaks RFC 959 4.1.3\n");
  const Ran r = rfcheck({"run", "--protocol", "ftp", "--port", std::to_string(closed_port()),
                         "--specs", kSpecs, "--baseline", baseline});
  EXPECT_THAT(r.output, HasSubstr("1 entries are drafts still marked UNREVIEWED"));
  EXPECT_THAT(r.output, HasSubstr(": ftp.noop.replies-ok\n"));
}

}  // namespace
