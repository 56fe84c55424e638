#include "reports/console_report.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string progress_of(const RunResult& run, bool is_terminal,
                        ConsoleDetail detail = ConsoleDetail::kNormal) {
  std::ostringstream out;
  ConsoleReporter reporter(out, is_terminal, detail);
  for (std::size_t i = 0; i < run.cases.size(); ++i) {
    reporter.on_case_done(run.cases[i], i + 1, run.cases.size());
  }
  return out.str();
}

std::string summary_of(const RunResult& run, ConsoleDetail detail = ConsoleDetail::kNormal) {
  std::ostringstream out;
  ConsoleReporter(out, false, detail).summary(run);
  return out.str();
}

TEST(ConsoleProgress, PlainLinesWithFixedPrefixes) {
  const std::vector<std::string> lines = lines_of(progress_of(testing::sample_run(), false));
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "PASS ftp.user.pass-sequence (12 ms)");
  EXPECT_EQ(lines[1], "FAIL ftp.retr.binary-exact (37 ms): reply 550 is not in {125, 150}");
  EXPECT_EQ(lines[2], "ERROR ftp.pasv.connect (5 ms): data connection refused");
  EXPECT_EQ(lines[3], "INCONCLUSIVE ftp.epsv.all (0 ms): server declined EPSV with 502");
  EXPECT_EQ(lines[4], "SKIP ftp.stor.unique (0 ms): filtered out");
  EXPECT_EQ(lines[5], "KNOWN ftp.mode.block (3 ms): MODE B answered 504");
  EXPECT_EQ(lines[6].rfind("FAIL ftp.user.hostile (0 ms): 530 bad\\xff\\xfe bytes \\x00", 0), 0u);
}

TEST(ConsoleProgress, PlainOutputHasNoEscapesOrCarriageReturns) {
  const std::string text = progress_of(testing::sample_run(), false);
  EXPECT_TRUE(testing::is_valid_utf8(text));
  EXPECT_FALSE(testing::has_raw_control(text, "\n"));
}

TEST(ConsoleProgress, TerminalRewritesOneLineAndKeepsNonPassAbove) {
  const std::string text = progress_of(testing::sample_run(), true);
  EXPECT_NE(text.find("\r\x1b[2K[7/7] 1 pass, 2 fail, 1 error, 1 inconclusive, 1 skip, 1 known"),
            std::string::npos);
  EXPECT_NE(text.find("\x1b[1;31mFAIL\x1b[0m ftp.retr.binary-exact"), std::string::npos);
  EXPECT_EQ(text.find("PASS\x1b[0m ftp.user.pass-sequence"), std::string::npos);  // not verbose
  EXPECT_EQ(text.back(), '\n');  // the last progress line is finished
  // The only escapes are ours: the server's ESC is shown as text.
  EXPECT_NE(text.find("\\x1b[31m esc"), std::string::npos);
  EXPECT_EQ(text.find("\x1b[31m esc"), std::string::npos);
}

TEST(ConsoleProgress, ThreadSafe) {
  const RunResult run = testing::sample_run();
  std::ostringstream out;
  ConsoleReporter reporter(out, false, ConsoleDetail::kNormal);
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) reporter.on_case_done(run.cases[i % run.cases.size()], 1, 200);
    });
  }
  for (std::thread& worker : workers) worker.join();
  const std::vector<std::string> lines = lines_of(out.str());
  EXPECT_EQ(lines.size(), 200u);
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.rfind("PASS ", 0) == 0 || line.rfind("FAIL ", 0) == 0 ||
                line.rfind("ERROR ", 0) == 0 || line.rfind("INCONCLUSIVE ", 0) == 0 ||
                line.rfind("SKIP ", 0) == 0 || line.rfind("KNOWN ", 0) == 0)
        << line;
  }
}

TEST(ConsoleSummary, ShowsFailuresInFullWithTranscript) {
  const std::string text = summary_of(testing::sample_run());
  EXPECT_NE(text.find("FAIL ftp.retr.binary-exact\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  title:    RETR in type I returns the exact bytes\n"), std::string::npos);
  EXPECT_NE(text.find("  ref:      RFC 959 3.1.1.3\n"), std::string::npos);
  EXPECT_NE(text.find("  level:    MUST\n"), std::string::npos);
  EXPECT_NE(text.find("  quote:    The data are transferred as contiguous bits.\n"),
            std::string::npos);
  EXPECT_NE(text.find("  reason:   reply 550 is not in {125, 150}\n"), std::string::npos);
  EXPECT_NE(text.find("  expected: code in {125, 150}\n"), std::string::npos);
  EXPECT_NE(text.find("  actual:   550-No such file\n            550 really\n"), std::string::npos);
  EXPECT_NE(text.find("  at:       specs/ftp/rfc959/3.1-transfer.yaml:14:9 (step 3)\n"),
            std::string::npos);
  EXPECT_NE(text.find("    [     0.0 ms] *  connected to 127.0.0.1:2121\n"), std::string::npos);
  EXPECT_NE(text.find("    [     1.2 ms] S: 220 ready\n"), std::string::npos);
  EXPECT_NE(text.find("    [     2.0 ms] C: RETR data.bin\n"), std::string::npos);
  EXPECT_NE(text.find("    [     3.5 ms] S: 550-No such file\n"
                      "                     550 really\n"),
            std::string::npos);
  EXPECT_NE(text.find("    [     4.0 ms] (data) D: received 0 bytes\n"), std::string::npos);
  EXPECT_NE(text.find("    [     5.0 ms] (second) *  closed by server\n"), std::string::npos);
  EXPECT_NE(text.find("    framing.bare-lf [RFC 959 4.2]: reply line ended in a bare LF\n"),
            std::string::npos);
  EXPECT_NE(text.find("ERROR ftp.pasv.connect\n"), std::string::npos);
  EXPECT_NE(text.find("FAIL ftp.user.hostile (not gated)\n"), std::string::npos);
}

TEST(ConsoleSummary, ListsKnownStaleAndTargetLog) {
  const std::string text = summary_of(testing::sample_run());
  EXPECT_NE(text.find("  KNOWN ftp.mode.block: vsftpd does not implement block mode\n"),
            std::string::npos);
  EXPECT_NE(text.find("  INCONCLUSIVE ftp.epsv.all: server declined EPSV with 502\n"),
            std::string::npos);
  EXPECT_NE(text.find("  STALE ftp.site.chmod: was broken in 3.0.2\n"), std::string::npos);
  EXPECT_NE(text.find("  stderr: \\x1b]0;pwned\\x07 tail\\xff\n  second line\n"), std::string::npos);
  EXPECT_EQ(text.find("KNOWN ftp.mode.block\n"), std::string::npos);  // not in full unless verbose
  EXPECT_NE(summary_of(testing::sample_run(), ConsoleDetail::kVerbose).find("KNOWN ftp.mode.block\n"),
            std::string::npos);
}

TEST(ConsoleSummary, EndsWithTheFixedLines) {
  const std::string text = summary_of(testing::sample_run());
  EXPECT_TRUE(testing::is_valid_utf8(text));
  EXPECT_FALSE(testing::has_raw_control(text, "\n"));
  const std::vector<std::string> lines = lines_of(text);
  ASSERT_GE(lines.size(), 2u);
  // One summary line; what fails the gate is the MUST fail and the MUST error (the SHOULD
  // fail is below the gate, the known one is excused by the baseline).
  EXPECT_EQ(lines.back(), "SUMMARY: 1 passed, 2 failed, 1 inconclusive, 1 error, 1 skipped, "
                          "1 known; gate MUST: 2 failed");
  EXPECT_EQ(text.find("passed, 3 failed"), std::string::npos);
}

TEST(ConsoleSummary, CountsPerLevel) {
  const std::string text = summary_of(testing::sample_run());
  EXPECT_NE(text.find("  MUST         1     1      1             0      1     0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  total        1     2      1             1      1     1\n"),
            std::string::npos);
}

// -q: nothing while the run goes; then the failures that decide the exit code, in full, and
// the SUMMARY line. The SHOULD failure below the gate, the known, the inconclusive and the
// target log are left out.
TEST(ConsoleQuiet, ShowsOnlyTheGatedFailuresAndTheSummaryLine) {
  EXPECT_EQ(progress_of(testing::sample_run(), false, ConsoleDetail::kQuiet), "");
  EXPECT_EQ(progress_of(testing::sample_run(), true, ConsoleDetail::kQuiet), "");
  const std::string text = summary_of(testing::sample_run(), ConsoleDetail::kQuiet);
  EXPECT_NE(text.find("FAIL ftp.retr.binary-exact\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  reason:   reply 550 is not in {125, 150}\n"), std::string::npos);
  EXPECT_NE(text.find("ERROR ftp.pasv.connect\n"), std::string::npos);
  EXPECT_EQ(text.find("ftp.user.hostile"), std::string::npos) << text;
  EXPECT_EQ(text.find("ftp.mode.block"), std::string::npos);
  EXPECT_EQ(text.find("ftp.epsv.all"), std::string::npos);
  EXPECT_EQ(text.find("Target log"), std::string::npos);
  EXPECT_EQ(text.find("level     pass"), std::string::npos);
  EXPECT_EQ(lines_of(text).back(), "SUMMARY: 1 passed, 2 failed, 1 inconclusive, 1 error, "
                                   "1 skipped, 1 known; gate MUST: 2 failed");
}

TEST(ConsoleSummary, EmptyRun) {
  const std::vector<std::string> lines = lines_of(summary_of(RunResult{}));
  EXPECT_EQ(lines.back(), "SUMMARY: 0 passed, 0 failed, 0 inconclusive, 0 error, 0 skipped, "
                          "0 known; gate MUST: nothing failed");
}

}  // namespace
}  // namespace rfcheck::reports
