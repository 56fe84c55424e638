// What the commands that run cases against a server share (run, replay): the options that
// name the target and the run itself with its console report. One definition, so the
// commands cannot drift apart in options, output or exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/target_profile.h"
#include "reports/console_report.h"
#include "reports/report_target.h"
#include "runner/run.h"

namespace rfcheck::cli {

// A profile (--target), or a running server (--protocol/--host/--port ...), plus --var.
// `rfcheck run` takes --target more than once (or a folder) for a matrix of servers; the
// other commands take one.
struct TargetOptions {
  std::vector<std::string> target_files;
  std::string protocol, host = "127.0.0.1", user, password;
  std::optional<int> port;
  std::vector<std::string> vars;
  bool implicit_tls = false;
};

void add_target_options(CLI::App& app, TargetOptions& options);

// Builds the target from the profile or the command line; empty on success, else the error.
std::string make_target(const TargetOptions& options, TargetProfile& target);

// Cases and their steps name their spec file relative to the specs root (the parent of
// `protocol_dir`, the folder the specs were loaded from), so that reports say
// "ftp/rfc959/4.1.3-abort.yaml:40:9" and never a path of the machine that ran them. Files
// outside the root (a replayed reproducer) keep their path.
void name_spec_files_from_root(SpecSet& specs, const std::string& protocol_dir);

// -q / -v as the console's level of detail.
inline reports::ConsoleDetail console_detail(bool quiet, bool verbose) {
  return quiet ? reports::ConsoleDetail::kQuiet
               : verbose ? reports::ConsoleDetail::kVerbose : reports::ConsoleDetail::kNormal;
}

// Executes the request with console progress and summary, writes the reports, and returns
// the exit code: 0 nothing gated failed, 1 something did, 2 bad request, 3 no target,
// 4 nothing judged at the gated levels (with require_judgement).
// `require_judgement`: a run that judged nothing at the gated levels exits
// kExitNothingJudged (rfcheck run); replay leaves it to its own exit codes.
int run_with_console(RunRequest& request, reports::ConsoleDetail detail, bool require_judgement,
                     const std::vector<reports::ReportTarget>& reports = {});

}  // namespace rfcheck::cli
