// What the fuzzer knows of SMTP: its commands (RFC 2821 4.1.1, extensions), the phases of a
// session, and SMTP-specific hostile tokens.
#include <string>
#include <vector>

#include "fuzz/protocol_model.h"

namespace rfcheck::fuzz {
namespace {

using S = ArgumentShape;

// ---- SMTP (RFC 2821 4.1.1, 4.3.2; RFC 1869, 3207, 4954) ----

std::string smtp_next_phase(const std::string& phase, const std::string& verb, int code) {
  const bool ok = code >= 200 && code < 300;
  if (verb == "QUIT" && code == 221) return "closed";
  if ((verb == "HELO" || verb == "EHLO") && ok) return "ready";
  if (verb == "RSET" && ok) return phase == "greeted" ? phase : "ready";
  if (verb == "MAIL" && ok) return "mail";
  if (verb == "RCPT" && ok) return "rcpt";
  if (verb == "DATA" && code == 354) return "data";
  if (verb == "DATA" && phase == "data") return "ready";  // the message's reply
  if (verb == "AUTH" && code == 334) return phase + "/sasl";
  if (verb == "AUTH" && code == 235) return "ready/auth";
  if (verb == "STARTTLS" && code == 220) return "tls";
  return phase.size() > 5 && phase.ends_with("/sasl") ? phase.substr(0, phase.size() - 5) : phase;
}

bool smtp_logged_in(const std::string&) { return true; }  // SMTP has no login gate here

}  // namespace

ProtocolModel make_smtp_fuzz_model() {
  ProtocolModel m;
  m.name = "smtp";
  m.next_phase = &smtp_next_phase;
  m.logged_in = &smtp_logged_in;
  m.initial_phase = "greeted";
  m.sends_messages = true;
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), false, false, false, {}});
  };
  add("HELO", S::kName, {"client.test", "[127.0.0.1]"});
  add("EHLO", S::kName, {"client.test", "[127.0.0.1]", "[IPv6:::1]"});
  add("MAIL", S::kMailbox, {"FROM:<sender@client.test>", "FROM:<>", "FROM:<a@b> SIZE=100",
                            "FROM:<a@b> BODY=8BITMIME"});
  add("RCPT", S::kMailbox, {"TO:<postmaster>", "TO:<mailtest@localhost>", "TO:<@a,@b:c@d>"});
  add("DATA", S::kNone, {});
  add("RSET", S::kNone, {});
  add("VRFY", S::kName, {"postmaster", "mailtest"});
  add("EXPN", S::kName, {"postmaster"});
  add("HELP", S::kFree, {"", "MAIL"});
  add("NOOP", S::kFree, {"", "x"});
  add("QUIT", S::kNone, {});
  add("AUTH", S::kFree, {"PLAIN", "LOGIN", "PLAIN AG1haWx0ZXN0AG1haWx0ZXN0", "CRAM-MD5", "="});
  add("STARTTLS", S::kNone, {});
  add("TURN", S::kNone, {});
  // RFC 2821 3.3's mail transaction: MAIL then RCPT then DATA.
  for (auto& c : m.commands) {
    if (c.verb == "MAIL") c.completed_by = "RCPT";
    if (c.verb == "RCPT") c.completed_by = "DATA";
    c.opens_sequence = !c.completed_by.empty() || c.verb == "AUTH";
  }
  m.tokens = common_tokens();
  for (std::string t : std::initializer_list<std::string>{"FROM:<>", "TO:<>", "<postmaster>", "<@a,@b:u@d>", "<\"q u\"@d>",
                        "<u@[127.0.0.1]>", "<u@[IPv6:::1]>", "SIZE=0", "SIZE=-1",
                        "SIZE=99999999999999", "BODY=8BITMIME", "BODY=BINARYMIME", "AUTH=<>",
                        "SMTPUTF8", "RET=FULL", "ENVID=x", "NOTIFY=NEVER", "ORCPT=rfc822;a@b",
                        "<u@\xc3\xa9.test>", "<" + std::string(300, 'a') + "@d>", "PLAIN",
                        "LOGIN", "AG1haWx0ZXN0AG1haWx0ZXN0", "*", "\r\n.\r\n"}) {
    m.tokens.emplace_back(t);
  }
  return m;
}


}  // namespace rfcheck::fuzz
