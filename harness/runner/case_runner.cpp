#include "runner/case_runner.h"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

#include "core/template.h"
#include "runner/control_connection.h"
#include "runner/data_channel.h"
#include "runner/fixture_variables.h"
#include "runner/recorder.h"
#include "runner/base64.h"
#include "runner/body_check.h"
#include "runner/smtp_message.h"
#include "runner/sha256.h"

namespace rfcheck {
namespace {

// How a step ended when it did not simply pass.
struct Outcome {
  Verdict verdict = Verdict::kPass;
  std::string reason, expected, actual;
  bool stop = false;  // pass, and the case's remaining steps are not run
};

Outcome fail(std::string reason, std::string expected = {}, std::string actual = {}) {
  return {Verdict::kFail, std::move(reason), std::move(expected), std::move(actual)};
}
Outcome inconclusive(std::string reason) { return {Verdict::kInconclusive, std::move(reason)}; }
Outcome error(std::string reason) { return {Verdict::kError, std::move(reason)}; }

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

class CaseExecution {
 public:
  CaseExecution(const Case& c, const CaseEnvironment& env)
      : case_(c), env_(env), vars_(env.variables) {
    vars_["uniq"] = unique_token();
    vars_["host"] = env.host;
    vars_["port"] = std::to_string(env.port);
    if (env.protocol->connection_variables) {
      const bool ipv6 = env.host.find(':') != std::string::npos;
      for (const auto& [k, v] : env.protocol->connection_variables(ipv6)) vars_[k] = v;
    }
    case_deadline_ = net::Clock::now() + c.timeout.value_or(env.case_timeout);
  }

  CaseResult run() {
    CaseResult result;
    result.id = case_.id;
    result.title = case_.title;
    result.ref = case_.ref;
    result.suite = case_.suite;
    result.quote = case_.quote;
    result.level = case_.level;
    result.tags = case_.tags;
    const auto started = net::Clock::now();
    for (const auto& policy : case_.requires_policies) {
      auto it = env_.variables.find(policy);
      const bool declared =
          it != env_.variables.end() && (it->second == "yes" || it->second == "true" || it->second == "1");
      if (!declared) {
        result.verdict = Verdict::kSkip;
        result.reason = "the target does not declare " + policy + " (set it in the profile's vars "
                        "or with --var " + policy + "=yes)";
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
      if (net::Clock::now() >= case_deadline_) {
        outcome = case_out_of_time();
        break;
      }
      outcome = run_step(case_.steps[index]);
      if (outcome.verdict != Verdict::kPass) break;
      if (outcome.stop) {
        outcome = {};
        index = case_.steps.size();
        break;
      }
    }
    // An account goes back to the pool only once the server is done with it: its session
    // ended (a POP3 server releases the maildrop's lock and writes its indexes before it
    // closes), so the next case's reset and login do not race the old session.
    const auto settle = net::Clock::now() + std::chrono::seconds(15);
    for (auto& [name, conn] : connections_) {
      if (lease) {
        conn->finish_and_wait_closed(settle);
      } else if (!conn->closed_by_server()) {
        conn->stream().close();
      }
    }
    data_.clear();
    remove_case_mailboxes();
    check_target_alive();

    result.verdict = outcome.verdict;
    result.reason = outcome.reason;
    result.expected = outcome.expected;
    result.actual = outcome.actual;
    if (outcome.verdict != Verdict::kPass && index < case_.steps.size()) {
      result.failed_step = static_cast<int>(index) + 1;
      result.failed_where = case_.steps[index].where;
    }
    // Oracle findings are violations whatever the steps concluded.
    if (!recorder_.findings().empty() &&
        (result.verdict == Verdict::kPass || result.verdict == Verdict::kInconclusive)) {
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

 private:
  // Holds an account of the target for this case and, for `maildrop: fresh`, rewrites its
  // maildrop. A case that cannot have the maildrop it needs did not test its requirement.
  Outcome take_account(std::optional<AccountLease>& lease) {
    AccountPool* pool = env_.accounts;
    if (pool && !pool->empty()) {
      lease.emplace(*pool);
      const Account& account = pool->account(lease->index());
      vars_["user"] = account.user;
      vars_["password"] = account.password;
    }
    if (!case_.fresh_maildrop) return {};
    if (!lease || !pool->can_reset() || !env_.maildrop) {
      if (env_.protocol->provision_mailbox && env_.maildrop && !env_.maildrop->empty()) {
        return provision_mailbox();
      }
      return inconclusive("the case needs a maildrop holding exactly the suite's messages, and "
                          "the target gives no way to reset one (maildrop: in the profile)");
    }
    if (auto err = pool->reset(lease->index(), *env_.maildrop); !err.empty()) {
      return error("could not reset the maildrop: " + err);
    }
    recorder_.add(TranscriptEntry::Kind::kNote, "main",
                  "maildrop of " + vars_["user"] + " reset to the suite's " +
                      std::to_string(env_.maildrop->size()) + " messages");
    return {};
  }

  // Against a target that cannot reset maildrops (IMAP): a mailbox of the case's own, named
  // with its token, holding the suite's messages. A case about the account's INBOX itself
  // cannot be run this way.
  Outcome provision_mailbox() {
    if (names_inbox()) {
      return inconclusive("the case is about the account's INBOX, which this target gives no way "
                          "to reset (maildrop: in the profile)");
    }
    vars_["maildrop.mailbox"] = "rfcheck_maildrop_" + vars_["uniq"];
    cleanup_due_ = true;
    Outcome out = open_connection("provision");
    for (const auto& step : env_.protocol->provision_mailbox(*env_.maildrop)) {
      if (out.verdict != Verdict::kPass) break;
      out = run_step(step);
    }
    if (auto it = connections_.find("provision"); it != connections_.end()) {
      it->second->finish_and_wait_closed(net::Clock::now() + std::chrono::seconds(5));
      connections_.erase(it);
    }
    if (out.verdict != Verdict::kPass) {
      return inconclusive("could not give the case a mailbox of the suite's messages: " + out.reason);
    }
    recorder_.add(TranscriptEntry::Kind::kNote, "provision",
                  "the suite's " + std::to_string(env_.maildrop->size()) + " messages are in " +
                      vars_["maildrop.mailbox"]);
    return {};
  }

  bool mentions_token() const {
    for (const auto& step : case_.steps) {
      if (step.text.find("{uniq}") != std::string::npos) return true;
      for (const auto& part : step.parts) {
        if (part.text.find("{uniq}") != std::string::npos) return true;
      }
    }
    return false;
  }

  bool names_inbox() const {
    auto has = [](const std::string& text) {
      static const RE2 inbox("(?i)inbox");
      return RE2::PartialMatch(text, inbox);
    };
    for (const auto& step : case_.steps) {
      if (has(step.text) || (step.expect.text_regex && has(*step.expect.text_regex))) return true;
      for (const auto& part : step.parts) {
        if (has(part.text)) return true;
      }
      for (const auto& m : step.expect.untagged) {
        if (has(m.regex)) return true;
      }
    }
    return false;
  }

  // After a case that made mailboxes on a target that cannot reset them: each mailbox whose
  // name holds the case's token is removed (the plug-in's remove_case_mailboxes), on a
  // connection of its own. What happened goes into the transcript; the verdict stands.
  void remove_case_mailboxes() {
    if (!cleanup_due_ || !env_.protocol->remove_case_mailboxes) return;
    if (open_connection("cleanup").verdict != Verdict::kPass) return;
    ControlConnection& conn = *connections_["cleanup"];
    const auto until = net::Clock::now() + std::chrono::seconds(15);
    conn.next_exchange(until);  // the greeting
    const HousekeepingCommand command = [&](const std::string& text) {
      std::optional<std::vector<proto::Reply>> result;
      const std::string line = (env_.protocol->tags_commands ? conn.next_tag() + " " : "") + text;
      std::string err;
      if (conn.send(line + "\r\n", line, until, &err) != ControlConnection::Status::kOk) return result;
      auto exchange = conn.next_exchange(until);
      if (exchange.status == ControlConnection::Status::kOk) result = std::move(exchange.responses);
      return result;
    };
    recorder_.add(TranscriptEntry::Kind::kNote, "cleanup",
                  env_.protocol->remove_case_mailboxes(command, vars_, vars_["uniq"]));
  }

  Outcome case_out_of_time() const {
    return fail("the case ran out of time (" + ms_text(case_.timeout.value_or(env_.case_timeout)) +
                ")");
  }

  net::Deadline deadline(const Step& step, std::chrono::milliseconds fallback) const {
    const auto d = net::Clock::now() + step.timeout.value_or(fallback);
    return std::min(d, case_deadline_);
  }

  void check_target_alive() {
    if (!env_.target_death) return;
    if (auto death = env_.target_death()) {
      recorder_.finding({"crash", "the server " + *death, "", ""});
    }
  }

  Outcome open_connection(const std::string& name) {
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
    connections_[name] = std::move(conn);
    return {};
  }

  // Expands a template; a variable without a value makes the case inconclusive.
  std::optional<std::string> expand(const std::string& text, Outcome& out, bool regex = false) {
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

  ControlConnection* connection(const std::string& name, Outcome& out) {
    auto it = connections_.find(name);
    if (it == connections_.end()) {
      out = error("no connection named '" + name + "' (connect it first)");
      return nullptr;
    }
    return it->second.get();
  }

  Outcome run_step(const Step& step) {
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
      case Step::Kind::kSleep: {
        const auto until = net::Clock::now() + step.sleep;
        std::this_thread::sleep_until(std::min(until, case_deadline_));
        if (until > case_deadline_) return case_out_of_time();
        return {};
      }
    }
    return out;
  }

  Outcome send(const Step& step) {
    Outcome out;
    auto* conn = connection(step.connection, out);
    if (!conn) return out;
    if (step.kind == Step::Kind::kSend) return send_command(step, *conn);
    auto text = expand(step.text, out);
    if (!text) return out;
    std::string bytes, shown;
    switch (step.kind) {
      case Step::Kind::kSendRaw:
        bytes = *text;
        shown = escape_bytes(bytes);
        break;
      case Step::Kind::kSendBase64: {
        auto prefix = expand(step.prefix, out);
        if (!prefix) return out;
        bytes = *prefix + base64_encode(*text) + "\r\n";
        // The transcript shows what was encoded, with the secret parts as sent.
        shown = *prefix + base64_encode(*text) + "  (base64 of \"" + escape_bytes(*text, 200) + "\")";
        break;
      }
      case Step::Kind::kSendMd5: {
        auto prefix = expand(step.prefix, out);
        if (!prefix) return out;
        bytes = *prefix + md5_hex(*text) + "\r\n";
        shown = *prefix + md5_hex(*text) + "  (MD5 of \"" + escape_bytes(*text, 200) + "\")";
        break;
      }
      case Step::Kind::kSendMessage:
        bytes = smtp_data_content(*text);
        shown = "<message, " + std::to_string(bytes.size()) + " bytes on the wire> " +
                escape_bytes(bytes, 600);
        break;
      default:
        bytes = *text + "\r\n";
        shown = *text;
    }
    return write(*conn, bytes, shown, step);
  }

  // A command line: tagged first where the protocol tags commands (IMAP), and given as parts,
  // each literal announced and sent after the server's go-ahead (RFC 1730 7.4).
  Outcome send_command(const Step& step, ControlConnection& conn) {
    Outcome out;
    std::string pending;
    if (env_.protocol->tags_commands) {
      vars_["tag"] = conn.next_tag();
      pending = vars_["tag"] + " ";
    }
    if (step.parts.empty()) {
      auto text = expand(step.text, out);
      if (!text) return out;
      return write(conn, pending + *text + "\r\n", pending + *text, step);
    }
    std::string shown = pending;
    for (const auto& part : step.parts) {
      auto piece = send_part_bytes(part, out);
      if (!piece) return out;
      if (part.kind == SendPart::Kind::kText) {
        pending += *piece;
        shown += *piece;
        continue;
      }
      const std::string announce = "{" + std::to_string(piece->size()) + (part.plus ? "+}" : "}");
      if (Outcome w = write(conn, pending + announce + "\r\n", shown + announce, step);
          w.verdict != Verdict::kPass) {
        return w;
      }
      if (!part.plus) {
        if (Outcome go = await_go_ahead(conn, step); go.verdict != Verdict::kPass || !go.reason.empty()) {
          return go.verdict == Verdict::kPass ? Outcome{} : go;
        }
      }
      pending = *piece;
      shown = "<literal, " + std::to_string(piece->size()) + " octets> " + escape_bytes(*piece, 300);
    }
    return write(conn, pending + "\r\n", shown, step);
  }

  // The octets of one part of a command: a template expanded, or a maildrop message in its
  // CRLF form.
  std::optional<std::string> send_part_bytes(const SendPart& part, Outcome& out) {
    if (part.kind != SendPart::Kind::kMessage) return expand(part.text, out);
    const MaildropMessage* message = find_message(part.text);
    if (!message) {
      out = env_.maildrop ? error("no maildrop message '" + part.text + "'")
                          : inconclusive("the target has no maildrop messages to send");
      return std::nullopt;
    }
    return message->crlf();
  }

  // After a synchronizing literal's announcement: pass with an empty reason when the server
  // asked for the literal; pass with a reason when it answered instead (the rest of the
  // command is not sent, and the answer is left for the next expect); fail when it did
  // neither.
  Outcome await_go_ahead(ControlConnection& conn, const Step& step) {
    switch (conn.await_continuation(deadline(step, env_.expect_timeout))) {
      case ControlConnection::GoAhead::kContinue: return {};
      case ControlConnection::GoAhead::kAnswered:
      case ControlConnection::GoAhead::kClosed:
        recorder_.add(TranscriptEntry::Kind::kNote, conn.name(),
                      "the server answered instead of asking for the literal; the rest of the "
                      "command was not sent");
        return {Verdict::kPass, "answered"};
      case ControlConnection::GoAhead::kTimeout:
        if (net::Clock::now() >= case_deadline_) return case_out_of_time();
        return fail("the server neither asked for the literal (\"+\") nor answered the command",
                    "a continuation request or a completion", "nothing");
      case ControlConnection::GoAhead::kError:
        return fail("the connection failed while waiting for a continuation request");
    }
    return {};
  }

  Outcome write(ControlConnection& conn, const std::string& bytes, const std::string& shown,
                const Step& step) {
    std::string err;
    switch (conn.send(bytes, shown, deadline(step, env_.expect_timeout), &err)) {
      case ControlConnection::Status::kOk: return {};
      case ControlConnection::Status::kClosed:
        // Whether a write to a connection the peer closed fails depends on timing; the next
        // expect sees the close and judges it, so the verdict does not.
        recorder_.add(TranscriptEntry::Kind::kEvent, conn.name(),
                      "the server had closed the connection; the command was not delivered");
        return {};
      case ControlConnection::Status::kTimeout:
        return fail("the server did not read the command in time", "the command accepted",
                    "write timed out");
      case ControlConnection::Status::kError: return fail("sending failed: " + err);
    }
    return {};
  }

  Outcome expect(const Step& step) {
    Outcome out;
    auto* conn = connection(step.connection, out);
    if (!conn) return out;
    switch (step.expect.kind) {
      case Expectation::Kind::kClosed: return expect_closed(step, *conn);
      case Expectation::Kind::kSilent: return expect_silent(step, *conn);
      case Expectation::Kind::kReply: return expect_reply(step, *conn);
    }
    return out;
  }

  Outcome expect_closed(const Step& step, ControlConnection& conn) {
    const auto timeout = step.timeout.value_or(env_.expect_timeout);
    auto next = conn.wait_closed(deadline(step, env_.expect_timeout));
    switch (next.status) {
      case ControlConnection::Status::kClosed: return {};
      case ControlConnection::Status::kOk:
        return fail("a reply arrived where the server should have closed the connection",
                    "connection closed", next.reply.text());
      case ControlConnection::Status::kTimeout:
        if (net::Clock::now() >= case_deadline_) return case_out_of_time();
        return fail("the server did not close the connection within " + ms_text(timeout),
                    "connection closed", "still open after " + ms_text(timeout));
      case ControlConnection::Status::kError: return {};  // a reset is a close too
    }
    return {};
  }

  Outcome expect_silent(const Step& step, ControlConnection& conn) {
    const auto timeout = step.timeout.value_or(env_.expect_timeout);
    auto next = conn.next_reply(deadline(step, env_.expect_timeout));
    if (next.status == ControlConnection::Status::kTimeout) return {};
    if (next.status == ControlConnection::Status::kOk) {
      return fail("the server replied where it should have waited for more input",
                  "no reply for " + ms_text(timeout), next.reply.text());
    }
    return fail("the server closed the connection where it should have waited for more input",
                "no reply for " + ms_text(timeout), "connection closed");
  }

  // The next reply, or for IMAP the next exchange (untagged responses and the completion);
  // its final response's status, then the checks on its text.
  Outcome expect_reply(const Step& step, ControlConnection& conn) {
    const Expectation& e = step.expect;
    const auto timeout = step.timeout.value_or(env_.expect_timeout);
    const std::string wanted = describe_wanted(e);
    auto exchange = conn.next_exchange(deadline(step, env_.expect_timeout));
    const std::string so_far = exchange_text(exchange.responses);
    switch (exchange.status) {
      case ControlConnection::Status::kOk: break;
      case ControlConnection::Status::kClosed:
        if (e.or_closed) {
          conn.forget_last_code();  // later `if: {last: ...}` steps see no reply
          return {};
        }
        return fail("the server closed the connection instead of replying", wanted,
                    so_far.empty() ? "connection closed" : so_far + "\n(connection closed)");
      case ControlConnection::Status::kTimeout:
        if (net::Clock::now() >= case_deadline_) return case_out_of_time();
        return fail("no reply within " + ms_text(timeout), wanted,
                    so_far.empty() ? "no reply" : so_far + "\n(no completion)");
      case ControlConnection::Status::kError:
        return fail("connection failed: " + exchange.error, wanted, "connection error");
    }
    const proto::Reply& reply = exchange.responses.back();
    const std::string& text = so_far;
    if (reply.status.empty()) return fail("the reply has no valid status", wanted, text);
    if ((!e.unsupported.empty() && e.unsupported.contains(reply.code)) ||
        contains_status(e.unsupported_statuses, reply.status)) {
      return inconclusive("the server answered " + reply.status +
                          ", which the case lists as not offering what it checks (an optional "
                          "feature, or a choice the RFC leaves to the server)");
    }
    if (!e.codes.empty() && !e.codes.contains(reply.code)) {
      return fail("unexpected reply code " + std::to_string(reply.code), wanted, text);
    }
    if (!e.statuses.empty() && !contains_status(e.statuses, reply.status)) {
      return fail("unexpected status " + reply.status, wanted, text);
    }
    Outcome out;
    if (e.offered_if) {
      auto re = reply_regex(*e.offered_if, out);
      if (!re) return out;
      if (!RE2::PartialMatch(text, *re)) {
        return inconclusive("the server does not offer what the case checks (its reply does "
                            "not match /" + re->pattern() + "/)");
      }
    }
    if (Outcome body = check_body(e, exchange.responses, wanted); body.verdict != Verdict::kPass) {
      return body;
    }
    if (Outcome x = check_exchange(e, exchange.responses, wanted); x.verdict != Verdict::kPass) {
      return x;
    }
    if (e.text_regex) {
      auto re = reply_regex(*e.text_regex, out);
      if (!re) return out;
      if (!RE2::PartialMatch(text, *re)) {
        return fail("the reply text does not match", wanted + " matching /" + re->pattern() + "/",
                    text);
      }
    }
    return capture(e, text, conn);
  }

  Outcome capture(const Expectation& e, const std::string& text, ControlConnection& conn) {
    Outcome out;
    for (const auto& cap : e.captures) {
      auto re = reply_regex(cap.regex, out);
      if (!re) return out;
      std::string value;
      if (!RE2::PartialMatch(text, *re, &value)) {
        return fail("nothing to capture into {" + cap.variable + "}",
                    "text matching /" + re->pattern() + "/", text);
      }
      vars_[cap.variable] = value;
      recorder_.add(TranscriptEntry::Kind::kNote, conn.name(),
                    "captured {" + cap.variable + "} = " + escape_bytes(value, 200));
    }
    return {};
  }

  // IMAP: the untagged responses that must (untagged:) and must not (forbid:) be in the
  // exchange, and the completion's response code.
  Outcome check_exchange(const Expectation& e, const std::vector<proto::Reply>& responses,
                         const std::string& wanted) {
    Outcome out;
    std::vector<std::string> untagged;
    for (const auto& r : responses) {
      if (r.tag == "*") untagged.push_back(r.text());
    }
    const std::string text = exchange_text(responses);
    for (const auto& m : e.untagged) {
      auto re = reply_regex(m.regex, out);
      if (!re) return out;
      const auto found = static_cast<long long>(std::count_if(
          untagged.begin(), untagged.end(), [&](const std::string& u) { return RE2::PartialMatch(u, *re); }));
      if (!m.count) {
        if (found == 0) {
          return fail("no untagged response matches", wanted + " with an untagged response "
                      "matching /" + re->pattern() + "/", text);
        }
        continue;
      }
      auto count = expand(*m.count, out);
      if (!count) return out;
      if (std::to_string(found) != *count) {
        return fail(std::to_string(found) + " untagged responses match, not " + *count,
                    wanted + " with " + *count + " untagged responses matching /" +
                        re->pattern() + "/", text);
      }
    }
    for (const auto& pattern : e.forbid) {
      auto re = reply_regex(pattern, out);
      if (!re) return out;
      for (const auto& u : untagged) {
        if (RE2::PartialMatch(u, *re)) {
          return fail("an untagged response the RFC rules out here: " + escape_bytes(u, 200),
                      wanted + " with no untagged response matching /" + re->pattern() + "/", text);
        }
      }
    }
    if (!e.response_codes.empty() && !has_response_code(responses.back(), e.response_codes)) {
      std::string codes;
      for (const auto& c : e.response_codes) codes += (codes.empty() ? "[" : "] or [") + c;
      return fail("the response code is missing", wanted + " with " + codes + "]", text);
    }
    return {};
  }

  // A regex of an expectation, its variables inserted quoted; case-insensitive, like every
  // reply match. nullptr, with `out` saying why, when it cannot be made.
  std::unique_ptr<RE2> reply_regex(const std::string& pattern_template, Outcome& out) {
    auto pattern = expand(pattern_template, out, true);
    if (!pattern) return nullptr;
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(*pattern, options);
    if (!re->ok()) {
      out = error("bad regex: " + re->error());
      return nullptr;
    }
    return re;
  }

  // Body checks (runner/body_check.h): of a multi-line response (POP3), or of the strings
  // of an exchange's untagged responses (IMAP FETCH data).
  Outcome check_body(const Expectation& e, const std::vector<proto::Reply>& responses,
                     const std::string& wanted) {
    if (!e.body_message && !e.each_line && !e.unique) return {};
    const proto::Reply& reply = responses.back();
    const bool in_strings = !reply.tag.empty();  // IMAP: FETCH data comes as strings
    if (!reply.has_body && !(in_strings && !e.each_line && !e.unique)) {
      return fail("a multi-line response was expected", wanted + " with a body",
                  exchange_text(responses));
    }
    std::optional<BodyMismatch> mismatch;
    if (e.body_message) {
      const MaildropMessage* message = find_message(*e.body_message);
      if (!message) return error("no maildrop message '" + *e.body_message + "'");
      mismatch = in_strings ? check_some_string_is(responses, message_part(message->crlf(),
                                                   e.body_part.value_or(""), e.body_partial))
                            : check_body_is(reply, *message, e.body_top);
    }
    Outcome out;
    for (auto [pattern, check] : {std::pair{&e.each_line, &check_each_line},
                                  std::pair{&e.unique, &check_unique}}) {
      if (mismatch || !*pattern) continue;
      auto re = reply_regex(**pattern, out);
      if (!re) return out;
      mismatch = check(reply, *re);
    }
    if (mismatch) return fail(mismatch->reason, mismatch->expected, mismatch->actual);
    return {};
  }

  const MaildropMessage* find_message(const std::string& key) const {
    if (!env_.maildrop) return nullptr;
    for (const auto& m : *env_.maildrop) {
      if (m.key == key) return &m;
    }
    return nullptr;
  }

  Outcome data(const Step& step) {
    Outcome out;
    auto* conn = connection(step.connection, out);
    if (!conn) return out;
    if (!env_.protocol->has_data_channel) return error("this protocol has no data channel");
    auto& channel = data_[step.connection];
    if (!channel) channel = std::make_unique<DataChannel>(*env_.network, recorder_, step.connection);
    const DataAction& a = step.data;
    switch (a.kind) {
      case DataAction::Kind::kListen: {
        auto r = channel->listen(conn->stream().local_address(), a.address, a.mode);
        if (!r.ok) return error(r.message);
        for (const auto& [k, v] : r.variables) vars_[k] = v;
        return {};
      }
      case DataAction::Kind::kConnect: {
        auto r = channel->connect(conn->stream().peer_address(), conn->last_reply(), a.mode,
                                  deadline(step, env_.expect_timeout));
        return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
      }
      case DataAction::Kind::kReceive: {
        DataChannel::Checks checks;
        for (auto [field, target] : {std::pair{&a.sha256, &checks.sha256},
                                     std::pair{&a.size, &checks.size}}) {
          if (!*field) continue;
          auto v = expand(**field, out);
          if (!v) return out;
          *target = *v;
        }
        for (auto [field, target] : {std::pair{&a.text_regex, &checks.text_regex},
                                     std::pair{&a.not_text_regex, &checks.not_text_regex}}) {
          if (!*field) continue;
          auto v = expand(**field, out, true);
          if (!v) return out;
          *target = *v;
        }
        checks.crlf_lines = a.crlf_lines;
        auto r = channel->receive(checks, deadline(step, env_.data_timeout));
        return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
      }
      case DataAction::Kind::kSend: {
        std::string payload;
        if (a.payload_file) {
          const FixtureFile* file = nullptr;
          for (const auto& f : *env_.files) {
            if (f.key == *a.payload_file) file = &f;
          }
          if (!file) return error("no fixture file '" + *a.payload_file + "'");
          payload = file->content;
        } else {
          auto v = expand(*a.payload, out);
          if (!v) return out;
          payload = *v;
        }
        if (a.payload_crlf) payload = to_crlf(payload);
        auto r = channel->send(payload, deadline(step, env_.data_timeout));
        return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
      }
      case DataAction::Kind::kClose:
        channel->close();
        return {};
      case DataAction::Kind::kNoConnection: {
        auto r = channel->expect_no_connection(deadline(step, env_.no_connection_wait));
        return r.ok ? Outcome{} : fail(r.message, r.expected, r.actual);
      }
    }
    return out;
  }

  Outcome mailbox(const Step& step) {
    Outcome out;
    auto maildir = vars_.find("mailbox.maildir");
    if (maildir == vars_.end()) {
      return inconclusive("the target gives no mailbox.maildir: delivery cannot be checked");
    }
    auto text = expand(step.text, out);
    if (!text) return out;
    const auto until = deadline(step, env_.data_timeout);
    auto match = find_delivered(maildir->second, *text, until);
    if (match.found) {
      recorder_.add(TranscriptEntry::Kind::kNote, step.connection,
                    "delivered intact: " + match.file);
      return {};
    }
    if (net::Clock::now() >= case_deadline_) return case_out_of_time();
    return fail("no delivered message ends with the message sent (" +
                    std::to_string(match.scanned) + " message(s) in " + maildir->second + ")",
                escape_bytes(*text, 600),
                match.closest.empty() ? "no message delivered" : "newest: ..." + escape_bytes(match.closest, 600));
  }

  const Case& case_;
  const CaseEnvironment& env_;
  std::map<std::string, std::string> vars_;
  net::Deadline case_deadline_;
  Recorder recorder_;
  std::map<std::string, std::unique_ptr<ControlConnection>> connections_;
  bool cleanup_due_ = false;  // mailboxes named with {uniq} may be left on the target
  std::map<std::string, std::unique_ptr<DataChannel>> data_;
};

}  // namespace

CaseResult run_case(const Case& c, const CaseEnvironment& env) {
  return CaseExecution(c, env).run();
}

}  // namespace rfcheck
