// The AUTHORIZATION state (RFC 1939 4, 7; RFC 5034): USER/PASS, APOP, AUTH PLAIN, and the
// step into TRANSACTION (exclusive-access lock, message list fixed).
#include <atomic>

#include "fault_common/net.hpp"
#include "session.hpp"
#include "text.hpp"

namespace fpop3d {

namespace {
constexpr std::size_t kMaxSaslLine = 12288;  // a client's SASL response line (base64)
std::atomic<unsigned long> g_logins{0};      // numbers the logins (uidl-unstable)
}  // namespace

void Session::cmd_user(const Args& a) {
  if (a.params.size() != 1) return err("syntax: USER name");
  // RFC 1939 7: USER only after the greeting or an unsuccessful USER or PASS.
  if (last_user_) return err("USER already given, send PASS or QUIT");
  // "The server may return a positive response even though no such mailbox exists": every name
  // gets +OK, so USER tells nobody which mailboxes exist; PASS decides.
  user_ = a.params[0];
  ok("send PASS for " + a.params[0]);
}

void Session::cmd_pass(const Args& a) {
  if (a.rest.empty()) return err("syntax: PASS string");
  if (!last_user_ && !fault(Fault::PassWithoutUser)) return err("send USER first");
  const std::string& name = last_user_ ? *last_user_ : opts_.user;
  // RFC 1939 7: a single argument, so spaces belong to the password.
  if (name != opts_.user || (a.rest != opts_.password && !fault(Fault::AnyPassword)))
    return err("invalid user name or password");
  login();
}

void Session::cmd_apop(const Args& a) {
  if (a.params.size() != 2) return err("syntax: APOP name digest");
  if (last_user_) return err("APOP not allowed after USER, send PASS or QUIT");
  // The digest is MD5(timestamp + secret) in lower-case hex (RFC 1939 7); upper case is
  // tolerated. apop-no-timestamp: the timestamp is empty, so MD5(secret) opens the door.
  const bool good = iequals(a.params[1], md5_hex(timestamp_ + opts_.apop_secret));
  if (a.params[0] != opts_.user || (!good && !fault(Fault::ApopAnyDigest)))
    return err("permission denied");
  login();
}

bool Session::sasl_response(std::string& decoded) {
  std::string line;
  Read r = read_line(line, kMaxSaslLine);
  if (r == Read::Closed) return false;  // gone_ is set: the session ends
  if (r == Read::TooLong) {
    err("authentication line too long");
    return false;
  }
  if (line == "*") {  // RFC 5034 4: the client cancels, the server answers -ERR
    err("authentication cancelled");
    return false;
  }
  auto d = base64_decode(line);
  if (!d) {
    err("invalid base64 in the authentication response");
    return false;
  }
  decoded = *d;
  return true;
}

void Session::cmd_auth(const Args& a) {
  if (a.params.empty() || a.params.size() > 2) return err("syntax: AUTH mechanism [initial-response]");
  if (upper(a.params[0]) != "PLAIN") return err("unsupported SASL mechanism " + a.params[0]);
  std::string msg;
  if (a.params.size() == 2) {
    // RFC 5034 4: "=" is an empty initial response.
    if (a.params[1] != "=") {
      auto d = base64_decode(a.params[1]);
      if (!d) return err("invalid base64 in the initial response");
      msg = *d;
    }
  } else {
    fcommon::send_all(fd_, std::string("+ ") + eol());  // empty challenge
    if (!sasl_response(msg)) return;
  }
  // RFC 4616: authzid NUL authcid NUL passwd; an authzid other than authcid is not allowed.
  auto n1 = msg.find('\0');
  auto n2 = n1 == std::string::npos ? std::string::npos : msg.find('\0', n1 + 1);
  if (n2 == std::string::npos) return err("malformed PLAIN response");
  std::string authz = msg.substr(0, n1), authc = msg.substr(n1 + 1, n2 - n1 - 1);
  std::string pass = msg.substr(n2 + 1);
  if ((!authz.empty() && authz != authc) || authc != opts_.user || pass != opts_.password)
    return err("authentication failed");
  login();
}

void Session::login() {
  // RFC 1939 4: lock, then open; a lock held elsewhere is -ERR (RFC 2449 8.1.2 IN-USE), and
  // a lock taken but not used is released before the -ERR.
  if (!fault(Fault::NoLock) && !lock_.acquire(opts_.maildrop))
    return err("[IN-USE] maildrop already locked by another session");
  if (!scan_maildrop(opts_.maildrop, msgs_)) {
    lock_.release();
    return err("[SYS/TEMP] cannot open the maildrop");
  }
  state_ = State::Transaction;  // with no message marked as deleted
  serial_ = ++g_logins;
  ok("maildrop locked and ready, " + drop_summary());
}

}  // namespace fpop3d
