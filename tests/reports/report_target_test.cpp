#include "reports/report_target.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

namespace fs = std::filesystem;

class ReportTargetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(RFCHECK_BINARY_DIR) / "tests-tmp" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  fs::path dir_;
};

TEST(ParseReportTarget, AcceptsTheFormats) {
  auto junit = parse_report_target("junit:out/report.xml");
  ASSERT_TRUE(junit);
  EXPECT_EQ(junit->format, ReportFormat::kJunit);
  EXPECT_EQ(junit->path, fs::path("out/report.xml"));
  auto json = parse_report_target("JSON:C:\\reports\\r.json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->format, ReportFormat::kJson);
  EXPECT_EQ(json->path, fs::path("C:\\reports\\r.json"));
  EXPECT_EQ(to_string(ReportFormat::kJson), "json");
  EXPECT_EQ(report_formats(), "junit|json|sarif|markdown|html");
  auto html = parse_report_target("html:out/run.html");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->format, ReportFormat::kHtml);
  EXPECT_EQ(to_string(ReportFormat::kHtml), "html");
}

TEST(ParseReportTarget, RejectsWithAMessage) {
  std::string error;
  EXPECT_FALSE(parse_report_target("report.xml", &error));
  EXPECT_NE(error.find("expected FORMAT:PATH"), std::string::npos) << error;
  EXPECT_FALSE(parse_report_target("htm:x.html", &error));
  EXPECT_NE(error.find("unknown format 'htm'"), std::string::npos) << error;
  EXPECT_NE(error.find("junit|json|sarif|markdown|html"), std::string::npos) << error;
  EXPECT_FALSE(parse_report_target("json:", &error));
  EXPECT_NE(error.find("path is empty"), std::string::npos) << error;
  EXPECT_FALSE(parse_report_target("", nullptr));
}

TEST_F(ReportTargetTest, WritesJunitCreatingDirectories) {
  const fs::path path = dir_ / "a" / "b" / "report.xml";
  EXPECT_EQ(write_report({ReportFormat::kJunit, path, {}}, testing::sample_run()), std::nullopt);
  const std::string xml = read(path);
  EXPECT_EQ(testing::check_xml(xml).error, "");
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
}

TEST_F(ReportTargetTest, WritesJsonAndReplacesAnOldFile) {
  const fs::path path = dir_ / "report.json";
  fs::create_directories(dir_);
  std::ofstream(path) << "old";
  EXPECT_EQ(write_report({ReportFormat::kJson, path, {}}, testing::sample_run()), std::nullopt);
  EXPECT_EQ(nlohmann::json::parse(read(path)).at("schema"), "rfcheck-report/1");
}

TEST_F(ReportTargetTest, ReportsFailureInsteadOfThrowing) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  // A parent that is a file: the directory cannot be created.
  auto error = write_report({ReportFormat::kJson, dir_ / "file" / "r.json", {}}, testing::sample_run());
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("file"), std::string::npos) << *error;
  // A destination that is a directory: the rename fails.
  fs::create_directories(dir_ / "dir");
  error = write_report({ReportFormat::kJunit, dir_ / "dir", {}}, testing::sample_run());
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("dir"), std::string::npos) << *error;
}

// The HTML report goes through the same atomic write: no .tmp left, the page complete.
TEST_F(ReportTargetTest, WritesHtml) {
  const fs::path path = dir_ / "site" / "run.html";
  EXPECT_EQ(write_report({ReportFormat::kHtml, path, {}}, testing::sample_run()), std::nullopt);
  const std::string page = read(path);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(page.find("id=\"case-ftp.retr.binary-exact\""), std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 8), "</html>\n");
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
}

// Markdown next to HTML: links relative to the Markdown file's folder, whatever the cwd.
TEST(LinkHtmlReport, MarkdownLinksToTheHtmlRelativeToItsFolder) {
  std::vector<ReportTarget> targets = {{ReportFormat::kMarkdown, "out/summary/run.md", {}},
                                       {ReportFormat::kJson, "out/run.json", {}},
                                       {ReportFormat::kHtml, "out/pages/my run.html", {}},
                                       {ReportFormat::kMarkdown, "out/pages/side.md", {}}};
  EXPECT_EQ(link_html_report(targets, ""), std::nullopt);
  EXPECT_EQ(targets[0].html_link, "../pages/my%20run.html");
  EXPECT_EQ(targets[1].html_link, "");  // only Markdown links
  EXPECT_EQ(targets[3].html_link, "my%20run.html");
}

TEST(LinkHtmlReport, NoHtmlReportNoLinks) {
  std::vector<ReportTarget> targets = {{ReportFormat::kMarkdown, "run.md", {}},
                                       {ReportFormat::kJunit, "run.xml", {}}};
  EXPECT_EQ(link_html_report(targets, ""), std::nullopt);
  EXPECT_EQ(targets[0].html_link, "");
}

// A published URL wins over the file (CI uploads the page elsewhere); what would end a
// Markdown link early is encoded, and a URL with a fragment or a space is refused.
TEST(LinkHtmlReport, APublishedUrlWinsAndIsChecked) {
  std::vector<ReportTarget> targets = {{ReportFormat::kMarkdown, "run.md", {}},
                                       {ReportFormat::kHtml, "run.html", {}}};
  EXPECT_EQ(link_html_report(targets, "https://ci.example/a(1)/run.html?x=<y>"), std::nullopt);
  EXPECT_EQ(targets[0].html_link, "https://ci.example/a%281%29/run.html?x=%3Cy%3E");
  auto error = link_html_report(targets, "https://ci.example/run.html#top");
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("fragment"), std::string::npos) << *error;
  EXPECT_TRUE(link_html_report(targets, "https://ci.example/my run.html"));
  EXPECT_TRUE(link_html_report(targets, "https://ci.example/\x1b[31m"));
}

// End to end through write_report: the Markdown written beside the HTML links its failures.
TEST_F(ReportTargetTest, MarkdownWrittenWithHtmlLinksToItsCases) {
  std::vector<ReportTarget> targets = {{ReportFormat::kMarkdown, dir_ / "md" / "run.md", {}},
                                       {ReportFormat::kHtml, dir_ / "run.html", {}}};
  ASSERT_EQ(link_html_report(targets, ""), std::nullopt);
  for (const ReportTarget& t : targets) {
    ASSERT_EQ(write_report(t, testing::sample_run()), std::nullopt);
  }
  const std::string md = read(targets[0].path);
  EXPECT_NE(md.find("[`ftp.retr.binary-exact`](../run.html#case-ftp.retr.binary-exact)"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace rfcheck::reports
