// rfcheck: protocol conformance for FTP, SMTP, POP3 and IMAP servers.
#include <csignal>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // A server that resets a connection mid-write must not kill the harness.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"rfcheck: RFC conformance tests and fuzzing for FTP, SMTP, POP3 and IMAP servers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rfcheck 0.1.0");
  std::vector<std::pair<CLI::App*, rfcheck::cli::Command>> commands;
  for (auto add : {&rfcheck::cli::add_run_command, &rfcheck::cli::add_list_command,
                   &rfcheck::cli::add_lint_command}) {
    const auto before = app.get_subcommands({}).size();
    auto command = add(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(command));
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
