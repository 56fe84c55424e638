// rfcheck run: runs a protocol's suites against a target (a profile, or a running server)
// and writes the reports. Exit codes: 0 nothing gated failed, 1 something did, 2 bad usage
// or bad spec, 3 the target could not be reached or started, 4 nothing was judged at the
// gated levels.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "cli/commands.h"
#include "cli/filter_options.h"
#include "cli/matrix_run.h"
#include "cli/run_shared.h"
#include "reports/report_target.h"
#include "core/template.h"
#include "runner/case_filter.h"
#include "runner/run.h"
#include "spec/load_error.h"
#include "spec/spec_loader.h"
#include "spec/target_loader.h"
#include "spec/yaml_reader.h"

namespace rfcheck::cli {
namespace {

struct RunOptions {
  TargetOptions target;
  std::string specs, baseline, html_url;
  std::vector<std::string> reports;
  FilterOptions filter;
  int jobs = 1;
  std::string step_timeout = "5s", case_timeout = "60s", fail_on = "must";
  int silent_limit = 3;
  int parallel_targets = 4;
  bool verbose = false;
  bool quiet = false;
};

// A --var whose name no suite of the protocol declares (protocol.yaml variables, or the
// plug-in's): a typo would otherwise set nothing and leave cases inconclusive.
std::string unknown_var(const std::vector<std::string>& vars, const SpecSet& specs) {
  std::set<std::string> known(specs.variables.begin(), specs.variables.end());
  known.insert(specs.harness_variables.begin(), specs.harness_variables.end());
  for (const auto& v : vars) {
    const std::string name = v.substr(0, v.find('='));
    if (known.count(name)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    return "--var " + name + ": no " + specs.protocol + " suite uses it; known: " + list;
  }
  return {};
}

// A baseline entry that names no case of the suites (a typo, or a case renamed) would
// silently excuse nothing; stale entries of existing cases are reported after the run.
std::string unknown_baseline_id(const std::vector<BaselineEntry>& baseline, const SpecSet& specs) {
  std::set<std::string> ids;
  for (const Case* c : specs.all_cases()) ids.insert(c->id);
  for (const auto& entry : baseline) {
    if (!ids.count(entry.id)) {
      return "entry '" + entry.id + "' names no case of the " + specs.protocol + " suites";
    }
  }
  return {};
}

// Entries drafted by `rfcheck baseline` and not yet reviewed excuse failures all the same, so
// that a fresh baseline can gate at once; each run says that a person still has to look.
void warn_unreviewed(const std::vector<BaselineEntry>& baseline, const std::string& file) {
  std::vector<std::string> ids;
  for (const auto& entry : baseline) {
    if (entry.unreviewed()) ids.push_back(entry.id);
  }
  if (ids.empty()) return;
  std::cerr << "rfcheck: warning: baseline " << file << ": " << ids.size()
            << " entries are drafts still marked UNREVIEWED (edit each reason to the RFC text the "
               "server breaks, or remove the entry):";
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i) std::cerr << (i ? ", " : " ") << ids[i];
  std::cerr << (ids.size() > 10 ? ", ...\n" : "\n");
}

// The variables protocol.yaml says a target provides that this target does not, with how
// many selected cases use them: said once before the run, instead of only as one
// inconclusive case after another. Empty when nothing is missing.
std::string missing_variables(const SpecSet& specs, const CaseFilter& filter,
                              const std::map<std::string, std::string>& provided) {
  const std::set<std::string> declared(specs.variables.begin(), specs.variables.end());
  std::map<std::string, std::size_t> missing;  // name -> cases that use it
  const auto cases = select_cases(specs, filter);
  for (const Case* c : cases) {
    const auto used = c->variables_needed();  // a protocol.yaml default counts as given
    for (const auto& name : used) {
      if (declared.count(name) && !provided.count(name)) ++missing[name];
    }
  }
  if (missing.empty()) return {};
  std::string names;
  for (const auto& [name, count] : missing) {
    names += (names.empty() ? "{" : ", {") + name + "} (" + std::to_string(count) + " case" +
             (count == 1 ? "" : "s") + ")";
  }
  return "of the " + std::to_string(cases.size()) + " selected cases, those that use " + names +
         " will end inconclusive: the target gives no value for it (give --user/--password, "
         "--var NAME=VALUE, or the profile's credentials or vars)";
}

// Several targets: each is run by a child rfcheck with the same options, and the matrix of
// their results is written.
int run_matrix_of(const RunOptions& o) {
  const std::vector<std::string>& args = invocation_arguments();
  const auto run = std::find(args.begin(), args.end(), "run");
  MatrixRequest request;
  request.targets = o.target.target_files;
  request.reports = o.reports;
  request.parallel = o.parallel_targets;
  request.forwarded = forwarded_run_arguments({run == args.end() ? run : run + 1, args.end()});
  return run_matrix(request);
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto* sub = app.add_subcommand("run", "Run the conformance suites against a server");
  auto o = std::make_shared<RunOptions>();
  add_target_options(*sub, o->target);
  sub->add_option("--specs", o->specs, "Spec folder (default: $RFCHECK_SPECS/<protocol>, else the installed specs/<protocol>)");
  add_filter_options(*sub, o->filter);
  sub->add_option("--jobs,-j", o->jobs, "Cases run in parallel")->check(CLI::Range(1, 256))->capture_default_str();
  sub->add_option("--step-timeout", o->step_timeout, "Default wait for a reply")->capture_default_str();
  sub->add_option("--case-timeout", o->case_timeout, "Limit for a whole case")->capture_default_str();
  sub->add_option("--stop-after-silent", o->silent_limit,
                  "End the run (exit 3) after this many cases in a row heard nothing from the "
                  "target; 0: never")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  sub->add_option("--fail-on", o->fail_on, "Lowest level whose failures fail the run: must, should, may")
      ->capture_default_str();
  sub->add_option("--baseline", o->baseline,
                  "Known deviations (default: the profile's baseline); stale entries are reported");
  sub->add_option("--report", o->reports,
                  "Write a report: junit:PATH, json:PATH, sarif:PATH, markdown:PATH or html:PATH "
                  "(repeatable). With several targets: html:, markdown: or csv: write the servers x "
                  "cases matrix (html: also one page per target, linked); json:, junit:, sarif: "
                  "one file per target (PATH gains the target's name)");
  sub->add_option("--html-url", o->html_url,
                  "Where the HTML report will be published (e.g. a CI artifact's URL): the "
                  "Markdown report links each failure to URL#case-<id>. Without it, a run that "
                  "writes both links the Markdown to the html:PATH file, relative to it");
  auto* verbose = sub->add_flag("--verbose,-v", o->verbose, "Show every case in full");
  sub->add_flag("--quiet,-q", o->quiet, "Print only the failures that decide the exit code and the SUMMARY line")
      ->excludes(verbose);

  sub->add_option("--parallel-targets", o->parallel_targets,
                  "With several targets: how many run at once (each with --jobs cases)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();

  return [o]() {
    if (is_matrix_run(o->target.target_files)) return run_matrix_of(*o);
    TargetProfile target;
    if (auto err = make_target(o->target, target); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    const auto gate = parse_level(o->fail_on);
    const auto step_timeout = spec::parse_duration(o->step_timeout);
    const auto case_timeout = spec::parse_duration(o->case_timeout);
    if (!gate) {
      std::cerr << "rfcheck: --fail-on takes must, should or may, not '" << o->fail_on << "'\n";
      return kExitUsage;
    }
    for (const auto& [option, value, parsed] :
         {std::tuple{"--step-timeout", o->step_timeout, step_timeout.has_value()},
          std::tuple{"--case-timeout", o->case_timeout, case_timeout.has_value()}}) {
      if (parsed) continue;
      std::cerr << "rfcheck: " << option << " takes a duration with its unit (500ms, 5s, 2m), not '"
                << value << "'\n";
      return kExitUsage;
    }
    std::vector<reports::ReportTarget> report_targets;
    for (const auto& r : o->reports) {
      std::string err;
      auto parsed = reports::parse_report_target(r, &err);
      if (!parsed) {
        std::cerr << "rfcheck: --report " << r << ": " << err << "\n";
        return kExitUsage;
      }
      // Found now, not after a run of many minutes whose report is then lost.
      if (auto unwritable = reports::check_report_path(parsed->path)) {
        std::cerr << "rfcheck: " << *unwritable << "\n";  // names the path
        return kExitUsage;
      }
      report_targets.push_back(*parsed);
    }
    if (auto err = reports::link_html_report(report_targets, o->html_url)) {
      std::cerr << "rfcheck: --html-url " << *err << "\n";
      return kExitUsage;
    }
    const std::string specs_dir = o->specs.empty() ? default_specs_dir(target.protocol) : o->specs;
    auto loaded = load_spec_dir(specs_dir);
    for (const auto& e : loaded.errors) std::cerr << "ERROR: " << e.describe() << "\n";
    if (!loaded.ok()) return kExitUsage;
    name_spec_files_from_root(loaded.specs, specs_dir);
    if (auto err = unknown_var(o->target.vars, loaded.specs); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }

    RunRequest request;
    request.specs = &loaded.specs;
    request.target = target;
    request.jobs = o->jobs;
    request.expect_timeout = *step_timeout;
    request.case_timeout = *case_timeout;
    request.gate = *gate;
    request.silent_limit = o->silent_limit;
    if (auto err = to_case_filter(o->filter, request.filter); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    const std::string baseline_file = o->baseline.empty() ? target.baseline : o->baseline;
    if (!baseline_file.empty()) {
      auto baseline = load_baseline(baseline_file);
      if (auto* e = std::get_if<LoadError>(&baseline)) {
        std::cerr << "ERROR: " << e->describe() << "\n";
        return kExitUsage;
      }
      request.baseline = std::get<std::vector<BaselineEntry>>(baseline);
      if (auto err = unknown_baseline_id(request.baseline, loaded.specs); !err.empty()) {
        std::cerr << "rfcheck: baseline " << baseline_file << ": " << err << "\n";
        return kExitUsage;
      }
      warn_unreviewed(request.baseline, baseline_file);
    }
    if (auto notice = missing_variables(loaded.specs, request.filter, target.variables);
        !notice.empty()) {
      std::cerr << "rfcheck: " << notice << "\n";
    }
    return run_with_console(request, console_detail(o->quiet, o->verbose), /*require_judgement=*/true, report_targets);
  };
}

}  // namespace rfcheck::cli
