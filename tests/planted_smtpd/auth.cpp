// AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN: offered in the EHLO reply only, so a
// client must learn it from there (HELO sessions get 503).
#include <cstdlib>
#include <cstring>

#include "fault_common/base64.hpp"
#include "session.hpp"

namespace psmtp {

bool Session::read_sasl_line(std::string& line) {
  auto r = in_.read_line(line, 12288);  // RFC 4954 4: a line of up to 12288 octets
  if (r == fcommon::LineReader::Read::Closed) {
    quit_ = true;
    return false;
  }
  if (r == fcommon::LineReader::Read::TooLong) line = "?";  // bad base64: refused below
  if (line == "*") {
    reply("501 Authentication cancelled");
    return false;
  }
  return true;
}

void Session::cmd_auth(const std::string& arg) {
  if (!extended_) return reply("503 Bad sequence of commands: AUTH needs EHLO");
  if (authenticated_) return reply("503 Already authenticated");
  if (in_transaction_) return reply("503 AUTH not permitted during a mail transaction");
  auto sp = arg.find(' ');
  std::string mech = arg.substr(0, sp), initial = sp == std::string::npos ? "" : arg.substr(sp + 1);
  for (auto& c : mech) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (mech == "PLAIN") return auth_plain(initial);
  if (mech == "LOGIN") return auth_login(initial);
  if (mech.empty()) return reply("501 Syntax: AUTH mechanism [initial-response]");
  reply("504 Unrecognized authentication type");
}

void Session::auth_plain(const std::string& initial) {
  std::string response = initial;
  if (response.empty()) {
    reply("334 ");
    if (!read_sasl_line(response)) return;
  }
  auto decoded = response == "=" ? std::optional<std::string>("") : fcommon::base64_decode(response);
  if (!decoded) return reply("501 Malformed base64");
  // authzid NUL authcid NUL passwd, in a C buffer as the SASL library of old would hand it.
  char* creds = static_cast<char*>(std::malloc(decoded->size() + 1));
  std::memcpy(creds, decoded->data(), decoded->size());
  creds[decoded->size()] = '\0';
  const char* authzid = creds;
  std::size_t z1 = std::strlen(creds);
  const char* authcid = z1 < decoded->size() ? creds + z1 + 1 : nullptr;
  const char* passwd = authcid ? authcid + std::strlen(authcid) + 1 : nullptr;
  bool shaped = passwd && static_cast<std::size_t>(passwd - creds) <= decoded->size();
  if (!shaped || opts_.user != authcid || opts_.password != passwd) {
    reply("535 Authentication credentials invalid");
  } else if (*authzid && std::strcmp(authzid, authcid) != 0) {
    // PLANTED BUG auth-authzid: the refusal to act as another identity frees the buffer
    // here, and the common exit below frees it a second time.
    reply("535 Not authorized to act as that identity");
    if (bug("auth-authzid")) std::free(creds);
  } else {
    authenticated_ = true;
    reply("235 Authentication successful");
  }
  std::free(creds);
}

void Session::auth_login(const std::string& initial) {
  std::string user64 = initial, pass64;
  if (user64.empty()) {
    reply("334 VXNlcm5hbWU6");  // "Username:"
    if (!read_sasl_line(user64)) return;
  }
  reply("334 UGFzc3dvcmQ6");  // "Password:"
  if (!read_sasl_line(pass64)) return;
  auto user = fcommon::base64_decode(user64), pass = fcommon::base64_decode(pass64);
  if (!user || !pass) return reply("501 Malformed base64");
  if (*user != opts_.user || *pass != opts_.password) return reply("535 Authentication credentials invalid");
  authenticated_ = true;
  reply("235 Authentication successful");
}

}  // namespace psmtp
