// The rfcheck subcommands. Each registers its options on the CLI11 app and returns the
// process exit code when run; only this layer prints and decides exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace rfcheck::cli {

// Exit codes (README.md, "Using it").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitTarget = 3;
// `rfcheck run` judged nothing at the gated levels: no case selected, or every gated case
// inconclusive or skipped. A gate must not go green on a run that tested nothing.
inline constexpr int kExitNothingJudged = 4;

using Command = std::function<int()>;

Command add_run_command(CLI::App& app);
Command add_list_command(CLI::App& app);
Command add_lint_command(CLI::App& app);
// rfcheck coverage: requirements of each RFC and the cases that check them.
Command add_coverage_command(CLI::App& app);
Command add_fuzz_command(CLI::App& app);
// rfcheck replay FILE...: the fuzzer's reproducers against a target.
Command add_replay_command(CLI::App& app);
// rfcheck grade: a folder of submissions against a rubric (docs/grading.md).
Command add_grade_command(CLI::App& app);
// rfcheck baseline REPORT.json: known deviations drafted from a finished run, for review.
Command add_baseline_command(CLI::App& app);
// rfcheck diff OLD.json NEW.json: regressions, fixes, new and removed cases.
Command add_diff_command(CLI::App& app);

// The arguments rfcheck was started with, as main passed them to the parser: for a command
// that runs rfcheck again (`rfcheck run` over several targets runs one child per target).
const std::vector<std::string>& invocation_arguments();
void set_invocation_arguments(std::vector<std::string> args);

// The specs root (a folder per protocol, requirements/, rfc/): $RFCHECK_SPECS, else the one
// beside the executable (PREFIX/share/rfcheck/specs, or the build tree's link to the sources).
std::string specs_root();
// specs_root()/<protocol>.
std::string default_specs_dir(const std::string& protocol);
// "rfcheck 0.1.0 (commit 0123abcd4567)", generated at build time (cmake/write_version.cmake).
const char* rfcheck_version_text();

}  // namespace rfcheck::cli
