// rfcheck: protocol conformance for FTP, SMTP, POP3 and IMAP servers.
#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>
#include <iostream>

#include "cli/commands.h"
#include "cli/fuzz_engine.h"

namespace {

// A worker libFuzzer started for -jobs/-workers/-fork: it runs `rfcheck <libFuzzer args>`;
// our own fuzz options come from the environment the parent set (fuzz_command.cpp).
std::vector<std::string> worker_arguments(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  const char* options = std::getenv("RFCHECK_FUZZ_OPTIONS");
  const bool flag_first = argc >= 2 && argv[1][0] == '-' && argv[1][1] != '-';
  if (!options || !std::getenv("RFCHECK_FUZZ_WORKER") || !(argc < 2 || flag_first)) return args;
  std::vector<std::string> out = {args[0], "fuzz"};
  std::string all = options;
  for (std::size_t start = 0;;) {
    const auto sep = all.find('\x1f', start);
    out.push_back(all.substr(start, sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  out.insert(out.end(), args.begin() + 1, args.end());
  return out;
}

// `rfcheck fuzz`: libFuzzer's flags (-name=value, one dash) go to libFuzzer untouched.
std::vector<std::string> take_libfuzzer_flags(std::vector<std::string> args) {
  if (args.size() < 2 || args[1] != "fuzz") return args;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    const bool libfuzzer = i >= 2 && a.size() > 2 && a[0] == '-' && a[1] != '-' &&
                           a.find('=') != std::string::npos;
    if (libfuzzer) {
      rfcheck::cli::libfuzzer_flags().push_back(a);
    } else {
      rest.push_back(a);
    }
  }
  return rest;
}

std::vector<std::string>& invocation() {
  static std::vector<std::string> args;
  return args;
}

}  // namespace

namespace rfcheck::cli {
const std::vector<std::string>& invocation_arguments() { return invocation(); }
void set_invocation_arguments(std::vector<std::string> args) { invocation() = std::move(args); }
}  // namespace rfcheck::cli

int main(int argc, char** argv) {
  // A server that resets a connection mid-write must not kill the harness.
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args = take_libfuzzer_flags(worker_arguments(argc, argv));
  rfcheck::cli::set_invocation_arguments(args);
  std::vector<char*> arg_pointers;
  for (auto& a : args) arg_pointers.push_back(a.data());
  arg_pointers.push_back(nullptr);
  argc = static_cast<int>(args.size());
  argv = arg_pointers.data();
  CLI::App app{"rfcheck: RFC conformance tests and fuzzing for FTP, SMTP, POP3 and IMAP servers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", rfcheck::cli::rfcheck_version_text());
  std::vector<std::pair<CLI::App*, rfcheck::cli::Command>> commands;
  for (auto add : {&rfcheck::cli::add_run_command, &rfcheck::cli::add_list_command,
                   &rfcheck::cli::add_lint_command, &rfcheck::cli::add_coverage_command,
                   &rfcheck::cli::add_fuzz_command,
                   &rfcheck::cli::add_replay_command, &rfcheck::cli::add_baseline_command,
                   &rfcheck::cli::add_diff_command, &rfcheck::cli::add_grade_command}) {
    const auto before = app.get_subcommands({}).size();
    auto command = add(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(command));
  }
  // CLI11 reads an unknown word as a stray argument ("A subcommand is required"): name it.
  const auto is_subcommand = [&](const std::string& word) {
    for (auto& [sub, command] : commands) {
      if (sub->check_name(word)) return true;
    }
    return false;
  };
  if (argc >= 2 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::string known;
    for (auto& [sub, command] : commands) known += (known.empty() ? "" : ", ") + sub->get_name();
    std::cerr << "rfcheck: unknown subcommand '" << argv[1] << "'; known: " << known << "\n";
    return rfcheck::cli::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : rfcheck::cli::kExitUsage;
  }
  for (auto& [sub, command] : commands) {
    if (sub->parsed()) return command();
  }
  return rfcheck::cli::kExitUsage;
}
