#include "fuzz/protocol_model.h"

#include <algorithm>
#include <cctype>

namespace rfcheck::fuzz {
namespace {

using S = ArgumentShape;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

// Hostile and boundary arguments every protocol shares: numbers at type edges, format
// specifiers, traversal, injected line ends, NUL and high bytes.
const std::vector<std::string>& common_tokens() {
  static const std::vector<std::string> tokens = {
      "0", "-1", "-2147483648", "2147483647", "2147483648", "4294967295", "4294967296",
      "65535", "65536", "18446744073709551615", "9999999999999999999999",
      "%s%s%s%s", "%n%n%n%n", "%x%x%x%x", "%999999d", "%.1024s",
      "..", "../", "../../../../../../etc/passwd", "/etc/passwd", "./.././../", "//",
      "....//....//", "%2e%2e%2f", "~", "~root", "*", "?", "[", "{", "\\",
      "\r\n", "\r\nNOOP", "\n", "\r", std::string("\0", 1), std::string("a\0b", 3),
      "\xff", "\xff\xfe", "\xc0\xaf", "\xe2\x80\xae", "\x7f", "\x1b[2J", " ", "\t",
      "'", "\"", "`", ";", "|", "&", "$(id)", "<", ">", "=", ",", ":", "@",
  };
  return tokens;
}

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

ProtocolModel make_ftp() {
  ProtocolModel m;
  m.name = "ftp";
  m.has_data_channel = true;
  m.next_phase = &ftp_next_phase;
  m.logged_in = &ftp_logged_in;
  m.initial_phase = "pre-login";
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples,
                 bool needs_login = false, bool moves_data = false) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), needs_login, moves_data});
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

ProtocolModel make_smtp() {
  ProtocolModel m;
  m.name = "smtp";
  m.next_phase = &smtp_next_phase;
  m.logged_in = &smtp_logged_in;
  m.initial_phase = "greeted";
  auto add = [&](std::string verb, S shape, std::vector<std::string> examples) {
    m.commands.push_back({std::move(verb), shape, std::move(examples), false, false});
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

}  // namespace

const CommandGrammar* ProtocolModel::find(std::string_view verb) const {
  for (const auto& c : commands) {
    if (iequals(c.verb, verb)) return &c;
  }
  return nullptr;
}

const ProtocolModel* find_model(std::string_view protocol) {
  static const ProtocolModel ftp = make_ftp();
  static const ProtocolModel smtp = make_smtp();
  if (protocol == "ftp") return &ftp;
  if (protocol == "smtp") return &smtp;
  return nullptr;
}

std::string dictionary_text(const ProtocolModel& model) {
  // libFuzzer's dictionary format: one "quoted" entry a line, \\, \" and \xNN escapes.
  auto quote = [](std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : bytes) {
      if (c == '\\' || c == '"') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out += static_cast<char>(c);
      } else {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out + "\"";
  };
  std::string out = "# rfcheck fuzz: " + model.name + " commands and hostile arguments\n";
  for (const auto& c : model.commands) {
    out += quote(c.verb) + "\n";
    out += quote(c.verb + " ") + "\n";
    for (const auto& e : c.examples) {
      if (!e.empty()) out += quote(c.verb + " " + e) + "\n";
    }
  }
  for (const auto& t : model.tokens) out += quote(t) + "\n";
  return out;
}

}  // namespace rfcheck::fuzz
