#include "reports/html_report.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "checks.h"
#include "reports/csp_hash.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

std::string html_of(const RunResult& run) {
  std::ostringstream out;
  write_html(run, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The element (article or li) that holds a case, from its anchor to its end tag.
std::string case_element(const std::string& page, const std::string& id) {
  const auto at = page.find("id=\"case-" + id + "\"");
  if (at == std::string::npos) return {};
  const auto start = page.rfind('<', at);
  const bool article = page.compare(start, 8, "<article") == 0;
  const auto end = page.find(article ? "</article>" : "</li>", at);
  return page.substr(start, end - start);
}

// The page is written as well-formed XML after its doctype (html_report.h), so an XML check
// finds any raw '<' or '&' that escaping missed, in server text or in the inline script.
TEST(HtmlReport, IsWellFormedValidUtf8WithoutRawControls) {
  const std::string page = html_of(testing::sample_run());
  ASSERT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_TRUE(testing::is_valid_utf8(page));
  EXPECT_FALSE(testing::has_raw_control(page, "\n"));
  const testing::XmlCheck xml = testing::check_xml(page.substr(page.find('\n') + 1));
  EXPECT_EQ(xml.error, "");
  EXPECT_EQ(xml.element_counts.at("script"), 1);
  EXPECT_EQ(xml.element_counts.at("article"), 6);  // every case but the one that passed
}

TEST(HtmlReport, HostileServerTextStaysText) {
  const std::string page = html_of(testing::sample_run());
  const std::string hostile = case_element(page, "ftp.user.hostile");
  ASSERT_FALSE(hostile.empty());
  // Markup arrives as entities; bad bytes and controls as \xNN, in reason, actual, the
  // transcript and the finding alike.
  EXPECT_EQ(count(hostile, "]]&gt; &lt;x a=&quot;b&quot;&gt; &amp; &#39;q&#39;"), 4u) << hostile;
  EXPECT_EQ(count(hostile, "530 bad\\xff\\xfe bytes \\x00 nul \\x1b[31m esc \\x07 bell \\x0d cr"),
            4u);
  EXPECT_EQ(hostile.find("<x a="), std::string::npos);
  EXPECT_NE(page.find("stderr: \\x1b]0;pwned\\x07 tail\\xff\nsecond line"), std::string::npos);

  RunResult run;
  run.target = "t\"><script>alert(1)</script>";
  run.protocol = "ftp";
  CaseResult c;
  c.id = "ftp.x";
  c.verdict = Verdict::kFail;
  c.actual = "</pre><script>alert(2)</script><img src=x onerror=alert(3)>";
  c.transcript = {{TranscriptEntry::Kind::kReceived, "main\"><b>", c.actual, 1.0}};
  run.cases.push_back(c);
  const std::string attack = html_of(run);
  EXPECT_EQ(count(attack, "<script"), 1u) << attack;  // ours only
  EXPECT_EQ(attack.find("<img"), std::string::npos);
  EXPECT_EQ(attack.find("<b>"), std::string::npos);
  EXPECT_EQ(testing::check_xml(attack.substr(attack.find('\n') + 1)).error, "");
}

// Every case, passing or not, is #case-<id>, exactly once: links from the Markdown report
// and from people land there.
TEST(HtmlReport, EveryCaseHasItsAnchorOnce) {
  const RunResult run = testing::sample_run();
  const std::string page = html_of(run);
  for (const CaseResult& r : run.cases) {
    EXPECT_EQ(count(page, "id=\"case-" + r.id + "\""), 1u) << r.id;
    EXPECT_NE(page.find("href=\"#case-" + r.id + "\""), std::string::npos) << r.id;
  }
  EXPECT_EQ(case_element(page, "ftp.user.pass-sequence").rfind("<li class=\"case pass\"", 0), 0u);
  EXPECT_EQ(case_element(page, "ftp.retr.binary-exact").rfind("<article class=\"case fail\"", 0),
            0u);
}

TEST(HtmlReport, HeadlineAndTotalsByProtocolLevelRfcAndSection) {
  const std::string page = html_of(testing::sample_run());
  EXPECT_NE(page.find("<p class=\"headline failed\">2 failed at gate MUST</p>"), std::string::npos);
  auto row = [](std::string name, std::vector<int> counts) {
    std::string out = "<tr><th>" + name + "</th>";
    for (int n : counts) out += "<td class=\"n\">" + std::to_string(n) + "</td>";
    return out + "</tr>";
  };
  // total, pass, fail, known, inconclusive, error, skip
  EXPECT_NE(page.find(row("ftp", {7, 1, 2, 1, 1, 1, 1})), std::string::npos) << page;
  EXPECT_NE(page.find(row("MUST", {4, 1, 1, 1, 0, 1, 0})), std::string::npos);
  EXPECT_NE(page.find(row("SHOULD", {2, 0, 1, 0, 0, 0, 1})), std::string::npos);
  EXPECT_NE(page.find(row("RFC 959", {2, 1, 1, 0, 0, 0, 0})), std::string::npos);
  EXPECT_NE(page.find(row("(no ref)", {5, 0, 1, 1, 1, 1, 1})), std::string::npos);
  EXPECT_NE(page.find(row("RFC 959 3.1.1.3", {1, 0, 1, 0, 0, 0, 0})), std::string::npos);
  EXPECT_NE(page.find("<h2>Not passed (6)</h2>"), std::string::npos);
  EXPECT_NE(page.find("<h2>Passed (1)</h2>"), std::string::npos);
}

// RFCs and sections in numeric order, not by text or by first appearance.
TEST(HtmlReport, RfcsAndSectionsInNumericOrder) {
  RunResult run;
  run.target = "t";
  run.protocol = "ftp";
  for (const char* ref : {"RFC 2428 2", "RFC 959 4.1.10", "RFC 959 4.1.2"}) {
    CaseResult c;
    c.id = std::string("ftp.case-") + std::to_string(run.cases.size());
    c.ref = ref;
    c.verdict = Verdict::kPass;
    run.cases.push_back(c);
  }
  const std::string page = html_of(run);
  auto at = [&](const std::string& name) { return page.find("<tr><th>" + name + "</th>"); };
  EXPECT_LT(at("RFC 959"), at("RFC 2428"));
  EXPECT_LT(at("RFC 959 4.1.2"), at("RFC 959 4.1.10"));
  EXPECT_LT(at("RFC 959 4.1.10"), at("RFC 2428 2"));
  EXPECT_NE(at("RFC 2428 2"), std::string::npos);
}

TEST(HtmlReport, HeadlineNeverSaysPassedForARunOnNothingOrCutShort) {
  RunResult run;
  run.target = "t";
  run.protocol = "ftp";
  EXPECT_NE(html_of(run).find("class=\"headline nothing-judged\">nothing judged at gate MUST<"),
            std::string::npos);
  run.ended_early = "the target went silent";
  const std::string cut = html_of(run);
  EXPECT_NE(cut.find("class=\"headline incomplete\">the run did not complete<"), std::string::npos);
  EXPECT_NE(cut.find("the target went silent"), std::string::npos);
  run.ended_early.clear();
  CaseResult pass;
  pass.id = "ftp.noop.ok";
  pass.verdict = Verdict::kPass;
  run.cases.push_back(pass);
  EXPECT_NE(html_of(run).find("class=\"headline passed\">gate MUST passed<"), std::string::npos);
}

TEST(HtmlReport, AFailureShowsItsRequirementWhereItFailedAndWhatWasSeen) {
  const std::string page = html_of(testing::sample_run());
  const std::string fail = case_element(page, "ftp.retr.binary-exact");
  for (const char* part :
       {"<dt>ref</dt><dd>RFC 959 3.1.1.3</dd>",
        "<blockquote>The data are transferred as contiguous bits.</blockquote>",
        "<dt>level</dt><dd>MUST</dd>", "<span class=\"tag\">data</span>",
        "<dt>expected</dt><dd><pre class=\"server\">code in {125, 150}</pre>",
        "<dt>actual</dt><dd><pre class=\"server\">550-No such file\n550 really</pre>",
        "<code>specs/ftp/rfc959/3.1-transfer.yaml:14:9 (step 3)</code>",
        "<code>framing.bare-lf</code> [RFC 959 4.2, MUST] (main)"}) {
    EXPECT_NE(fail.find(part), std::string::npos) << part << "\n" << fail;
  }
  EXPECT_NE(case_element(page, "ftp.mode.block")
                .find("<dt>baseline</dt><dd>vsftpd does not implement block mode</dd>"),
            std::string::npos);
}

// The whole transcript is there, folded: a <details> the reader (or #case-<id>) opens.
TEST(HtmlReport, TranscriptIsCompleteAndCollapsed) {
  const std::string page = html_of(testing::sample_run());
  EXPECT_EQ(page.find("<details open"), std::string::npos);
  const std::string fail = case_element(page, "ftp.retr.binary-exact");
  EXPECT_NE(fail.find("<details class=\"transcript\"><summary>Transcript (6 entries)</summary>"),
            std::string::npos);
  EXPECT_NE(fail.find("<tr class=\"sent\"><td class=\"n\">2.0</td><td>main</td><td>C:</td>"
                      "<td><pre>RETR data.bin</pre></td></tr>"),
            std::string::npos)
      << fail;
  EXPECT_NE(fail.find("<tr class=\"received\"><td class=\"n\">3.5</td><td>main</td><td>S:</td>"
                      "<td><pre>550-No such file\n550 really</pre>"),
            std::string::npos);
  EXPECT_NE(fail.find("<tr class=\"data\"><td class=\"n\">4.0</td><td>data</td><td>D:</td>"
                      "<td><pre>received 0 bytes</pre>"),
            std::string::npos);
  EXPECT_EQ(count(fail, "<tr class="), 6u);
  // A passing case's transcript is not shown (as in the JSON report).
  EXPECT_EQ(case_element(page, "ftp.user.pass-sequence").find("<details"), std::string::npos);
}

TEST(HtmlReport, RootCausesAreListedOnceWithLinksToTheirCases) {
  RunResult run = testing::sample_run();
  run.cases[2].findings = run.cases[1].findings;  // the bare LF in a second case
  const std::string page = html_of(run);
  const auto at = page.find("<div id=\"cause-1\">");
  ASSERT_NE(at, std::string::npos) << page;
  const std::string cause = page.substr(at, page.find("</div>", at) - at);
  EXPECT_NE(cause.find("reply line ended in a bare LF"), std::string::npos);
  EXPECT_NE(cause.find("In 2 cases"), std::string::npos) << cause;
  EXPECT_NE(cause.find("<a href=\"#case-ftp.retr.binary-exact\">"), std::string::npos);
  EXPECT_NE(cause.find("<a href=\"#case-ftp.pasv.connect\">"), std::string::npos);
  EXPECT_EQ(html_of(testing::sample_run()).find("id=\"cause-1\""), std::string::npos);
}

// One file: nothing loaded from anywhere, a CSP that forbids it, and a page for phones.
TEST(HtmlReport, SelfContainedAndResponsive) {
  const std::string page = html_of(testing::sample_run());
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
  const std::regex href("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), href); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ((*it)[1].str().rfind('#', 0), 0u) << (*it)[0];  // only links within the page
  }
  EXPECT_NE(page.find("content=\"default-src 'none';"), std::string::npos);
  EXPECT_NE(page.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"),
            std::string::npos);
}

// FIPS 180-4's examples and the empty message, as base64 (what CSP hash sources hold);
// the answers are openssl dgst -sha256 -binary | base64.
TEST(CspHash, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(sha256_base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(sha256_base64("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
  // 55 and 56 bytes: the length fits in the last block, or needs one more.
  EXPECT_EQ(sha256_base64(std::string(55, 'a')), "n0OQ+NMMLdkuyfCVtl4rmumwqSWlJY4kHJ8ekQ9zQxg=");
  EXPECT_EQ(sha256_base64(std::string(56, 'a')), "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o=");
  EXPECT_EQ(csp_script_hash("abc"), "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
}

// The CSP allows the page's own script and style sheet by hash and nothing inline else: a
// changed script with a stale hash would not run (the browser test sees that too).
TEST(HtmlReport, CspAllowsExactlyThePagesOwnScriptAndStyle) {
  const std::string page = html_of(testing::sample_run());
  auto between = [&](const std::string& open, const std::string& close) {
    const auto start = page.find(open) + open.size();
    return page.substr(start, page.find(close, start) - start);
  };
  EXPECT_NE(page.find("style-src " + csp_script_hash(between("<style>", "</style>")) +
                      "; script-src " + csp_script_hash(between("<script>", "</script>")) + "\""),
            std::string::npos)
      << page.substr(0, 600);
  EXPECT_EQ(page.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page.find(" style=\""), std::string::npos);  // a style attribute would be blocked
}

// The filters: hidden until the script shows them (it cannot run otherwise), one option per
// tag of the run, and every case carries what they read.
TEST(HtmlReport, FiltersKnowTheRunsTagsAndEveryCaseItsVerdictAndLevel) {
  const std::string page = html_of(testing::sample_run());
  EXPECT_NE(page.find("<form id=\"filters\" hidden=\"hidden\">"), std::string::npos);
  for (const char* tag : {"data", "login", "minimum"}) {
    EXPECT_EQ(count(page, std::string("<option value=\"") + tag + "\">"), 1u) << tag;
  }
  EXPECT_EQ(count(page, "class=\"case "), 7u);
  EXPECT_NE(page.find("data-verdict=\"known\" data-level=\"must\""), std::string::npos);
  EXPECT_NE(page.find("data-verdict=\"inconclusive\" data-level=\"may\""), std::string::npos);
  // Nothing is hidden to begin with, so the page reads in full with scripts off.
  EXPECT_EQ(count(page, " hidden="), 1u);
}

}  // namespace
}  // namespace rfcheck::reports
