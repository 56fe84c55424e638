// What the fuzzer knows of POP3: its commands (RFC 1939 4-7, RFC 2449 CAPA, RFC 2595 STLS,
// RFC 5034 AUTH), the states of a session (AUTHORIZATION, TRANSACTION, closed) and
// POP3-specific hostile tokens. Statuses map onto reply classes: +OK a 2yz, -ERR a 5yz, a
// SASL continuation a 3yz (it hands the turn back to the client).
#include <string>
#include <vector>

#include "fuzz/protocol_model.h"

namespace rfcheck::fuzz {
namespace {

using S = ArgumentShape;

int pop3_reply_class(const proto::Reply& reply) {
  if (reply.status == "+OK") return 200;
  if (reply.status == "-ERR") return 500;
  if (reply.status == "+") return 334;
  return 0;
}

std::string pop3_next_phase(const std::string& phase, const std::string& verb, int code) {
  const bool ok = code == 200;
  if (verb == "QUIT" && ok) return "closed";
  if (phase == "authorization") {
    if ((verb == "PASS" || verb == "APOP" || verb == "AUTH") && ok) return "transaction";
    if (verb == "USER" && ok) return "authorization/user";
    if (verb == "AUTH" && code == 334) return "authorization/sasl";
    if (verb == "STLS" && ok) return "authorization/tls";
  }
  if (phase.rfind("authorization/", 0) == 0) {
    if ((verb == "PASS" || verb == "AUTH") && ok) return "transaction";
    if (verb == "AUTH" && code == 334) return "authorization/sasl";
    return "authorization";
  }
  if (phase == "transaction" && verb == "DELE" && ok) return "transaction/deleted";
  if (phase == "transaction/deleted" && verb == "RSET" && ok) return "transaction";
  return phase;
}

bool pop3_logged_in(const std::string& phase) { return phase.rfind("transaction", 0) == 0; }

}  // namespace

ProtocolModel make_pop3_fuzz_model() {
  ProtocolModel m;
  m.name = "pop3";
  m.next_phase = &pop3_next_phase;
  m.logged_in = &pop3_logged_in;
  m.initial_phase = "authorization";
  m.login_ref = "RFC 1939 5";
  m.refusal_statuses = {"-ERR"};
  m.reply_class_of = &pop3_reply_class;
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples,
                 bool needs_login = false) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), needs_login, false, false, {}});
  };
  add("USER", S::kName, {"mailtest", "nosuchuser"});
  add("PASS", S::kName, {"mailtest", "wrong"});
  add("APOP", S::kFree, {"mailtest 0123456789abcdef0123456789abcdef"});
  add("AUTH", S::kFree, {"PLAIN", "PLAIN AG1haWx0ZXN0AG1haWx0ZXN0", "LOGIN", "*"});
  add("CAPA", S::kNone, {});
  add("STLS", S::kNone, {});
  add("STAT", S::kNone, {}, true);
  add("LIST", S::kNumber, {"", "1", "2", "0"}, true);
  add("RETR", S::kNumber, {"1", "2", "0"}, true);
  add("DELE", S::kNumber, {"1", "2"}, true);
  add("NOOP", S::kNone, {}, true);
  add("RSET", S::kNone, {}, true);
  add("TOP", S::kNumber, {"1 0", "1 5", "2 100000"}, true);
  add("UIDL", S::kNumber, {"", "1"}, true);
  add("QUIT", S::kNone, {});
  // RFC 1939 4's login sequence, and the DELE ... RSET / QUIT order on one message.
  for (auto& c : m.commands) {
    if (c.verb == "USER") c.completed_by = "PASS";
    if (c.verb == "DELE") c.completed_by = "RETR";
    c.opens_sequence = !c.completed_by.empty() || c.verb == "AUTH";
  }
  m.tokens = common_tokens();
  for (const char* t : {"1", "2", "3", "0", "-1", "1 0", "1 -1", "1 4294967296", ".", "..",
                        "+OK", "-ERR", "*", "=", "AG1haWx0ZXN0AG1haWx0ZXN0", "PLAIN", "LOGIN"}) {
    m.tokens.emplace_back(t);
  }
  return m;
}

}  // namespace rfcheck::fuzz
