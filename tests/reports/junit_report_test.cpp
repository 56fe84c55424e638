#include "reports/junit_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

std::string junit_of(const RunResult& run) {
  std::ostringstream out;
  write_junit(run, out);
  return out.str();
}

TEST(Junit, IsWellFormedWithHostileBytes) {
  const std::string xml = junit_of(testing::sample_run());
  testing::XmlCheck check = testing::check_xml(xml);
  ASSERT_EQ(check.error, "") << xml;
  EXPECT_EQ(check.element_counts["testsuites"], 1);
  EXPECT_EQ(check.element_counts["testsuite"], 3);
  EXPECT_EQ(check.element_counts["testcase"], 7);
  // <failure> and <error> are what fails the gate (MUST), as the exit code: not the known
  // failure, not the SHOULD failure below the gate.
  EXPECT_EQ(check.element_counts["failure"], 1);
  EXPECT_EQ(check.element_counts["error"], 1);
  EXPECT_EQ(check.element_counts["skipped"], 4);  // skip, inconclusive, known, below the gate
  EXPECT_EQ(xml.find('\0'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
}

TEST(Junit, EscapesServerBytesAsText) {
  const std::string xml = junit_of(testing::sample_run());
  EXPECT_NE(xml.find("530 bad\\xff\\xfe bytes \\x00 nul \\x1b[31m esc \\x07 bell \\x0d cr ]]&gt; "
                     "&lt;x a=&quot;b&quot;&gt; &amp; &apos;q&apos; \\xc3( \\xed\\xa0\\x80 ok-\xc3\xa9"),
            std::string::npos)
      << xml;
}

TEST(Junit, CarriesTheCaseShape) {
  const std::string xml = junit_of(testing::sample_run());
  EXPECT_NE(xml.find("<testsuites name=\"rfcheck vsftpd\" tests=\"7\" failures=\"1\" errors=\"1\" "
                     "skipped=\"4\" time=\"1.234\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"FAIL below the gate (SHOULD, gate MUST): 530 bad"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase classname=\"ftp/rfc959/access-control\" "
                     "name=\"ftp.user.pass-sequence\" time=\"0.012\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<property name=\"ref\" value=\"RFC 959 4.1.1, 5.4\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"level\" value=\"MUST\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"tags\" value=\"minimum,login\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"reply 550 is not in {125, 150}\" type=\"fail\">"),
            std::string::npos);
  EXPECT_NE(xml.find("S: 550-No such file\n"), std::string::npos);  // transcript in the body
  EXPECT_NE(xml.find("<error message=\"data connection refused\""), std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"inconclusive: server declined EPSV with 502\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"known failure (baseline): vsftpd does not implement "
                     "block mode\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"filtered out\"/>"), std::string::npos);
}

TEST(Junit, AttributesKeepNewlines) {
  EXPECT_EQ(xml_escape("a\nb", true), "a&#10;b");
  EXPECT_EQ(xml_escape("a\nb", false), "a\nb");
  EXPECT_EQ(xml_escape("]]>", false), "]]&gt;");
}

TEST(Junit, EmptyRunIsWellFormed) {
  RunResult run;
  testing::XmlCheck check = testing::check_xml(junit_of(run));
  EXPECT_EQ(check.error, "");
  EXPECT_EQ(check.element_counts["testcase"], 0);
}

}  // namespace
}  // namespace rfcheck::reports
