// What the fuzzer knows of FTP: its commands (RFC 959 4.1, RFC 2428, common extensions), the
// phases of a session, and FTP-specific hostile tokens.
#include <string>
#include <vector>

#include "fuzz/protocol_model.h"

namespace rfcheck::fuzz {
namespace {

using S = ArgumentShape;

// ---- FTP (RFC 959 4.1, 5.3; RFC 2428) ----

std::string ftp_next_phase(const std::string& phase, const std::string& verb, int code) {
  const auto slash = phase.find('/');
  std::string base = phase.substr(0, slash);
  std::string pending;  // what the next command is expected to complete
  const bool positive = code >= 100 && code < 400;
  if (verb == "USER") {
    if (code == 230) base = "logged-in";
    else if (code == 331 || code == 332) base = "user-sent";
    else if (code >= 400) base = base == "logged-in" ? base : "pre-login";
  } else if (verb == "PASS") {
    if (code == 230 || code == 202) base = "logged-in";
    else if (code == 332) base = "account";
    else if (code >= 400 && base != "logged-in") base = "pre-login";
  } else if (verb == "ACCT") {
    if (code == 230 || code == 202) base = "logged-in";
  } else if (verb == "REIN" && code == 220) {
    base = "pre-login";
  } else if (verb == "QUIT" && code == 221) {
    base = "closed";
  } else if (verb == "RNFR" && code == 350) {
    pending = "rename";
  } else if (verb == "REST" && code == 350) {
    pending = "restart";
  } else if ((verb == "PASV" && code == 227) || (verb == "EPSV" && code == 229) ||
             ((verb == "PORT" || verb == "EPRT") && code == 200)) {
    pending = "data";
  } else if (code >= 100 && code < 200) {
    pending = "transfer";
  } else if (slash != std::string::npos && !positive) {
    pending = phase.substr(slash + 1);  // a refused command leaves what was pending
  }
  return pending.empty() ? base : base + "/" + pending;
}

bool ftp_logged_in(const std::string& phase) { return phase.rfind("logged-in", 0) == 0; }

}  // namespace

ProtocolModel make_ftp_fuzz_model() {
  ProtocolModel m;
  m.name = "ftp";
  m.has_data_channel = true;
  m.next_phase = &ftp_next_phase;
  m.logged_in = &ftp_logged_in;
  m.initial_phase = "pre-login";
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples,
                 bool needs_login = false, bool moves_data = false) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), needs_login, moves_data, false, {}});
  };
  // Access control (4.1.1)
  add("USER", S::kName, {"ftptest", "anonymous"});
  add("PASS", S::kName, {"ftptest", "guest@"});
  add("ACCT", S::kName, {"acct"});
  add("CWD", S::kPath, {"/", "..", "sub"}, true);
  add("CDUP", S::kNone, {}, true);
  add("SMNT", S::kPath, {"/"}, true);
  add("REIN", S::kNone, {});
  add("QUIT", S::kNone, {});
  // Transfer parameters (4.1.2)
  add("PORT", S::kHostPort, {"127,0,0,1,4,1", "127,0,0,1,0,0", "1,2,3,4,5,6"});
  add("PASV", S::kNone, {});
  add("TYPE", S::kWord, {"A", "I", "E", "L 8", "A N", "A T", "A C"});
  add("STRU", S::kWord, {"F", "R", "P"});
  add("MODE", S::kWord, {"S", "B", "C"});
  add("EPRT", S::kHostPort, {"|1|127.0.0.1|1025|", "|2|::1|1025|", "|3|x|1|"});
  add("EPSV", S::kWord, {"", "1", "2", "ALL"});
  // Service commands (4.1.3)
  add("RETR", S::kPath, {"text.txt", "binary.bin", "missing"}, true, true);
  add("STOR", S::kPath, {"upload.txt", "new.bin"}, true, true);
  add("STOU", S::kPath, {""}, true, true);
  add("APPE", S::kPath, {"upload.txt"}, true, true);
  add("ALLO", S::kNumber, {"1024", "1024 R 512"});
  add("REST", S::kNumber, {"0", "100"}, true);
  add("RNFR", S::kPath, {"text.txt"}, true);
  add("RNTO", S::kPath, {"renamed.txt"}, true);
  add("ABOR", S::kNone, {});
  add("DELE", S::kPath, {"upload.txt"}, true);
  add("RMD", S::kPath, {"dir"}, true);
  add("MKD", S::kPath, {"dir"}, true);
  add("PWD", S::kNone, {});
  add("LIST", S::kPath, {"", "-la", "/"}, true, true);
  add("NLST", S::kPath, {"", "/"}, true, true);
  add("SITE", S::kFree, {"HELP", "CHMOD 644 text.txt", "UMASK 022"});
  add("SYST", S::kNone, {});
  add("STAT", S::kPath, {"", "/"});
  add("HELP", S::kFree, {"", "USER", "SITE"});
  add("NOOP", S::kNone, {});
  // Common extensions (RFC 2389, 3659) servers implement
  add("FEAT", S::kNone, {});
  add("OPTS", S::kFree, {"UTF8 ON", "MLST type;size;"});
  add("SIZE", S::kPath, {"text.txt"}, true);
  add("MDTM", S::kPath, {"text.txt"}, true);
  add("MLSD", S::kPath, {""}, true, true);
  add("MLST", S::kPath, {"text.txt"}, true);
  // RFC 959 5.3's command sequences: RNFR-RNTO, REST-(RETR|STOR|APPE), USER-PASS.
  for (auto& c : m.commands) {
    if (c.verb == "RNFR") c.completed_by = "RNTO";
    if (c.verb == "REST") c.completed_by = "RETR";
    if (c.verb == "USER") c.completed_by = "PASS";
    c.opens_sequence = !c.completed_by.empty();
  }
  m.tokens = common_tokens();
  for (const char* t : {"127,0,0,1,0,21", "127,0,0,1,255,255", "256,0,0,1,0,1", "|1|127.0.0.1|21|",
                        "|2|::1|21|", "|1|10.0.0.1|1|", "A", "I", "E", "L 0", "L 9", "F", "R",
                        "P", "S", "B", "C", "ALL", "text.txt", "binary.bin", "-la", "-R", "*"}) {
    m.tokens.emplace_back(t);
  }
  return m;
}


}  // namespace rfcheck::fuzz
