// MAIL and RCPT (RFC 2821 4.1.1.2-3): the paths, MAIL's parameters (RFC 1869, 1870, 1652),
// and which recipients are ours.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "envelope_table.hpp"
#include "session.hpp"

namespace psmtp {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// RFC 2821 4.1.2: [source route ":"] Local-part "@" Domain, or a bare "postmaster". The
// domain: dot-separated labels of letters, digits and '-', or an address literal "[...]".
bool valid_mailbox(std::string path) {
  if (!path.empty() && path[0] == '@') {  // a source route, to be ignored (RFC 2821 C)
    auto colon = path.find(':');
    if (colon == std::string::npos) return false;
    path.erase(0, colon + 1);
  }
  if (lower(path) == "postmaster") return true;
  auto at = path.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == path.size()) return false;
  std::string local = path.substr(0, at), domain = path.substr(at + 1);
  if (local.find_first_of(" <>()[]\\,;:@\"") != std::string::npos && local.front() != '"') return false;
  if (domain.front() == '[') return domain.back() == ']' && domain.size() > 2;
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string::npos) return false;
  return std::all_of(domain.begin(), domain.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; });
}

// "FROM:<path> params" (keyword case-insensitive, no space before '<' required but one
// tolerated). Sets path (without the brackets) and the text after '>'; false on bad syntax.
bool split_path(const std::string& arg, const std::string& keyword, std::string& path,
                std::string& rest) {
  if (arg.size() < keyword.size() || lower(arg.substr(0, keyword.size())) != lower(keyword))
    return false;
  std::size_t p = keyword.size();
  if (p < arg.size() && arg[p] == ' ') ++p;
  if (p >= arg.size() || arg[p] != '<') return false;
  auto close = arg.find('>', p);
  if (close == std::string::npos) return false;
  path = arg.substr(p + 1, close - p - 1);
  rest = arg.substr(close + 1);
  if (!rest.empty() && rest[0] != ' ') return false;
  return path.empty() || valid_mailbox(path);
}
}  // namespace

bool Session::parse_mail_params(const std::string& params, MailParams& out, std::string& refusal) {
  std::size_t i = 0;
  while (i < params.size()) {
    if (params[i] == ' ') { ++i; continue; }
    auto end = params.find(' ', i);
    std::string p = params.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end == std::string::npos ? params.size() : end;
    auto eq = p.find('=');
    std::string key = lower(p.substr(0, eq)), value = eq == std::string::npos ? "" : p.substr(eq + 1);
    if (key == "size" && !value.empty() && value.size() <= 19 &&
        std::all_of(value.begin(), value.end(), ::isdigit)) {
      out.has_size = true;
      out.declared_size = std::strtoull(value.c_str(), nullptr, 10);
      if (out.declared_size > kMaxMessage) return refusal = "552 Message size exceeds fixed maximum message size", false;
    } else if (key == "auth" && !value.empty()) {
      // RFC 4954 5: the identity that submitted the message; recorded nowhere here.
    } else if (key == "body" && (lower(value) == "8bitmime" || lower(value) == "7bit")) {
      // RFC 1652: accepted; the body is stored as it comes either way.
    } else {
      return refusal = "555 MAIL FROM parameters not recognized or not implemented", false;
    }
  }
  return true;
}

void Session::cmd_mail(const std::string& arg) {
  if (helo_.empty()) return reply("503 Bad sequence of commands: send EHLO or HELO first");
  if (in_transaction_) return reply("503 Bad sequence of commands: nested MAIL");
  std::string path, rest, refusal;
  if (!split_path(arg, "FROM:", path, rest)) return reply("501 Syntax: MAIL FROM:<address>");
  MailParams params;
  if (rest.find_first_not_of(' ') != std::string::npos && !extended_)
    return reply("555 MAIL parameters need EHLO");
  if (!parse_mail_params(rest, params, refusal)) return reply(refusal);
  if (params.has_size) {
    params_owner_ = std::make_unique<MailParams>(params);
    params_ = params_owner_.get();
  } else if (!bug("size-after-rset")) {
    params_ = nullptr;
  }
  // PLANTED BUG size-after-rset (second half): without SIZE= the pointer from an earlier MAIL
  // stays as it is, freed by RSET if the bug is on.
  sender_ = path;
  in_transaction_ = true;
  reply("250 OK");
}

bool Session::local_mailbox(const std::string& path) const {
  if (lower(path) == "postmaster") return true;  // RFC 2821 4.5.1: always accepted
  auto at = path.rfind('@');
  if (at == std::string::npos) return false;
  if (lower(path.substr(at + 1)) != lower(opts_.domain)) return false;
  std::string local = path.substr(0, at);
  local = local.substr(0, local.find('+'));  // user+tag delivers to user
  if (lower(local) == "postmaster") return true;
  return std::find(opts_.accept.begin(), opts_.accept.end(), local) != opts_.accept.end();
}

void Session::cmd_rcpt(const std::string& arg) {
  if (!in_transaction_) return reply("503 Bad sequence of commands: MAIL first");
  std::string path, rest;
  if (!split_path(arg, "TO:", path, rest) || path.empty()) return reply("501 Syntax: RCPT TO:<address>");
  if (rest.find_first_not_of(' ') != std::string::npos)
    return reply("555 RCPT TO parameters not recognized or not implemented");
  if (!local_mailbox(path)) {
    auto at = path.rfind('@');
    bool ours = at != std::string::npos && lower(path.substr(at + 1)) == lower(opts_.domain);
    return reply(ours ? "550 No such user here" : "550 Relaying denied");
  }
  if (!add_recipient(path, bug("rcpt-table"))) return reply("452 Too many recipients");
  reply("250 OK");
}

}  // namespace psmtp
