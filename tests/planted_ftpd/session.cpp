// The control connection (line reading, dispatch, the command table) and the login,
// transfer-parameter and informational commands.
#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <poll.h>
#include <unistd.h>

#include "fault_common/net.hpp"

namespace planted {

using namespace fcommon;  // socket helpers

namespace {
constexpr size_t kMaxLine = 4096;          // longer command lines are answered 500 and dropped
constexpr int kIdleTimeoutMs = 30000;      // then 421 and close
constexpr int kLingerMs = 1000;            // after the last reply, wait this long for the EOF
constexpr int kMaxFailedLogins = 3;        // RFC 2577 5: then 421 and close
constexpr size_t kUserMax = 100;           // the longest user name USER is meant to take
constexpr int kRestartSlots = 16;          // REST request counters, by marker % 16

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Drops Telnet commands (RFC 854) a client may send, e.g. IP and Synch before ABOR; IAC IAC
// stands for a literal 0xFF.
std::string strip_telnet(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c != 0xFF) {
      if (c != 0xF2) out += in[i];  // a DM byte arriving inline without its IAC
      continue;
    }
    if (i + 1 >= in.size()) break;
    auto n = static_cast<unsigned char>(in[i + 1]);
    if (n == 0xFF)
      out += in[++i];
    else
      i += n >= 0xFB && n <= 0xFE ? 2 : 1;  // WILL/WONT/DO/DONT take an option byte
  }
  return out;
}
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd),
      opts_(opts),
      paths_(opts.root),
      user_(new char[kUserMax + 1]()),
      restart_seen_(new unsigned char[kRestartSlots]()) {
  socklen_t len = sizeof local_;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&local_), &len);
  len = sizeof peer_;
  getpeername(fd_, reinterpret_cast<sockaddr*>(&peer_), &len);
}

// xfer_buf_ is not freed here: every transfer frees its buffer when it ends (transfer.cpp).
Session::~Session() {
  delete[] user_;
  delete[] restart_seen_;
  close_fd(fd_);
}

std::span<const Session::Command> Session::commands() {
  using S = Session;
  static const Command table[] = {
      {"USER", &S::cmd_user, false, Arg::Required, "USER <SP> <username>"},
      {"PASS", &S::cmd_pass, false, Arg::Optional, "PASS <SP> <password>"},
      {"ACCT", &S::cmd_acct, false, Arg::Required, "ACCT <SP> <account-information>"},
      {"REIN", &S::cmd_rein, false, Arg::Any, "REIN"},
      {"QUIT", &S::cmd_quit, false, Arg::Any, "QUIT"},
      {"NOOP", &S::cmd_noop, false, Arg::Any, "NOOP"},
      {"SYST", &S::cmd_syst, false, Arg::None, "SYST"},
      {"HELP", &S::cmd_help, false, Arg::Optional, "HELP [<SP> <string>]"},
      {"FEAT", &S::cmd_feat, false, Arg::None, "FEAT"},
      {"ABOR", &S::cmd_abor, false, Arg::None, "ABOR"},
      {"PWD", &S::cmd_pwd, false, Arg::None, "PWD"},
      {"TYPE", &S::cmd_type, true, Arg::Required, "TYPE <SP> A [N] | I | L 8"},
      {"MODE", &S::cmd_mode, true, Arg::Required, "MODE <SP> S"},
      {"STRU", &S::cmd_stru, true, Arg::Required, "STRU <SP> F | R"},
      {"CWD", &S::cmd_cwd, true, Arg::Required, "CWD <SP> <pathname>"},
      {"CDUP", &S::cmd_cdup, true, Arg::None, "CDUP"},
      {"MKD", &S::cmd_mkd, true, Arg::Required, "MKD <SP> <pathname>"},
      {"RMD", &S::cmd_rmd, true, Arg::Required, "RMD <SP> <pathname>"},
      {"DELE", &S::cmd_dele, true, Arg::Required, "DELE <SP> <pathname>"},
      {"RNFR", &S::cmd_rnfr, true, Arg::Required, "RNFR <SP> <pathname>"},
      {"RNTO", &S::cmd_rnto, true, Arg::Required, "RNTO <SP> <pathname>"},
      {"SIZE", &S::cmd_size, true, Arg::Required, "SIZE <SP> <pathname>"},
      {"PASV", &S::cmd_pasv, true, Arg::None, "PASV"},
      {"EPSV", &S::cmd_epsv, true, Arg::Optional, "EPSV [<SP> 1 | 2 | ALL]"},
      {"PORT", &S::cmd_port, true, Arg::Required, "PORT <SP> h1,h2,h3,h4,p1,p2"},
      {"EPRT", &S::cmd_eprt, true, Arg::Required, "EPRT <SP> |proto|addr|port|"},
      {"LIST", &S::cmd_list, true, Arg::Optional, "LIST [<SP> <pathname>]"},
      {"NLST", &S::cmd_nlst, true, Arg::Optional, "NLST [<SP> <pathname>]"},
      {"RETR", &S::cmd_retr, true, Arg::Required, "RETR <SP> <pathname>"},
      {"STOR", &S::cmd_stor, true, Arg::Required, "STOR <SP> <pathname>"},
      {"REST", &S::cmd_rest, true, Arg::Required, "REST <SP> <marker>"},
      {"ALLO", &S::cmd_allo, true, Arg::Required, "ALLO <SP> <decimal> [<SP> R <SP> <decimal>]"},
      {"SITE", &S::cmd_site, true, Arg::Required, "SITE <SP> <string>"},
      {"STAT", &S::cmd_stat, true, Arg::Optional, "STAT [<SP> <pathname>]"},
  };
  return table;
}

const Session::Command* Session::find(const std::string& verb) {
  for (const auto& c : commands())
    if (verb == c.verb) return &c;
  return nullptr;
}

void Session::reply(int code, const std::string& text) {
  if (!send_all(fd_, std::to_string(code) + " " + text + "\r\n")) quit_ = true;
}

void Session::reply_multi(int code, const std::vector<std::string>& lines) {
  std::string out = std::to_string(code) + "-" + lines.front() + "\r\n";
  for (size_t i = 1; i + 1 < lines.size(); ++i) out += " " + lines[i] + "\r\n";
  out += std::to_string(code) + " " + lines.back() + "\r\n";
  if (!send_all(fd_, out)) quit_ = true;
}

bool Session::read_line(std::string& line) {
  while (true) {
    auto nl = inbuf_.find('\n');
    if (nl != std::string::npos) {
      line = inbuf_.substr(0, nl);
      inbuf_.erase(0, nl + 1);
      if (std::exchange(discarding_, false)) continue;  // the tail of an over-long line
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() <= kMaxLine) return true;
      reply(500, "Command line too long.");
      continue;
    }
    if (inbuf_.size() > kMaxLine + 1) {  // no LF within the limit: refuse now, drop the rest
      if (!discarding_) reply(500, "Command line too long.");
      discarding_ = true;
      inbuf_.clear();
    }
    pollfd p{fd_, POLLIN, 0};
    int r = poll(&p, 1, kIdleTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) reply(421, "Timeout, closing control connection.");
    if (r <= 0) return false;
    char buf[4096];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    inbuf_.append(buf, static_cast<size_t>(n));
  }
}

void Session::run() {
  reply(220, "planted_ftpd ready.");
  std::string line;
  while (!quit_ && read_line(line)) handle(line);
  linger_close(fd_, kLingerMs);
}

void Session::handle(const std::string& raw) {
  std::string line = strip_telnet(raw);
  auto sp = line.find(' ');
  std::string verb = upper(line.substr(0, sp));
  std::string arg = sp == std::string::npos ? std::string() : line.substr(sp + 1);
  after_user_ = std::exchange(user_given_, false);
  const Command* c = find(verb);
  if (!c) return reply(500, "Syntax error, command unrecognized.");

  // RNFR must be followed by RNTO (RFC 959 4.1.3): any other command drops the pending rename;
  // DELE drops it itself, after the deletion (files.cpp). REST must be followed by the
  // transfer, data connection set-up and TYPE may come between.
  if (verb != "RNTO" && !(verb == "DELE" && !arg.empty())) drop_rename();
  static const char* const keep_rest[] = {"REST", "RETR", "STOR", "PASV", "EPSV", "PORT", "EPRT", "TYPE"};
  if (std::none_of(std::begin(keep_rest), std::end(keep_rest), [&](const char* k) { return verb == k; }))
    rest_ = 0;

  // RFC 3659 4 gives SIZE no 530: before login it answers 550 like any unavailable file.
  if (c->needs_login && !logged_in_)
    return verb == "SIZE" ? reply(550, "Please login with USER and PASS.")
                          : reply(530, "Please login with USER and PASS.");
  if (arg.find('\0') != std::string::npos ||
      (c->arg == Arg::Required && arg.empty()) || (c->arg == Arg::None && !arg.empty()))
    return reply(501, "Syntax error in parameters or arguments.");
  (this->*(c->fn))(arg);
}

void Session::drop_rename() {
  rename_.reset();
  rnfr_ = nullptr;
}

void Session::reset_user() {
  logged_in_ = false;
  user_[0] = '\0';
  cwd_ = "/";
  drop_rename();
}

void Session::reset_login() {
  reset_user();
  type_ = 'A';
  epsv_all_ = false;
  rest_ = 0;
  data_.reset();
  // PLANTED BUG 4 (second half): REIN throws away what a transfer still holds. After a
  // completed transfer xfer_buf_ is already freed but not cleared (end_transfer), so this is
  // a double free.
  std::free(xfer_buf_);
  xfer_buf_ = nullptr;
}

void Session::cmd_user(const std::string& arg) {
  // RFC 959 4.1.1: USER starts the login again; transfer parameters stay.
  reset_user();
  // PLANTED BUG 1: the name goes into a fixed heap buffer of kUserMax + 1 bytes with no length
  // check: a name of 101 bytes or more writes past its end.
  std::memcpy(user_, arg.data(), arg.size());
  user_[arg.size()] = '\0';
  user_given_ = true;
  reply(331, "User name okay, need password.");  // the same for every name (RFC 2577 7)
}

void Session::cmd_pass(const std::string& arg) {
  if (!after_user_) return reply(503, "Login with USER first.");
  bool ok = opts_.user == user_ && arg == opts_.password;
  user_[0] = '\0';
  if (ok) {
    logged_in_ = true;
    return reply(230, "User logged in, proceed.");
  }
  reply(530, "Login incorrect.");
  if (++failed_logins_ >= kMaxFailedLogins) {
    reply(421, "Too many failed login attempts, closing control connection.");
    quit_ = true;
  }
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
  quit_ = true;
}

void Session::cmd_noop(const std::string&) { reply(200, "Command okay."); }

void Session::cmd_syst(const std::string&) { reply(215, "UNIX Type: L8"); }

void Session::cmd_type(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "A" || a == "A N" || a == "I" || a == "L 8") {
    type_ = a[0] == 'A' ? 'A' : 'I';
    return reply(200, std::string("Type set to ") + type_ + ".");
  }
  bool known = a == "E" || a == "E N" || a == "A T" || a == "A C" || a == "E T" || a == "E C" ||
               (a.size() > 2 && a.compare(0, 2, "L ") == 0 && all_digits(a.substr(2)));
  if (known) return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_mode(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "S") return reply(200, "Mode set to S.");
  if (a == "B" || a == "C") return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_stru(const std::string& arg) {
  // RFC 959 5.1 puts File and Record in the minimum; a Unix file is sent as a byte stream in
  // both (README.md).
  std::string a = upper(arg);
  if (a == "F" || a == "R") return reply(200, "Structure set to " + a + ".");
  if (a == "P") return reply(504, "Command not implemented for that parameter.");
  reply(501, "Syntax error in parameters or arguments.");
}

void Session::cmd_rest(const std::string& arg) {
  // A marker is a decimal byte offset (RFC 3659 5, REST STREAM).
  bool digits = all_digits(arg[0] == '-' ? arg.substr(1) : arg);
  errno = 0;
  long long marker = digits && arg.size() <= 20 ? std::strtoll(arg.c_str(), nullptr, 10) : 0;
  if (!digits || arg.size() > 20 || errno == ERANGE)
    return reply(501, "Syntax error in parameters or arguments.");
  // PLANTED BUG 2: the sign is never checked. A negative marker gives a negative bucket, and
  // the counter that many bytes before the array is read (and written).
  ++restart_seen_[marker % kRestartSlots];
  rest_ = marker;
  reply(350, "Restarting at " + arg + ". Send STORE or RETRIEVE to initiate transfer.");
}

void Session::cmd_allo(const std::string& arg) {
  // ALLO <SP> <decimal-integer> [<SP> R <SP> <decimal-integer>]
  std::string a = upper(arg);
  auto sp = a.find(' ');
  bool ok = sp == std::string::npos
                ? all_digits(a)
                : all_digits(a.substr(0, sp)) && a.compare(sp, 3, " R ") == 0 && all_digits(a.substr(sp + 3));
  if (!ok) return reply(501, "Syntax error in parameters or arguments.");
  reply(202, "ALLO not needed, superfluous at this site.");
}

void Session::cmd_abor(const std::string&) {
  // Transfers run to their end before the next command is read: there is none to abort.
  data_.reset();
  reply(225, "Data connection open; no transfer in progress.");
}

void Session::cmd_help(const std::string& arg) {
  if (!arg.empty()) {
    const Command* c = find(upper(arg));
    if (!c) return reply(501, "Unknown command " + arg + ".");
    return reply(214, std::string("Syntax: ") + c->syntax);
  }
  std::vector<std::string> lines{"The following commands are recognized."};
  std::string row;
  int n = 0;
  for (const auto& c : commands()) {
    std::string v = c.verb;
    row += v + std::string(6 - v.size(), ' ');
    if (++n % 8 == 0) lines.push_back(std::exchange(row, std::string()));
  }
  if (!row.empty()) lines.push_back(row);
  lines.push_back("Help OK.");
  reply_multi(214, lines);
}

void Session::cmd_feat(const std::string&) {
  reply_multi(211, {"Extensions supported:", "EPRT", "EPSV", "REST STREAM", "SIZE", "End."});
}

void Session::cmd_site(const std::string&) { reply(202, "SITE command not implemented."); }

void Session::cmd_stat(const std::string& arg) {
  if (!arg.empty()) {
    bool dir = false;
    auto lines = listing(arg, false, &dir);
    if (!lines) return reply(450, "No such file or directory.");
    std::vector<std::string> out{"Status of " + arg + ":"};
    out.insert(out.end(), lines->begin(), lines->end());
    out.push_back("End of status.");
    return reply_multi(dir ? 212 : 213, out);
  }
  int restarts = 0;
  for (int i = 0; i < kRestartSlots; ++i) restarts += restart_seen_[i];
  reply_multi(211, {"planted_ftpd status:", "Connected from " + ip_string(peer_),
                    "Logged in as " + opts_.user,
                    std::string("TYPE: ") + (type_ == 'A' ? "ASCII" : "BINARY") +
                        ", STRUcture: File, MODE: Stream",
                    "REST requests: " + std::to_string(restarts), "End of status."});
}

}  // namespace planted
