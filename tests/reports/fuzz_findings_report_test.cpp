// The fuzz findings reports (JSON, SARIF, HTML with its SVG plot, coverage CSV): parsed back
// and checked field by field, with hostile server text in a finding.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks.h"
#include "reports/coverage_csv.h"
#include "reports/coverage_plot.h"
#include "reports/fuzz_findings_html.h"
#include "reports/fuzz_findings_json.h"
#include "reports/fuzz_findings_sarif.h"
#include "reports/text_escape.h"

namespace rfcheck::reports {
namespace {

using nlohmann::json;
using namespace std::string_literals;

// What a server might put in a reply or on its stderr: markup, quotes, NUL, ESC, invalid
// UTF-8 and a valid non-ASCII character.
std::string hostile() {
  return "<script>alert(\"x\")</script> 'q' & \x00 nul \x1b[31m \xff\xfe caf\xc3\xa9"s;
}

fuzz::FuzzFinding crash_finding() {
  fuzz::FuzzFinding f;
  f.key = "a1b2c3d4e5f60718";
  f.kind = fuzz::FindingKind::kCrash;
  f.message = "heap-buffer-overflow in handle_rest";
  f.command = "REST 99999999999";
  f.phase = "logged-in";
  f.sanitizer_report = "==1==ERROR: AddressSanitizer: heap-buffer-overflow\n    #0 handle_rest";
  f.stack_signature = "handle_rest|dispatch|main";
  f.confirmed = true;
  f.original_actions = 41;
  f.minimized_actions = 3;
  f.reproducer_session = "findings/crash-a1b2/session.bin";
  f.reproducer_yaml = "findings/crash-a1b2/case.yaml";
  f.transcript = "> USER anonymous\n< 331 ok\n> REST 99999999999\n(connection closed)";
  f.first_seen_seconds = 12.5;
  f.hits = 7;
  return f;
}

fuzz::FuzzFinding reply_table_finding() {
  fuzz::FuzzFinding f;
  f.key = "ffee001122334455";
  f.kind = fuzz::FindingKind::kReplyTable;
  f.message = "PWD answered 999";
  f.ref = "RFC 959 5.4";
  f.command = "PWD";
  f.phase = "logged-in";
  f.original_actions = 5;
  f.minimized_actions = 5;
  f.reproducer_yaml = "findings/reply-table-ffee/case.yaml";
  f.transcript = "> PWD\n< 999 what";
  f.first_seen_seconds = 3;
  return f;
}

fuzz::FuzzFinding hostile_finding() {
  fuzz::FuzzFinding f;
  f.key = "0123456789abcdef";
  f.kind = fuzz::FindingKind::kFraming;
  f.message = "bare LF in " + hostile();
  f.ref = "RFC 959 4.2";
  f.command = "STAT " + hostile();
  f.phase = "greeting";
  f.sanitizer_report = hostile();
  f.transcript = "< 220 " + hostile();
  f.reproducer_yaml = "findings/a \"b\"/<c>.yaml";
  return f;
}

fuzz::CampaignSummary campaign() {
  fuzz::CampaignSummary c;
  c.target = "planted-ftpd";
  c.protocol = "ftp";
  c.mode = "grey-box";
  c.seconds = 8;
  c.executions = 1000;
  c.server_restarts = 4;
  c.findings = {crash_finding(), reply_table_finding(), hostile_finding()};
  c.coverage = {{0, 0, 0, 0, 0}, {2.5, 300, 12, 150, 0}, {8, 1000, 20, 400, 2}};
  return c;
}

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// JSON

TEST(FuzzFindingsJson, CampaignFigures) {
  const std::string text = fuzz_findings_json(campaign());
  const json doc = json::parse(text);
  EXPECT_EQ(text.find("\"format\""), text.find('"'));  // first member
  EXPECT_EQ(doc.at("format"), "rfcheck-fuzz-findings/1");
  EXPECT_EQ(doc.at("tool").at("name"), "rfcheck");
  EXPECT_EQ(doc.at("target"), "planted-ftpd");
  EXPECT_EQ(doc.at("protocol"), "ftp");
  EXPECT_EQ(doc.at("mode"), "grey-box");
  EXPECT_DOUBLE_EQ(doc.at("seconds").get<double>(), 8.0);
  EXPECT_EQ(doc.at("executions"), 1000);
  EXPECT_DOUBLE_EQ(doc.at("executions_per_second").get<double>(), 125.0);
  EXPECT_EQ(doc.at("server_restarts"), 4);
  EXPECT_EQ(doc.at("findings").size(), 3u);
  EXPECT_EQ(doc.at("findings_by_kind"),
            json::parse(R"({"crash":1,"hang":0,"framing":1,"reply-table":1,"auth-bypass":0,
                            "path-escape":0})"));
}

TEST(FuzzFindingsJson, KnownDeviationsStandApart) {
  fuzz::CampaignSummary c = campaign();
  c.known = {{"0011223344556677", fuzz::FindingKind::kReplyTable,
              "230 is not an allowed reply to PASS as the first reply", "ftp.pass.after-login",
              "answers a second PASS with 230", 12}};
  const json doc = json::parse(fuzz_findings_json(c));
  EXPECT_EQ(doc.at("findings").size(), 3u);  // the known one is not among them
  ASSERT_EQ(doc.at("known").size(), 1u);
  EXPECT_EQ(doc.at("known").at(0).at("case"), "ftp.pass.after-login");
  EXPECT_EQ(doc.at("known").at(0).at("hits"), 12);
  EXPECT_EQ(doc.at("findings_by_kind").at("reply-table"), 1);
}

TEST(FuzzFindingsJson, EveryFieldOfAFinding) {
  const json f = json::parse(fuzz_findings_json(campaign())).at("findings").at(0);
  EXPECT_EQ(f.at("key"), "a1b2c3d4e5f60718");
  EXPECT_EQ(f.at("kind"), "crash");
  EXPECT_EQ(f.at("message"), "heap-buffer-overflow in handle_rest");
  EXPECT_EQ(f.at("ref"), "");
  EXPECT_EQ(f.at("command"), "REST 99999999999");
  EXPECT_EQ(f.at("phase"), "logged-in");
  EXPECT_EQ(f.at("confirmed"), true);
  EXPECT_EQ(f.at("hits"), 7);
  EXPECT_DOUBLE_EQ(f.at("first_seen_seconds").get<double>(), 12.5);
  EXPECT_EQ(f.at("original_actions"), 41);
  EXPECT_EQ(f.at("minimized_actions"), 3);
  EXPECT_EQ(f.at("reproducer_session"), "findings/crash-a1b2/session.bin");
  EXPECT_EQ(f.at("reproducer_yaml"), "findings/crash-a1b2/case.yaml");
  EXPECT_EQ(f.at("stack_signature"), "handle_rest|dispatch|main");
  EXPECT_EQ(f.at("sanitizer_report"), crash_finding().sanitizer_report);
  EXPECT_EQ(f.at("transcript"), crash_finding().transcript);
  EXPECT_EQ(f.size(), 16u);  // a new FuzzFinding field must be added here and in the doc
  EXPECT_EQ(json::parse(fuzz_findings_json(campaign())).at("findings").at(1).at("kind"),
            "reply-table");
}

TEST(FuzzFindingsJson, CoverageSamples) {
  const json coverage = json::parse(fuzz_findings_json(campaign())).at("coverage");
  ASSERT_EQ(coverage.size(), 3u);
  EXPECT_DOUBLE_EQ(coverage.at(1).at("seconds").get<double>(), 2.5);
  EXPECT_EQ(coverage.at(1).at("executions"), 300);
  EXPECT_EQ(coverage.at(1).at("states"), 12);
  EXPECT_EQ(coverage.at(1).at("edges"), 150);
  EXPECT_EQ(coverage.at(2).at("findings"), 2);
}

TEST(FuzzFindingsJson, NoDurationMeansZeroRateNotInfinity) {
  fuzz::CampaignSummary c = campaign();
  c.seconds = 0;
  EXPECT_EQ(json::parse(fuzz_findings_json(c)).at("executions_per_second"), 0.0);
  c.seconds = std::nan("");
  const json doc = json::parse(fuzz_findings_json(c));
  EXPECT_EQ(doc.at("executions_per_second"), 0.0);
  EXPECT_TRUE(doc.at("seconds").is_number());
  EXPECT_EQ(executions_per_second(fuzz::CampaignSummary{}), 0.0);
}

TEST(FuzzFindingsJson, HostileTextStaysValidJson) {
  const std::string text = fuzz_findings_json(campaign());
  ASSERT_TRUE(testing::is_valid_utf8(text));
  const json f = json::parse(text).at("findings").at(2);
  const std::string message = f.at("message");
  // Valid characters, NUL included, survive byte for byte; invalid bytes become "\xNN".
  EXPECT_NE(message.find("<script>alert(\"x\")</script>"), std::string::npos);
  EXPECT_NE(message.find("\0 nul"s), std::string::npos);
  EXPECT_NE(message.find("\\xff\\xfe caf\xc3\xa9"), std::string::npos);
  EXPECT_EQ(f.at("sanitizer_report"), sanitize_utf8(hostile()));
}

TEST(FuzzFindingsJson, EmptyCampaign) {
  const json doc = json::parse(fuzz_findings_json(fuzz::CampaignSummary{}));
  EXPECT_TRUE(doc.at("findings").is_array());
  EXPECT_TRUE(doc.at("findings").empty());
  EXPECT_TRUE(doc.at("coverage").is_array());
  EXPECT_EQ(doc.at("findings_by_kind").at("crash"), 0);
}

// ---------------------------------------------------------------------------------------
// SARIF

const json& sarif_run(const json& log) { return log.at("runs").at(0); }

TEST(FuzzFindingsSarif, LogAndDriver) {
  const json log = json::parse(fuzz_findings_sarif(campaign()));
  EXPECT_EQ(log.at("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log.at("version"), "2.1.0");
  ASSERT_EQ(log.at("runs").size(), 1u);
  const json& driver = sarif_run(log).at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "rfcheck fuzz");
  EXPECT_TRUE(driver.at("informationUri").get<std::string>().starts_with("https://"));
  const json& props = sarif_run(log).at("properties");
  EXPECT_EQ(props.at("target"), "planted-ftpd");
  EXPECT_EQ(props.at("executions"), 1000);
  EXPECT_DOUBLE_EQ(props.at("executions_per_second").get<double>(), 125.0);
  EXPECT_EQ(props.at("server_restarts"), 4);
}

TEST(FuzzFindingsSarif, OneRulePerKindPresentInKindOrder) {
  fuzz::CampaignSummary c = campaign();
  c.findings.push_back(crash_finding());  // a second crash adds no rule
  const json log = json::parse(fuzz_findings_sarif(c));
  const json& rules = sarif_run(log).at("tool").at("driver").at("rules");
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules.at(0).at("id"), "crash");
  EXPECT_EQ(rules.at(1).at("id"), "framing");
  EXPECT_EQ(rules.at(2).at("id"), "reply-table");
  EXPECT_EQ(rules.at(0).at("defaultConfiguration").at("level"), "error");
  EXPECT_EQ(rules.at(1).at("defaultConfiguration").at("level"), "warning");
  EXPECT_EQ(rules.at(2).at("defaultConfiguration").at("level"), "warning");
  for (const json& rule : rules) {
    EXPECT_FALSE(rule.at("shortDescription").at("text").get<std::string>().empty());
    EXPECT_FALSE(rule.at("help").at("text").get<std::string>().empty());
  }
}

TEST(FuzzFindingsSarif, LevelsOfEveryKind) {
  const std::vector<std::pair<fuzz::FindingKind, std::string>> expected = {
      {fuzz::FindingKind::kCrash, "error"},      {fuzz::FindingKind::kHang, "error"},
      {fuzz::FindingKind::kFraming, "warning"},  {fuzz::FindingKind::kReplyTable, "warning"},
      {fuzz::FindingKind::kAuthBypass, "error"}, {fuzz::FindingKind::kPathEscape, "error"}};
  fuzz::CampaignSummary c;
  for (const auto& [kind, level] : expected) {
    fuzz::FuzzFinding f = reply_table_finding();
    f.kind = kind;
    c.findings.push_back(f);
  }
  const json log = json::parse(fuzz_findings_sarif(c));
  const json& run = sarif_run(log);
  ASSERT_EQ(run.at("results").size(), expected.size());
  ASSERT_EQ(run.at("tool").at("driver").at("rules").size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(run.at("results").at(i).at("ruleId"), to_string(expected[i].first));
    EXPECT_EQ(run.at("results").at(i).at("level"), expected[i].second) << i;
  }
}

TEST(FuzzFindingsSarif, ResultPerFinding) {
  const json log = json::parse(fuzz_findings_sarif(campaign()));
  const json& run = sarif_run(log);
  const json& results = run.at("results");
  ASSERT_EQ(results.size(), 3u);
  const json& rules = run.at("tool").at("driver").at("rules");
  for (const json& result : results) {
    EXPECT_EQ(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id"), result.at("ruleId"));
    ASSERT_EQ(result.at("locations").size(), 1u);
    EXPECT_EQ(result.at("locations").at(0).at("physicalLocation").at("region").at("startLine"), 1);
  }
  const json& crash = results.at(0);
  EXPECT_EQ(crash.at("ruleId"), "crash");
  EXPECT_EQ(crash.at("level"), "error");
  EXPECT_EQ(crash.at("partialFingerprints").at("rfcheckFindingKey/v1"), "a1b2c3d4e5f60718");
  EXPECT_EQ(crash.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri"),
            "findings/crash-a1b2/case.yaml");
  EXPECT_EQ(crash.at("properties").at("confirmed"), true);
  EXPECT_EQ(crash.at("properties").at("hits"), 7);
  EXPECT_DOUBLE_EQ(crash.at("properties").at("first_seen_seconds").get<double>(), 12.5);
  EXPECT_EQ(crash.at("properties").at("minimized_actions"), 3);
  EXPECT_EQ(crash.at("properties").at("original_actions"), 41);

  const std::string message = results.at(1).at("message").at("text");
  EXPECT_EQ(message, "PWD answered 999; command: PWD; phase: logged-in; RFC 959 5.4");
  EXPECT_EQ(results.at(1).at("level"), "warning");
}

TEST(FuzzFindingsSarif, LocationFallsBackToSessionThenToolName) {
  fuzz::CampaignSummary c;
  c.findings = {crash_finding(), crash_finding(), crash_finding()};
  c.findings[1].reproducer_yaml.clear();
  c.findings[2].reproducer_yaml.clear();
  c.findings[2].reproducer_session.clear();
  const json log = json::parse(fuzz_findings_sarif(c));
  const json& results = sarif_run(log).at("results");
  auto uri = [&](int i) {
    return results.at(i)
        .at("locations")
        .at(0)
        .at("physicalLocation")
        .at("artifactLocation")
        .at("uri");
  };
  EXPECT_EQ(uri(0), "findings/crash-a1b2/case.yaml");
  EXPECT_EQ(uri(1), "findings/crash-a1b2/session.bin");
  EXPECT_EQ(uri(2), "rfcheck-fuzz");
}

TEST(FuzzFindingsSarif, EmptyKeyHasNoFingerprint) {
  fuzz::CampaignSummary c;
  c.findings = {crash_finding()};
  c.findings[0].key.clear();
  const json log = json::parse(fuzz_findings_sarif(c));
  const json& result = sarif_run(log).at("results").at(0);
  EXPECT_FALSE(result.contains("partialFingerprints"));
}

TEST(FuzzFindingsSarif, HostileTextIsValidAndUriIsEncoded) {
  const std::string text = fuzz_findings_sarif(campaign());
  ASSERT_TRUE(testing::is_valid_utf8(text));
  const json log = json::parse(text);
  const json& result = sarif_run(log).at("results").at(2);
  const std::string message = result.at("message").at("text");
  EXPECT_EQ(message.find('\0'), std::string::npos);  // one display line: controls escaped
  EXPECT_NE(message.find("\\x00 nul \\x1b[31m \\xff\\xfe"), std::string::npos);
  EXPECT_EQ(result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri"),
            "findings/a%20%22b%22/%3Cc%3E.yaml");
}

TEST(FuzzFindingsSarif, NoFindings) {
  const json log = json::parse(fuzz_findings_sarif(fuzz::CampaignSummary{}));
  const json& run = sarif_run(log);
  EXPECT_TRUE(run.at("results").is_array());
  EXPECT_TRUE(run.at("results").empty());
  EXPECT_TRUE(run.at("tool").at("driver").at("rules").empty());
}

// ---------------------------------------------------------------------------------------
// HTML and its plot

// The page is written as well-formed XML after its doctype, so an XML check finds any raw
// '<' or '&' that escaping missed.
std::string without_doctype(const std::string& page) {
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  return page.substr(page.find('\n') + 1);
}

TEST(HtmlEscape, EscapesMarkupAndControls) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("a\0b\x1b\xff\nc"s), "a\\x00b\\x1b\\xff\nc");
  EXPECT_EQ(html_escape("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(PercentEncodePath, KeepsPathCharactersOnly) {
  EXPECT_EQ(percent_encode_path("findings/crash-1/case_2.yaml"), "findings/crash-1/case_2.yaml");
  EXPECT_EQ(percent_encode_path("a b%c"), "a%20b%25c");
  EXPECT_EQ(percent_encode_path("javascript:alert(1)"), "javascript%3Aalert(1)");
  EXPECT_EQ(percent_encode_path("\xff\x00"s), "%FF%00");
}

TEST(FuzzFindingsHtml, HeaderFigures) {
  const std::string page = fuzz_findings_html(campaign());
  EXPECT_NE(page.find("<title>rfcheck fuzz: planted-ftpd</title>"), std::string::npos);
  EXPECT_NE(page.find("<dt>mode</dt><dd>grey-box</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>duration</dt><dd>8.0s</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>sessions</dt><dd>1,000</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>sessions per second</dt><dd>125.0</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>server restarts</dt><dd>4</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>findings</dt><dd>3 (1 confirmed)</dd>"), std::string::npos);
}

TEST(FuzzFindingsHtml, TableRowAndSectionPerFinding) {
  const std::string page = fuzz_findings_html(campaign());
  const std::size_t table = page.find("<tbody>");
  const std::size_t table_end = page.find("</tbody>");
  ASSERT_NE(table, std::string::npos);
  EXPECT_EQ(count(page.substr(table, table_end - table), "<tr>"), 3u);
  EXPECT_EQ(count(page, "<section class=\"finding\""), 3u);
  EXPECT_NE(page.find("<td class=\"number\">3 / 41</td>"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"findings/crash-a1b2/case.yaml\">"), std::string::npos);
  EXPECT_NE(
      page.find(
          "<pre>==1==ERROR: AddressSanitizer: heap-buffer-overflow\n    #0 handle_rest</pre>"),
      std::string::npos);
  EXPECT_NE(page.find("<pre>&gt; PWD\n&lt; 999 what</pre>"), std::string::npos);
  EXPECT_EQ(page.find("<p>No findings.</p>"), std::string::npos);
  EXPECT_NE(fuzz_findings_html(fuzz::CampaignSummary{}).find("<p>No findings.</p>"),
            std::string::npos);
}

TEST(FuzzFindingsHtml, HostileTextIsEscaped) {
  const std::string page = fuzz_findings_html(campaign());
  ASSERT_TRUE(testing::is_valid_utf8(page));
  EXPECT_FALSE(testing::has_raw_control(page, "\n"));
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; &amp; "
                      "\\x00 nul \\x1b[31m \\xff\\xfe caf\xc3\xa9"),
            std::string::npos);
  // The reproducer path cannot break out of its href either.
  EXPECT_NE(page.find("<a href=\"findings/a%20%22b%22/%3Cc%3E.yaml\">"), std::string::npos);
  const testing::XmlCheck xml = testing::check_xml(without_doctype(page));
  EXPECT_EQ(xml.error, "");
  EXPECT_EQ(xml.element_counts.at("pre"), 5);  // 2 sanitizer reports, 3 transcripts
}

TEST(FuzzFindingsHtml, SelfContained) {
  const std::string page = fuzz_findings_html(campaign());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
}

TEST(CoverageSvg, TwoLinesWhenEdgesAreCovered) {
  const std::string svg = coverage_svg(campaign().coverage);
  EXPECT_EQ(count(svg, "<polyline"), 2u);
  EXPECT_EQ(count(svg, "class=\"states\""), 1u);
  EXPECT_EQ(count(svg, "class=\"edges\""), 1u);
  EXPECT_NE(svg.find("server edges (right axis)"), std::string::npos);
  // Last sample: 8 s is the right end of the time axis (tick step 2 s), 20 states the top of
  // the left axis (step 5), 400 edges the top of the right one (step 100).
  EXPECT_NE(svg.find("points=\"64.0,256.0 "), std::string::npos);
  EXPECT_NE(svg.find(" 656.0,36.0\"/>"), std::string::npos);
  EXPECT_NE(svg.find(">8s</text>"), std::string::npos);
  EXPECT_NE(svg.find(">400</text>"), std::string::npos);
  EXPECT_EQ(testing::check_xml(svg).error, "");
}

TEST(CoverageSvg, OneLineWhenEdgesAreAllZero) {
  std::vector<fuzz::CoverageSample> samples = campaign().coverage;
  for (fuzz::CoverageSample& s : samples) s.edges = 0;
  const std::string svg = coverage_svg(samples);
  EXPECT_EQ(count(svg, "<polyline"), 1u);
  EXPECT_EQ(count(svg, "class=\"states\""), 1u);
  EXPECT_EQ(svg.find("edges (right axis)"), std::string::npos);
  EXPECT_EQ(testing::check_xml(svg).error, "");
}

TEST(CoverageSvg, NoSamplesOrOneSampleDrawWithoutNaN) {
  const std::string none = coverage_svg({});
  EXPECT_EQ(count(none, "<polyline"), 0u);
  EXPECT_NE(none.find("no coverage samples"), std::string::npos);
  EXPECT_EQ(testing::check_xml(none).error, "");

  const std::string one = coverage_svg({{0, 0, 0, 0, 0}});
  EXPECT_EQ(count(one, "<polyline"), 1u);
  EXPECT_EQ(count(one, "<circle"), 1u);
  EXPECT_EQ(testing::check_xml(one).error, "");
  for (const std::string& svg : {none, one, coverage_svg({{5, 10, 3, 7, 0}})}) {
    EXPECT_EQ(svg.find("nan"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("inf"), std::string::npos) << svg;
  }
}

// ---------------------------------------------------------------------------------------
// CSV

TEST(CoverageCsv, HeaderThenOneRowPerSample) {
  EXPECT_EQ(coverage_csv(campaign().coverage),
            "seconds,executions,states,edges,findings\n"
            "0.000,0,0,0,0\n"
            "2.500,300,12,150,0\n"
            "8.000,1000,20,400,2\n");
  EXPECT_EQ(coverage_csv({}), "seconds,executions,states,edges,findings\n");
}

}  // namespace
}  // namespace rfcheck::reports
