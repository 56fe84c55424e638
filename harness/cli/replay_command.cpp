// rfcheck replay FILE...: runs the fuzzer's reproducers against a target, as `run` runs the
// suites. A FILE is an exported case (a YAML suite, spec/case_writer.h) or a raw session (the
// libFuzzer input bytes the fuzzer writes), which is turned into a case the same way with
// lenient expectations: the runner's judges (crash, framing, reply table, time-outs) decide.
// Exit codes as run: 0 every reproducer passes (fixed), 1 one still fails (the finding
// reproduces), 2 bad usage or a bad file, 3 the target could not be reached or started.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>

#include "cli/commands.h"
#include "cli/run_shared.h"
#include "fuzz/case_export.h"
#include "fuzz/protocol_model.h"
#include "protocols/registry.h"
#include "fuzz/session.h"
#include "runner/sha256.h"
#include "spec/spec_loader.h"
#include "spec/yaml_reader.h"

namespace rfcheck::cli {
namespace {

struct ReplayOptions {
  TargetOptions target;
  std::string specs, step_timeout = "5s", case_timeout = "60s";
  std::vector<std::string> files, reports;
  bool verbose = false;
  bool quiet = false;
};

bool is_yaml_file(const std::string& path, const std::string& content) {
  const auto ext = std::filesystem::path(path).extension();
  return ext == ".yaml" || ext == ".yml" || content.rfind("suite:", 0) == 0;
}

// A raw session as a case: what export_case makes of it with nothing played.
Case session_case(const std::string& path, const std::string& bytes,
                  const fuzz::ProtocolModel& model) {
  const std::string hex = sha256_hex(bytes).substr(0, 12);
  fuzz::FuzzFinding finding;
  finding.key = hex;
  finding.kind = fuzz::FindingKind::kCrash;  // no kind-specific steps: the judges decide
  finding.message = "session " + path;
  Case c = fuzz::export_case(fuzz::decode(bytes), {}, finding, model);
  c.id = "fuzz.replay-" + hex;
  c.tags = {"fuzz", "replay"};
  c.suite = "replay/" + hex;
  return c;
}

}  // namespace

Command add_replay_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "replay", "Run fuzzer reproducers (exported YAML cases or raw session files) against a server");
  auto o = std::make_shared<ReplayOptions>();
  add_target_options(*sub, o->target);
  sub->add_option("--specs", o->specs,
                  "Spec folder whose protocol.yaml the cases use (default: $RFCHECK_SPECS/<protocol>, else the installed specs/<protocol>)");
  sub->add_option("--step-timeout", o->step_timeout, "Default wait for a reply")->capture_default_str();
  sub->add_option("--case-timeout", o->case_timeout, "Limit for a whole case")->capture_default_str();
  sub->add_option("--report", o->reports,
                  "Write a report: junit:PATH, json:PATH, sarif:PATH, markdown:PATH or html:PATH "
                  "(repeatable)");
  auto* verbose = sub->add_flag("--verbose,-v", o->verbose, "Show every case in full");
  sub->add_flag("--quiet,-q", o->quiet, "Print only the failures that decide the exit code and the SUMMARY line")
      ->excludes(verbose);
  sub->add_option("files", o->files, "Reproducers: *.yaml cases or raw session files")->required();

  return [o]() {
    TargetProfile target;
    if (auto err = make_target(o->target, target); !err.empty()) {
      std::cerr << "rfcheck: " << err << "\n";
      return kExitUsage;
    }
    const auto step_timeout = spec::parse_duration(o->step_timeout);
    const auto case_timeout = spec::parse_duration(o->case_timeout);
    if (!step_timeout || !case_timeout) {
      std::cerr << "rfcheck: timeouts look like 500ms, 5s, 2m\n";
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
      report_targets.push_back(*parsed);
    }
    reports::link_html_report(report_targets, {});  // no URL given: cannot fail
    const fuzz::ProtocolModel* model = fuzz::find_model(target.protocol);
    std::vector<std::string> yaml_files;
    std::vector<Case> sessions;
    std::set<std::string> ids;
    for (const auto& path : o->files) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        std::cerr << "ERROR: " << path << ": cannot read file\n";
        return kExitUsage;
      }
      const std::string content{std::istreambuf_iterator<char>(in), {}};
      if (is_yaml_file(path, content)) {
        yaml_files.push_back(path);
      } else if (!model) {
        std::cerr << "rfcheck: " << path << ": the fuzzer has no model of " << target.protocol
                  << " to replay a raw session\n";
        return kExitUsage;
      } else {
        Case c = session_case(path, content, *model);
        if (ids.insert(c.id).second) sessions.push_back(std::move(c));  // same bytes: once
      }
    }
    const std::string dir = o->specs.empty() ? default_specs_dir(target.protocol) : o->specs;
    auto loaded = load_spec_files((std::filesystem::path(dir) / "protocol.yaml").string(), yaml_files);
    for (const auto& e : loaded.errors) std::cerr << "ERROR: " << e.describe() << "\n";
    if (!loaded.ok()) return kExitUsage;
    for (auto& c : sessions) {
      Suite suite;
      suite.name = c.suite;
      suite.protocol = loaded.specs.protocol;
      suite.cases.push_back(std::move(c));
      loaded.specs.suites.push_back(std::move(suite));
    }
    name_spec_files_from_root(loaded.specs, dir);  // the fixtures' steps; reproducers keep theirs

    RunRequest request;
    request.specs = &loaded.specs;
    request.target = target;
    request.protocol = find_protocol(request.target.protocol);
    request.expect_timeout = *step_timeout;
    request.case_timeout = *case_timeout;
    // Every reproducer that still fails counts, also one failed only by an oracle finding
    // that weighs SHOULD (SMTP's reply table, RFC 2821 4.3.1).
    request.gate = Level::kMay;
    return run_with_console(request, console_detail(o->quiet, o->verbose), /*require_judgement=*/false, report_targets);
  };
}

}  // namespace rfcheck::cli
