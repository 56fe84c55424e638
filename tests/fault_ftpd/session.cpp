#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <utility>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace fftpd {

using namespace fcommon;  // socket helpers

namespace {
constexpr size_t kMaxLine = 8192;
constexpr int kIdleTimeoutMs = 600000;
// RFC 2577 section 5: after a small number of failed logins (3-5) send 421 and close.
constexpr int kMaxFailedLogins = 3;
constexpr int kLingerMs = 2000;

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Drops Telnet IAC sequences (RFC 854) that clients put before ABOR; IAC IAC is a literal 0xFF.
std::string strip_telnet(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c != 0xFF) {
      out += in[i];
      continue;
    }
    if (i + 1 >= in.size()) break;
    auto n = static_cast<unsigned char>(in[i + 1]);
    if (n == 0xFF) {
      out += in[i];
      ++i;
    } else if (n >= 0xFB && n <= 0xFE) {
      i += 2;  // WILL/WONT/DO/DONT option
    } else {
      ++i;  // IP, DM, ...
    }
  }
  // The Telnet Synch's DM byte may arrive inline (SO_OOBINLINE) without its IAC.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char c) { return static_cast<unsigned char>(c) == 0xF2; }),
            out.end());
  return out;
}
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd), opts_(opts), sandbox_(opts.root, opts.faults.has(Fault::PathEscape)) {
  socklen_t len = sizeof local_;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&local_), &len);
  len = sizeof peer_;
  getpeername(fd_, reinterpret_cast<sockaddr*>(&peer_), &len);
  int one = 1;
  setsockopt(fd_, SOL_SOCKET, SO_OOBINLINE, &one, sizeof one);
}

Session::~Session() {
  for (int& f : leaked_fds_) close_fd(f);
  close_fd(fd_);
}

const std::vector<Session::Command>& Session::commands() {
  using S = Session;
  // Never destroyed: client threads are detached and may still look a command up while the
  // process exits after SIGTERM; a static vector's destructor would race them.
  static const auto& table = *new const std::vector<Command>{
      {"USER", &S::cmd_user, false, Arg::Required, "USER <SP> <username>"},
      {"PASS", &S::cmd_pass, false, Arg::Optional, "PASS <SP> <password>"},
      {"ACCT", &S::cmd_acct, false, Arg::Required, "ACCT <SP> <account>"},
      {"CWD", &S::cmd_cwd, true, Arg::Required, "CWD <SP> <pathname>"},
      {"XCWD", &S::cmd_cwd, true, Arg::Required, "XCWD <SP> <pathname>"},
      {"CDUP", &S::cmd_cdup, true, Arg::None, "CDUP"},
      {"XCUP", &S::cmd_cdup, true, Arg::None, "XCUP"},
      {"SMNT", &S::cmd_smnt, true, Arg::Required, "SMNT <SP> <pathname>"},
      {"REIN", &S::cmd_rein, false, Arg::Ignored, "REIN"},
      {"QUIT", &S::cmd_quit, false, Arg::Ignored, "QUIT"},
      {"PORT", &S::cmd_port, true, Arg::Required, "PORT <SP> h1,h2,h3,h4,p1,p2"},
      {"EPRT", &S::cmd_eprt, true, Arg::Required, "EPRT <SP> |proto|addr|port|"},
      {"PASV", &S::cmd_pasv, true, Arg::None, "PASV"},
      {"EPSV", &S::cmd_epsv, true, Arg::Optional, "EPSV [<SP> 1|2|ALL]"},
      {"TYPE", &S::cmd_type, true, Arg::Required, "TYPE <SP> A [N] | I | L 8"},
      {"STRU", &S::cmd_stru, true, Arg::Required, "STRU <SP> F | R"},
      {"MODE", &S::cmd_mode, true, Arg::Required, "MODE <SP> S"},
      {"RETR", &S::cmd_retr, true, Arg::Required, "RETR <SP> <pathname>"},
      {"STOR", &S::cmd_stor, true, Arg::Required, "STOR <SP> <pathname>"},
      {"STOU", &S::cmd_stou, true, Arg::Ignored, "STOU"},
      {"APPE", &S::cmd_appe, true, Arg::Required, "APPE <SP> <pathname>"},
      {"ALLO", &S::cmd_allo, true, Arg::Required, "ALLO <SP> <decimal> [<SP> R <SP> <decimal>]"},
      {"REST", &S::cmd_rest, true, Arg::Required, "REST <SP> <marker>"},
      {"RNFR", &S::cmd_rnfr, true, Arg::Required, "RNFR <SP> <pathname>"},
      {"RNTO", &S::cmd_rnto, true, Arg::Required, "RNTO <SP> <pathname>"},
      {"ABOR", &S::cmd_abor, false, Arg::None, "ABOR"},
      {"DELE", &S::cmd_dele, true, Arg::Required, "DELE <SP> <pathname>"},
      {"RMD", &S::cmd_rmd, true, Arg::Required, "RMD <SP> <pathname>"},
      {"XRMD", &S::cmd_rmd, true, Arg::Required, "XRMD <SP> <pathname>"},
      {"MKD", &S::cmd_mkd, true, Arg::Required, "MKD <SP> <pathname>"},
      {"XMKD", &S::cmd_mkd, true, Arg::Required, "XMKD <SP> <pathname>"},
      {"PWD", &S::cmd_pwd, false, Arg::None, "PWD"},
      {"XPWD", &S::cmd_pwd, false, Arg::None, "XPWD"},
      {"LIST", &S::cmd_list, true, Arg::Optional, "LIST [<SP> <pathname>]"},
      {"NLST", &S::cmd_nlst, true, Arg::Optional, "NLST [<SP> <pathname>]"},
      {"SITE", &S::cmd_site, true, Arg::Required, "SITE <SP> <string>"},
      {"SYST", &S::cmd_syst, false, Arg::None, "SYST"},
      {"STAT", &S::cmd_stat, true, Arg::Optional, "STAT [<SP> <pathname>]"},
      {"HELP", &S::cmd_help, false, Arg::Optional, "HELP [<SP> <string>]"},
      {"NOOP", &S::cmd_noop, false, Arg::Ignored, "NOOP"},
      {"FEAT", &S::cmd_feat, false, Arg::None, "FEAT"},
      {"OPTS", &S::cmd_opts, false, Arg::Required, "OPTS <SP> <command> [<SP> <options>]"},
      {"SIZE", &S::cmd_size, true, Arg::Required, "SIZE <SP> <pathname>"},
      {"MDTM", &S::cmd_mdtm, true, Arg::Required, "MDTM <SP> <pathname>"},
  };
  return table;
}

const Session::Command* Session::find(const std::string& verb) {
  for (const auto& c : commands())
    if (verb == c.verb) return &c;
  return nullptr;
}

void Session::reply(int code, const std::string& text) {
  const char* eol = fault(Fault::BareLf) ? "\n" : "\r\n";
  send_all(fd_, std::to_string(code) + " " + text + eol);
}

void Session::reply_multi(int code, const std::vector<std::string>& lines) {
  const char* eol = fault(Fault::BareLf) ? "\n" : "\r\n";
  std::string out = std::to_string(code) + "-" + lines.front() + eol;
  for (size_t i = 1; i + 1 < lines.size(); ++i) out += " " + lines[i] + eol;  // never "ddd "
  if (fault(Fault::BrokenMultiline))
    out += " " + lines.back() + eol;  // the terminating "ddd SP" line never comes
  else
    out += std::to_string(code) + " " + lines.back() + eol;
  send_all(fd_, out);
}

bool Session::read_line(std::string& line) {
  while (true) {
    auto nl = inbuf_.find('\n');
    if (nl != std::string::npos) {
      line = inbuf_.substr(0, nl);
      inbuf_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (inbuf_.size() > kMaxLine) {
      inbuf_.clear();
      reply(500, "Command line too long.");
    }
    pollfd p{fd_, POLLIN, 0};
    int r = poll(&p, 1, kIdleTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      reply(421, "Timeout, closing control connection.");
      return false;
    }
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    inbuf_.append(buf, static_cast<size_t>(n));
  }
}

void Session::run() {
  reply(220, "fault_ftpd ready.");
  std::string line;
  while (!quit_ && read_line(line)) handle(std::move(line));
  linger_close();
}

// FIN first, then drain what the client still sends (see fcommon::linger_close). The destructor
// closes the socket.
void Session::linger_close() { fcommon::linger_close(fd_, kLingerMs); }

void Session::handle(std::string line) {
  line = strip_telnet(line);
  auto sp = line.find(' ');
  std::string raw_verb = line.substr(0, sp);
  std::string arg = sp == std::string::npos ? std::string() : line.substr(sp + 1);
  bool after_user = std::exchange(user_given_, false);
  after_user_ = after_user;
  if (raw_verb.empty()) return reply(500, "Syntax error, command unrecognized.");
  if (fault(Fault::CaseSensitive) &&
      std::any_of(raw_verb.begin(), raw_verb.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); }))
    return reply(500, "Syntax error, command unrecognized.");
  std::string verb = upper(raw_verb);
  const Command* c = find(verb);
  if (!c) return reply(500, "Syntax error, command unrecognized.");

  // RNFR must be immediately followed by RNTO; REST by the transfer (data setup may come between).
  if (verb != "RNTO") rnfr_.reset();
  static const char* keep_rest[] = {"REST", "RETR", "STOR", "APPE", "PASV", "EPSV", "PORT", "EPRT", "TYPE"};
  if (std::none_of(std::begin(keep_rest), std::end(keep_rest), [&](const char* k) { return verb == k; }))
    rest_ = 0;

  if (c->needs_login && !logged_in()) return reply(530, "Please login with USER and PASS.");
  if (c->arg == Arg::Required && arg.empty())
    return reply(501, "Syntax error in parameters or arguments.");
  if (c->arg == Arg::None && !arg.empty())
    return reply(501, "Syntax error in parameters or arguments.");
  (this->*(c->fn))(arg);
}

void Session::reset_user() {
  logged_in_ = false;
  user_given_ = false;
  pending_user_.clear();
  cwd_ = "/";
  rnfr_.reset();
}

void Session::reset_login() {
  reset_user();
  type_ = 'A';
  stru_ = 'F';
  rest_ = 0;
  rnfr_.reset();
  epsv_all_ = false;
  data_.reset();
}

void Session::cmd_user(const std::string& arg) {
  // RFC 959 4.1.1: a new USER flushes user, password and account information and starts the
  // login again; "All transfer parameters are unchanged" (TYPE, STRU, MODE, PORT/PASV).
  reset_user();
  pending_user_ = arg;
  user_given_ = true;
  reply(331, "User name okay, need password.");  // same reply for any name (RFC 2577 section 7)
}

void Session::cmd_pass(const std::string& arg) {
  if (!after_user_) return reply(503, "Login with USER first.");
  bool ok = pending_user_ == opts_.user &&
            (arg == opts_.password || fault(Fault::AcceptBadPassword));
  pending_user_.clear();
  if (!ok) {
    reply(530, "Login incorrect.");
    if (++failed_logins_ >= kMaxFailedLogins) {
      reply(421, "Too many failed login attempts, closing control connection.");
      quit_ = true;
    }
    return;
  }
  logged_in_ = true;
  reply(230, "User logged in, proceed.");
}

void Session::cmd_acct(const std::string&) {
  if (logged_in_) return reply(202, "Command not implemented, superfluous at this site.");
  reply(503, "Bad sequence of commands: login with USER and PASS first.");
}

void Session::cmd_rein(const std::string&) {
  reset_login();
  reply(220, "Service ready for new user.");
}

void Session::cmd_quit(const std::string&) {
  reply(221, "Service closing control connection.");
  if (!fault(Fault::QuitNoClose)) quit_ = true;
}

void Session::cmd_type(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "A" || a == "A N") {
    type_ = 'A';
    return reply(200, "Type set to A.");
  }
  if (a == "I" || a == "L 8") {
    type_ = 'I';
    return reply(200, "Type set to I.");
  }
  if (a == "E" || a == "E N" || a == "A T" || a == "A C" || a == "E T" || a == "E C" ||
      (a.size() > 2 && a[0] == 'L' && a[1] == ' ' &&
       std::all_of(a.begin() + 2, a.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })))
    return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_stru(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "F" || a == "R") {  // RFC 959 5.1: File and Record are in the minimum implementation
    stru_ = a[0];
    return reply(200, std::string("Structure set to ") + a + ".");
  }
  if (a == "P") return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_mode(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "S") return reply(200, "Mode set to S.");
  if (a == "B" || a == "C") return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_allo(const std::string& arg) {
  // ALLO <SP> <decimal-integer> [<SP> R <SP> <decimal-integer>]
  auto digits = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  std::string a = upper(arg);
  auto sp = a.find(' ');
  bool ok = sp == std::string::npos ? digits(a)
                                    : digits(a.substr(0, sp)) && a.compare(sp, 3, " R ") == 0 &&
                                          digits(a.substr(sp + 3));
  if (!ok) return reply(501, "Syntax error in parameters or arguments.");
  reply(202, "ALLO not needed, superfluous at this site.");
}

void Session::cmd_rest(const std::string& arg) {
  if (arg.size() > 19 || !std::all_of(arg.begin(), arg.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return reply(501, "Syntax error in parameters or arguments.");
  rest_ = std::strtoull(arg.c_str(), nullptr, 10);
  reply(350, "Restarting at " + arg + ". Send STORE or RETRIEVE to initiate transfer.");
}

void Session::cmd_abor(const std::string&) {
  data_.reset();  // transfers in progress are aborted inside the transfer loop
  reply(225, "Data connection open; no transfer in progress.");
}

void Session::cmd_site(const std::string&) { reply(202, "SITE command not implemented."); }

void Session::cmd_syst(const std::string&) {
  if (fault(Fault::Crash)) std::abort();
  reply(215, "UNIX Type: L8");
}

void Session::cmd_help(const std::string& arg) {
  if (!arg.empty()) {
    const Command* c = find(upper(arg));
    if (!c) return reply(501, "Unknown command " + arg + ".");
    return reply(214, std::string("Syntax: ") + c->help);
  }
  std::vector<std::string> lines{"The following commands are recognized."};
  std::string row;
  int n = 0;
  for (const auto& c : commands()) {
    std::string v = c.verb;
    row += v + std::string(6 - std::min<size_t>(v.size(), 5), ' ');
    if (++n % 8 == 0) {
      lines.push_back(row);
      row.clear();
    }
  }
  if (!row.empty()) lines.push_back(row);
  lines.push_back("Help OK.");
  reply_multi(214, lines);
}

void Session::cmd_noop(const std::string&) {
  if (fault(Fault::WrongCode)) return reply(250, "NOOP ok.");
  reply(200, "Command okay.");
}

void Session::cmd_feat(const std::string&) {
  reply_multi(211, {"Extensions supported:", "EPRT", "EPSV", "MDTM", "REST STREAM", "SIZE", "UTF8",
                    "End."});
}

void Session::cmd_opts(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "UTF8 ON" || a == "UTF8") return reply(200, "UTF8 mode always on.");
  reply(501, "Option not understood.");
}

void Session::cmd_smnt(const std::string&) { reply(502, "Command not implemented."); }

}  // namespace fftpd
