// The rubric format (spec/rubric_loader): the sample rubric loads as written, and each kind
// of mistake is an error that names the file, the line and what is wrong.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "spec/rubric_loader.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

std::string write_temp(const std::string& name, const std::string& text) {
  // Per process, so parallel ctest runs of these tests do not write each other's files.
  const fs::path path =
      fs::temp_directory_path() / ("rfcheck-rubric-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

const char* kValid = R"(rubric: r
protocol: pop3
submission: {launch: "./server {port}"}
items:
  - name: a
    select: {tag: minimum, level: must}
    points: 3
)";

std::string errors_of(const std::string& name, const std::string& text) {
  auto loaded = load_rubric(write_temp(name, text));
  if (std::holds_alternative<Rubric>(loaded)) return "(loaded)";
  std::string out;
  for (const auto& e : std::get<LoadErrors>(loaded)) out += e.describe() + "\n";
  return out;
}

TEST(Rubric, TheSampleRubricLoads) {
  auto loaded = load_rubric(RFCHECK_SOURCE_DIR "/tests/grade/pop3-rubric.yaml");
  ASSERT_TRUE(std::holds_alternative<Rubric>(loaded)) << errors_of("x", "");
  const Rubric& r = std::get<Rubric>(loaded);
  EXPECT_EQ(r.protocol, "pop3");
  ASSERT_EQ(r.items.size(), 6u);
  EXPECT_EQ(*r.items[0].points, 2);
  EXPECT_EQ(*r.items[2].per_case, 0.5);
  EXPECT_EQ(*r.items[2].max, 1.5);
  EXPECT_FALSE(r.items[5].partial);
  EXPECT_EQ(r.penalties.at("crashed"), 2);
  EXPECT_EQ(r.caps.at("crashed"), 5);
  EXPECT_EQ(r.ready_timeout.count(), 3000);
  EXPECT_EQ(r.run_limits.processes, 32u);
  EXPECT_EQ(r.run_limits.file_size, 16u << 20);
  EXPECT_NE(r.target_yaml.find("s3cret"), std::string::npos);
}

TEST(Rubric, AMinimalRubricTakesTheDefaults) {
  auto loaded = load_rubric(write_temp("minimal.yaml", kValid));
  ASSERT_TRUE(std::holds_alternative<Rubric>(loaded));
  const Rubric& r = std::get<Rubric>(loaded);
  EXPECT_TRUE(r.items[0].partial);
  EXPECT_EQ(r.items[0].select.levels, std::vector<Level>{Level::kMust});
  EXPECT_EQ(r.defaults.launch, "./server {port}");
}

TEST(Rubric, MistakesAreErrorsWithTheirLine) {
  const std::string base = kValid;
  // An unknown key, with the line it is on.
  EXPECT_NE(errors_of("k.yaml", base + "bonus: 3\n").find("k.yaml:8:1"), std::string::npos);
  // points and per_case together: which one counts?
  auto both = errors_of("b.yaml", base + "    per_case: 1\n");
  EXPECT_NE(both.find("either points"), std::string::npos) << both;
  // A status no submission can end with.
  auto status = errors_of("s.yaml", base + "penalties: {crash: 2}\n");
  EXPECT_NE(status.find("'crash' is no status"), std::string::npos) << status;
  // A level typo, a negative number, an item without select.
  std::string level = base;
  level.replace(level.find("level: must"), 11, "level: mustt");
  EXPECT_NE(errors_of("l.yaml", level).find("not 'mustt'"), std::string::npos);
  std::string negative = base;
  negative.replace(negative.find("points: 3"), 9, "points: -3");
  EXPECT_NE(errors_of("n.yaml", negative).find("number >= 0"), std::string::npos);
  EXPECT_NE(errors_of("i.yaml", "rubric: r\nprotocol: pop3\nsubmission: {launch: x}\nitems:\n  - name: a\n    points: 1\n")
                .find("select"),
            std::string::npos);
  // Keys rfcheck grade sets itself are not the rubric's to give.
  EXPECT_NE(errors_of("t.yaml", base + "target: {port: 2121}\n").find("set by rfcheck grade"),
            std::string::npos);
  // Not YAML at all, and not a file.
  EXPECT_NE(errors_of("y.yaml", "items: [unclosed\n").find("y.yaml"), std::string::npos);
  EXPECT_FALSE(std::holds_alternative<Rubric>(load_rubric("/nonexistent/rubric.yaml")));
}

TEST(Rubric, SubmissionFileOverridesTheDefaults) {
  const SubmissionCommands defaults{"make", "./server {port}"};
  auto own = load_submission_file(write_temp("sub.yaml", "launch: python3 s.py {port}\n"), defaults);
  ASSERT_TRUE(std::holds_alternative<SubmissionCommands>(own));
  EXPECT_EQ(std::get<SubmissionCommands>(own).build, "make");
  EXPECT_EQ(std::get<SubmissionCommands>(own).launch, "python3 s.py {port}");
  auto bad = load_submission_file(write_temp("sub-bad.yaml", "run: x\n"), defaults);
  EXPECT_TRUE(std::holds_alternative<LoadErrors>(bad));
}

TEST(Rubric, TheProfileRunsTheLaunchAsTheSlotUser) {
  auto loaded = load_rubric(RFCHECK_SOURCE_DIR "/tests/grade/pop3-rubric.yaml");
  ASSERT_TRUE(std::holds_alternative<Rubric>(loaded));
  const std::string yaml = submission_profile_yaml(
      std::get<Rubric>(loaded), {"alice", "/grading/alice/src", "python3 s.py {port}", "64001"});
  EXPECT_NE(yaml.find("cd '/grading/alice/src' && exec python3 s.py {port}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("user: 64001"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("owner: 64001"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("processes: 32"), std::string::npos) << yaml;
}

}  // namespace
}  // namespace rfcheck
