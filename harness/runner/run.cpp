#include "runner/run.h"

#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "core/template.h"
#include "runner/baseline.h"
#include "runner/fixture_variables.h"
#include "runner/account_pool.h"
#include "runner/login_check.h"
#include "target/launcher.h"

namespace rfcheck {
namespace {

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// A server rfcheck did not launch must at least accept a connection, else nothing is judged.
std::string probe(net::Network& network, const std::string& host, int port) {
  std::string err;
  auto stream = network.connect(host, port, net::Clock::now() + std::chrono::seconds(5), &err);
  if (!stream) return err;
  stream->close();
  return {};
}

// Implicit TLS (--tls, a profile's tls: implicit) against a server that does not speak it would
// fail every case at its first byte: found once, it is one configuration error.
std::string probe_tls(net::Network& network, const std::string& host, int port) {
  std::string err, info;
  const auto deadline = net::Clock::now() + std::chrono::seconds(5);
  auto stream = network.connect(host, port, deadline, &err);
  if (!stream) return "cannot connect: " + err;
  const bool ok = stream->start_tls(host, deadline, &info, &err);
  stream->close();
  if (ok) return {};
  return "the TLS handshake with " + host + ":" + std::to_string(port) + " failed (" + err +
         "): the target is set for implicit TLS (--tls, or the profile's tls: implicit) but does not "
         "speak TLS from the first byte";
}

// The places a launched server's profile templates may name after launch.
std::map<std::string, std::string> launch_places(const LaunchedServer& server,
                                                 const TargetProfile& target) {
  return {{"workdir", server.workdir()},
          {"port", std::to_string(server.port())},
          {"host", server.host()},
          {"root", server.workdir() + "/" + target.launch->root}};
}

// A launched server, watched after every case (from the worker threads: LaunchedServer is
// not thread-safe, so one lock). A server that died is reported with the case it died in and
// the end of its stderr, and started again for the remaining cases, up to kMaxRestarts times;
// after that the cases hear nothing and the run ends (scheduler.h, silent_limit).
class TargetWatch {
 public:
  static constexpr int kMaxRestarts = 5;

  explicit TargetWatch(LaunchedServer* server) : server_(server) {}

  // A server that hung up mid-command is given a moment to finish dying before it is judged
  // alive: a sanitizer's report and abort take a while, and the death belongs to this case,
  // not to whichever case comes next.
  static constexpr auto kDeathGrace = std::chrono::seconds(3);

  std::optional<std::string> after_case(const std::string& case_id, bool hung_up) {
    // Other cases' checks go on meanwhile: the lock is held for each look only.
    const auto until = std::chrono::steady_clock::now() + kDeathGrace;
    while (hung_up && std::chrono::steady_clock::now() < until) {
      {
        std::lock_guard guard(mutex_);
        if (!server_->alive()) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::lock_guard guard(mutex_);
    if (!server_->alive()) return died(case_id);
    if (server_->stderr_has_sanitizer_report()) return "reported a sanitizer error on stderr";
    return std::nullopt;
  }

  std::vector<std::string> take_notes() {
    std::lock_guard guard(mutex_);
    return std::move(notes_);
  }

 private:
  std::string died(const std::string& case_id) {
    std::string how = server_->exit_description();
    if (server_->stderr_has_sanitizer_report()) how += ", with a sanitizer report";
    const std::string tail = server_->stderr_tail(2048);
    std::string note = std::string(kServerDiedNote) + case_id + ": " + how +
                       (tail.empty() ? "; its stderr is empty" : "; last lines of its stderr:\n" + tail);
    std::string outcome;
    if (server_->restarts() >= kMaxRestarts) {
      outcome = "not restarted: it died " + std::to_string(kMaxRestarts + 1) + " times";
    } else if (auto err = server_->restart(); !err.empty()) {
      outcome = "could not restart it: " + err;
    } else {
      outcome = "restarted it for the remaining cases (restart " +
                std::to_string(server_->restarts()) + " of at most " +
                std::to_string(kMaxRestarts) + ")";
    }
    notes_.push_back(note + "\n" + outcome);
    return how + "; " + outcome;
  }

  std::mutex mutex_;
  LaunchedServer* server_;
  std::vector<std::string> notes_;
};

// Against a server rfcheck did not launch: upload the fixture files. If that fails, their
// variables stay unset and the cases that need them end inconclusive, naming the variable.
void provision_files(const SpecSet& specs, CaseEnvironment& env, RunResult& run) {
  if (specs.files.empty() || !env.protocol->provision_case) return;
  auto provision = env.protocol->provision_case(specs);
  if (!provision) return;
  CaseEnvironment setup = env;
  CaseResult r = run_case(*provision, setup);
  if (r.verdict == Verdict::kPass) {
    for (const auto& [k, v] : fixture_variables(specs.files)) env.variables[k] = v;
  } else {
    run.target_log.push_back("could not upload the fixture files (" + r.reason +
                             "): cases that need them are inconclusive");
  }
}

}  // namespace

namespace {

RunOutcome run_to_end(const RunRequest& request) {
  RunOutcome outcome;
  RunResult& run = outcome.result;
  run.target = request.target.name.empty()
                   ? request.target.host + ":" + std::to_string(request.target.port.value_or(0))
                   : request.target.name;
  run.protocol = request.specs->protocol;
  run.started_at = now_iso8601();
  run.gate = request.gate;
  const auto started = net::Clock::now();

  const ProtocolSupport* protocol = request.protocol;
  if (!protocol || protocol->name != request.specs->protocol) {
    outcome.status = RunOutcome::Status::kBadRequest;
    outcome.error = "the specs are for protocol '" + request.specs->protocol + "', the target's is '" +
                    (protocol ? protocol->name : request.target.protocol) + "'";
    return outcome;
  }
  const auto cases = select_cases(*request.specs, request.filter);
  if (cases.empty()) return outcome;  // nothing to run: no server is launched or probed
  auto network = net::make_tcp_network();

  CaseEnvironment env;
  env.network = network.get();
  env.protocol = protocol;
  env.files = &request.specs->files;
  env.maildrop = &request.specs->maildrop;
  env.expect_timeout = request.expect_timeout;
  env.case_timeout = request.case_timeout;
  env.variables = request.target.variables;
  env.host = request.target.host;
  env.implicit_tls = request.target.implicit_tls;

  std::unique_ptr<LaunchedServer> server;
  std::shared_ptr<TargetWatch> watch;
  if (request.target.launch) {
    auto started_server = LaunchedServer::start(request.target, request.specs->files,
                                                {.data_ports = protocol->reserves_data_ports});
    if (auto* err = std::get_if<std::string>(&started_server)) {
      outcome.status = RunOutcome::Status::kTargetUnavailable;
      outcome.error = std::string(kWouldNotStartNote) + *err;
      return outcome;
    }
    server = std::move(std::get<std::unique_ptr<LaunchedServer>>(started_server));
    env.host = server->host();
    env.port = server->port();
    // Profile variables may name launch-time places: "mailbox.maildir: {workdir}/Maildir".
    const auto places = launch_places(*server, request.target);
    for (auto& [name, value] : env.variables) value = expand_template(value, places).text;
    for (const auto& [k, v] : fixture_variables(request.specs->files)) env.variables[k] = v;
    watch = std::make_shared<TargetWatch>(server.get());
    env.target_death = [watch](const std::string& case_id, bool hung_up) {
      return watch->after_case(case_id, hung_up);
    };
  } else {
    env.port = request.target.port.value_or(0);
    if (auto err = probe(*network, env.host, env.port); !err.empty()) {
      outcome.status = RunOutcome::Status::kTargetUnavailable;
      outcome.error = "cannot connect to " + env.host + ":" + std::to_string(env.port) + ": " + err;
      return outcome;
    }
  }
  if (env.implicit_tls && !cases.empty()) {
    if (auto err = probe_tls(*network, env.host, env.port); !err.empty()) {
      outcome.status = RunOutcome::Status::kTargetUnavailable;
      outcome.error = err;
      return outcome;
    }
  }
  if (auto refused = check_login(*request.specs, cases, env)) {
    outcome.status = RunOutcome::Status::kTargetUnavailable;
    outcome.error = *refused;
    return outcome;  // a launched server is stopped by its destructor
  }
  if (!server && !cases.empty()) provision_files(*request.specs, env, run);

  for (const auto& [k, v] : maildrop_variables(request.specs->maildrop)) env.variables[k] = v;
  if (!protocol->maildrop_mailbox.empty() && !request.specs->maildrop.empty()) {
    env.variables["maildrop.mailbox"] = protocol->maildrop_mailbox;
  }
  // Accounts are handed to cases one at a time only where a session holds its account
  // exclusively (the protocol's lock) or a case may rewrite its maildrop: elsewhere cases on
  // one login run side by side. Credentials first, then the profile's other accounts.
  std::vector<Account> accounts;
  const bool exclusive = protocol->exclusive_logins || request.target.maildrop.has_value();
  if (exclusive && env.variables.count("user") && env.variables.count("password")) {
    accounts.push_back({env.variables.at("user"), env.variables.at("password")});
    for (const auto& a : request.target.accounts) accounts.push_back(a);
  }
  AccountPool pool(std::move(accounts), request.target.maildrop,
                   server ? launch_places(*server, request.target)
                          : std::map<std::string, std::string>{
                                {"host", env.host}, {"port", std::to_string(env.port)}});
  env.accounts = &pool;

  if (request.on_start) request.on_start(cases.size());
  // Known deviations are marked as each case ends, so progress shows them as the summary does.
  Schedule schedule = run_cases(cases, env, {request.jobs, request.silent_limit}, request.progress,
                                [&](CaseResult& result) { mark_known(request.baseline, result); });
  run.cases = std::move(schedule.results);
  if (!schedule.stopped.empty()) {
    // The results so far stand and are reported; the run itself is the target's failure.
    outcome.status = RunOutcome::Status::kTargetUnavailable;
    outcome.error = schedule.stopped;
  }
  apply_baseline(request.baseline, run);
  if (watch) {
    for (auto& line : watch->take_notes()) run.target_log.push_back(std::move(line));
  }
  if (server) {
    server->stop();
    for (auto& line : server->log()) run.target_log.push_back(std::move(line));
    if (server->stderr_has_sanitizer_report()) {
      run.target_log.push_back("sanitizer report on the server's stderr:\n" + server->stderr_tail());
    }
  }
  run.duration = std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  return outcome;
}

}  // namespace

RunOutcome execute_run(const RunRequest& request) {
  RunOutcome outcome = run_to_end(request);
  // Whatever stopped the run goes with its results, into every report.
  if (outcome.status == RunOutcome::Status::kTargetUnavailable) {
    outcome.result.ended_early = outcome.error;
  }
  return outcome;
}

}  // namespace rfcheck
