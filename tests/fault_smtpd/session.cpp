#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "maildir.hpp"

namespace fsmtpd {

using namespace fcommon;  // socket helpers

namespace {
// RFC 2821 4.5.3.1's 512 octets (CRLF included), plus what each offered MAIL parameter adds
// (RFC 1869 4.1.2): AUTH= 500 (RFC 4954 3, item 5), SIZE= 26 (RFC 1870 3, item 5).
constexpr std::size_t kMaxCommandLine = 512 + 500 + 26;
constexpr std::size_t kMaxAuthLine = 12288;    // RFC 4954 4
constexpr std::size_t kMaxMessage = 10485760;  // advertised as SIZE (RFC 1870)
constexpr std::size_t kMaxRecipients = 1000;   // RFC 2821 4.5.3.1: at least 100
constexpr int kIdleTimeoutMs = 300000;         // RFC 2821 4.5.3.2: 5 minutes
constexpr int kLingerMs = 2000;

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

// "FROM:" / "TO:" (any case), then optional spaces (tolerated), then the path.
bool skip_keyword(std::string_view arg, std::string_view kw, std::size_t& pos) {
  if (arg.size() < kw.size() || !iequals(arg.substr(0, kw.size()), kw)) return false;
  pos = kw.size();
  while (pos < arg.size() && arg[pos] == ' ') ++pos;
  return true;
}
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd), opts_(opts), reader_(fd, kIdleTimeoutMs) {
  sockaddr_storage peer{};
  socklen_t len = sizeof peer;
  getpeername(fd_, reinterpret_cast<sockaddr*>(&peer), &len);
  peer_literal_ = peer.ss_family == AF_INET6 ? "[IPv6:" + ip_string(peer) + "]"
                                              : "[" + ip_string(peer) + "]";
}

Session::~Session() { close_fd(fd_); }

const std::vector<Session::Command>& Session::commands() {
  using S = Session;
  // Never destroyed: client threads are detached and may still look a command up while the
  // process exits after SIGTERM; a static vector's destructor would race them.
  static const auto& table = *new const std::vector<Command>{
      {"HELO", &S::cmd_helo, "HELO <SP> <domain>"},
      {"EHLO", &S::cmd_ehlo, "EHLO <SP> <domain>"},
      {"MAIL", &S::cmd_mail, "MAIL FROM:<reverse-path> [<SP> <mail-parameters>]"},
      {"RCPT", &S::cmd_rcpt, "RCPT TO:<forward-path>"},
      {"DATA", &S::cmd_data, "DATA"},
      {"RSET", &S::cmd_rset, "RSET"},
      {"VRFY", &S::cmd_vrfy, "VRFY <SP> <string>"},
      {"EXPN", &S::cmd_expn, "EXPN <SP> <string>"},
      {"HELP", &S::cmd_help, "HELP [<SP> <string>]"},
      {"NOOP", &S::cmd_noop, "NOOP [<SP> <string>]"},
      {"QUIT", &S::cmd_quit, "QUIT"},
      {"AUTH", &S::cmd_auth, "AUTH <SP> PLAIN|LOGIN [<SP> <initial-response>]"},
  };
  return table;
}

void Session::reply(int code, std::string_view enh, const std::string& text) {
  reply_multi(code, enh, {text});
}

void Session::reply_multi(int code, std::string_view enh, const std::vector<std::string>& lines) {
  const char* eol = fault(Fault::BareLf) ? "\n" : "\r\n";
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += std::to_string(code);
    out += i + 1 < lines.size() ? '-' : ' ';
    if (esmtp_ && !enh.empty()) {
      out += enh;
      out += ' ';
    }
    out += lines[i] + eol;
  }
  send_all(fd_, out);
}

bool Session::fill() {
  if (reader_.fill()) return true;
  if (reader_.timed_out()) reply(421, "4.4.2", opts_.domain + " Timeout, closing transmission channel");
  return false;
}

// Lines end with CRLF only (RFC 2821 2.3.7: no other terminator is recognized); a bare LF is
// part of the line. Pipelined commands wait in the reader's buffer for the next call.
Session::Read Session::read_line(std::string& line, std::size_t max) {
  const Read r = reader_.read_line(line, max);
  if (r == Read::Closed && reader_.timed_out()) {
    reply(421, "4.4.2", opts_.domain + " Timeout, closing transmission channel");
  }
  return r;
}

bool Session::read_data(std::string& body, bool& too_big) {
  // Clean: lines end with CRLF only, so a bare LF is part of a line's text and only
  // CRLF "." CRLF ends the data (RFC 2821 4.1.1.4). data-early-end: any LF ends a line.
  const bool lf_lines = fault(Fault::DataEarlyEnd);
  const std::string_view term = lf_lines ? "\n" : "\r\n";
  std::string& inbuf = reader_.buffer();  // what came after DATA's line
  bool mid_line = false;  // the text before inbuf was part of a line without its end yet
  body.clear();
  too_big = false;
  auto append = [&](std::string_view text) {
    if (too_big) return;
    if (body.size() + text.size() > kMaxMessage) {
      too_big = true;
      body.clear();
      return;
    }
    body.append(text);
  };
  while (true) {
    auto e = inbuf.find(term);
    if (e == std::string::npos) {
      // A very long line: store what we have but its last byte (maybe the CR of a CRLF split
      // across reads); the rest of the line follows (mid_line: no dot handling there).
      if (inbuf.size() > 65536) {
        std::string_view chunk(inbuf);
        chunk.remove_suffix(1);
        if (!mid_line && chunk[0] == '.' && !fault(Fault::NoDotUnstuffing)) chunk.remove_prefix(1);
        append(chunk);
        inbuf.erase(0, inbuf.size() - 1);
        mid_line = true;
      }
      if (!fill()) return false;
      continue;
    }
    std::string_view line(inbuf.data(), e);
    if (!mid_line) {
      if (line == "." || (lf_lines && line == ".\r")) {
        inbuf.erase(0, e + term.size());
        return true;
      }
      if (!line.empty() && line[0] == '.' && !fault(Fault::NoDotUnstuffing)) line.remove_prefix(1);
    }
    append(line);
    append(term);
    inbuf.erase(0, e + term.size());
    mid_line = false;
  }
}

void Session::run() {
  if (fault(Fault::WrongGreeting))
    reply(250, "", opts_.domain + " ESMTP fault_smtpd");
  else
    reply(220, "", opts_.domain + " ESMTP fault_smtpd");
  std::string line;
  while (!quit_) {
    Read r = read_line(line, kMaxCommandLine);
    if (r == Read::Closed) break;
    if (r == Read::TooLong) {
      reply(500, "5.5.2", "Line too long");
      continue;
    }
    handle(line);
  }
  linger_close(fd_, kLingerMs);
}

void Session::handle(const std::string& line) {
  auto sp = line.find(' ');
  std::string raw_verb = line.substr(0, sp);
  std::string arg = sp == std::string::npos ? std::string() : line.substr(sp + 1);
  if (raw_verb.empty()) return reply(500, "5.5.2", "Syntax error, command unrecognized");
  if (fault(Fault::CaseSensitive) && has_lower(raw_verb))
    return reply(500, "5.5.2", "Syntax error, command unrecognized");
  std::string verb = upper(raw_verb);
  for (const auto& c : commands())
    if (verb == c.verb) return (this->*(c.fn))(arg);
  reply(500, "5.5.2", "Syntax error, command unrecognized");
}

void Session::reset_transaction() {
  mail_.reset();
  rcpts_.clear();
}

// ---- HELO / EHLO (RFC 2821 4.1.1.1) --------------------------------------------------------

void Session::cmd_helo(const std::string& arg) {
  if (arg.empty()) return reply(501, "5.5.4", "Syntax: HELO <domain>");
  reset_transaction();  // a new HELO/EHLO resets the state like RSET (4.1.4)
  helo_ = arg;
  esmtp_ = false;
  reply(250, "", opts_.domain + " Hello " + arg + " " + peer_literal_);
}

void Session::cmd_ehlo(const std::string& arg) {
  if (arg.empty()) return reply(501, "5.5.4", "Syntax: EHLO <domain>");
  reset_transaction();
  helo_ = arg;
  esmtp_ = true;
  std::vector<std::string> lines;
  if (fault(Fault::EhloNoDomain))
    lines.push_back("Hello, pleased to meet you");
  else
    lines.push_back(opts_.domain + " Hello " + arg + " " + peer_literal_);
  lines.push_back("8BITMIME");
  lines.push_back("SIZE " + std::to_string(kMaxMessage));
  lines.push_back("PIPELINING");
  lines.push_back("HELP");
  if (opts_.auth()) lines.push_back("AUTH PLAIN LOGIN");
  lines.push_back("ENHANCEDSTATUSCODES");
  if (!fault(Fault::BrokenContinuation)) return reply_multi(250, "", lines);
  const char* eol = fault(Fault::BareLf) ? "\n" : "\r\n";
  std::string out = "250-" + lines.front() + eol;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) out += lines[i] + eol;  // no "250-"
  out += "250 " + lines.back() + eol;
  send_all(fd_, out);
}

// ---- Mail transaction (RFC 2821 4.1.1.2 - 4.1.1.5) ----------------------------------------

bool Session::check_params(std::string_view rest, bool mail) {
  if (rest.empty()) return true;
  if (rest[0] != ' ') {
    reply(501, "5.5.4", "Syntax error in parameters or arguments");
    return false;
  }
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    if (i >= rest.size()) break;
    auto end = rest.find(' ', i);
    std::string_view p = rest.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    i = end == std::string_view::npos ? rest.size() : end;
    if (!esmtp_) {  // parameters exist only after EHLO (RFC 1869 6)
      reply(501, "5.5.4", "Parameters need EHLO");
      return false;
    }
    auto eq = p.find('=');
    std::string key = upper(std::string(p.substr(0, eq)));
    std::string value = eq == std::string_view::npos ? std::string() : std::string(p.substr(eq + 1));
    if (mail && key == "SIZE" && eq != std::string_view::npos) {
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        reply(501, "5.5.4", "Bad SIZE parameter");
        return false;
      }
      if (std::strtoull(value.c_str(), nullptr, 10) > kMaxMessage) {
        reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
        return false;
      }
    } else if (mail && key == "BODY" && eq != std::string_view::npos) {
      std::string v = upper(value);
      if (v != "7BIT" && v != "8BITMIME") {
        reply(501, "5.5.4", "Bad BODY parameter");
        return false;
      }
    } else if (mail && key == "AUTH" && eq != std::string_view::npos && opts_.auth()) {
      // RFC 4954 5: accepted, not used for anything
    } else {
      reply(555, "5.5.4", "Parameter not recognized: " + std::string(p));
      return false;
    }
  }
  return true;
}

void Session::cmd_mail(const std::string& arg) {
  if (helo_.empty()) return reply(503, "5.5.1", "Send HELO/EHLO first");
  if (mail_ && !fault(Fault::SecondMailAccepted))
    return reply(503, "5.5.1", "Sender already specified");
  std::size_t pos = 0;
  if (!skip_keyword(arg, "FROM:", pos)) return reply(501, "5.5.4", "Syntax: MAIL FROM:<address>");
  auto path = parse_path(arg, pos, true);
  if (!path) return reply(501, "5.1.7", "Bad sender address syntax");
  if (!check_params(std::string_view(arg).substr(pos), true)) return;
  mail_ = path->null ? std::string() : path->mailbox();
  reply(250, "2.1.0", "Ok");
}

bool Session::served_domain(std::string_view d) const {
  if (iequals(d, opts_.domain)) return true;
  for (const auto& a : opts_.accept)
    if (iequals(std::string_view(a).substr(a.rfind('@') + 1), d)) return true;
  return false;
}

bool Session::accepted(const Path& p) const {
  for (const auto& a : opts_.accept) {
    auto at = a.rfind('@');
    if (p.local == a.substr(0, at) && iequals(p.domain, std::string_view(a).substr(at + 1)))
      return true;
  }
  return false;
}

void Session::cmd_rcpt(const std::string& arg) {
  if (!mail_ && !fault(Fault::RcptBeforeMail)) return reply(503, "5.5.1", "Need MAIL before RCPT");
  std::size_t pos = 0;
  if (!skip_keyword(arg, "TO:", pos)) return reply(501, "5.5.4", "Syntax: RCPT TO:<address>");
  auto path = parse_path(arg, pos, false);
  if (!path) return reply(501, "5.1.3", "Bad recipient address syntax");
  if (!check_params(std::string_view(arg).substr(pos), false)) return;
  bool postmaster = iequals(path->local, "postmaster") &&
                    (path->domain.empty() || served_domain(path->domain));
  if (postmaster) {
    if (fault(Fault::PostmasterRejected)) return reply(550, "5.1.1", "Mailbox unavailable");
  } else if (!accepted(*path)) {
    if (!served_domain(path->domain)) return reply(550, "5.7.1", "Relay access denied");
    return reply(550, "5.1.1", "Mailbox unavailable: user unknown");
  }
  if (rcpts_.size() >= kMaxRecipients) return reply(452, "4.5.3", "Too many recipients");
  rcpts_.push_back(path->mailbox());
  reply(250, "2.1.5", "Ok");
}

std::string Session::received_header(const std::string& rcpt, const std::string& id) const {
  // RFC 2821 4.4: Received: FROM domain (TCP-info) BY domain [WITH protocol] [ID] [FOR]; date
  std::string with = esmtp_ ? (authed_ ? "ESMTPA" : "ESMTP") : "SMTP";
  return "Received: from " + helo_ + " (" + peer_literal_ + ")\r\n\tby " + opts_.domain +
         " (fault_smtpd) with " + with + " id " + id + "\r\n\tfor <" + rcpt + ">; " + rfc_date() +
         "\r\n";
}

void Session::cmd_data(const std::string& arg) {
  if (!arg.empty()) return reply(501, "5.5.4", "Syntax: DATA");
  if (!mail_) return reply(503, "5.5.1", "Need MAIL command");
  if (rcpts_.empty()) return reply(554, "5.5.1", "No valid recipients");
  if (fault(Fault::No354))
    reply(250, "2.0.0", "Send the message, end with <CR><LF>.<CR><LF>");
  else
    reply(354, "", "End data with <CR><LF>.<CR><LF>");
  std::string body;
  bool too_big = false;
  if (!read_data(body, too_big)) {
    quit_ = true;  // connection lost in the middle: nothing is delivered
    return;
  }
  std::vector<std::string> rcpts = std::move(rcpts_);
  reset_transaction();
  if (too_big) return reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
  if (fault(Fault::TruncateBody) && !body.empty()) {  // drop the last line
    auto prev = body.size() >= 2 ? body.rfind('\n', body.size() - 2) : std::string::npos;
    body.erase(prev == std::string::npos ? 0 : prev + 1);
  }
  if (fault(Fault::LostRecipient)) rcpts.resize(1);
  std::string id = unique_name();
  id = id.substr(0, id.find('.', id.find('.') + 1));  // "SECONDS.MmicrosPpidQn"
  for (const auto& r : rcpts) {  // one Maildir file per recipient, each with its trace header
    if (!deliver(opts_.maildir, received_header(r, id) + body))
      return reply(451, "4.3.0", "Local error in processing: cannot write the Maildir");
  }
  reply(250, "2.0.0", "Ok: queued as " + id);
}

void Session::cmd_rset(const std::string& arg) {
  if (!arg.empty()) return reply(501, "5.5.4", "Syntax: RSET");
  if (!fault(Fault::RsetNoClear)) reset_transaction();
  reply(250, "2.0.0", "Ok");
}

// ---- Other commands (RFC 2821 4.1.1.6 - 4.1.1.10, RFC 4954) --------------------------------

void Session::cmd_vrfy(const std::string& arg) {
  if (fault(Fault::Crash)) std::abort();
  if (arg.empty()) return reply(501, "5.5.4", "Syntax: VRFY <address>");
  reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
}

void Session::cmd_expn(const std::string&) {
  reply(502, "5.5.1", "EXPN not implemented");
}

void Session::cmd_help(const std::string& arg) {
  if (arg.empty()) {
    std::string verbs = "HELO EHLO MAIL RCPT DATA RSET VRFY EXPN HELP NOOP QUIT";
    if (opts_.auth()) verbs += " AUTH";
    return reply_multi(214, "2.0.0",
                       {"fault_smtpd, RFC 2821 SMTP. Commands:", verbs,
                        "HELP <command> gives its syntax", "End of HELP info"});
  }
  std::string topic = upper(arg);
  for (const auto& c : commands())
    if (topic == c.verb && (topic != "AUTH" || opts_.auth()))
      return reply(214, "2.0.0", std::string("Syntax: ") + c.syntax);
  reply(504, "5.5.4", "HELP topic unknown");
}

void Session::cmd_noop(const std::string& arg) {
  // 4.1.1.9: "If a parameter string is specified, servers SHOULD ignore it."
  if (!arg.empty() && fault(Fault::NoopArgRejected))
    return reply(501, "5.5.4", "Syntax: NOOP");
  reply(250, "2.0.0", "Ok");
}

void Session::cmd_quit(const std::string& arg) {
  if (!arg.empty()) return reply(501, "5.5.4", "Syntax: QUIT");
  reply(221, "2.0.0", opts_.domain + " Service closing transmission channel");
  if (!fault(Fault::QuitNoClose)) quit_ = true;
}

bool Session::auth_response(std::string& decoded) {
  std::string line;
  Read r = read_line(line, kMaxAuthLine);
  if (r == Read::Closed) {
    quit_ = true;
    return false;
  }
  if (r == Read::TooLong) {
    reply(500, "5.5.6", "Authentication Exchange line is too long");
    return false;
  }
  if (line == "*") {
    reply(501, "5.7.0", "Authentication cancelled");
    return false;
  }
  auto d = base64_decode(line);
  if (!d) {
    reply(501, "5.5.2", "Cannot decode response");
    return false;
  }
  decoded = *d;
  return true;
}

void Session::cmd_auth(const std::string& arg) {
  if (!opts_.auth()) return reply(502, "5.5.1", "AUTH not available");
  if (!esmtp_) return reply(503, "5.5.1", "Send EHLO first");
  if (authed_) return reply(503, "5.5.1", "Already authenticated");
  if (mail_) return reply(503, "5.5.1", "AUTH not permitted during a mail transaction");
  auto sp = arg.find(' ');
  std::string mech = upper(arg.substr(0, sp));
  std::optional<std::string> initial;
  if (sp != std::string::npos) initial = arg.substr(sp + 1);
  if (mech.empty()) return reply(501, "5.5.4", "Syntax: AUTH <mechanism> [<initial-response>]");
  if (mech != "PLAIN" && mech != "LOGIN") return reply(504, "5.5.4", "Unrecognized authentication type");

  // RFC 4954 4: an initial response "=" stands for an empty one.
  auto decode_initial = [&](std::string& out) -> bool {
    if (*initial == "=") {
      out.clear();
      return true;
    }
    auto d = base64_decode(*initial);
    if (!d) {
      reply(501, "5.5.2", "Cannot decode response");
      return false;
    }
    out = *d;
    return true;
  };
  bool ok = false;
  if (mech == "PLAIN") {
    std::string msg;
    if (initial) {
      if (!decode_initial(msg)) return;
    } else {
      send_all(fd_, fault(Fault::BareLf) ? "334 \n" : "334 \r\n");
      if (!auth_response(msg)) return;
    }
    // authzid NUL authcid NUL passwd (RFC 4616)
    auto a = msg.find('\0');
    auto b = a == std::string::npos ? std::string::npos : msg.find('\0', a + 1);
    if (b == std::string::npos) return reply(501, "5.5.2", "Malformed PLAIN response");
    std::string authz = msg.substr(0, a), authc = msg.substr(a + 1, b - a - 1), pass = msg.substr(b + 1);
    ok = (authz.empty() || authz == authc) && authc == opts_.user && pass == opts_.password;
  } else {
    std::string user, pass;
    const char* eol = fault(Fault::BareLf) ? "\n" : "\r\n";
    if (initial) {
      if (!decode_initial(user)) return;
    } else {
      send_all(fd_, std::string("334 VXNlcm5hbWU6") + eol);  // "Username:"
      if (!auth_response(user)) return;
    }
    send_all(fd_, std::string("334 UGFzc3dvcmQ6") + eol);  // "Password:"
    if (!auth_response(pass)) return;
    ok = user == opts_.user && pass == opts_.password;
  }
  if (!ok) return reply(535, "5.7.8", "Authentication credentials invalid");
  authed_ = true;
  reply(235, "2.7.0", "Authentication successful");
}

}  // namespace fsmtpd
