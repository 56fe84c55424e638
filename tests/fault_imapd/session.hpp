// One client's IMAP4rev1 session (RFC 3501 3): reads commands (with literals), runs them in the
// not authenticated, authenticated and selected states, reports what other sessions changed
// in the selected mailbox, and injects the faults switched on in Options. Runs on its own
// thread.
//   session.cpp          the command loop, dispatch, responses, untagged updates
//   session_auth.cpp     CAPABILITY NOOP LOGOUT LOGIN AUTHENTICATE
//   session_mailbox.cpp  SELECT EXAMINE CREATE DELETE RENAME SUBSCRIBE UNSUBSCRIBE LIST LSUB
//                        STATUS APPEND
//   session_message.cpp  CHECK CLOSE EXPUNGE SEARCH STORE COPY UID
//   session_fetch.cpp    FETCH
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "account.hpp"
#include "command_reader.hpp"
#include "fault_common/line_reader.hpp"
#include "options.hpp"
#include "parser.hpp"
#include "session_view.hpp"

namespace fimapd {

class Session {
 public:
  Session(int fd, const Options& opts);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void run();

 private:
  enum class State { NotAuthenticated, Authenticated, Selected, Logout };
  enum StateBit : unsigned { kNotAuth = 1, kAuth = 2, kSelected = 4 };

  // The tagged completion of a command (RFC 3501 7.1).
  struct Reply {
    enum class Kind { Ok, No, Bad } kind;
    std::string text;
  };
  struct Request {
    std::string tag;
    std::string name;  // upper case
    Parser& args;      // positioned after the command name
    bool uid = false;  // UID FETCH/STORE/COPY/SEARCH
  };
  using Handler = Reply (Session::*)(Request&);
  struct Command {
    const char* name;
    Handler fn;
    unsigned states;  // StateBits it is valid in
    bool may_expunge;  // RFC 3501 7.4.1: not FETCH, STORE, SEARCH (nor COPY, UID: cautious)
  };
  static std::span<const Command> commands();
  static std::span<const Command> uid_commands();

  static Reply ok(std::string text) { return {Reply::Kind::Ok, std::move(text)}; }
  static Reply no(std::string text) { return {Reply::Kind::No, std::move(text)}; }
  static Reply bad(std::string text) { return {Reply::Kind::Bad, std::move(text)}; }

  bool fault(Fault f) const { return opts_.faults.has(f); }
  const char* eol() const { return fault(Fault::BareLf) ? "\n" : "\r\n"; }
  void untagged(std::string_view text);  // queues "* text"
  void flush();                          // sends what is queued
  void continuation();                   // "+ ..." for a literal, sent at once

  // session.cpp
  void handle(const std::string& text);
  const Command* find_command(std::span<const Command> table, const std::string& name) const;
  void run_command(const Command& cmd, Request& req);
  void complete(const std::string& tag, const std::string& name, const Reply& reply);
  void report_updates(bool expunges, bool new_messages);
  void deselect();
  Reply no_arguments(Request& r) const;  // OK to go on when the command has nothing after it

  // session_auth.cpp
  Reply cmd_capability(Request&);
  Reply cmd_noop(Request&);
  Reply cmd_logout(Request&);
  Reply cmd_login(Request&);
  Reply cmd_authenticate(Request&);
  Reply login(const std::string& user, const std::string& password, const char* command);

  // session_mailbox.cpp
  Reply cmd_select(Request&);
  Reply cmd_examine(Request&);
  Reply select(Request&, bool read_only);
  Reply cmd_create(Request&);
  Reply cmd_delete(Request&);
  Reply cmd_rename(Request&);
  Reply cmd_subscribe(Request&);
  Reply cmd_unsubscribe(Request&);
  Reply subscription(Request&, bool on);
  Reply cmd_list(Request&);
  Reply cmd_lsub(Request&);
  Reply list(Request&, bool lsub);
  Reply cmd_status(Request&);
  Reply cmd_append(Request&);

  // session_message.cpp
  Reply cmd_check(Request&);
  Reply cmd_close(Request&);
  Reply cmd_expunge(Request&);
  Reply cmd_search(Request&);
  Reply cmd_store(Request&);
  Reply cmd_copy(Request&);
  Reply cmd_uid(Request&);
  // Reads SP sequence-set; checks sequence numbers against the view (RFC 3501 9: beyond the
  // mailbox is BAD). nullopt with the reply set when it is not valid.
  std::optional<SequenceSet> sequence_arg(Request& r, Reply& error);

  // session_fetch.cpp
  Reply cmd_fetch(Request&);

  int fd_;
  const Options& opts_;
  fcommon::LineReader reader_;
  CommandReader commands_;
  std::string out_;        // responses not sent yet
  bool gone_ = false;      // the connection failed: stop
  State state_ = State::NotAuthenticated;
  std::optional<Account> account_;
  std::unique_ptr<MailboxView> selected_;
  std::string previous_tag_;  // fault wrong-tag
};

}  // namespace fimapd
