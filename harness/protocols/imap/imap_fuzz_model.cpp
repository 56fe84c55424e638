// What the fuzzer knows of IMAP: its commands (RFC 1730 6, RFC 3501 6), the states of a
// session (not authenticated, authenticated, selected, logout; RFC 1730 3) and IMAP-specific
// hostile tokens (sequence sets, nested lists, literal announcements that lie). Statuses map
// onto reply classes: OK a 2yz, NO a 4yz, BAD a 5yz, a continuation request a 3yz (it hands
// the turn back to the client), BYE a 421-like close, a PREAUTH greeting a 230 (logged in).
// How commands are tagged and literals sent: imap_fuzz_wire.h; the IMAP-only edits of the
// mutator: imap_fuzz_edits.h.
#include <string>
#include <vector>

#include "fuzz/protocol_model.h"
#include "protocols/imap/imap_fuzz_edits.h"
#include "protocols/imap/imap_fuzz_wire.h"

namespace rfcheck::fuzz {
namespace {

using S = ArgumentShape;

int imap_reply_class(const proto::Reply& reply) {
  if (reply.status == "OK") return 200;
  if (reply.status == "PREAUTH") return 230;  // RFC 1730 7.1.4: the greeting that logs in
  if (reply.status == "+") return 334;
  if (reply.status == "NO") return 450;
  if (reply.status == "BAD") return 500;
  if (reply.status == "BYE") return 421;
  return 0;
}

// The phase after a command's final response (interim untagged responses never get here).
// A pending part after "/" says what the client owes: "/sasl" an AUTHENTICATE answer,
// "/literal" a literal's octets; the next final response settles it. "closed" is the
// campaign's word for a session that ended in order (RFC 1730 3's logout state).
std::string imap_next_phase(const std::string& phase, const std::string& verb, int code) {
  const std::string base = phase.substr(0, phase.find('/'));
  const bool ok = code == 200;
  if (code == 421) return "closed";                       // BYE (RFC 1730 7.1.5)
  if (verb.empty()) return code == 230 ? "authenticated" : base;  // greeting, unsolicited data
  if (verb == "LOGOUT" && ok) return "closed";
  if (code == 334) return base + (verb == "AUTHENTICATE" ? "/sasl" : "/literal");
  if (base == "not-authenticated") {
    return (verb == "LOGIN" || verb == "AUTHENTICATE") && ok ? "authenticated" : base;
  }
  // RFC 1730 6.3.1: a SELECT or EXAMINE that fails (NO) leaves no mailbox selected; one the
  // server could not parse (BAD) was not run at all.
  if (verb == "SELECT" || verb == "EXAMINE") {
    if (ok) return "selected";
    return code == 450 ? "authenticated" : base;
  }
  if (base == "selected" && verb == "CLOSE" && ok) return "authenticated";
  return base;
}

bool imap_logged_in(const std::string& phase) {
  const std::string base = phase.substr(0, phase.find('/'));
  return base == "authenticated" || base == "selected";
}

// A literal as a command carries it (imap_fuzz_wire.h sends the octets after the "+").
std::string literal(const std::string& octets) {
  return "{" + std::to_string(octets.size()) + "}\r\n" + octets;
}

}  // namespace

ProtocolModel make_imap_fuzz_model() {
  ProtocolModel m;
  m.name = "imap";
  m.next_phase = &imap_next_phase;
  m.logged_in = &imap_logged_in;
  m.initial_phase = "not-authenticated";
  m.login_ref = "RFC 1730 3.1";
  m.refusal_statuses = {"NO", "BAD"};
  m.reply_class_of = &imap_reply_class;
  m.frame_command = &frame_imap_command;
  m.interim_reply = &imap_interim_reply;
  m.protocol_edit = &imap_protocol_edit;
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples,
                 bool needs_login = false) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), needs_login, false, false, {}});
  };
  add("CAPABILITY", S::kNone, {});
  add("NOOP", S::kNone, {});
  add("LOGOUT", S::kNone, {});
  add("STARTTLS", S::kNone, {});
  const std::string message = "Subject: rfcheck\r\n\r\nfuzz\r\n";
  add("LOGIN", S::kFree, {"mailtest mailtest", "\"mailtest\" \"wrong\"",
                          literal("mailtest") + " " + literal("mailtest")});
  add("AUTHENTICATE", S::kFree, {"PLAIN", "PLAIN AG1haWx0ZXN0AG1haWx0ZXN0", "LOGIN"});
  add("SELECT", S::kPath, {"INBOX", "inbox", "\"INBOX\"", "nosuch"}, true);
  add("EXAMINE", S::kPath, {"INBOX", "nosuch"}, true);
  add("CREATE", S::kPath, {"fuzz", "fuzz.sub", "fuzz.", "INBOX"}, true);
  add("DELETE", S::kPath, {"fuzz", "INBOX"}, true);
  add("RENAME", S::kFree, {"fuzz fuzz2", "INBOX fuzz3"}, true);
  add("SUBSCRIBE", S::kPath, {"INBOX", "fuzz"}, true);
  add("UNSUBSCRIBE", S::kPath, {"INBOX", "fuzz"}, true);
  add("LIST", S::kFree, {"\"\" *", "\"\" %", "\"\" \"\"", "INBOX *"}, true);
  add("LSUB", S::kFree, {"\"\" *", "\"\" %"}, true);
  add("STATUS", S::kFree, {"INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN RECENT)"}, true);
  add("APPEND", S::kFree, {"INBOX " + literal(message), "INBOX (\\Seen) " + literal(message),
                           "INBOX (\\Deleted) \"14-Nov-2023 09:30:45 +0000\" " + literal(message),
                           "INBOX {" + std::to_string(message.size()) + "+}\r\n" + message,
                           "nosuch " + literal(message)}, true);
  add("CHECK", S::kNone, {}, true);
  add("CLOSE", S::kNone, {}, true);
  add("EXPUNGE", S::kNone, {}, true);
  add("SEARCH", S::kFree, {"ALL", "NOT SEEN", "OR 1 2", "CHARSET UTF-8 TEXT x", "1:*"}, true);
  add("FETCH", S::kFree, {"1 (FLAGS)", "1:* (UID RFC822.SIZE)", "1 BODY[]", "1 BODY.PEEK[1.2]<0.10>",
                          "* BODYSTRUCTURE", "1 (ENVELOPE BODY[HEADER.FIELDS (SUBJECT)])"}, true);
  add("STORE", S::kFree, {"1 +FLAGS (\\Deleted)", "1:* -FLAGS.SILENT (\\Seen)", "1 FLAGS ()"}, true);
  add("COPY", S::kFree, {"1 INBOX", "1:* nosuch"}, true);
  add("UID", S::kFree, {"FETCH 1:* FLAGS", "SEARCH ALL", "STORE 1 +FLAGS (\\Seen)", "COPY 1 INBOX"}, true);
  // The login sequence, a mailbox made and filled, selected and read, and STORE \Deleted
  // ... EXPUNGE on the same messages.
  for (auto& c : m.commands) {
    if (c.verb == "LOGIN") c.completed_by = "SELECT";
    if (c.verb == "CREATE") c.completed_by = "APPEND";
    if (c.verb == "SELECT") c.completed_by = "FETCH";
    if (c.verb == "STORE") c.completed_by = "EXPUNGE";
    c.opens_sequence = !c.completed_by.empty() || c.verb == "AUTHENTICATE";
  }
  m.tokens = common_tokens();
  for (const char* t : {"1", "*", "1:*", "*:1", "0", "4294967295", "4294967296", "1,2,3",
                        "1:4294967295", "()", "(((((((((())))))))))", "NIL", "\"\"", "\"\\\"",
                        "{0}", "{1}", "{4294967295}", "{99999999999999999999}", "{5+}",
                        "BODY[]<0.4294967295>", "BODY[1.2.3.4.5.6.7.8.9]", "\\Seen",
                        "\\Deleted", "\\Recent", "INBOX", "%", "*%*", ".."}) {
    m.tokens.emplace_back(t);
  }
  return m;
}

}  // namespace rfcheck::fuzz
