#include "run_report/run_report_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "reports/json_report.h"
#include "sample_run.h"

namespace rfcheck::reports {
namespace {

std::string written(const RunResult& run) {
  std::ostringstream out;
  write_json(run, out);
  return out.str();
}

RunResult read_back(const std::string& text) {
  auto read = parse_run_report(text, "r.json");
  if (auto* error = std::get_if<std::string>(&read)) ADD_FAILURE() << *error;
  return std::holds_alternative<RunResult>(read) ? std::get<RunResult>(read) : RunResult{};
}

std::string error_of(const std::string& text) {
  auto read = parse_run_report(text, "r.json");
  return std::holds_alternative<std::string>(read) ? std::get<std::string>(read) : "(read)";
}

TEST(JsonReader, ReadsBackWhatTheWriterWrote) {
  RunResult run = testing::sample_run();
  run.gate = Level::kShould;
  run.cases[1].failure_level = Level::kShould;
  run.cases[1].baseline_reason = "known since 3.0";
  const RunResult back = read_back(written(run));
  EXPECT_EQ(back.target, "vsftpd");
  EXPECT_EQ(back.protocol, "ftp");
  EXPECT_EQ(back.gate, Level::kShould);
  ASSERT_EQ(back.cases.size(), run.cases.size());
  for (std::size_t i = 0; i < run.cases.size(); ++i) {
    EXPECT_EQ(back.cases[i].id, run.cases[i].id);
    EXPECT_EQ(back.cases[i].verdict, run.cases[i].verdict) << run.cases[i].id;
    EXPECT_EQ(back.cases[i].level, run.cases[i].level) << run.cases[i].id;
    EXPECT_EQ(back.cases[i].tags, run.cases[i].tags) << run.cases[i].id;
  }
  EXPECT_EQ(back.cases[1].failure_level, Level::kShould);
  EXPECT_EQ(back.cases[1].baseline_reason, "known since 3.0");
  EXPECT_EQ(back.cases[1].actual, "550-No such file\n550 really");
  EXPECT_EQ(back.cases[1].quote, "The data are transferred as contiguous bits.");
  EXPECT_FALSE(back.cases[0].baseline_reason);
  // The story of a non-pass comes back too (a student's report shows it).
  ASSERT_EQ(back.cases[1].transcript.size(), run.cases[1].transcript.size());
  EXPECT_EQ(back.cases[1].transcript[2].kind, TranscriptEntry::Kind::kSent);
  EXPECT_EQ(back.cases[1].transcript[2].text, "RETR data.bin");
  EXPECT_DOUBLE_EQ(back.cases[1].transcript[3].at_ms, 3.5);
  ASSERT_EQ(back.cases[1].findings.size(), 1u);
  EXPECT_EQ(back.cases[1].findings[0].kind, "framing.bare-lf");
  // The gate decision made from the read-back report is the writer's.
  EXPECT_EQ(back.gated_failures(), run.gated_failures());
}

TEST(JsonReader, AReportWithoutTheLaterMembersStillReads) {
  // failure_level came later within /1; a report without it reads as null.
  const RunResult back = read_back(R"({"schema":"rfcheck-report/1","target":"t","protocol":"ftp",
      "gate":"MUST","cases":[{"id":"a","title":"A","ref":"RFC 959 4","level":"MUST",
      "verdict":"fail","future":{"x":1}}]})");
  ASSERT_EQ(back.cases.size(), 1u);
  EXPECT_FALSE(back.cases[0].failure_level);
  EXPECT_EQ(back.gated_failures(), 1u);
}

TEST(JsonReader, RefusesWhatIsNotARunReport) {
  EXPECT_EQ(error_of("{"), "r.json: not valid JSON");
  EXPECT_NE(error_of(R"({"schema":"rfcheck-findings/1"})").find("is not rfcheck-report/1"),
            std::string::npos);
  EXPECT_NE(error_of("[1]").find("not a JSON object"), std::string::npos);
}

TEST(JsonReader, NamesTheMalformedMember) {
  const std::string head = R"({"schema":"rfcheck-report/1","target":"t","protocol":"ftp","gate":)";
  EXPECT_EQ(error_of(head + R"("OFTEN","cases":[]})"),
            "r.json: gate: \"OFTEN\" is not MUST, SHOULD or MAY");
  EXPECT_EQ(error_of(head + R"("MUST","cases":[{"id":"a","title":"A","ref":"r","level":"MUST",
      "verdict":"maybe"}]})"),
            "r.json: cases[0].verdict: \"maybe\" is not a verdict");
  EXPECT_EQ(error_of(head + R"("MUST","cases":[{"title":"A"}]})"), "r.json: cases[0].id: missing");
  EXPECT_EQ(error_of(head + R"("MUST"})"), "r.json: cases: missing");
}

TEST(JsonReader, AMissingFileIsNamed) {
  auto read = read_run_report("/nonexistent/r.json");
  ASSERT_TRUE(std::holds_alternative<std::string>(read));
  EXPECT_EQ(std::get<std::string>(read), "/nonexistent/r.json: cannot be read");
}

}  // namespace
}  // namespace rfcheck::reports
