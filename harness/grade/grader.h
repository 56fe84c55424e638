// Grading submissions: each one copied into its own work area, built and run confined
// (grade/sandbox), judged by an `rfcheck run` child inside its network namespace, scored
// (grade/scoring). Results are stored per submission (grade/grade_store) so an interrupted
// grading resumes where it stopped.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/rubric.h"
#include "grade/sandbox.h"
#include "grade/scoring.h"

namespace rfcheck::grade {

struct Submission {
  std::string id;   // the folder's name
  std::string dir;  // absolute
};

// The sub-folders of `dir` (hidden ones left out), sorted by name; an error when `dir` is no
// folder or holds none.
std::variant<std::vector<Submission>, std::string> find_submissions(const std::string& dir);

struct GradePlan {
  Rubric rubric;
  std::string rubric_digest;  // sha256 of the rubric file: a stored grade of another rubric is stale
  ItemCases items;
  std::vector<std::string> case_ids;  // every item's cases, the run's selection
  std::string rfcheck;       // this executable, run as the child that judges a server
  std::string specs_dir;     // the protocol's specs
  std::string out_dir;       // absolute
  // Where each submission's copy is built and run: a folder the slot uids can traverse
  // (mode 0711, in /tmp), since out_dir may lie under a folder only we may enter.
  std::string work_dir;
  Confinement confinement;
  bool keep_work = false;    // leave each submission's built copy in work_dir
};

struct SubmissionGrade {
  std::string id;
  std::string status = "ok";  // one of submission_statuses()
  std::string detail;         // why the status, in a sentence (a log tail for a build)
  Score score;
  std::map<std::string, Verdict> verdicts;  // the rubric's cases the run reached
  double build_seconds = 0;
  double run_seconds = 0;
  bool left_nothing = true;   // no process of the submission outlived its grading
  bool resumed = false;       // read back from an earlier grading, not graded now
  // This grading's run report, read once, for the student's reports (on_graded); not stored,
  // and dropped once they are written.
  std::optional<RunResult> run;
};

// Where a submission's outputs go: out/<id>/.
std::string submission_out_dir(const GradePlan& plan, const std::string& id);

// Makes plan.work_dir: a fresh folder in /tmp, mode 0711. Empty on success, else why not.
std::string make_work_dir(GradePlan& plan);

// Grades one submission in job slot `slot` (its uid). Never throws for what a submission does.
SubmissionGrade grade_submission(const GradePlan& plan, const Submission& submission, int slot);

// Every submission, `jobs` at a time. A submission with a stored grade of this rubric is
// read back instead (unless `fresh`). `on_graded` runs for each newly graded one, one at a
// time, before its grade is stored: what it writes exists whenever the stored grade does.
// Returns the grades in id order.
std::vector<SubmissionGrade> grade_all(const GradePlan& plan,
                                       const std::vector<Submission>& submissions, int jobs,
                                       bool fresh,
                                       const std::function<void(const SubmissionGrade&)>& on_graded);

}  // namespace rfcheck::grade
