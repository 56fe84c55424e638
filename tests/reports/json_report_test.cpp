#include "reports/json_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "checks.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

using nlohmann::json;
using namespace std::string_literals;

std::string json_text_of(const RunResult& run) {
  std::ostringstream out;
  write_json(run, out);
  return out.str();
}

const json& case_by_id(const json& report, const std::string& id) {
  for (const json& c : report.at("cases")) {
    if (c.at("id") == id) return c;
  }
  throw std::runtime_error("no case " + id);
}

TEST(Json, ParsesBackWithTheTopLevelFields) {
  const std::string text = json_text_of(testing::sample_run());
  ASSERT_TRUE(testing::is_valid_utf8(text));
  const json report = json::parse(text);
  EXPECT_EQ(report.at("schema"), "rfcheck-report/1");
  EXPECT_EQ(report.at("tool").at("name"), "rfcheck");
  EXPECT_TRUE(report.at("tool").at("version").is_string());
  EXPECT_EQ(report.at("target"), "vsftpd");
  EXPECT_EQ(report.at("protocol"), "ftp");
  EXPECT_EQ(report.at("started_at"), "2024-05-01T10:00:00Z");
  EXPECT_EQ(report.at("duration_ms"), 1234);
  EXPECT_EQ(report.at("gate"), "MUST");
  EXPECT_EQ(report.at("cases").size(), 7u);
  EXPECT_EQ(report.at("stale_baseline").at(0).at("id"), "ftp.site.chmod");
  EXPECT_EQ(report.at("target_log").size(), 2u);
  // "schema" comes first so `head` shows what the file is.
  EXPECT_EQ(text.find("\"schema\""), text.find('"'));
}

TEST(Json, SummaryCountsKnownApart) {
  const json summary = json::parse(json_text_of(testing::sample_run())).at("summary");
  EXPECT_EQ(summary.at("total"), 7);
  EXPECT_EQ(summary.at("pass"), 1);
  EXPECT_EQ(summary.at("fail"), 2);
  EXPECT_EQ(summary.at("known"), 1);
  EXPECT_EQ(summary.at("inconclusive"), 1);
  EXPECT_EQ(summary.at("error"), 1);
  EXPECT_EQ(summary.at("skip"), 1);
  EXPECT_EQ(summary.at("gated_failure"), true);
  EXPECT_EQ(summary.at("by_level").at("MUST").at("fail"), 1);
  EXPECT_EQ(summary.at("by_level").at("SHOULD").at("fail"), 1);
  EXPECT_EQ(summary.at("by_level").at("MAY").at("inconclusive"), 1);
}

TEST(Json, FailedCaseHasItsWholeStory) {
  const json report = json::parse(json_text_of(testing::sample_run()));
  const json& c = case_by_id(report, "ftp.retr.binary-exact");
  EXPECT_EQ(c.at("verdict"), "fail");
  EXPECT_EQ(c.at("known"), false);
  EXPECT_EQ(c.at("level"), "MUST");
  EXPECT_EQ(c.at("suite"), "ftp/rfc959/transfer");
  EXPECT_EQ(c.at("tags"), json::array({"data"}));
  EXPECT_EQ(c.at("quote"), "The data are transferred as contiguous bits.");
  EXPECT_EQ(c.at("duration_ms"), 37);
  EXPECT_EQ(c.at("expected"), "code in {125, 150}");
  EXPECT_EQ(c.at("actual"), "550-No such file\n550 really");
  EXPECT_EQ(c.at("failed_step"), 3);
  EXPECT_EQ(c.at("failed_at"), "specs/ftp/rfc959/3.1-transfer.yaml:14:9");
  EXPECT_TRUE(c.at("baseline_reason").is_null());
  ASSERT_EQ(c.at("transcript").size(), 6u);
  EXPECT_EQ(c.at("transcript").at(2).at("kind"), "sent");
  EXPECT_EQ(c.at("transcript").at(2).at("text"), "RETR data.bin");
  EXPECT_EQ(c.at("transcript").at(2).at("at_ms"), 2.0);
  EXPECT_EQ(c.at("transcript").at(4).at("connection"), "data");
  EXPECT_EQ(c.at("findings").at(0).at("kind"), "framing.bare-lf");
  EXPECT_EQ(c.at("findings").at(0).at("ref"), "RFC 959 4.2");
}

TEST(Json, PassOmitsTranscriptAndKnownCarriesBaseline) {
  const json report = json::parse(json_text_of(testing::sample_run()));
  const json& pass = case_by_id(report, "ftp.user.pass-sequence");
  EXPECT_FALSE(pass.contains("transcript"));
  EXPECT_FALSE(pass.contains("expected"));
  EXPECT_EQ(pass.at("verdict"), "pass");
  const json& known = case_by_id(report, "ftp.mode.block");
  EXPECT_EQ(known.at("verdict"), "fail");
  EXPECT_EQ(known.at("known"), true);
  EXPECT_EQ(known.at("baseline_reason"), "vsftpd does not implement block mode");
  EXPECT_TRUE(known.at("failed_at").is_null());
}

TEST(Json, HostileBytesSurviveAsEscapes) {
  const json report = json::parse(json_text_of(testing::sample_run()));
  const json& c = case_by_id(report, "ftp.user.hostile");
  const std::string actual = c.at("actual");
  // Valid but control characters are kept (JSON escapes them); invalid bytes become \xNN.
  EXPECT_EQ(actual,
            "530 bad\\xff\\xfe bytes \0 nul \x1b[31m esc \x07 bell \r cr ]]> <x a=\"b\"> "
                        "& 'q' \\xc3( \\xed\\xa0\\x80 ok-\xc3\xa9"s);
  EXPECT_EQ(c.at("transcript").at(0).at("text"), actual);
  EXPECT_EQ(c.at("findings").at(0).at("message"), actual);
}

// Keeps docs/report.schema.json and the writer in step: every member written is declared,
// every required member is written.
void expect_matches(const json& value, const json& schema, const std::string& where) {
  ASSERT_TRUE(value.is_object()) << where;
  for (const json& name : schema.value("required", json::array())) {
    EXPECT_TRUE(value.contains(name.get<std::string>())) << where << " lacks " << name;
  }
  const json properties = schema.value("properties", json::object());
  for (const auto& [name, member] : value.items()) {
    EXPECT_TRUE(properties.contains(name)) << where << "." << name << " is not in the schema";
  }
}

TEST(Json, MatchesTheDocumentedSchema) {
  std::ifstream in(std::string(RFCHECK_SOURCE_DIR) + "/docs/report.schema.json");
  ASSERT_TRUE(in) << "docs/report.schema.json";
  const json schema = json::parse(in);
  const json& defs = schema.at("$defs");
  const json report = json::parse(json_text_of(testing::sample_run()));
  expect_matches(report, schema, "report");
  for (const auto& [name, member] : report.at("summary").items()) {
    if (name == "gated_failure" || name == "by_level") continue;
    EXPECT_TRUE(defs.at("counts").at("properties").contains(name)) << "summary." << name;
  }
  for (const json& c : report.at("cases")) {
    const std::string where = "case " + c.at("id").get<std::string>();
    expect_matches(c, defs.at("case"), where);
    if (c.at("verdict") != "pass") {
      for (const json& name : defs.at("case").at("then").at("required")) {
        EXPECT_TRUE(c.contains(name.get<std::string>())) << where << " lacks " << name;
      }
      for (const json& entry : c.at("transcript")) {
        expect_matches(entry, defs.at("transcript_entry"), where + " transcript");
      }
    }
    for (const json& finding : c.at("findings")) {
      expect_matches(finding, defs.at("finding"), where + " finding");
    }
  }
}

}  // namespace
}  // namespace rfcheck::reports
