#include "reports/matrix_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace rfcheck::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

CaseResult result(const std::string& id, Verdict verdict) {
  CaseResult r;
  r.id = id;
  r.title = "T, with \"quotes\"";
  r.ref = "RFC 959 4.1.3";
  r.verdict = verdict;
  r.reason = "<script>alert(1)</script>";
  return r;
}

MatrixColumn column(const std::string& name, const std::string& protocol, std::vector<CaseResult> cases) {
  MatrixColumn c;
  c.name = name;
  c.protocol = protocol;
  c.profile = name + ".yaml";
  RunResult run;
  run.protocol = protocol;
  run.cases = std::move(cases);
  c.run = std::move(run);
  return c;
}

std::vector<MatrixColumn> sample() {
  std::vector<MatrixColumn> columns = {
      column("a|<b>", "ftp", {result("ftp.x", Verdict::kPass), result("ftp.y", Verdict::kFail)}),
      column("smtpd", "smtp", {result("smtp.z", Verdict::kPass)}),
      column("c", "ftp", {result("ftp.x", Verdict::kPass), result("ftp.y", Verdict::kPass)}),
  };
  columns[2].html_report = "r.c.html";
  columns[0].exit_code = 1;
  return columns;
}

TEST(Matrix, CsvHasOneRowPerCaseAndACellPerServer) {
  std::ostringstream out;
  write_matrix_csv(sample(), out);
  EXPECT_EQ(out.str(),
            "protocol,case,level,ref,title,a|<b>,smtpd,c\r\n"
            "ftp,ftp.x,MUST,RFC 959 4.1.3,\"T, with \"\"quotes\"\"\",PASS,,PASS\r\n"
            "ftp,ftp.y,MUST,RFC 959 4.1.3,\"T, with \"\"quotes\"\"\",FAIL,,PASS\r\n"
            "smtp,smtp.z,MUST,RFC 959 4.1.3,\"T, with \"\"quotes\"\"\",,PASS,\r\n");
}

TEST(Matrix, MarkdownShowsTheCasesNotEveryServerPassed) {
  std::ostringstream out;
  write_matrix_markdown(sample(), out);
  EXPECT_THAT(out.str(), HasSubstr("| a\\|\\<b\\> | ftp | 1 | 1 | 0 | 0 | 0 | 0 | failed the gate |"));
  EXPECT_THAT(out.str(), HasSubstr("### ftp: 1 of 2 cases not passed by every server"));
  EXPECT_THAT(out.str(), HasSubstr("| ftp.y | MUST | FAIL | PASS |"));
  EXPECT_THAT(out.str(), Not(HasSubstr("| ftp.x |")));
  EXPECT_THAT(out.str(), HasSubstr("### smtp: 0 of 1 cases"));
}

TEST(Matrix, HtmlEscapesAndLinksToEachServersReport) {
  std::ostringstream out;
  write_matrix_html(sample(), out);
  const std::string html = out.str();
  EXPECT_THAT(html, HasSubstr("<th>a|&lt;b&gt;</th>"));
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html, HasSubstr("title=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
  EXPECT_THAT(html, HasSubstr("<a href=\"r.c.html#case-ftp.y\">PASS</a>"));
  EXPECT_THAT(html, HasSubstr("<tr data-all-pass><td"));  // ftp.x: hidden by the switch
  EXPECT_THAT(html, Not(HasSubstr("http")));               // self-contained
}

}  // namespace
}  // namespace rfcheck::reports
