// DATA (RFC 2821 4.1.1.4): the message up to the line ".", dot-unstuffed (4.5.2), with
// trace headers (4.4), delivered into the Maildir.
#include <ctime>

#include "envelope_table.hpp"
#include "maildir.hpp"
#include "session.hpp"

namespace psmtp {

namespace {
constexpr std::size_t kMaxTextLine = 65536;  // RFC 2821 4.5.3.1 asks for 1000, CRLF included
}

bool Session::read_message(std::string& body, bool& too_big) {
  std::string line;
  while (true) {
    auto r = in_.read_line(line, kMaxTextLine);
    if (r == fcommon::LineReader::Read::Closed) return false;
    if (r == fcommon::LineReader::Read::TooLong) {
      too_big = true;  // keep reading to the end: the client is still sending the message
      continue;
    }
    if (line == ".") return true;
    if (!line.empty() && line[0] == '.') line.erase(0, 1);  // RFC 2821 4.5.2 transparency
    if (body.size() + line.size() + 2 > kMaxMessage) too_big = true;
    if (!too_big) body += line + "\r\n";
  }
}

std::string Session::trace_headers() const {
  char date[64];
  std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", std::gmtime(&now));
  std::string received = "Received: from " + helo_ + " by " + opts_.domain + " (planted_smtpd)";
  // PLANTED BUG size-after-rset (the use): params_ may point at parameters RSET freed.
  if (params_) received += " (declared size " + std::to_string(params_->declared_size) + ")";
  return "Return-Path: <" + sender_ + ">\r\n" + received + "; " + date + "\r\n";
}

void Session::cmd_data(const std::string& arg) {
  if (!arg.empty()) return reply("501 Syntax: DATA");
  if (!in_transaction_) return reply("503 Bad sequence of commands: MAIL first");
  if (recipient_count() == 0) return reply("503 Bad sequence of commands: no valid recipients");
  reply("354 Start mail input; end with <CRLF>.<CRLF>");
  std::string body;
  bool too_big = false;
  if (!read_message(body, too_big)) {
    quit_ = true;  // the connection ended inside the message: nothing is delivered
    return;
  }
  if (too_big) {
    reset_transaction();
    return reply("552 Requested mail action aborted: exceeded storage allocation");
  }
  bool ok = deliver(opts_.maildir, trace_headers() + body);
  reset_transaction();
  reply(ok ? "250 OK: message accepted for delivery" : "451 Requested action aborted: local error in processing");
}

}  // namespace psmtp
