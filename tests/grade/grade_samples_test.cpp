// rfcheck grade end to end: the samples of tests/grade/samples (assembled by make_class.sh)
// graded by the rfcheck binary with tests/grade/pop3-rubric.yaml. As root (CI), each job
// slot runs its submissions as its own uid in its own network namespace.
#include <gtest/gtest.h>

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string kRubric = RFCHECK_SOURCE_DIR "/tests/grade/pop3-rubric.yaml";

struct Row {
  double score = -1, max = -1;
  std::string status;
};

std::string temp_dir(const std::string& name) {
  std::string pattern = (fs::temp_directory_path() / ("rfcheck-" + name + "-XXXXXX")).string();
  return ::mkdtemp(pattern.data());
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs a shell command line; its exit status, its stdout and stderr in `output`.
int run(const std::string& command, std::string* output = nullptr) {
  const std::string log = fs::temp_directory_path() / ("rfcheck-grade-test-" + std::to_string(::getpid()) + ".log");
  const int status = std::system((command + " >" + log + " 2>&1").c_str());
  if (output) *output = read(log);
  fs::remove(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int grade(const std::string& submissions, const std::string& out, const std::string& extra,
          std::string* output) {
  return run(std::string(RFCHECK_BIN) + " grade --rubric " + kRubric + " --submissions " +
                 submissions + " --out " + out + " " + extra,
             output);
}

std::map<std::string, Row> gradebook(const std::string& out) {
  std::map<std::string, Row> rows;
  std::istringstream in(read(out + "/gradebook.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, score, max, status;
    std::getline(fields, id, ',');
    std::getline(fields, score, ',');
    std::getline(fields, max, ',');
    std::getline(fields, status, ',');
    rows[id] = {std::stod(score), std::stod(max), status};
  }
  return rows;
}

// Processes still running whose command line names `path` (a submission's work area).
std::vector<std::string> processes_naming(const std::string& path) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = read(entry.path() / "cmdline");
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    const std::string state = read(entry.path() / "stat");
    const bool zombie = state.find(") Z") != std::string::npos;
    if (!zombie && cmdline.find(path) != std::string::npos && cmdline.find("grade_samples_test") == std::string::npos) {
      found.push_back(pid + ": " + cmdline);
    }
  }
  return found;
}

// The processes of a uid, from /proc/PID/status.
int processes_of_uid(int uid) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string status = read(entry.path() / "status");
    const auto at = status.find("\nUid:\t");
    if (at != std::string::npos && std::stoi(status.substr(at + 6)) == uid &&
        status.find("State:\tZ") == std::string::npos) {
      ++count;
    }
  }
  return count;
}

TEST(GradeSamples, EachSampleGetsTheStatusAndOrderItDeserves) {
  const std::string tmp = temp_dir("grade-class");
  ASSERT_EQ(run(RFCHECK_SOURCE_DIR "/tests/grade/make_class.sh " + tmp + "/class"), 0);
  std::string output;
  const auto started = std::chrono::steady_clock::now();
  const int exit = grade(tmp + "/class", tmp + "/out", "--jobs 2 --uid-base 64100", &output);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(exit, 0) << output;
  auto rows = gradebook(tmp + "/out");
  ASSERT_EQ(rows.size(), 8u) << output;
  const double max = rows["good"].max;
  EXPECT_EQ(rows["good"].status, "ok");
  EXPECT_EQ(rows["good"].score, max) << read(tmp + "/out/good/report.html");
  EXPECT_EQ(rows["partial"].status, "ok");
  EXPECT_GT(rows["partial"].score, 0);
  EXPECT_LT(rows["partial"].score, rows["good"].score);
  EXPECT_EQ(rows["crashing"].status, "crashed");
  EXPECT_EQ(rows["crashing"].score, 5);  // it earns more, but the rubric caps a crash at 5
  EXPECT_EQ(rows["hanging"].status, "hung");
  EXPECT_EQ(rows["never-listens"].status, "never-listened");
  EXPECT_EQ(rows["fork-happy"].status, "never-listened");
  EXPECT_EQ(rows["build-broken"].status, "build-failed");
  // The flood of output ran into the file-size limit, which ended the server.
  EXPECT_EQ(rows["garbage"].status, "crashed");
  EXPECT_NE(read(tmp + "/out/garbage/grade.json").find("File too large"), std::string::npos);
  for (const char* broken : {"crashing", "hanging", "garbage", "never-listens", "fork-happy", "build-broken"}) {
    EXPECT_LT(rows[broken].score, rows["partial"].score) << broken;
  }
  for (const char* nothing : {"hanging", "garbage", "never-listens", "fork-happy", "build-broken"}) {
    EXPECT_EQ(rows[nothing].score, 0) << nothing;
  }
  // Stopped within their limits (run wall clock 60 s), and nothing of any submission left.
  for (const char* slow : {"hanging", "fork-happy", "never-listens"}) {
    const std::string stored = read(tmp + "/out/" + slow + "/grade.json");
    const auto at = stored.find("\"run_seconds\": ");
    ASSERT_NE(at, std::string::npos) << slow;
    EXPECT_LT(std::stod(stored.substr(at + 15)), 20) << slow;
    EXPECT_NE(stored.find("\"left_nothing\": true"), std::string::npos) << slow;
  }
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(took).count(), 120);
  EXPECT_EQ(processes_naming(tmp), std::vector<std::string>{});  // its class, its outputs
  if (::geteuid() == 0) {
    EXPECT_EQ(processes_of_uid(64100), 0);
    EXPECT_EQ(processes_of_uid(64101), 0);
  }
  // What the student reads: the RFC sentence, expected and actual, transcript, the cost.
  const std::string html = read(tmp + "/out/partial/report.html");
  EXPECT_NE(html.find("What cost points"), std::string::npos);
  EXPECT_NE(html.find("RFC 1939"), std::string::npos);
  EXPECT_NE(html.find("<th>Expected</th>"), std::string::npos);
  EXPECT_NE(html.find("Transcript"), std::string::npos);
  EXPECT_NE(html.find("class=cost"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(read(tmp + "/out/build-broken/report.html").find("did not build"), std::string::npos);
  // Gradescope: the top-level score is the gradebook's.
  const std::string results = read(tmp + "/out/partial/results.json");
  std::ostringstream score;
  score << "\"score\": " << rows["partial"].score;
  EXPECT_NE(results.find(score.str()), std::string::npos) << results.substr(0, 200);
  EXPECT_NE(results.find("\"max_score\""), std::string::npos);
  // The class view puts the most missed cases first: missed by every broken one at least.
  const std::string md = read(tmp + "/out/class.md");
  EXPECT_NE(md.find("| ok | 2 |"), std::string::npos) << md.substr(0, 600);
  EXPECT_NE(read(tmp + "/out/class.csv").find(",7,8\n"), std::string::npos);
  if (!::testing::Test::HasFailure()) fs::remove_all(tmp);  // kept for a look when failed
}

// The line of `text` that starts with `prefix`.
std::string line_of(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return {};
}

TEST(GradeSamples, SameScoreTwiceAndAResumeGradesOnlyWhatIsMissing) {
  const std::string tmp = temp_dir("grade-twice");
  ASSERT_EQ(run(RFCHECK_SOURCE_DIR "/tests/grade/make_class.sh " + tmp + "/all"), 0);
  fs::create_directories(tmp + "/class");
  for (const char* name : {"good", "partial"}) fs::rename(tmp + "/all/" + name, tmp + "/class/" + name);
  std::string first_output, second_output, resumed_output;
  ASSERT_EQ(grade(tmp + "/class", tmp + "/one", "--jobs 2 --uid-base 64200", &first_output), 0) << first_output;
  const auto first = read(tmp + "/one/gradebook.csv");  // before the second grading replaces it
  ASSERT_EQ(grade(tmp + "/class", tmp + "/one", "--jobs 2 --uid-base 64200 --fresh", &second_output), 0);
  // Graded again from scratch: the same scores, line for line.
  EXPECT_GT(gradebook(tmp + "/one")["good"].score, gradebook(tmp + "/one")["partial"].score);
  EXPECT_EQ(read(tmp + "/one/gradebook.csv"), first);
  EXPECT_EQ(second_output.find("(stored)"), std::string::npos);
  // Interrupted after good: partial's stored grade is gone; a rerun grades only partial.
  fs::remove(tmp + "/one/partial/grade.json");
  ASSERT_EQ(grade(tmp + "/class", tmp + "/one", "--uid-base 64200", &resumed_output), 0) << resumed_output;
  EXPECT_NE(line_of(resumed_output, "good: ").find("(stored)"), std::string::npos) << resumed_output;
  const std::string partial = line_of(resumed_output, "partial: ");
  EXPECT_NE(partial.find("(build "), std::string::npos) << resumed_output;  // graded now
  EXPECT_EQ(partial.find("(stored)"), std::string::npos);
  EXPECT_EQ(read(tmp + "/one/gradebook.csv"), first);
  if (!::testing::Test::HasFailure()) fs::remove_all(tmp);  // kept for a look when failed
}

TEST(GradeSamples, BadInputIsAClearErrorNeverACrash) {
  const std::string tmp = temp_dir("grade-bad");
  std::string output;
  EXPECT_EQ(grade(tmp + "/missing", tmp + "/out", "", &output), 2);
  EXPECT_NE(output.find("does not exist"), std::string::npos) << output;
  std::ofstream(tmp + "/rubric.yaml") << "rubric: r\nprotocol: pop3\nsubmission: {launch: x}\nitems:\n  - name: a\n    select: {tag: nosuchtag}\n    points: 1\n";
  EXPECT_EQ(run(std::string(RFCHECK_BIN) + " grade --rubric " + tmp + "/rubric.yaml --submissions " + tmp +
                    " --out " + tmp + "/out",
                &output),
            2);
  EXPECT_NE(output.find("selects no case"), std::string::npos) << output;
  EXPECT_EQ(grade(tmp, tmp + "/out", "--jobz 2", &output), 2);
  EXPECT_NE(output.find("--jobz"), std::string::npos) << output;
  if (!::testing::Test::HasFailure()) fs::remove_all(tmp);  // kept for a look when failed
}

}  // namespace
