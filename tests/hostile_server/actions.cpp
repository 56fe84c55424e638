#include "actions.hpp"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>

#include "fault_common/net.hpp"

namespace hostile {
namespace {

constexpr std::uint64_t kTenGigabytes = 10ull * 1000 * 1000 * 1000;

// Sends `first`, then `chunk` again and again until `total` bytes went or the peer left.
void stream(int fd, const std::string& first, const std::string& chunk, std::uint64_t total) {
  if (!fcommon::send_all(fd, first)) return;
  for (std::uint64_t sent = first.size(); sent < total; sent += chunk.size()) {
    if (!fcommon::send_all(fd, chunk)) return;
  }
}

std::string repeated(const std::string& line_start, std::size_t width) {
  std::string chunk;
  while (chunk.size() < 64 * 1024) chunk += line_start + std::string(width, 'a') + "\r\n";
  return chunk;
}

// The first line of a multi-line reply to c, and a chunk of its continuation lines.
std::pair<std::string, std::string> multi_line(Session& s, const Command& c) {
  switch (s.protocol) {
    case Protocol::Ftp: return {"200-here it comes\r\n", repeated(" ", 70)};
    case Protocol::Smtp: return {"250-here it comes\r\n", repeated("250-", 70)};
    case Protocol::Pop3: return {"+OK here it comes\r\n", repeated("", 70)};
    case Protocol::Imap: return {"* OK here it comes\r\n", repeated("* OK ", 70)};
  }
  (void)c;
  return {};
}

std::string final_line(Session& s, const Command& c) {
  switch (s.protocol) {
    case Protocol::Ftp: return "200 end\r\n";
    case Protocol::Smtp: return "250 end\r\n";
    case Protocol::Pop3: return ".\r\n";
    case Protocol::Imap: return c.tag + " OK end\r\n";
  }
  return {};
}

// After the hostility, what the session would have sent anyway: the greeting (at accept) or
// the command's reply.
bool carry_on(Session& s, const Command& c) {
  bool bye = false;
  if (c.verb.empty()) return fcommon::send_all(s.fd, greeting(s.protocol));
  return fcommon::send_all(s.fd, normal_reply(s, c, bye)) && !bye;
}

}  // namespace

bool silence(Session& s, const Command&) {
  while (s.reader.fill() || s.reader.timed_out()) s.reader.buffer().clear();
  return false;
}

bool accept_close(Session&, const Command&) { return false; }

bool endless_line(Session& s, const Command& c) {
  const std::string start = c.verb.empty() ? greeting(s.protocol) : ok_status(s.protocol, c) + " ";
  // The greeting's own CRLF is dropped: after the status, no line end ever comes.
  const std::string first = c.verb.empty() ? start.substr(0, start.size() - 2) + " " : start;
  stream(s.fd, first, std::string(64 * 1024, 'x'), kTenGigabytes);
  return false;
}

bool ten_gigabytes(Session& s, const Command& c) {
  const auto [first, chunk] = multi_line(s, c);
  stream(s.fd, first, chunk, kTenGigabytes);
  return false;
}

bool ten_gigabytes_wide(Session& s, const Command& c) {
  auto [first, chunk] = multi_line(s, c);
  const std::string start = chunk.substr(0, chunk.find('a'));  // " ", "250-", "", "* OK "
  stream(s.fd, first, start + std::string(60 * 1024, 'w') + "\r\n", kTenGigabytes);
  return false;
}

bool drip(Session& s, const Command&) {
  for (char ch : greeting(s.protocol)) {
    if (!fcommon::send_all(s.fd, std::string(1, ch))) return false;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return true;  // the whole greeting went, a byte at a time
}

bool unsolicited(Session& s, const Command& c) {
  std::string extra;
  for (int i = 0; i < 50; ++i) {
    switch (s.protocol) {
      case Protocol::Ftp: extra += "200 nobody asked\r\n"; break;
      case Protocol::Smtp: extra += "250 nobody asked\r\n"; break;
      case Protocol::Pop3: extra += "+OK nobody asked\r\n"; break;
      case Protocol::Imap: extra += "z" + std::to_string(i) + " OK nobody asked\r\n"; break;
    }
  }
  bool bye = false;
  return fcommon::send_all(s.fd, extra + normal_reply(s, c, bye)) && !bye;
}

bool reset_mid_reply(Session& s, const Command& c) {
  bool bye = false;
  const std::string reply = c.verb.empty() ? greeting(s.protocol) : normal_reply(s, c, bye);
  fcommon::send_all(s.fd, reply.substr(0, reply.size() / 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the half goes out first
  const linger hard{1, 0};  // close() now sends RST, not FIN
  setsockopt(s.fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  return false;
}

bool half_close(Session& s, const Command& c) {
  shutdown(s.fd, SHUT_WR);
  return silence(s, c);
}

bool garbage(Session& s, const Command& c) {
  const std::string junk("\x00\xff\xfe\x01 garbage \xc3\x28 \xed\xa0\x80 \x00\x1b[2J\r\n", 27);
  std::string reply = c.verb.empty() ? junk : ok_status(s.protocol, c) + " " + junk;
  return fcommon::send_all(s.fd, junk + reply);
}

bool garbage_greeting(Session& s, const Command& c) {
  garbage(s, c);
  return carry_on(s, c);  // the real greeting follows the garbage
}

bool many_lines(Session& s, const Command& c) {
  auto [first, chunk] = multi_line(s, c);
  std::string line = chunk.substr(0, chunk.find("\r\n") + 2);
  std::string body = first;
  for (int i = 0; i < 100000; ++i) body += line;
  return fcommon::send_all(s.fd, body + final_line(s, c));
}

bool two_mb_line(Session& s, const Command& c) {
  std::string reply = ok_status(s.protocol, c) + " " + std::string(2 * 1024 * 1024, 'L') + "\r\n";
  return fcommon::send_all(s.fd, reply);
}

bool cr_only(Session& s, const Command& c) {
  std::string g = greeting(s.protocol);
  g.pop_back();  // "...\r" with no LF
  fcommon::send_all(s.fd, g);
  return silence(s, c);
}

bool close_421(Session& s, const Command& c) {
  std::string bye;
  switch (s.protocol) {
    case Protocol::Ftp: bye = "421 closing, go away\r\n"; break;
    case Protocol::Smtp: bye = "421 hostile.test closing, go away\r\n"; break;
    case Protocol::Pop3: bye = "-ERR closing, go away\r\n"; break;
    case Protocol::Imap: bye = "* BYE closing, go away\r\n"; break;
  }
  fcommon::send_all(s.fd, bye);
  fcommon::linger_close(s.fd, 200);
  (void)c;
  return false;
}

// The child keeps every descriptor the server had (listener included) and shrugs off
// SIGTERM: only a stop that escalates to SIGKILL ends it.
bool fork_children(Session& s, const Command& c) {
  if (fork() == 0) {
    signal(SIGTERM, SIG_IGN);
    sleep(120);
    _exit(0);
  }
  return carry_on(s, c);
}

// A new session, then its leader exits: the grandchild is in neither the server's process
// group nor its session, and its parent is gone (init, or a subreaper, adopts it).
bool daemon_child(Session& s, const Command& c) {
  const pid_t child = fork();
  if (child == 0) {
    setsid();
    if (fork() == 0) {
      signal(SIGTERM, SIG_IGN);
      sleep(120);
      _exit(0);
    }
    _exit(0);
  }
  if (child > 0) waitpid(child, nullptr, 0);
  return carry_on(s, c);
}

bool tls_garbage(Session& s, const Command& c) {
  // Looks nothing like a TLS record (first byte 'H' is no content type), then silence.
  fcommon::send_all(s.fd, std::string("HTTP/1.0 400 no\r\n\x00\xff\x16\x03\x09 junk", 28));
  return silence(s, c);
}

bool starttls_plaintext(Session& s, const Command& c) {
  std::string ok;
  switch (s.protocol) {
    case Protocol::Ftp: ok = "234 go ahead\r\n"; break;
    case Protocol::Smtp: ok = "220 go ahead\r\n"; break;
    case Protocol::Pop3: ok = "+OK go ahead\r\n"; break;
    case Protocol::Imap: ok = c.tag + " OK go ahead\r\n"; break;
  }
  // The "handshake" that follows is plaintext: replies, then the ClientHello read as lines.
  return fcommon::send_all(s.fd, ok + ok_status(s.protocol, c) + " still plaintext\r\n");
}

bool pop3_no_terminator(Session& s, const Command& c) {
  fcommon::send_all(s.fd, "+OK 1 message\r\nSubject: x\r\n\r\nhello\r\n");
  return silence(s, c);
}

bool pop3_no_terminator_close(Session& s, const Command&) {
  fcommon::send_all(s.fd, "+OK 1 message\r\nSubject: x\r\n\r\nhello\r\n");
  return false;
}

bool imap_huge_literal(Session& s, const Command& c) {
  stream(s.fd, "* 1 FETCH (BODY[] {9999999999}\r\n", std::string(64 * 1024, 'b'),
         std::uint64_t{64} * 1024 * 1024);
  return silence(s, c);
}

bool imap_literal_longer(Session& s, const Command& c) {
  return fcommon::send_all(
      s.fd, "* 1 FETCH (BODY[] {5}\r\n0123456789abcdef)\r\n" + c.tag + " OK done\r\n");
}

bool imap_literal_shorter(Session& s, const Command& c) {
  fcommon::send_all(s.fd, "* 1 FETCH (BODY[] {50}\r\nshort)\r\n" + c.tag + " OK done\r\n");
  return silence(s, c);
}

bool imap_untagged_flood(Session& s, const Command& c) {
  std::string flood;
  for (int i = 1; i <= 20000; ++i) flood += "* " + std::to_string(i) + " EXISTS\r\n";
  return fcommon::send_all(s.fd, flood + c.tag + " OK done\r\n");
}

}  // namespace hostile
