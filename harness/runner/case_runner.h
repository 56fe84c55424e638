// Runs one case against a live target and judges it: pass, fail, inconclusive or error.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/spec_model.h"
#include "net/stream.h"
#include "runner/account_pool.h"
#include "runner/protocol_support.h"

namespace rfcheck {

struct CaseEnvironment {
  net::Network* network = nullptr;
  const ProtocolSupport* protocol = nullptr;
  std::string host;
  int port = 0;
  bool implicit_tls = false;
  // Target variables and fixture file variables; a case adds its captures to a copy.
  std::map<std::string, std::string> variables;
  const std::vector<FixtureFile>* files = nullptr;
  // The protocol's maildrop messages (POP3), for `maildrop: fresh` and body checks.
  const std::vector<MaildropMessage>* maildrop = nullptr;
  // The target's accounts: a case holds one while it runs ({user}, {password}); nullptr or
  // empty: the variables as given.
  AccountPool* accounts = nullptr;
  std::chrono::milliseconds expect_timeout{5'000};
  std::chrono::milliseconds data_timeout{10'000};
  std::chrono::milliseconds no_connection_wait{1'000};
  std::chrono::milliseconds case_timeout{60'000};
  // For a launched target, asked after each case (its id, and whether the server hung up on
  // a command it had not answered, as a crashing server does): nullopt while it lives, else
  // how it died (crash oracle).
  std::function<std::optional<std::string>(const std::string& case_id, bool hung_up)> target_death;
};

CaseResult run_case(const Case& c, const CaseEnvironment& env);

// A result carrying the case's identity (id, title, ref, suite, quote, level, tags) and no
// verdict yet (skip): where every result of a case starts.
CaseResult case_result_for(const Case& c);

}  // namespace rfcheck
