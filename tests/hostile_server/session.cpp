#include "session.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "behaviours.hpp"
#include "fault_common/net.hpp"

namespace hostile {
namespace {

Command parse(Protocol p, const std::string& line) {
  Command c;
  c.line = line;
  std::string rest = line;
  if (p == Protocol::Imap) {  // "tag VERB args"
    const auto sp = rest.find(' ');
    c.tag = rest.substr(0, sp);
    rest = sp == std::string::npos ? "" : rest.substr(sp + 1);
  }
  const auto sp = rest.find(' ');
  c.verb = rest.substr(0, sp);
  c.arg = sp == std::string::npos ? "" : rest.substr(sp + 1);
  std::transform(c.verb.begin(), c.verb.end(), c.verb.begin(),
                 [](unsigned char ch) { return std::toupper(ch); });
  return c;
}

// FTP PASV: a real passive listener on the control connection's address.
std::string ftp_pasv(Session& s) {
  fcommon::close_fd(s.pasv_fd);
  sockaddr_storage local{};
  socklen_t len = sizeof local;
  getsockname(s.fd, reinterpret_cast<sockaddr*>(&local), &len);
  fcommon::set_port(local, 0);
  s.pasv_fd = fcommon::listen_on(local, 1);
  if (s.pasv_fd < 0) return "425 no data port\r\n";
  len = sizeof local;
  getsockname(s.pasv_fd, reinterpret_cast<sockaddr*>(&local), &len);
  const int port = fcommon::port_of(local);
  return "227 Entering Passive Mode (127,0,0,1," + std::to_string(port / 256) + "," +
         std::to_string(port % 256) + ")\r\n";
}

// FTP LIST/RETR over the passive connection: a few bytes, then close, then 226.
std::string ftp_transfer(Session& s) {
  if (s.pasv_fd < 0) return "425 use PASV first\r\n";
  fcommon::send_all(s.fd, "150 here it comes\r\n");
  int data = accept(s.pasv_fd, nullptr, nullptr);
  fcommon::close_fd(s.pasv_fd);
  if (data < 0) return "425 no data connection\r\n";
  fcommon::send_all(data, "-rw-r--r-- 1 ftp ftp 5 Jan 1 00:00 hello.txt\r\n");
  fcommon::close_fd(data);
  return "226 done\r\n";
}

std::string ftp_reply(Session& s, const Command& c, bool& bye) {
  const std::string& v = c.verb;
  if (v == "USER") return "331 password please\r\n";
  if (v == "PASS") return "230 logged in\r\n";
  if (v == "QUIT") return bye = true, "221 bye\r\n";
  if (v == "SYST") return "215 UNIX Type: L8\r\n";
  if (v == "PASV") return ftp_pasv(s);
  if (v == "LIST" || v == "NLST" || v == "RETR") return ftp_transfer(s);
  if (v == "NOOP" || v == "TYPE" || v == "MODE" || v == "STRU" || v == "PORT") return "200 ok\r\n";
  if (v == "HELP") return "214-help\r\n USER PASS QUIT\r\n214 end\r\n";
  return "502 not implemented\r\n";
}

std::string smtp_reply(Session& s, const Command& c, bool& bye) {
  const std::string& v = c.verb;
  if (v == "EHLO") return "250-hostile.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
  if (v == "HELO") return "250 hostile.test\r\n";
  if (v == "QUIT") return bye = true, "221 bye\r\n";
  if (v == "MAIL" || v == "RCPT" || v == "RSET" || v == "NOOP") return "250 ok\r\n";
  if (v == "DATA") {
    fcommon::send_all(s.fd, "354 go on\r\n");
    std::string line;
    while (s.reader.read_line(line, 1000) != fcommon::LineReader::Read::Closed && line != ".") {}
    return "250 queued\r\n";
  }
  if (v == "HELP") return "214 no help\r\n";
  return "502 not implemented\r\n";
}

std::string pop3_reply(const Command& c, bool& bye) {
  const std::string& v = c.verb;
  if (v == "QUIT") return bye = true, "+OK bye\r\n";
  if (v == "CAPA") return "+OK\r\nUSER\r\nTOP\r\nUIDL\r\nSTLS\r\n.\r\n";
  if (v == "STAT") return "+OK 1 18\r\n";
  if (v == "LIST") return c.arg.empty() ? "+OK 1 message\r\n1 18\r\n.\r\n" : "+OK 1 18\r\n";
  if (v == "UIDL") return c.arg.empty() ? "+OK\r\n1 a1\r\n.\r\n" : "+OK 1 a1\r\n";
  if (v == "RETR" || v == "TOP") return "+OK 18 octets\r\nSubject: x\r\n\r\nhello\r\n.\r\n";
  if (v == "USER" || v == "PASS" || v == "NOOP" || v == "RSET" || v == "DELE") return "+OK\r\n";
  return "-ERR not implemented\r\n";
}

std::string imap_reply(const Command& c, bool& bye) {
  const std::string& v = c.verb;
  const std::string ok = c.tag + " OK " + v + " done\r\n";
  if (v == "CAPABILITY") return "* CAPABILITY IMAP4rev1 STARTTLS\r\n" + ok;
  if (v == "LOGOUT") return bye = true, "* BYE bye\r\n" + ok;
  if (v == "SELECT" || v == "EXAMINE")
    return "* 1 EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen)\r\n* OK [UIDVALIDITY 1] u\r\n" + ok;
  if (v == "FETCH" || v == "UID")
    return "* 1 FETCH (FLAGS (\\Seen) UID 1 RFC822.SIZE 18)\r\n" + ok;
  if (v == "LOGIN" || v == "NOOP" || v == "CHECK" || v == "CLOSE") return ok;
  return c.tag + " BAD not implemented\r\n";
}

bool bites(const Behaviour& b, const Command& c) {
  return b.when == When::Command && (c.verb == b.verb || b.verb == "*");
}

}  // namespace

std::string greeting(Protocol p) {
  switch (p) {
    case Protocol::Ftp: return "220 hostile FTP ready\r\n";
    case Protocol::Smtp: return "220 hostile.test ESMTP ready\r\n";
    case Protocol::Pop3: return "+OK hostile POP3 ready\r\n";
    case Protocol::Imap: return "* OK [CAPABILITY IMAP4rev1 STARTTLS] hostile IMAP ready\r\n";
  }
  return {};
}

std::string ok_status(Protocol p, const Command& cmd) {
  switch (p) {
    case Protocol::Ftp: return "200";
    case Protocol::Smtp: return "250";
    case Protocol::Pop3: return "+OK";
    case Protocol::Imap: return cmd.tag + " OK";
  }
  return {};
}

std::string normal_reply(Session& s, const Command& cmd, bool& bye) {
  switch (s.protocol) {
    case Protocol::Ftp: return ftp_reply(s, cmd, bye);
    case Protocol::Smtp: return smtp_reply(s, cmd, bye);
    case Protocol::Pop3: return pop3_reply(cmd, bye);
    case Protocol::Imap: return imap_reply(cmd, bye);
  }
  return {};
}

void run_session(Session& s, const Behaviour& b) {
  // An action at accept sends the greeting itself, if any.
  bool go_on = b.when == When::Accept ? b.act(s, {}) : fcommon::send_all(s.fd, greeting(s.protocol));
  if (go_on && b.when == When::Greeting) go_on = b.act(s, {});
  std::string line;
  while (go_on) {
    const auto read = s.reader.read_line(line, 4096);
    if (read == fcommon::LineReader::Read::Closed) break;
    if (read == fcommon::LineReader::Read::TooLong) continue;
    const Command cmd = parse(s.protocol, line);
    if (bites(b, cmd)) {
      go_on = b.act(s, cmd);
      continue;
    }
    bool bye = false;
    go_on = fcommon::send_all(s.fd, normal_reply(s, cmd, bye)) && !bye;
    if (bye) fcommon::linger_close(s.fd, 200);
  }
  fcommon::close_fd(s.pasv_fd);
  fcommon::close_fd(s.fd);
}

}  // namespace hostile
