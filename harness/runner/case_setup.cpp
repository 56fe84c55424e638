// What a case needs before it starts and leaves after it: an account, a fresh maildrop,
// or on a target that cannot reset one, a mailbox of its own (and its removal).
#include "runner/case_execution.h"

namespace rfcheck::case_exec {

// Holds an account of the target for this case and, for `maildrop: fresh`, rewrites its
// maildrop. A case that cannot have the maildrop it needs did not test its requirement.
Outcome CaseExecution::take_account(std::optional<AccountLease>& lease) {
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
Outcome CaseExecution::provision_mailbox() {
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

bool CaseExecution::mentions_token() const {
  for (const auto& step : case_.steps) {
    if (step.text.find("{uniq}") != std::string::npos) return true;
    for (const auto& part : step.parts) {
      if (part.text.find("{uniq}") != std::string::npos) return true;
    }
  }
  return false;
}

bool CaseExecution::names_inbox() const {
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
void CaseExecution::remove_case_mailboxes() {
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

}  // namespace rfcheck::case_exec
