// run_case: a case's steps in order over its connections, and the verdict they make
// (runner/case_execution.h has the rest of the execution).
#include "runner/case_runner.h"

#include <algorithm>
#include <thread>

#include "core/template.h"
#include "runner/case_execution.h"

namespace rfcheck {
namespace case_exec {

std::string unique_token() {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt =
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "u%05x%04x", salt & 0xfffff, counter++ & 0xffff);
  return buffer;
}

bool contains_status(const std::vector<std::string>& statuses, const std::string& status) {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

std::string describe_wanted(const Expectation& e) {
  std::string wanted = "any reply";
  if (!e.codes.empty()) wanted = "reply " + e.codes.describe();
  if (!e.statuses.empty()) {
    wanted.clear();
    for (const auto& s : e.statuses) wanted += (wanted.empty() ? "" : " or ") + s;
  }
  return wanted + (e.or_closed ? " or the connection closed" : "");
}

std::string ms_text(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

CaseResult CaseExecution::run() {
  CaseResult result = case_result_for(case_);
  const auto started = net::Clock::now();
  for (const auto& policy : case_.requires_policies) {
    auto it = vars_.find(policy);  // the target's value, else protocol.yaml's default
    const bool declared =
        it != vars_.end() && (it->second == "yes" || it->second == "true" || it->second == "1");
    if (!declared) {
      result.verdict = Verdict::kSkip;
      result.reason = it == vars_.end()
                          ? "the target does not declare " + policy +
                                " (set it in the profile's vars or with --var " + policy + "=yes)"
                          : "the target's " + policy + " is '" + it->second +
                                "': the case checks a server that has it";
      return result;
    }
  }

  std::optional<AccountLease> lease;
  Outcome outcome = take_account(lease);
  // A case that creates mailboxes names them with its token; on a target that cannot reset
  // them, they are removed when it ends.
  if (!lease || !env_.accounts || !env_.accounts->can_reset()) {
    cleanup_due_ = cleanup_due_ || mentions_token();
  }
  if (outcome.verdict == Verdict::kPass) outcome = open_connection("main");
  std::size_t index = 0;
  for (; outcome.verdict == Verdict::kPass && index < case_.steps.size(); ++index) {
    const Step& step = case_.steps[index];
    if (net::Clock::now() >= case_deadline_) {
      if (!step.cleanup) outcome = case_out_of_time();
      break;
    }
    outcome = run_step(step);
    if (outcome.verdict != Verdict::kPass && step.cleanup) {
      // What the case checks has passed; a clean-up that goes wrong leaves something behind
      // on the server, which the transcript says, and is no verdict on the requirement.
      recorder_.add(TranscriptEntry::Kind::kNote, step.connection,
                    "clean-up step " + std::to_string(index + 1) + " did not succeed (" +
                        outcome.reason + "); the rest of the clean-up is skipped");
      outcome = {};
      break;
    }
    if (outcome.verdict != Verdict::kPass) break;
    if (outcome.stop) {
      outcome = {};
      index = case_.steps.size();
      break;
    }
  }
  // An account goes back to the pool only once the server is done with it: its session
  // ended (a POP3 server releases the maildrop's lock and writes its indexes before it
  // closes), so the next case's reset and login do not race the old session. A connection
  // that never got a reply (not even the greeting) never reached a session that holds
  // anything: waiting for a silent server to close it would only slow a hang down. The wait
  // is the case's: up to its deadline, and at least 1 s when the steps used it all. A session
  // still open then (a forked child holds the socket, or the server ignores our end) is noted
  // and the case ends: a fixed 15 s here made every case of such a server overrun its time-out.
  const auto now = net::Clock::now();
  const auto settle = std::max(std::min(now + std::chrono::seconds(15), case_deadline_),
                               now + std::chrono::seconds(1));
  for (auto& [name, conn] : connections_) {
    if (lease && conn->last_reply()) {
      if (!conn->finish_and_wait_closed(settle)) {
        recorder_.add(TranscriptEntry::Kind::kNote, name,
                      "the server had not closed the session by the case's time-out; the "
                      "account is released without it");
      }
    } else if (!conn->closed_by_server()) {
      conn->stream().close();
    }
  }
  data_.clear();
  remove_case_mailboxes();
  check_target_alive();

  const bool setup_failed = index < case_.steps.size() && failed_in_setup(outcome, index);
  if (setup_failed) outcome = setup_error(outcome, index);
  result.verdict = outcome.verdict;
  result.reason = outcome.reason;
  result.expected = outcome.expected;
  result.actual = outcome.actual;
  if (outcome.verdict != Verdict::kPass && index < case_.steps.size()) {
    result.failed_step = static_cast<int>(index) + 1;
    result.failed_where = case_.steps[index].where;
  }
  // Oracle findings are violations whatever the steps concluded (a failed set-up included:
  // the finding is about what the server did, not about the case's requirement).
  if (!recorder_.findings().empty() && (result.verdict == Verdict::kPass ||
                                        result.verdict == Verdict::kInconclusive || setup_failed)) {
    // The strongest finding speaks for the case, at the weaker of its level and the case's.
    const Finding* worst = &recorder_.findings().front();
    for (const auto& f : recorder_.findings()) {
      if (static_cast<int>(f.level) < static_cast<int>(worst->level)) worst = &f;
    }
    result.verdict = Verdict::kFail;
    result.reason = worst->kind + ": " + worst->message + " (" + worst->ref + ", " +
                    std::string(to_string(worst->level)) + ")";
    result.failure_level = static_cast<int>(worst->level) > static_cast<int>(case_.level)
                               ? worst->level
                               : case_.level;
  }
  result.transcript = std::move(recorder_.transcript());
  result.findings = std::move(recorder_.findings());
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      net::Clock::now() - started);
  return result;
}

// A step of a fixture failed, in a case that has steps of its own: the case never reached
// what it checks. (A case made of fixtures alone checks the fixture itself.)
bool CaseExecution::failed_in_setup(const Outcome& outcome, std::size_t index) const {
  if (outcome.verdict != Verdict::kFail || case_.steps[index].fixture.empty()) return false;
  return std::any_of(case_.steps.begin(), case_.steps.end(),
                     [](const Step& step) { return step.fixture.empty(); });
}

// The failed set-up is no verdict on the case's requirement: it is an error (which still
// fails the gate at the case's level: a server that cannot be set up is not a passing one),
// saying which fixture failed.
Outcome CaseExecution::setup_error(const Outcome& outcome, std::size_t index) const {
  Outcome out = outcome;
  out.verdict = Verdict::kError;
  out.reason = "set-up failed (fixture '" + case_.steps[index].fixture + "', step " +
               std::to_string(index + 1) + "): " + outcome.reason +
               "; the case's own requirement was not tested";
  return out;
}

Outcome CaseExecution::case_out_of_time() const {
  return fail("the case ran out of time (" + ms_text(case_.timeout.value_or(env_.case_timeout)) +
              ")");
}

net::Deadline CaseExecution::deadline(const Step& step, std::chrono::milliseconds fallback) const {
  const auto d = net::Clock::now() + step.timeout.value_or(fallback);
  return std::min(d, case_deadline_);
}

void CaseExecution::check_target_alive() {
  if (!env_.target_death) return;
  bool hung_up = false;
  for (const auto& [name, conn] : connections_) hung_up = hung_up || conn->hung_up_mid_command();
  if (auto death = env_.target_death(case_.id, hung_up)) {
    recorder_.finding({"crash", "the server " + *death, "", ""});
  }
}

Outcome CaseExecution::open_connection(const std::string& name) {
  std::string err;
  const auto until = net::Clock::now() + env_.expect_timeout;
  auto stream = env_.network->connect(env_.host, env_.port, until, &err);
  if (!stream) {
    return error("cannot connect to " + env_.host + ":" + std::to_string(env_.port) + ": " +
                 err);
  }
  recorder_.add(TranscriptEntry::Kind::kEvent, name,
                "connected to " + env_.host + ":" + std::to_string(env_.port));
  auto conn =
      std::make_unique<ControlConnection>(name, std::move(stream), *env_.protocol, recorder_);
  if (env_.implicit_tls) {
    std::string err;
    if (conn->start_tls(env_.host, until, &err, /*implicit=*/true) !=
        ControlConnection::Status::kOk) {
      return fail("the implicit TLS handshake failed: " + err, "a TLS session", err);
    }
  }
  // The plug-in's variables follow the address the main connection was made from (a host
  // name may resolve to either family).
  if (name == "main" && env_.protocol->connection_variables) {
    for (const auto& [k, v] : env_.protocol->connection_variables(conn->stream().local_address())) {
      vars_[k] = v;
    }
  }
  connections_[name] = std::move(conn);
  return {};
}

// Expands a template; a variable without a value makes the case inconclusive.
std::optional<std::string> CaseExecution::expand(const std::string& text, Outcome& out, bool regex) {
  const std::map<std::string, std::string>* values = &vars_;
  std::map<std::string, std::string> quoted;
  if (regex) {
    for (const auto& [k, v] : vars_) quoted[k] = RE2::QuoteMeta(v);
    values = &quoted;
  }
  auto r = expand_template(text, *values);
  if (!r.missing.empty()) {
    out = inconclusive("the target provides no value for {" + r.missing.front() + "}");
    return std::nullopt;
  }
  return r.text;
}

ControlConnection* CaseExecution::connection(const std::string& name, Outcome& out) {
  auto it = connections_.find(name);
  if (it == connections_.end()) {
    out = error("no connection named '" + name + "' (connect it first)");
    return nullptr;
  }
  return it->second.get();
}

Outcome CaseExecution::run_step(const Step& step) {
  Outcome out;
  if (step.if_last || !step.if_last_status.empty()) {
    auto it = connections_.find(step.connection);
    if (it == connections_.end()) return {};
    if (step.if_last) {
      const auto last = it->second->last_code();
      if (!last || !step.if_last->contains(*last)) return {};
    } else {
      const auto& last = it->second->last_status();
      if (!last || !contains_status(step.if_last_status, *last)) return {};
    }
  }
  switch (step.kind) {
    case Step::Kind::kSend:
    case Step::Kind::kSendSynch:
    case Step::Kind::kSendRaw: return send(step);
    case Step::Kind::kExpect: return expect(step);
    case Step::Kind::kData: return data(step);
    case Step::Kind::kConnect:
      if (connections_.count(step.connection)) return error("connection '" + step.connection + "' is already open");
      return open_connection(step.connection);
    case Step::Kind::kDisconnect: {
      auto* conn = connection(step.connection, out);
      if (conn) conn->close();
      return out;
    }
    case Step::Kind::kSendMessage:
    case Step::Kind::kSendBase64:
    case Step::Kind::kSendMd5: return send(step);
    case Step::Kind::kStartTls: {
      auto* conn = connection(step.connection, out);
      if (!conn) return out;
      std::string err;
      if (conn->start_tls(env_.host, deadline(step, env_.expect_timeout), &err) !=
          ControlConnection::Status::kOk) {
        if (step.tls_or_failed) {
          recorder_.add(TranscriptEntry::Kind::kNote, conn->name(),
                        "the handshake failed, so the server ran nothing sent after its "
                        "go-ahead inside TLS; the case ends here (tls: or_failed)");
          Outcome done;
          done.stop = true;
          return done;
        }
        return fail("the TLS handshake failed: " + err, "a TLS session", err);
      }
      return {};
    }
    case Step::Kind::kMailbox: return mailbox(step);
    case Step::Kind::kMatch: return match(step);
    case Step::Kind::kSleep: {
      const auto until = net::Clock::now() + step.sleep;
      std::this_thread::sleep_until(std::min(until, case_deadline_));
      if (until > case_deadline_) return case_out_of_time();
      return {};
    }
  }
  return out;
}

}  // namespace case_exec

CaseResult case_result_for(const Case& c) {
  CaseResult result;
  result.id = c.id;
  result.title = c.title;
  result.ref = c.ref;
  result.suite = c.suite;
  result.quote = c.quote;
  result.level = c.level;
  result.tags = c.tags;
  result.where = c.where;
  return result;
}

CaseResult run_case(const Case& c, const CaseEnvironment& env) {
  return case_exec::CaseExecution(c, env).run();
}

}  // namespace rfcheck
