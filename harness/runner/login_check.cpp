#include "runner/login_check.h"

#include <algorithm>

#include "runner/built_steps.h"

namespace rfcheck {

std::optional<std::string> check_login(const SpecSet& specs,
                                       const std::vector<const Case*>& selected,
                                       const CaseEnvironment& env) {
  auto login = specs.fixtures.find("login");
  if (login == specs.fixtures.end() || !env.variables.count("user") ||
      !env.variables.count("password")) {
    return std::nullopt;
  }
  const bool any_logs_in = std::any_of(selected.begin(), selected.end(), [](const Case* c) {
    return c->variables_used().count("password") > 0;
  });
  if (!any_logs_in) return std::nullopt;

  Case check;
  check.id = "rfcheck.check.login";
  check.title = "The target's credentials log in";
  check.suite = "rfcheck/check";
  check.ref = env.protocol ? env.protocol->default_rfc : "";
  check.steps = login->second;
  const std::size_t login_steps = check.steps.size();
  // Then log out and wait for the close, so an exclusive account (POP3) is free again.
  if (env.protocol && !env.protocol->logout_command.empty()) {
    check.steps.push_back(send_step(env.protocol->logout_command));
    check.steps.push_back(expect_step());
    check.steps.push_back(expect_closed_step());
  }
  CaseEnvironment alone = env;
  alone.accounts = nullptr;  // the credentials as given
  const CaseResult r = run_case(check, alone);
  // Only the login's own steps decide; a reply-table finding or a slow logout is a matter for
  // the cases, and the login did work.
  // A greeting that fails, or a login step left unanswered, is the server's to answer for:
  // the cases judge that. Only a reply that refuses the credentials is the operator's.
  const bool refused = r.verdict != Verdict::kPass && r.failed_step > 1 &&
                       static_cast<std::size_t>(r.failed_step) <= login_steps &&
                       !r.actual.empty();
  if (!refused) return std::nullopt;
  return "login refused (" + r.actual + ") for user '" + env.variables.at("user") +
         "': check --user/--password (or the profile's credentials)";
}

}  // namespace rfcheck
