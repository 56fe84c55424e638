// The execution of one case (runner/case_runner.h's run_case): its steps over the
// target's connections, the expectations judged on what comes back, and the housekeeping
// around it (accounts, maildrops, mailboxes). Internal to the runner; its methods live in
// case_runner.cpp (the run and its steps), case_setup.cpp (accounts, maildrops, mailboxes),
// case_send.cpp (commands and literals), case_expect.cpp (replies, exchanges and their
// checks) and case_data.cpp (FTP's data channel, delivered mail).
#pragma once

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/case_runner.h"
#include "runner/control_connection.h"
#include "runner/data_channel.h"
#include "runner/recorder.h"

namespace rfcheck::case_exec {

// How a step ended when it did not simply pass.
struct Outcome {
  Verdict verdict = Verdict::kPass;
  std::string reason, expected, actual;
  bool stop = false;  // pass, and the case's remaining steps are not run
};

inline Outcome fail(std::string reason, std::string expected = {}, std::string actual = {}) {
  return {Verdict::kFail, std::move(reason), std::move(expected), std::move(actual)};
}
inline Outcome inconclusive(std::string reason) {
  return {Verdict::kInconclusive, std::move(reason)};
}
inline Outcome error(std::string reason) { return {Verdict::kError, std::move(reason)}; }

// A token unique to this run of this case ({uniq}): letters and digits only.
std::string unique_token();
bool contains_status(const std::vector<std::string>& statuses, const std::string& status);
// What an expectation wants, for a failure's "expected".
std::string describe_wanted(const Expectation& e);
std::string ms_text(std::chrono::milliseconds d);

class CaseExecution {
 public:
  CaseExecution(const Case& c, const CaseEnvironment& env)
      : case_(c), env_(env), vars_(env.variables) {
    // protocol.yaml's defaults, where the target gave no value (emplace keeps the target's).
    for (const auto& [k, v] : c.variable_defaults) vars_.emplace(k, v);
    vars_["uniq"] = unique_token();
    vars_["host"] = env.host;
    vars_["port"] = std::to_string(env.port);
    case_deadline_ = net::Clock::now() + c.timeout.value_or(env.case_timeout);
  }

  CaseResult run();

 private:
  // Holds an account of the target for this case and, for `maildrop: fresh`, rewrites its
  // maildrop. A case that cannot have the maildrop it needs did not test its requirement.
  Outcome take_account(std::optional<AccountLease>& lease);

  // Against a target that cannot reset maildrops (IMAP): a mailbox of the case's own, named
  // with its token, holding the suite's messages. A case about the account's INBOX itself
  // cannot be run this way.
  Outcome provision_mailbox();

  bool mentions_token() const;

  bool names_inbox() const;

  // After a case that made mailboxes on a target that cannot reset them: each mailbox whose
  // name holds the case's token is removed (the plug-in's remove_case_mailboxes), on a
  // connection of its own. What happened goes into the transcript; the verdict stands.
  void remove_case_mailboxes();

  bool failed_in_setup(const Outcome& outcome, std::size_t index) const;
  Outcome setup_error(const Outcome& outcome, std::size_t index) const;
  Outcome case_out_of_time() const;

  net::Deadline deadline(const Step& step, std::chrono::milliseconds fallback) const;

  void check_target_alive();

  Outcome open_connection(const std::string& name);

  // Expands a template; a variable without a value makes the case inconclusive.
  std::optional<std::string> expand(const std::string& text, Outcome& out, bool regex = false);

  ControlConnection* connection(const std::string& name, Outcome& out);

  Outcome run_step(const Step& step);

  Outcome send(const Step& step);

  // A command line: tagged first where the protocol tags commands (IMAP), and given as parts,
  // each literal announced and sent after the server's go-ahead (RFC 1730 7.4).
  Outcome send_command(const Step& step, ControlConnection& conn);
  Outcome send_synch(const Step& step, ControlConnection& conn);

  // The octets of one part of a command: a template expanded, or a maildrop message in its
  // CRLF form.
  std::optional<std::string> send_part_bytes(const SendPart& part, Outcome& out);

  // After a synchronizing literal's announcement: pass with an empty reason when the server
  // asked for the literal; pass with a reason when it answered instead (the rest of the
  // command is not sent, and the answer is left for the next expect); fail when it did
  // neither.
  Outcome await_go_ahead(ControlConnection& conn, const Step& step);

  Outcome write(ControlConnection& conn, const std::string& bytes, const std::string& shown,
                const Step& step);
  // A write the server did not take fails the case; one it closed against is left for the
  // next expect to judge.
  Outcome judge_write(ControlConnection& conn, ControlConnection::Status status,
                      const std::string& err);

  Outcome expect(const Step& step);

  Outcome expect_closed(const Step& step, ControlConnection& conn);

  Outcome expect_silent(const Step& step, ControlConnection& conn);

  // The next reply, or for IMAP the next exchange (untagged responses and the completion);
  // its final response's status, then the checks on its text.
  Outcome expect_reply(const Step& step, ControlConnection& conn);

  // Each capture's first group, searched in `text`, into its variable; none found fails.
  Outcome capture(const std::vector<Capture>& captures, const std::string& text,
                  const std::string& connection);
  // match: the expanded value must match the regex (values captured from different places).
  Outcome match(const Step& step);

  // IMAP: the untagged responses that must (untagged:) and must not (forbid:) be in the
  // exchange, and the completion's response code. `text` is the exchange's text.
  Outcome check_exchange(const Expectation& e, const std::vector<proto::Reply>& responses,
                         const std::string& text, const std::string& wanted);

  // A regex of an expectation, its variables inserted quoted; case-insensitive, like every
  // reply match. nullptr, with `out` saying why, when it cannot be made.
  std::unique_ptr<RE2> reply_regex(const std::string& pattern_template, Outcome& out);

  // Body checks (runner/body_check.h): of a multi-line response (POP3), or of the strings
  // of an exchange's untagged responses (IMAP FETCH data).
  Outcome check_body(const Expectation& e, const std::vector<proto::Reply>& responses,
                     const std::string& wanted);

  const MaildropMessage* find_message(const std::string& key) const;

  Outcome data(const Step& step);

  Outcome mailbox(const Step& step);

  const Case& case_;
  const CaseEnvironment& env_;
  std::map<std::string, std::string> vars_;
  net::Deadline case_deadline_;
  Recorder recorder_;
  std::map<std::string, std::unique_ptr<ControlConnection>> connections_;
  bool cleanup_due_ = false;  // mailboxes named with {uniq} may be left on the target
  std::map<std::string, std::unique_ptr<DataChannel>> data_;
};

}  // namespace rfcheck::case_exec
