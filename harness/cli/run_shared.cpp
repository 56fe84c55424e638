#include "cli/run_shared.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <variant>

#include "cli/commands.h"
#include "reports/console_report.h"
#include "spec/load_error.h"
#include "protocols/registry.h"
#include "spec/target_loader.h"

namespace rfcheck::cli {

void name_spec_files_from_root(SpecSet& specs, const std::string& protocol_dir) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(protocol_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "specs/ftp/"
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir.parent_path(), ec);
  // Every step names one of a few files: each is resolved once, not once per step.
  std::map<std::string, std::string> renamed;
  auto relative = [&](std::string& file) {
    if (file.empty()) return;
    auto [it, added] = renamed.emplace(file, file);
    if (added) {
      const fs::path inside = fs::weakly_canonical(file, ec).lexically_relative(root);
      if (!ec && !inside.empty() && *inside.begin() != "..") it->second = inside.string();
    }
    file = it->second;
  };
  for (auto& suite : specs.suites) {
    for (auto& c : suite.cases) {
      relative(c.where.file);  // and so the results' `where`, copied from it
      for (auto& step : c.steps) relative(step.where.file);
    }
  }
}

void add_target_options(CLI::App& app, TargetOptions& o) {
  app.add_option("--target", o.target_files,
                 "Target profile (targets/*.yaml); may launch the server. `rfcheck run` takes it "
                 "more than once, or a folder of profiles, and writes a servers x cases matrix")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::string protocols;
  for (const auto* p : protocol_plugins()) {
    protocols += (protocols.empty() ? "" : ", ") + p->support.name + " (" + p->support.default_rfc + ")";
  }
  app.add_option("--protocol", o.protocol, "Protocol of a running server: " + protocols);
  app.add_option("--host", o.host, "Address or host name of a running server (every address of a name is tried)")->capture_default_str();
  app.add_option("--port", o.port, "Port of a running server")->check(CLI::Range(1, 65535));
  app.add_flag("--tls", o.implicit_tls, "The server speaks TLS from the first byte (implicit TLS)");
  app.add_option("--user", o.user, "Login name (variable {user})");
  app.add_option("--password", o.password, "Password (variable {password})");
  app.add_option("--var", o.vars, "Another variable a suite uses: NAME=VALUE (repeatable)");
}

std::string make_target(const TargetOptions& o, TargetProfile& target) {
  if (o.target_files.size() > 1) return "--target: this command takes one target profile";
  if (!o.target_files.empty()) {
    auto loaded = load_target_profile(o.target_files.front(), protocol_names());
    if (auto* e = std::get_if<LoadError>(&loaded)) return e->describe();
    target = std::get<TargetProfile>(loaded);
    if (!o.protocol.empty() && o.protocol != target.protocol) {
      return "--protocol " + o.protocol + " contradicts the profile's protocol " + target.protocol;
    }
    if (o.port) {
      if (target.launch) return "--port: the profile launches its server on a port of its own";
      target.port = o.port;  // a running server's profile, pointed at another port
    }
    // --user/--password stand for the profile's credentials: trying another account (or a
    // wrong password, to see what the harness says) needs no copy of the profile.
    if (!o.user.empty()) target.variables["user"] = o.user;
    if (!o.password.empty()) target.variables["password"] = o.password;
  } else {
    if (o.protocol.empty() || !o.port) {
      return "give --target PROFILE, or --protocol, --host and --port of a running server";
    }
    if (!find_protocol_plugin(o.protocol)) return unknown_protocol_message(o.protocol);
    target.protocol = o.protocol;
    target.host = o.host;
    target.port = o.port;
    target.implicit_tls = o.implicit_tls;
    if (!o.user.empty()) target.variables["user"] = o.user;
    if (!o.password.empty()) target.variables["password"] = o.password;
  }
  for (const auto& v : o.vars) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0) return "--var takes NAME=VALUE, not '" + v + "'";
    target.variables[v.substr(0, eq)] = v.substr(eq + 1);
  }
  return {};
}

namespace {

// "no tests collected": why a run judged nothing, and what to do about it.
std::string nothing_judged(const RunResult& run) {
  if (run.cases.empty()) {
    return "no case was selected (check --filter, --tag, --section, --level, --shard): nothing "
           "was tested";
  }
  std::size_t inconclusive = 0, skipped = 0;
  for (const auto& r : run.cases) {
    inconclusive += r.verdict == Verdict::kInconclusive ? 1 : 0;
    skipped += r.verdict == Verdict::kSkip ? 1 : 0;
  }
  return "nothing was judged at the gated levels (--fail-on " + std::string(to_string(run.gate)) +
         "): of " + std::to_string(run.cases.size()) + " case(s), " +
         std::to_string(inconclusive) + " inconclusive and " + std::to_string(skipped) +
         " skipped; the reasons are above";
}

// False when a report could not be written (said on stderr).
bool write_reports(const std::vector<reports::ReportTarget>& targets, const RunResult& run) {
  bool all = true;
  for (const auto& t : targets) {
    if (auto err = reports::write_report(t, run)) {
      std::cerr << "ERROR: " << *err << "\n";  // the message names the report
      all = false;
    }
  }
  return all;
}

}  // namespace

int run_with_console(RunRequest& request, reports::ConsoleDetail detail, bool require_judgement,
                     const std::vector<reports::ReportTarget>& report_targets) {
  reports::ConsoleReporter console(std::cout, isatty(STDOUT_FILENO), detail);
  request.progress = [&](const CaseResult& r, std::size_t done, std::size_t total) {
    console.on_case_done(r, done, total);
  };
  if (!request.protocol) request.protocol = find_protocol(request.target.protocol);
  auto outcome = execute_run(request);
  if (outcome.status == RunOutcome::Status::kBadRequest) {
    std::cerr << "rfcheck: " << outcome.error << "\n";
    return kExitUsage;
  }
  if (outcome.status == RunOutcome::Status::kTargetUnavailable) {
    // What ran before the target failed is reported, and every report is written: a CI job
    // that reads the JSON finds why the run ended there too.
    if (!outcome.result.cases.empty()) console.summary(outcome.result);
    std::cerr << "ERROR: " << outcome.error << "\n";
    write_reports(report_targets, outcome.result);
    return kExitTarget;
  }
  console.summary(outcome.result);
  int exit_code = outcome.result.gated_failure() ? kExitFailed : kExitOk;
  if (exit_code == kExitOk && require_judgement && outcome.result.judged_at_gate() == 0) {
    std::cerr << "rfcheck: " << nothing_judged(outcome.result) << "\n";
    exit_code = kExitNothingJudged;
  }
  if (!write_reports(report_targets, outcome.result)) {
    exit_code = exit_code == kExitOk ? kExitFailed : exit_code;
  }
  return exit_code;
}

}  // namespace rfcheck::cli
