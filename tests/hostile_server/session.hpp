// A hostile server's session: just enough of FTP, SMTP, POP3 or IMAP (greeting, login, a few
// commands, an FTP passive data connection) for the harness to reach the point where the
// behaviour's hostility bites, which is at accept, after the greeting, or on one command.
#pragma once

#include <string>

#include "fault_common/line_reader.hpp"

namespace hostile {

enum class Protocol { Ftp, Smtp, Pop3, Imap };

struct Command {
  std::string tag;   // IMAP only
  std::string verb;  // upper case
  std::string arg;   // the rest of the line
  std::string line;  // the whole line, without CRLF
};

struct Session {
  Session(int client, Protocol p) : fd(client), protocol(p), reader(client, 30000) {}
  int fd;
  Protocol protocol;
  fcommon::LineReader reader;
  int pasv_fd = -1;  // FTP: the passive listener of the last PASV/EPSV
};

// What the behaviour does when it bites; true: the session goes on normally afterwards.
using Action = bool (*)(Session&, const Command&);

struct Behaviour;

// The whole session of one client, with the behaviour applied; closes s.fd.
void run_session(Session& s, const Behaviour& b);

// Protocol pieces the actions reuse.
std::string greeting(Protocol p);
// A complete, correct reply to cmd (tagged for IMAP); empty: close after `bye`.
std::string normal_reply(Session& s, const Command& cmd, bool& bye);
// The reply prefix an action's reply should start with: FTP "200", SMTP "250", POP3 "+OK",
// IMAP "<tag> OK".
std::string ok_status(Protocol p, const Command& cmd);

}  // namespace hostile
