// rfcheck grade: grades a folder of submissions against a rubric (docs/grading.md). Each
// submission is built and run confined; out come a report per student (HTML and Gradescope
// results.json), the gradebook and the class view. Exit codes: 0 every submission graded,
// 1 a submission could not be judged (status error) or left a process behind, 2 bad usage.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/text_file.h"
#include "grade/grader.h"
#include "protocols/registry.h"
#include "reports/grade_class.h"
#include "reports/grade_student_html.h"
#include "reports/gradescope_results.h"
#include "runner/sha256.h"
#include "spec/rubric_loader.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"
#include "target/confine.h"

namespace rfcheck::cli {
namespace {

namespace fs = std::filesystem;

struct GradeOptions {
  std::string rubric, submissions, out, specs, visibility = "visible";
  int jobs = 1;
  long uid_base = 64000;
  bool fresh = false, keep_work = false;
};

// The rubric's profile keys, checked by the target loader before any submission runs.
std::string check_rubric_target(const Rubric& rubric, const std::string& out_dir) {
  const std::string probe = out_dir + "/.rubric-profile-check.yaml";
  std::ofstream(probe, std::ios::trunc)
      << submission_profile_yaml(rubric, {"probe", out_dir, rubric.defaults.launch, "65534"});
  auto loaded = load_target_profile(probe, protocol_names());
  fs::remove(probe);
  if (auto* e = std::get_if<LoadError>(&loaded)) return rubric.file + ": target: " + e->message;
  return {};
}

// Rubric, specs, items: everything that can be wrong before grading starts.
std::string make_plan(const GradeOptions& o, grade::GradePlan& plan, SpecSet& specs) {
  auto rubric = load_rubric(o.rubric);
  if (auto* errors = std::get_if<LoadErrors>(&rubric)) {
    std::string text;
    for (const auto& e : *errors) text += (text.empty() ? "" : "\n") + e.describe();
    return text;
  }
  plan.rubric = std::get<Rubric>(rubric);
  if (!find_protocol_plugin(plan.rubric.protocol)) {
    return o.rubric + ": " + unknown_protocol_message(plan.rubric.protocol);
  }
  plan.specs_dir = o.specs.empty() ? default_specs_dir(plan.rubric.protocol) : o.specs;
  auto loaded = load_spec_dir(plan.specs_dir);
  if (!loaded.ok()) return "the specs in " + plan.specs_dir + " do not load: " + loaded.errors.front().describe();
  specs = std::move(loaded.specs);
  auto items = grade::resolve_items(plan.rubric, specs.all_cases());
  if (auto* err = std::get_if<std::string>(&items)) return *err;
  plan.items = std::get<grade::ItemCases>(items);
  std::set<std::string> ids;
  for (const auto& item : plan.items) ids.insert(item.begin(), item.end());
  plan.case_ids.assign(ids.begin(), ids.end());
  plan.rubric_digest = sha256_hex(read_text_file(o.rubric).value_or(""));
  plan.rfcheck = fs::read_symlink("/proc/self/exe").string();
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) return "cannot create " + o.out + ": " + ec.message();
  plan.out_dir = fs::absolute(o.out).lexically_normal().string();
  plan.keep_work = o.keep_work;
  return check_rubric_target(plan.rubric, plan.out_dir);
}

// Root: each job slot's own uid, which nobody else uses. Otherwise a warning, as for a
// machine without network namespaces: the grading still works, confined less.
std::string decide_confinement(const GradeOptions& o, grade::Confinement& c) {
  if (::geteuid() == 0) {
    if (o.uid_base < 1000 || o.uid_base + o.jobs > 4000000000L) return "--uid-base must be at least 1000";
    std::vector<std::string> notes;
    if (auto err = grade::claim_slot_uids(static_cast<uid_t>(o.uid_base), o.jobs, notes); !err.empty()) {
      return err;
    }
    for (const auto& note : notes) std::cerr << "rfcheck: " << note << "\n";
    c.uid_base = static_cast<uid_t>(o.uid_base);
  } else {
    std::cerr << "rfcheck: warning: not root: submissions run as your own user, without a "
                 "process limit, and only their process trees can be stopped\n";
  }
  c.private_network = private_network_available();
  if (!c.private_network) {
    std::cerr << "rfcheck: warning: no network namespaces here (needs root and unshare): "
                 "submissions share the network and could reach beyond loopback\n";
  }
  return {};
}

// report.html and results.json of one submission, from its grade and its run's report.
void write_student_outputs(const grade::GradePlan& plan, const GradeOptions& o,
                           const grade::SubmissionGrade& g) {
  const std::string dir = grade::submission_out_dir(plan, g.id);
  const RunResult* run = g.run ? &*g.run : nullptr;
  std::ofstream html(dir + "/report.html", std::ios::trunc);
  reports::write_student_html(plan.rubric, g, run, html);
  std::ofstream results(dir + "/results.json", std::ios::trunc);
  reports::write_gradescope_results(plan.rubric, g, run, o.visibility, results);
  std::cout << g.id << ": " << g.score.total << " / " << g.score.max << " " << g.status
            << " (build " << g.build_seconds << " s, run " << g.run_seconds << " s)"
            << (g.left_nothing ? "" : " LEFT PROCESSES BEHIND") << std::endl;
}

void write_class_outputs(const grade::GradePlan& plan, const SpecSet& specs,
                         const std::vector<grade::SubmissionGrade>& grades) {
  std::map<std::string, reports::CaseLabel> labels;
  for (const Case* c : specs.all_cases()) labels[c->id] = {c->title, c->ref};
  std::ofstream book(plan.out_dir + "/gradebook.csv", std::ios::trunc);
  reports::write_gradebook_csv(grades, book);
  std::ofstream md(plan.out_dir + "/class.md", std::ios::trunc);
  reports::write_class_markdown(plan.rubric, plan.items, grades, labels, md);
  std::ofstream csv(plan.out_dir + "/class.csv", std::ios::trunc);
  reports::write_class_csv(plan.items, grades, csv);
}

}  // namespace

Command add_grade_command(CLI::App& app) {
  auto* sub = app.add_subcommand("grade", "Grade a folder of student submissions against a rubric");
  auto o = std::make_shared<GradeOptions>();
  sub->add_option("--rubric", o->rubric, "The rubric (YAML; docs/grading.md)")->required();
  sub->add_option("--submissions", o->submissions, "A folder with one sub-folder per student")->required();
  sub->add_option("--out", o->out, "Where the reports, gradebook and class view go")->required();
  sub->add_option("--jobs,-j", o->jobs, "Submissions graded in parallel")->check(CLI::Range(1, 64))->capture_default_str();
  sub->add_flag("--fresh", o->fresh, "Grade every submission again, not only those without a stored grade");
  sub->add_option("--uid-base", o->uid_base, "As root: job slot i runs submissions as uid BASE+i (no account may use them)")
      ->capture_default_str();
  sub->add_option("--specs", o->specs, "Spec folder (default: the installed specs of the rubric's protocol)");
  sub->add_option("--visibility", o->visibility, "Gradescope visibility of the tests")
      ->check(CLI::IsMember({"visible", "hidden", "after_due_date", "after_published"}))
      ->capture_default_str();
  sub->add_flag("--keep-work", o->keep_work, "Keep each submission's built copy (in /tmp/rfcheck-grade-*/ID)");
  return [o]() {
    grade::GradePlan plan;
    SpecSet specs;
    if (auto err = make_plan(*o, plan, specs); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    auto submissions = grade::find_submissions(o->submissions);
    if (auto* err = std::get_if<std::string>(&submissions)) {
      std::cerr << "rfcheck: " << *err << "\n";
      return kExitUsage;
    }
    if (auto err = decide_confinement(*o, plan.confinement); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    // Made last, once nothing can end the command before the clean-up below.
    if (auto err = grade::make_work_dir(plan); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    const auto grades = grade::grade_all(plan, std::get<std::vector<grade::Submission>>(submissions), o->jobs,
                                         o->fresh, [&](const grade::SubmissionGrade& g) { write_student_outputs(plan, *o, g); });
    write_class_outputs(plan, specs, grades);
    std::error_code ec;
    if (o->keep_work) {
      std::cout << "the submissions' built copies: " << plan.work_dir << "\n";
    } else {
      fs::remove_all(plan.work_dir, ec);
    }
    bool clean = true;
    for (const auto& g : grades) {
      if (g.resumed) std::cout << g.id << ": " << g.score.total << " / " << g.score.max << " " << g.status << " (stored)\n";
      clean = clean && g.status != "error" && g.left_nothing;
    }
    std::cout << "gradebook: " << plan.out_dir << "/gradebook.csv, class view: " << plan.out_dir << "/class.md\n";
    return clean ? kExitOk : kExitFailed;
  };
}

}  // namespace rfcheck::cli
