// One client's POP3 session: reads commands as a stream (PIPELINING: answers go out in order),
// runs the AUTHORIZATION -> TRANSACTION -> UPDATE states of RFC 1939 over the maildrop and
// injects the faults switched on in Options. Runs on its own thread.
//   session.cpp      reading, replying, dispatch, CAPA, QUIT and UPDATE
//   auth.cpp         USER/PASS, APOP, AUTH PLAIN, entering TRANSACTION (lock, scan)
//   transaction.cpp  STAT LIST RETR DELE NOOP RSET TOP UIDL
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fault_common/line_reader.hpp"
#include "maildrop.hpp"
#include "options.hpp"

namespace fpop3d {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();

 private:
  enum class State { Authorization, Transaction };
  using Read = fcommon::LineReader::Read;
  struct Args {
    std::vector<std::string> params;  // the SP-separated parameters
    std::string rest;                 // everything after "KEYWORD " (PASS takes it whole)
  };
  using Handler = void (Session::*)(const Args&);
  struct Command {
    const char* keyword;
    Handler fn;
    bool in_authorization;  // valid in AUTHORIZATION
    bool in_transaction;    // valid in TRANSACTION
  };
  static std::span<const Command> commands();

  bool fault(Fault f) const { return opts_.faults.has(f); }
  const char* eol() const { return fault(Fault::BareLf) ? "\n" : "\r\n"; }
  std::string status_line(bool positive, const std::string& text) const;
  void ok(const std::string& text);
  void err(const std::string& text);
  // "+OK first", the lines (byte-stuffed), then "." unless terminate is false.
  void multi(const std::string& first, const std::vector<std::string_view>& lines,
             bool stuff = true, bool terminate = true);
  // The next command line (max counts the CRLF); Closed also marks the session gone.
  Read read_line(std::string& line, std::size_t max);
  void handle(const std::string& line);
  std::string greeting();

  // auth.cpp
  void cmd_user(const Args&);
  void cmd_pass(const Args&);
  void cmd_apop(const Args&);
  void cmd_auth(const Args&);
  bool sasl_response(std::string& decoded);  // one client line after "+ "; false: answered
  void login();  // credentials good: lock, scan, enter TRANSACTION (or -ERR)

  // transaction.cpp
  void cmd_stat(const Args&);
  void cmd_list(const Args&);
  void cmd_retr(const Args&);
  void cmd_dele(const Args&);
  void cmd_noop(const Args&);
  void cmd_rset(const Args&);
  void cmd_top(const Args&);
  void cmd_uidl(const Args&);
  // The message numbered by arg, or nullptr after an -ERR. Numbers are fixed for the session
  // (RFC 1939 4); a message marked as deleted is an error unless allow_deleted.
  Message* message(const std::string& arg, bool allow_deleted = false);
  std::size_t number_of(std::size_t index) const;  // index in msgs_ -> message-number
  std::size_t size_of(const Message& m) const;
  std::string uid_of(const Message& m) const;
  std::string drop_summary() const;  // "N messages (M octets)" of the undeleted ones

  // session.cpp
  void cmd_capa(const Args&);
  void cmd_quit(const Args&);
  void update();  // UPDATE state: remove what QUIT must remove, release the lock, answer
  std::size_t remove_marked();  // removes the marked messages' files; returns the failures

  int fd_;
  const Options& opts_;
  fcommon::LineReader reader_;  // commands end with CRLF only (RFC 1939 3)
  bool quit_ = false;        // QUIT answered: close the connection (gracefully)
  bool gone_ = false;        // the peer closed, the connection failed or idled out

  State state_ = State::Authorization;
  std::string timestamp_;                  // APOP challenge of the greeting, "<pid.clock@...>"
  std::optional<std::string> user_;        // name given by a successful USER (this command)
  std::optional<std::string> last_user_;   // ... by the command just before: PASS may follow
  MaildropLock lock_;
  std::vector<Message> msgs_;              // fixed when TRANSACTION is entered
  unsigned long serial_ = 0;               // this session's login number (uidl-unstable)
};

}  // namespace fpop3d
