// The control loop (greeting, line reading, dispatch), login, and the commands that touch no
// file: HELP, FEAT, SYST, NOOP, TYPE, MODE, STRU, REST, QUIT.
#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <set>
#include <utility>

#include "fault_common/net.hpp"

namespace pftp2 {

namespace {
constexpr std::size_t kMaxLine = 4096;  // longer command lines are answered 500 and dropped
constexpr int kIdleTimeoutMs = 30000;   // then 421 and close: never hang a client
constexpr int kLingerMs = 1000;
constexpr int kMaxFailedLogins = 3;     // RFC 2577 5
constexpr std::size_t kMaxDepth = 16;   // how deep cwd-depth's record goes (dirs.cpp)

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// verb, takes an argument (1 required, 0 none, 2 optional), needs login
struct Verb {
  const char* name;
  int arg;
  bool login;
};
constexpr Verb kVerbs[] = {
    {"USER", 1, false}, {"PASS", 2, false}, {"QUIT", 2, false}, {"NOOP", 2, false},
    {"HELP", 2, false}, {"SYST", 0, false}, {"FEAT", 0, false}, {"PWD", 0, true},
    {"CWD", 1, true},   {"CDUP", 0, true},  {"MKD", 1, true},   {"RMD", 1, true},
    {"DELE", 1, true},  {"RNFR", 1, true},  {"RNTO", 1, true},  {"SIZE", 1, true},
    {"TYPE", 1, true},  {"MODE", 1, true},  {"STRU", 1, true},  {"REST", 1, true},
    {"PASV", 0, true},  {"EPSV", 2, true},  {"PORT", 1, true},  {"EPRT", 1, true},
    {"LIST", 2, true},  {"NLST", 2, true},  {"RETR", 1, true},  {"STOR", 1, true},
    {"STOU", 0, true},  {"ALLO", 1, true},  {"SITE", 1, true},
};
const Verb* find_verb(const std::string& v) {
  for (const auto& k : kVerbs)
    if (v == k.name) return &k;
  return nullptr;
}
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd), opts_(opts), in_(fd, kIdleTimeoutMs), cwd_(strdup("/")),
      level_ino_(new ino_t[kMaxDepth + 1]()) {
  socklen_t len = sizeof local_;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&local_), &len);
  len = sizeof peer_;
  getpeername(fd_, reinterpret_cast<sockaddr*>(&peer_), &len);
}

Session::~Session() {
  drop_rename();
  // PLANTED BUG stou-dele (the second free): the record DELE already freed is freed again.
  forget_upload();
  std::free(cwd_);
  delete[] level_ino_;
  fcommon::close_fd(fd_);
}

void Session::reply(int code, const std::string& text) {
  if (!fcommon::send_all(fd_, std::to_string(code) + " " + text + "\r\n")) quit_ = true;
}

void Session::reply_multi(int code, const std::vector<std::string>& lines) {
  std::string out = std::to_string(code) + "-" + lines.front() + "\r\n";
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) out += " " + lines[i] + "\r\n";
  out += std::to_string(code) + " " + lines.back() + "\r\n";
  if (!fcommon::send_all(fd_, out)) quit_ = true;
}

void Session::run() {
  reply(220, "planted_ftpd2 ready.");
  std::string line;
  while (!quit_) {
    auto r = in_.read_line(line, kMaxLine);
    if (r == fcommon::LineReader::Read::Closed) {
      if (in_.timed_out()) reply(421, "Timeout, closing control connection.");
      break;
    }
    if (r == fcommon::LineReader::Read::TooLong) {
      reply(500, "Command line too long.");
      continue;
    }
    // A bare LF ends a command too, as in most FTP servers (vsftpd): a client that sends
    // "NOOP\n" gets its reply instead of waiting for a CR that never comes.
    std::size_t start = 0;
    for (std::size_t lf; !quit_ && (lf = line.find('\n', start)) != std::string::npos; start = lf + 1) {
      std::string one = line.substr(start, lf - start);
      if (!one.empty() && one.back() == '\r') one.pop_back();
      dispatch(one);
    }
    if (!quit_) dispatch(line.substr(start));
  }
  fcommon::linger_close(fd_, kLingerMs);
}

void Session::dispatch(const std::string& line) {
  auto sp = line.find(' ');
  verb_ = upper(line.substr(0, sp));
  std::string arg = sp == std::string::npos ? "" : line.substr(sp + 1);
  bool after_user = std::exchange(user_ok_, false);
  const Verb* v = find_verb(verb_);
  if (!v) return reply(500, "Syntax error, command unrecognized.");
  // RNFR's pending name waits through the navigation commands (a client may look around
  // before it names the target); anything else drops it (RFC 959 4.1.3).
  static const std::set<std::string> keep_rename = {"RNFR", "RNTO", "PWD", "CWD", "CDUP", "NOOP"};
  if (!keep_rename.count(verb_)) drop_rename();
  static const std::set<std::string> keep_rest = {"REST", "RETR", "STOR", "PASV", "EPSV", "PORT", "EPRT", "TYPE"};
  if (!keep_rest.count(verb_)) rest_ = 0;
  if (v->login && !logged_in_) return reply(530, "Please login with USER and PASS.");
  // A NUL is no character of a command line: 500, the one code RFC 959 5.4 allows every
  // command (NOOP's list has no 501).
  if (arg.find('\0') != std::string::npos) return reply(500, "Syntax error, NUL in the command line.");
  if ((v->arg == 1 && arg.empty()) || (v->arg == 0 && !arg.empty()))
    return reply(501, "Syntax error in parameters or arguments.");
  if (verb_ == "USER") return cmd_user(arg);
  if (verb_ == "PASS") return after_user ? cmd_pass(arg) : reply(503, "Login with USER first.");
  if (verb_ == "QUIT") return quit_ = true, reply(221, "Goodbye.");
  if (verb_ == "NOOP") return reply(200, "NOOP ok.");
  if (verb_ == "HELP") return cmd_help(arg);
  if (verb_ == "SYST") return reply(215, "UNIX Type: L8");
  if (verb_ == "FEAT") return reply_multi(211, {"Features:", "EPSV", "EPRT", "SIZE", "REST STREAM", "End"});
  if (verb_ == "PWD") return cmd_pwd(arg);
  if (verb_ == "CWD" || verb_ == "CDUP") return cmd_cwd(verb_ == "CDUP" ? ".." : arg);
  if (verb_ == "MKD") return cmd_mkd(arg);
  if (verb_ == "RMD") return cmd_rmd(arg);
  if (verb_ == "DELE") return cmd_dele(arg);
  if (verb_ == "RNFR") return cmd_rnfr(arg);
  if (verb_ == "RNTO") return cmd_rnto(arg);
  if (verb_ == "SIZE") return cmd_size(arg);
  if (verb_ == "TYPE") return cmd_type(arg);
  if (verb_ == "MODE") return cmd_mode(arg);
  if (verb_ == "STRU") return cmd_stru(arg);
  if (verb_ == "REST") return cmd_rest(arg);
  if (verb_ == "PASV") return cmd_pasv(arg);
  if (verb_ == "EPSV") return cmd_epsv(arg);
  if (verb_ == "PORT") return cmd_port(arg);
  if (verb_ == "EPRT") return cmd_eprt(arg);
  if (verb_ == "LIST" || verb_ == "NLST") return cmd_list(arg, verb_ == "NLST");
  if (verb_ == "RETR") return cmd_retr(arg);
  if (verb_ == "STOR" || verb_ == "STOU") return cmd_stor(arg, verb_ == "STOU");
  if (verb_ == "ALLO") return reply(202, "ALLO not needed.");
  reply(202, "SITE command not implemented.");
}

void Session::cmd_user(const std::string& arg) {
  logged_in_ = false;
  user_ = arg;
  user_ok_ = true;
  reply(331, "Password required.");  // the same for every name (RFC 2577 7)
}

void Session::cmd_pass(const std::string& arg) {
  if (user_ == opts_.user && arg == opts_.password) {
    logged_in_ = true;
    return reply(230, "Logged in.");
  }
  reply(530, "Login incorrect.");
  if (++failed_logins_ >= kMaxFailedLogins) {
    reply(421, "Too many failed logins, closing control connection.");
    quit_ = true;
  }
}

void Session::cmd_help(const std::string& arg) {
  if (arg.empty()) {
    std::string all;
    for (const auto& k : kVerbs) all += std::string(k.name) + " ";
    return reply_multi(214, {"Commands recognized:", all, "Help OK."});
  }
  // The topic, upper-cased into a buffer for the longest verb with room to spare.
  char topic[32];
  // PLANTED BUG help-topic: the copy is bounded by the argument, not the buffer: a topic of
  // 32 characters or more writes past the end of the stack buffer.
  std::size_t n = bug("help-topic") ? arg.size() : std::min(arg.size(), sizeof topic - 1);
  for (std::size_t i = 0; i < n; ++i) topic[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(arg[i])));
  topic[n] = '\0';
  // The topic is not echoed: it may hold a bare CR or be thousands of bytes long.
  if (!find_verb(topic)) return reply(502, "Unknown command.");
  reply(214, std::string(topic) + " is recognized.");
}

void Session::cmd_type(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "A" || a == "A N" || a == "I" || a == "L 8") {
    type_ = a[0] == 'A' ? 'A' : 'I';
    return reply(200, std::string("Type set to ") + type_ + ".");
  }
  if (a == "E" || a == "E N" || a[0] == 'L' || a == "A T" || a == "A C")
    return reply(504, "Type not implemented.");
  reply(501, "Syntax error in parameters.");
}

void Session::cmd_mode(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "S") return reply(200, "Mode S.");
  reply(a == "B" || a == "C" ? 504 : 501, "Only stream mode.");
}

void Session::cmd_stru(const std::string& arg) {
  std::string a = upper(arg);
  if (a == "F" || a == "R") return reply(200, "Structure " + a + ".");
  reply(a == "P" ? 504 : 501, "Only file structure.");
}

void Session::cmd_rest(const std::string& arg) {
  if (arg.size() > 18 || !std::all_of(arg.begin(), arg.end(), ::isdigit))
    return reply(501, "REST takes a decimal byte offset.");
  rest_ = std::strtoll(arg.c_str(), nullptr, 10);
  reply(350, "Restarting at " + arg + ".");
}

}  // namespace pftp2
