#include "grade/grader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <regex>
#include <thread>

#include "core/text_file.h"
#include "grade/grade_store.h"
#include "run_report/run_report_reader.h"
#include "runner/run.h"
#include "runner/scheduler.h"
#include "spec/rubric_loader.h"
#include "target/confine.h"
#include "target/process_tree.h"

namespace rfcheck::grade {
namespace fs = std::filesystem;

std::variant<std::vector<Submission>, std::string> find_submissions(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "submissions folder " + dir + " does not exist or is no folder";
  std::vector<Submission> out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || !entry.is_directory()) continue;
    out.push_back({name, fs::absolute(entry.path()).lexically_normal().string()});
  }
  if (ec) return "cannot list " + dir + ": " + ec.message();
  if (out.empty()) return "submissions folder " + dir + " holds no submission (one sub-folder per student)";
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::string submission_out_dir(const GradePlan& plan, const std::string& id) {
  return (fs::path(plan.out_dir) / id).string();
}

std::string make_work_dir(GradePlan& plan) {
  std::string pattern = "/tmp/rfcheck-grade-XXXXXX";
  if (!::mkdtemp(pattern.data())) return "cannot create a folder in /tmp: " + std::string(std::strerror(errno));
  ::chmod(pattern.c_str(), 0711);  // the slot uids pass through to their own 0700 folder
  plan.work_dir = pattern;
  return {};
}

namespace {

// The last `max` bytes of a log, marked "..." when there was more.
std::string file_tail(const std::string& path, std::size_t max) {
  const std::string tail = read_file_tail(path, max + 1);
  return tail.size() > max ? "..." + tail.substr(1) : tail;
}

// The submission's own copy, owned by its slot's uid and private to it: what it builds in
// and may write to. The original folder stays untouched.
std::string make_work_area(const GradePlan& plan, const Submission& s, int slot, std::string& error) {
  const fs::path work = fs::path(plan.work_dir) / s.id;
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work / "tmp", ec);
  if (!ec) fs::copy(s.dir, work / "src", fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) {
    error = "cannot copy " + s.dir + " to " + work.string() + ": " + ec.message();
    return {};
  }
  if (auto user = plan.confinement.slot_user(slot)) {
    give_tree_to(work.string(), *user);  // best effort: what it cannot write fails its build
    ::chmod(work.c_str(), 0700);
  }
  return work.string();
}

// build: in the copy, confined; empty when it built, else why not (for the student).
std::string build(const GradePlan& plan, const std::string& command, const std::string& work,
                  const std::string& out, int slot, SubmissionGrade& grade) {
  if (command.empty()) return {};
  PhaseCommand phase{{"/bin/sh", "-c", command}, work + "/src",
                     {{"HOME", work + "/src"}, {"TMPDIR", work + "/tmp"}},
                     out + "/build.stdout.log", out + "/build.stderr.log", true};
  const PhaseResult r = run_phase(phase, plan.rubric.build_limits, plan.confinement, slot);
  grade.build_seconds = r.took.count() / 1000.0;
  grade.left_nothing = grade.left_nothing && r.left_nothing;
  const std::string tail = file_tail(phase.stderr_path, 1500);
  const std::string log = tail.empty() ? "" : "; the end of its stderr:\n" + tail;
  switch (r.end) {
    case PhaseResult::End::kNotStarted: return "the build could not start: " + r.error;
    case PhaseResult::End::kTimedOut:
      return "the build (" + command + ") did not finish within " +
             std::to_string(plan.rubric.build_limits.wall.count() / 1000) + " s" + log;
    case PhaseResult::End::kExited:
      if (r.wait_status == 0) return {};
      return "the build (" + command + ") " + describe_wait_status(r.wait_status) + log;
  }
  return {};
}

std::vector<std::string> run_arguments(const GradePlan& plan, const std::string& profile,
                                       const std::string& report) {
  const Rubric& r = plan.rubric;
  std::vector<std::string> argv = {
      plan.rfcheck, "run", "--target", profile, "--specs", plan.specs_dir, "-q",
      "--report", "json:" + report,
      "--step-timeout", std::to_string(r.step_timeout.count()) + "ms",
      "--case-timeout", std::to_string(r.case_timeout.count()) + "ms",
      "--stop-after-silent", std::to_string(r.silent_limit)};
  for (const std::string& id : plan.case_ids) {
    argv.push_back("--filter");
    argv.push_back(id);
  }
  return argv;
}

// A note of the run as the gradebook says it: without what changes from one grading to the
// next (the port chosen, the case in which a death was noticed, which depends on timing, and
// the harness's hint about its workdir), so the same submission gets the same line.
std::string stable_text(std::string text) {
  if (text.rfind(kServerDiedNote, 0) == 0) {
    const auto how = text.find(": ");
    const auto outcome = text.rfind('\n');  // the restart's outcome, the note's last line
    text = "the server died during the run" +
           text.substr(how, outcome == std::string::npos || outcome < how ? std::string::npos : outcome - how);
  }
  text = std::regex_replace(text, std::regex("port [0-9]+"), "its port");
  text = std::regex_replace(text, std::regex(" \\(set RFCHECK_KEEP_WORKDIR=1 to keep the workdir\\)"), "");
  return text;
}

// The status a completed (or cut short) run gives, from its report.
void judge_run(const RunResult& run, SubmissionGrade& grade) {
  // What ran earns, whatever the status: a crash in one case costs only that case (and the
  // rubric's penalty), as the runner restarts the server for the rest.
  for (const CaseResult& c : run.cases) grade.verdicts[c.id] = c.verdict;
  for (const std::string& line : run.target_log) {
    if (line.rfind(kServerDiedNote, 0) == 0) {
      grade.status = "crashed";
      grade.detail = stable_text(line);
      return;
    }
  }
  if (run.ended_early.rfind(kWouldNotStartNote, 0) == 0) {
    grade.status = "never-listened";
    grade.detail = stable_text(run.ended_early.substr(kWouldNotStartNote.size()));
  } else if (run.ended_early.rfind(kStoppedAnsweringNote, 0) == 0) {
    grade.status = "hung";
    grade.detail = run.ended_early;
  } else if (!run.ended_early.empty()) {
    grade.detail = "the run ended early: " + run.ended_early;
  }
}

// run: the rfcheck run child in the submission's network namespace launches its server.
void run(const GradePlan& plan, const std::string& launch, const std::string& work,
         const std::string& out, const std::string& id, int slot, SubmissionGrade& grade) {
  const auto user = plan.confinement.slot_user(slot);
  const std::string profile = out + "/profile.yaml";
  const std::string report = out + "/run.json";
  std::ofstream(profile, std::ios::trunc) << submission_profile_yaml(
      plan.rubric, {id, work + "/src", launch, user ? std::to_string(user->first) : ""});
  fs::remove(report);
  PhaseCommand phase{run_arguments(plan, profile, report), out, {},
                     out + "/run.stdout.log", out + "/run.stderr.log", false};
  const PhaseResult r = run_phase(phase, plan.rubric.run_limits, plan.confinement, slot);
  grade.run_seconds = r.took.count() / 1000.0;
  grade.left_nothing = grade.left_nothing && r.left_nothing;
  if (r.end == PhaseResult::End::kTimedOut) {
    grade.status = "hung";
    grade.detail = "the run did not finish within " +
                   std::to_string(plan.rubric.run_limits.wall.count() / 1000) + " s; stopped";
    return;
  }
  std::string error = "it did not start";
  std::optional<RunResult> result;
  if (r.end != PhaseResult::End::kNotStarted) {
    auto read = read_run_report(report);
    if (auto* run = std::get_if<RunResult>(&read)) result = std::move(*run);
    else error = std::get<std::string>(read);
  }
  if (!result) {
    grade.status = "error";  // the harness's failure, not the student's: the grader must look
    grade.detail = "rfcheck run gave no report (" + (r.error.empty() ? error : r.error) + ")" +
                   file_tail(phase.stderr_path, 1500);
    return;
  }
  judge_run(*result, grade);
  grade.run = std::move(result);
}

}  // namespace

SubmissionGrade grade_submission(const GradePlan& plan, const Submission& submission, int slot) {
  SubmissionGrade grade;
  grade.id = submission.id;
  const std::string out = submission_out_dir(plan, submission.id);
  std::error_code ec;
  fs::create_directories(out, ec);
  SubmissionCommands commands = plan.rubric.defaults;
  const fs::path own = fs::path(submission.dir) / "submission.yaml";
  if (fs::exists(own)) {
    auto loaded = load_submission_file(own.string(), plan.rubric.defaults);
    if (auto* errors = std::get_if<LoadErrors>(&loaded)) {
      grade.status = "build-failed";
      grade.detail = "submission.yaml: " + errors->front().describe();
    } else {
      commands = std::get<SubmissionCommands>(loaded);
    }
  }
  std::string error;
  const std::string work = grade.status == "ok" ? make_work_area(plan, submission, slot, error) : "";
  if (grade.status == "ok" && work.empty()) {
    grade.status = "error";
    grade.detail = error;
  }
  if (grade.status == "ok") {
    if (auto failed = build(plan, commands.build, work, out, slot, grade); !failed.empty()) {
      grade.status = "build-failed";
      grade.detail = failed;
    }
  }
  if (grade.status == "ok") run(plan, commands.launch, work, out, submission.id, slot, grade);
  grade.score = score_submission(plan.rubric, plan.items, grade.verdicts, grade.status);
  if (!plan.keep_work && !work.empty()) fs::remove_all(work, ec);
  return grade;
}

std::vector<SubmissionGrade> grade_all(const GradePlan& plan,
                                       const std::vector<Submission>& submissions, int jobs,
                                       bool fresh,
                                       const std::function<void(const SubmissionGrade&)>& on_graded) {
  std::vector<SubmissionGrade> grades(submissions.size());
  std::atomic<std::size_t> next{0};
  std::mutex done;
  auto worker = [&](int slot) {
    for (std::size_t i = next++; i < submissions.size(); i = next++) {
      const std::string stored = submission_out_dir(plan, submissions[i].id) + "/grade.json";
      if (!fresh) {
        if (auto previous = load_grade(stored, plan.rubric_digest)) {
          grades[i] = std::move(*previous);
          continue;
        }
      }
      grades[i] = grade_submission(plan, submissions[i], slot);
      std::lock_guard lock(done);
      if (on_graded) on_graded(grades[i]);
      grades[i].run.reset();
      // A grade that is not stored is graded again by the next run: say why.
      if (auto err = store_grade(stored, grades[i], plan.rubric_digest); !err.empty()) {
        std::cerr << "rfcheck: " << grades[i].id << ": " << err << "\n";
      }
    }
  };
  std::vector<std::thread> threads;
  const int n = std::max(1, std::min<int>(jobs, static_cast<int>(submissions.size())));
  for (int slot = 0; slot < n; ++slot) threads.emplace_back(worker, slot);
  for (auto& t : threads) t.join();
  return grades;
}

}  // namespace rfcheck::grade
