// The control loop (greeting, line reading, dispatch) and the commands that keep no
// transaction state: EHLO/HELO, RSET, NOOP, VRFY, HELP, QUIT.
#include "session.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unistd.h>

#include "envelope_table.hpp"
#include "fault_common/net.hpp"

namespace psmtp {

namespace {
// RFC 2821 4.5.3.1's 512 octets (CRLF included), plus the 500 RFC 4954 5 adds for AUTH=.
constexpr std::size_t kMaxCommandLine = 1012;
constexpr int kIdleTimeoutMs = 30000;         // then 421 and close: never hang a client
constexpr int kLingerMs = 1000;
constexpr std::size_t kDomainMax = 255;       // RFC 2821 4.5.3.1: the longest domain

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

Session::Session(int fd, const Options& opts) : fd_(fd), opts_(opts), in_(fd, kIdleTimeoutMs) {}

Session::~Session() {
  reset_transaction();
  fcommon::close_fd(fd_);
}

void Session::reply(const std::string& line) {
  if (!fcommon::send_all(fd_, line + "\r\n")) quit_ = true;
}

void Session::reply_multi(int code, const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += std::to_string(code) + (i + 1 < lines.size() ? "-" : " ") + lines[i] + "\r\n";
  if (!fcommon::send_all(fd_, out)) quit_ = true;
}

void Session::run() {
  reply("220 " + opts_.domain + " ESMTP planted_smtpd ready");
  std::string line;
  while (!quit_) {
    auto r = in_.read_line(line, kMaxCommandLine);
    if (r == fcommon::LineReader::Read::Closed) {
      if (in_.timed_out()) reply("421 " + opts_.domain + " Idle timeout, closing connection");
      break;
    }
    if (r == fcommon::LineReader::Read::TooLong) {
      reply("500 Line too long");
      continue;
    }
    dispatch(line);
  }
  fcommon::linger_close(fd_, kLingerMs);
}

void Session::dispatch(const std::string& line) {
  auto sp = line.find(' ');
  std::string verb = upper(line.substr(0, sp));
  std::string arg = sp == std::string::npos ? "" : line.substr(sp + 1);
  if (verb == "EHLO" || verb == "HELO") return cmd_ehlo(arg, verb == "EHLO");
  if (verb == "MAIL") return cmd_mail(arg);
  if (verb == "RCPT") return cmd_rcpt(arg);
  if (verb == "DATA") return cmd_data(arg);
  if (verb == "RSET") return cmd_rset(arg);
  if (verb == "NOOP") return reply("250 OK");  // RFC 2821 4.1.1.9: any argument is ignored
  if (verb == "VRFY") return cmd_vrfy(arg);
  if (verb == "EXPN") return reply("502 EXPN not implemented");
  if (verb == "HELP") return cmd_help(arg);
  if (verb == "AUTH") return cmd_auth(arg);
  if (verb == "QUIT") {
    reply("221 " + opts_.domain + " Service closing transmission channel");
    quit_ = true;
    return;
  }
  reply("500 Syntax error, command unrecognized");
}

void Session::cmd_ehlo(const std::string& arg, bool extended) {
  if (arg.empty() || arg.find(' ') != std::string::npos)
    return reply("501 Syntax: " + std::string(extended ? "EHLO" : "HELO") + " <domain>");
  // The name, NUL-terminated, in a buffer sized for the longest domain RFC 2821 allows.
  char name[kDomainMax + 1];
  // PLANTED BUG ehlo-name: the length is never checked against the buffer: a name of 256
  // octets or more (the command line allows 506) writes past the end of the stack buffer.
  std::size_t n = bug("ehlo-name") ? arg.size() : std::min(arg.size(), kDomainMax);
  std::memcpy(name, arg.data(), n);
  name[n] = '\0';
  reset_transaction();  // RFC 2821 4.1.4: EHLO/HELO in a transaction is an implicit RSET
  helo_ = name;
  extended_ = extended;
  // The client's name is not echoed: it may hold a bare CR or run the line past 512 octets.
  std::string greet = opts_.domain + " Hello";
  if (!extended) return reply("250 " + greet);
  reply_multi(250, {greet, "PIPELINING", "8BITMIME", "SIZE " + std::to_string(kMaxMessage),
                    "AUTH PLAIN LOGIN", "HELP"});
}

void Session::cmd_rset(const std::string& arg) {
  if (!arg.empty()) return reply("501 Syntax: RSET");
  // PLANTED BUG size-after-rset (first half): RSET frees MAIL's parameters but leaves the
  // pointer DATA checks them through; a later MAIL without SIZE= does not replace it.
  params_owner_.reset();
  if (!bug("size-after-rset")) params_ = nullptr;
  sender_.clear();
  in_transaction_ = false;
  clear_recipients();
  reply("250 OK");
}

void Session::reset_transaction() {
  params_owner_.reset();
  params_ = nullptr;
  sender_.clear();
  in_transaction_ = false;
  clear_recipients();
}

void Session::cmd_vrfy(const std::string& arg) {
  if (arg.empty()) return reply("501 Syntax: VRFY <string>");
  // RFC 2821 7.3: a server may decline to verify; 252 says the message would be tried.
  reply("252 Cannot VRFY user, but will accept message and attempt delivery");
}

void Session::cmd_help(const std::string& arg) {
  if (!arg.empty()) return reply("214 See RFC 2821 for the command");  // no echo, as for EHLO
  reply_multi(214, {"Commands:", "EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP AUTH QUIT",
                    "End of HELP info"});
}

}  // namespace psmtp
