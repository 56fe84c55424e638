// rfcheck diff OLD.json NEW.json end to end: what it prints and its exit code.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli_support.h"

namespace {

using namespace cli_testing;
using ::testing::HasSubstr;

std::string report(const std::string& protocol, const std::string& verdict,
                   const std::string& ended_early = "null") {
  return R"({"schema":"rfcheck-report/1","target":"srv","protocol":")" + protocol +
         R"(","gate":"MUST","ended_early":)" + ended_early +
         R"(,"cases":[{"id":"ftp.noop.replies-ok","title":"T","ref":"RFC 959 4.1.3","level":"MUST",
         "verdict":")" + verdict + R"(","reason":"unexpected reply code 250"}]})";
}

TEST(DiffCli, ARegressionExitsOneAndIsListed) {
  TempDir dir;
  const std::string before = dir.write("old.json", report("ftp", "pass"));
  const std::string after = dir.write("new.json", report("ftp", "fail"));
  const Ran r = rfcheck({"diff", before, after, "--json", dir.str() + "/diff.json"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("REGRESSIONS (1)"));
  EXPECT_THAT(r.output, HasSubstr("ftp.noop.replies-ok"));
  EXPECT_THAT(read_file(dir.str() + "/diff.json"), HasSubstr("\"schema\": \"rfcheck-diff/1\""));

  const Ran back = rfcheck({"diff", after, before});
  EXPECT_EQ(back.exit_code, 0) << back.output;
  EXPECT_THAT(back.output, HasSubstr("FIXES (1)"));
}

TEST(DiffCli, ANewRunCutShortIsNoFix) {
  TempDir dir;
  const std::string before = dir.write("old.json", report("ftp", "fail"));
  const std::string after = dir.write("new.json", report("ftp", "pass", "\"the server went silent\""));
  const Ran r = rfcheck({"diff", before, after});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_THAT(r.output, HasSubstr("The new run did not complete: the server went silent"));
}

TEST(DiffCli, ReportsThatCannotBeComparedExitTwo) {
  TempDir dir;
  const std::string ftp = dir.write("ftp.json", report("ftp", "pass"));
  const std::string smtp = dir.write("smtp.json", report("smtp", "pass"));
  Ran r = rfcheck({"diff", ftp, smtp});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("cannot be compared"));
  r = rfcheck({"diff", ftp, dir.write("bad.json", "{\"schema\":")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("bad.json: not valid JSON"));
  r = rfcheck({"diff", ftp, ftp, "--fail-on", "often"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
