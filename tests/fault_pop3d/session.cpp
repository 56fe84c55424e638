#include "session.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <utility>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "text.hpp"

namespace fpop3d {

using namespace fcommon;  // socket helpers

namespace {
constexpr std::size_t kMaxCommandLine = 255;  // RFC 2449 4, CRLF included
constexpr std::size_t kRfc1939CommandLine = 47;  // RFC 1939 3: 4 + SP + 40 + CRLF (fault)
constexpr int kIdleTimeoutMs = 600000;        // RFC 1939 3: autologout of at least 10 minutes
constexpr int kLingerMs = 2000;
constexpr std::size_t kLongGreeting = 600;    // fault long-greeting: over the 512 maximum

// A clock value never handed out twice (RFC 1939 7: the timestamp MUST be different each
// time a greeting is issued), even for two connections within the same microsecond.
unsigned long long unique_clock() {
  static std::atomic<unsigned long long> last{0};
  auto now = static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch()).count());
  auto prev = last.load();
  unsigned long long next;
  do {
    next = now > prev ? now : prev + 1;
  } while (!last.compare_exchange_weak(prev, next));
  return next;
}

std::string make_timestamp() {
  return "<" + std::to_string(getpid()) + "." + std::to_string(unique_clock()) + "@fault_pop3d>";
}
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd), opts_(opts), reader_(fd, kIdleTimeoutMs) {}

Session::~Session() { close_fd(fd_); }

std::span<const Session::Command> Session::commands() {
  using S = Session;
  // RFC 1939 9 (and 7, RFC 2449 5, RFC 5034 4): the states each command is valid in.
  // constexpr, so nothing is destroyed at exit while detached sessions may still be running.
  static constexpr Command table[] = {
      {"USER", &S::cmd_user, true, false}, {"PASS", &S::cmd_pass, true, false},
      {"APOP", &S::cmd_apop, true, false}, {"AUTH", &S::cmd_auth, true, false},
      {"STAT", &S::cmd_stat, false, true}, {"LIST", &S::cmd_list, false, true},
      {"RETR", &S::cmd_retr, false, true}, {"DELE", &S::cmd_dele, false, true},
      {"NOOP", &S::cmd_noop, false, true}, {"RSET", &S::cmd_rset, false, true},
      {"TOP", &S::cmd_top, false, true},   {"UIDL", &S::cmd_uidl, false, true},
      {"CAPA", &S::cmd_capa, true, true},  {"QUIT", &S::cmd_quit, true, true},
  };
  return table;
}

std::string Session::status_line(bool positive, const std::string& text) const {
  std::string s = positive ? (fault(Fault::LowercaseOk) ? "+ok" : "+OK") : "-ERR";
  if (!text.empty()) s += " " + text;
  return s + eol();
}

void Session::ok(const std::string& text) { send_all(fd_, status_line(true, text)); }

void Session::err(const std::string& text) { send_all(fd_, status_line(false, text)); }

void Session::multi(const std::string& first, const std::vector<std::string_view>& lines,
                    bool stuff, bool terminate) {
  std::string out = status_line(true, first);
  for (auto line : lines) {
    if (stuff && !line.empty() && line[0] == '.') out += '.';  // RFC 1939 3 byte-stuffing
    out += line;
    out += eol();
  }
  if (terminate) out += std::string(".") + eol();
  send_all(fd_, out);
}

// A bare LF is part of the line (and makes it invalid). Pipelined commands wait in the
// reader's buffer for the next call (RFC 2449 6.6). An idle client is logged out without a
// response and without UPDATE (RFC 1939 3).
Session::Read Session::read_line(std::string& line, std::size_t max) {
  const Read r = reader_.read_line(line, max);
  if (r == Read::Closed) gone_ = true;
  return r;
}

std::string Session::greeting() {
  // APOP's challenge (RFC 1939 7); same-timestamp hands out the first one again and again.
  if (fault(Fault::SameTimestamp)) {
    static const std::string* fixed = new std::string(make_timestamp());  // immortal, as in main
    timestamp_ = *fixed;
  } else if (!fault(Fault::ApopNoTimestamp)) {
    timestamp_ = make_timestamp();
  }
  std::string text = "fault_pop3d ready";
  if (!timestamp_.empty()) text += " " + timestamp_;
  std::string line = status_line(true, text);
  if (fault(Fault::LongGreeting) && line.size() < kLongGreeting)
    line.insert(line.size() - std::string_view(eol()).size(), " " + std::string(kLongGreeting - line.size() - 1, 'x'));
  return line;
}

void Session::run() {
  send_all(fd_, greeting());
  const std::size_t max = fault(Fault::ShortCommandLimit) ? kRfc1939CommandLine : kMaxCommandLine;
  std::string line;
  while (!quit_ && !gone_) {
    Read r = read_line(line, max);
    if (r == Read::Closed) break;
    if (r == Read::TooLong) {
      user_.reset();  // PASS must follow USER immediately
      err("line too long");
    } else {
      handle(line);
    }
    if (fault(Fault::PipeliningDrops)) reader_.buffer().clear();  // what came along is lost
  }
  if (quit_) {
    linger_close(fd_, kLingerMs);
    return;
  }
  // Ended without QUIT: no UPDATE, nothing removed (RFC 1939 6). The lock is released before
  // the socket closes, so a client that sees the close (autologout) can log in again at once.
  if (state_ == State::Transaction && fault(Fault::UpdateOnDrop)) remove_marked();
  lock_.release();
}

void Session::handle(const std::string& line) {
  auto sp = line.find(' ');
  std::string keyword = upper(std::string_view(line).substr(0, sp));
  // PASS is valid only immediately after a successful USER (RFC 1939 7): the name of such a
  // USER lives for exactly the next command.
  last_user_ = std::exchange(user_, std::nullopt);
  Args a;
  if (sp != std::string::npos) {
    a.rest = line.substr(sp + 1);
    for (std::size_t i = 0, j; i <= a.rest.size(); i = j + 1) {
      j = a.rest.find(' ', i);
      if (j == std::string::npos) j = a.rest.size();
      a.params.push_back(a.rest.substr(i, j - i));
    }
  }
  const Command* cmd = nullptr;
  for (const auto& c : commands())
    if (keyword == c.keyword) cmd = &c;
  if (!cmd || (fault(Fault::CaseSensitive) && line.compare(0, keyword.size(), keyword) != 0))
    return err("unknown command");
  if (state_ == State::Authorization && !cmd->in_authorization) {
    if (keyword == "STAT" && fault(Fault::StatBeforeLogin)) return ok("0 0");
    return err("not valid in the AUTHORIZATION state, log in first");
  }
  if (state_ == State::Transaction && !cmd->in_transaction)
    return err("not valid in the TRANSACTION state, already logged in");
  // param = 1*VCHAR, separated by single spaces (RFC 2449 3); PASS's argument may hold spaces.
  auto vchar = [](char c) { return c > 0x20 && c < 0x7F; };
  if (keyword != "PASS")
    for (const auto& p : a.params)
      if (p.empty() || !std::all_of(p.begin(), p.end(), vchar))
        return err("syntax error in the arguments");
  (this->*(cmd->fn))(a);
}

void Session::cmd_capa(const Args& a) {
  if (!a.params.empty()) return err("syntax: CAPA");
  // RFC 2449 5/6: the same list in both states (each is announced "both"). capa-shrinks drops
  // the login capabilities after login.
  const bool shrink = state_ == State::Transaction && fault(Fault::CapaShrinks);
  std::vector<std::string_view> caps = {"TOP", "UIDL"};
  if (!shrink) {
    caps.push_back("USER");
    caps.push_back("SASL PLAIN");
  }
  for (std::string_view c : {"RESP-CODES", "PIPELINING", "IMPLEMENTATION fault_pop3d"}) caps.push_back(c);
  multi("Capability list follows", caps);
}

void Session::cmd_quit(const Args& a) {
  if (!a.params.empty()) return err("syntax: QUIT");
  if (state_ == State::Transaction) return update();
  // QUIT in AUTHORIZATION: no UPDATE state (RFC 1939 6), nothing removed.
  ok("fault_pop3d signing off");
  quit_ = true;
}

std::size_t Session::remove_marked() {
  std::size_t failed = 0;
  for (const auto& m : msgs_)
    if (m.deleted || (m.retrieved && fault(Fault::UpdateRemovesRetrieved)))
      if (!remove_message(m.path)) ++failed;
  return failed;
}

void Session::update() {
  std::size_t failed = remove_marked();
  std::size_t left = 0;
  for (const auto& m : msgs_)
    if (!m.deleted && !(m.retrieved && fault(Fault::UpdateRemovesRetrieved))) ++left;
  // RFC 1939 6: whatever the outcome, release the lock, answer, close. The lock goes first,
  // so a client reconnecting as soon as it reads the answer finds the maildrop free.
  lock_.release();
  msgs_.clear();
  state_ = State::Authorization;
  if (failed)
    err("some deleted messages not removed");
  else
    ok(left ? "fault_pop3d signing off (" + std::to_string(left) + " messages left)"
            : "fault_pop3d signing off (maildrop empty)");
  if (!fault(Fault::QuitNoClose)) quit_ = true;
}

}  // namespace fpop3d
