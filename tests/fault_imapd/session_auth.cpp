// Commands of any state and of the not authenticated state (RFC 3501 6.1, 6.2): CAPABILITY,
// NOOP, LOGOUT, LOGIN and AUTHENTICATE PLAIN (RFC 4616). No STARTTLS: the server has no TLS.
#include <mutex>

#include "fault_common/base64.hpp"
#include "mailbox.hpp"
#include "maildir.hpp"
#include "session.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
constexpr std::size_t kMaxSaslLine = 12288;  // the client's base64 response, CRLF included
}

Session::Reply Session::cmd_capability(Request& r) {
  if (!r.args.at_end()) return bad("CAPABILITY takes no arguments");
  untagged("CAPABILITY IMAP4rev1 AUTH=PLAIN LITERAL+");
  return ok("CAPABILITY completed");
}

Session::Reply Session::cmd_noop(Request& r) {
  if (!r.args.at_end()) return bad("NOOP takes no arguments");
  if (selected_) {  // new-message polling (RFC 3501 6.1.2): look at the directory again
    std::lock_guard g(selected_->box->mutex);
    selected_->box->sync_with_disk();
  }
  return ok("NOOP completed");
}

Session::Reply Session::cmd_logout(Request& r) {
  if (!r.args.at_end()) return bad("LOGOUT takes no arguments");
  // RFC 3501 6.1.3: BYE, then the tagged OK, then the server closes the connection.
  if (!fault(Fault::LogoutNoBye)) untagged("BYE fault_imapd logging out");
  deselect();  // no expunge (RFC 3501 6.4.2)
  state_ = State::Logout;
  return ok("LOGOUT completed");
}

Session::Reply Session::cmd_login(Request& r) {
  std::optional<std::string> user, password;
  if (!r.args.sp() || !(user = r.args.astring()) || !r.args.sp() ||
      !(password = r.args.astring()) || !r.args.at_end())
    return bad("Syntax: LOGIN userid password");
  return login(*user, *password, "LOGIN");
}

Session::Reply Session::login(const std::string& user, const std::string& password,
                              const char* command) {
  if (user != opts_.user || password != opts_.password)
    return no(std::string(command) + " failed: wrong user name or password");
  // The harness may have removed the Maildir to reset the account: INBOX always exists.
  if (!ensure_maildir(opts_.maildir)) return no("The mailbox store cannot be opened");
  account_.emplace(opts_.maildir);
  {
    auto inbox = open_mailbox(opts_.maildir);
    std::lock_guard g(inbox->mutex);
    inbox->sync_with_disk();  // picks up a reset made while no session was open
  }
  state_ = State::Authenticated;
  return ok(std::string(command) + " completed");
}

Session::Reply Session::cmd_authenticate(Request& r) {
  std::optional<std::string> mechanism;
  // No SASL-IR: the grammar has only the mechanism (RFC 3501 9 authenticate).
  if (!r.args.sp() || !(mechanism = r.args.atom()) || !r.args.at_end())
    return bad("Syntax: AUTHENTICATE mechanism");
  if (!iequals(*mechanism, "PLAIN")) return no("Unsupported authentication mechanism");
  out_ += std::string("+ ") + eol();  // PLAIN starts with an empty challenge
  flush();
  std::string line;
  switch (reader_.read_line(line, kMaxSaslLine)) {
    case fcommon::LineReader::Read::Closed:
      gone_ = true;
      return bad("Connection closed");
    case fcommon::LineReader::Read::TooLong:
      return bad("Authentication response too long");
    case fcommon::LineReader::Read::Line:
      break;
  }
  // RFC 3501 6.2.2: "*" cancels, and the server MUST answer BAD.
  if (line == "*") return bad("AUTHENTICATE cancelled");
  auto decoded = fcommon::base64_decode(line);
  if (!decoded) return bad("Invalid base64 in the authentication response");
  // RFC 4616: authzid NUL authcid NUL passwd; an authzid, if any, must be the authcid.
  const std::string& msg = *decoded;
  const auto n1 = msg.find('\0');
  const auto n2 = n1 == std::string::npos ? n1 : msg.find('\0', n1 + 1);
  if (n2 == std::string::npos) return no("Malformed PLAIN response");
  const std::string authz = msg.substr(0, n1), authc = msg.substr(n1 + 1, n2 - n1 - 1);
  if (!authz.empty() && authz != authc) return no("AUTHENTICATE failed: authorization identity refused");
  return login(authc, msg.substr(n2 + 1), "AUTHENTICATE");
}

}  // namespace fimapd
