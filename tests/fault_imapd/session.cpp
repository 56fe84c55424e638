#include "session.hpp"

#include <vector>

#include "fault_common/net.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
constexpr int kIdleTimeoutMs = 30 * 60 * 1000;  // RFC 3501 5.4: at least 30 minutes
constexpr int kLingerMs = 2000;
}  // namespace

Session::Session(int fd, const Options& opts)
    : fd_(fd), opts_(opts), reader_(fd, kIdleTimeoutMs), commands_(reader_, [this] { continuation(); }) {}

Session::~Session() { fcommon::close_fd(fd_); }

std::span<const Session::Command> Session::commands() {
  using S = Session;
  constexpr unsigned any = kNotAuth | kAuth | kSelected, authed = kAuth | kSelected;
  // RFC 3501 6: the states each command is valid in. constexpr: nothing to destroy at exit
  // while detached sessions may still run.
  static constexpr Command table[] = {
      {"CAPABILITY", &S::cmd_capability, any, true},
      {"NOOP", &S::cmd_noop, any, true},
      {"LOGOUT", &S::cmd_logout, any, false},
      {"LOGIN", &S::cmd_login, kNotAuth, false},
      {"AUTHENTICATE", &S::cmd_authenticate, kNotAuth, false},
      {"SELECT", &S::cmd_select, authed, true},
      {"EXAMINE", &S::cmd_examine, authed, true},
      {"CREATE", &S::cmd_create, authed, true},
      {"DELETE", &S::cmd_delete, authed, true},
      {"RENAME", &S::cmd_rename, authed, true},
      {"SUBSCRIBE", &S::cmd_subscribe, authed, true},
      {"UNSUBSCRIBE", &S::cmd_unsubscribe, authed, true},
      {"LIST", &S::cmd_list, authed, true},
      {"LSUB", &S::cmd_lsub, authed, true},
      {"STATUS", &S::cmd_status, authed, true},
      {"APPEND", &S::cmd_append, authed, true},
      {"CHECK", &S::cmd_check, kSelected, true},
      {"CLOSE", &S::cmd_close, kSelected, false},
      {"EXPUNGE", &S::cmd_expunge, kSelected, true},
      {"SEARCH", &S::cmd_search, kSelected, false},
      {"FETCH", &S::cmd_fetch, kSelected, false},
      {"STORE", &S::cmd_store, kSelected, false},
      {"COPY", &S::cmd_copy, kSelected, false},
      {"UID", &S::cmd_uid, kSelected, false},
  };
  return table;
}

std::span<const Session::Command> Session::uid_commands() {
  using S = Session;
  static constexpr Command table[] = {
      {"COPY", &S::cmd_copy, kSelected, false},
      {"FETCH", &S::cmd_fetch, kSelected, false},
      {"SEARCH", &S::cmd_search, kSelected, false},
      {"STORE", &S::cmd_store, kSelected, false},
  };
  return table;
}

void Session::untagged(std::string_view text) {
  out_ += "* ";
  out_ += text;
  out_ += eol();
}

void Session::flush() {
  if (out_.empty() || gone_) return;
  if (!fcommon::send_all(fd_, out_)) gone_ = true;
  out_.clear();
}

void Session::continuation() {
  out_ += std::string("+ Ready for literal data") + eol();
  flush();
}

void Session::run() {
  untagged("OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LITERAL+] fault_imapd ready");
  while (!gone_ && state_ != State::Logout) {
    flush();
    std::string text;
    switch (commands_.read(text)) {
      case CommandReader::Result::Closed:
        // RFC 3501 5.4: an idle client is logged out, with a BYE saying why.
        if (reader_.timed_out()) untagged("BYE Autologout; idle for too long");
        flush();
        return;
      case CommandReader::Result::TooLong:
        untagged("BAD Command line too long");
        break;
      case CommandReader::Result::LiteralRefused: {
        // No "+" was sent, so the client sends nothing more of this command.
        Parser p(text);
        auto tag = p.tag();
        if (tag && p.sp()) out_ += *tag + " NO Literal too large" + eol();
        else untagged("BAD Literal too large");
        break;
      }
      case CommandReader::Result::LiteralPlusTooLarge:
        // Its octets are on the way and would be read as commands: end the connection.
        untagged("BYE Literal too large");
        flush();
        fcommon::linger_close(fd_, kLingerMs);
        return;
      case CommandReader::Result::Command:
        handle(text);
        break;
    }
  }
  flush();
  fcommon::linger_close(fd_, kLingerMs);
}

const Session::Command* Session::find_command(std::span<const Command> table,
                                              const std::string& name) const {
  const std::string key = upper(name);
  // case-sensitive: a name written with lower-case letters is not recognized.
  if (fault(Fault::CaseSensitive) && key != name) return nullptr;
  for (const auto& c : table)
    if (key == c.name) return &c;
  return nullptr;
}

void Session::handle(const std::string& text) {
  Parser p(text);
  auto tag = p.tag();
  if (!tag) return untagged("BAD Missing or invalid tag");
  if (!p.sp()) return complete(*tag, "", bad("Missing command"));
  auto name = p.atom();
  const Command* cmd = name ? find_command(commands(), *name) : nullptr;
  if (!cmd) return complete(*tag, "", bad("Unknown command"));
  const unsigned bit = state_ == State::NotAuthenticated ? kNotAuth
                       : state_ == State::Authenticated  ? kAuth
                                                         : kSelected;
  if (!(cmd->states & bit)) {
    const char* why = state_ == State::NotAuthenticated ? "Log in first"
                      : cmd->states == kNotAuth         ? "Already authenticated"
                                                        : "No mailbox selected";
    return complete(*tag, cmd->name, bad(std::string(cmd->name) + " not valid in this state: " + why));
  }
  Request req{*tag, cmd->name, p};
  run_command(*cmd, req);
}

void Session::run_command(const Command& cmd, Request& req) {
  const Reply reply = (this->*cmd.fn)(req);
  if (state_ == State::Selected && selected_) {
    // Untagged updates before the completion. expunge-during-fetch: also where 7.4.1 forbids.
    const bool expunges = cmd.may_expunge || fault(Fault::ExpungeDuringFetch);
    const bool news = !(fault(Fault::NoAppendExists) && req.name == "APPEND");
    report_updates(expunges, news);
  }
  complete(req.tag, req.name, reply);
}

void Session::complete(const std::string& tag, const std::string& name, const Reply& reply) {
  std::string t = tag;
  if (fault(Fault::WrongTag) && name == "NOOP") t = previous_tag_.empty() ? tag + "x" : previous_tag_;
  previous_tag_ = tag;
  const char* kind = reply.kind == Reply::Kind::Ok ? "OK" : reply.kind == Reply::Kind::No ? "NO" : "BAD";
  out_ += t + " " + kind + " " + reply.text + eol();
}

void Session::report_updates(bool expunges, bool new_messages) {
  std::vector<std::string> lines;
  {
    std::lock_guard g(selected_->box->mutex);
    selected_->collect_updates({expunges, new_messages, fault(Fault::ExpungeOriginalNumbers)}, lines);
  }
  for (const auto& l : lines) untagged(l);
}

void Session::deselect() {
  selected_.reset();
  if (state_ == State::Selected) state_ = State::Authenticated;
}

Session::Reply Session::no_arguments(Request& r) const {
  if (!r.args.at_end()) return bad(r.name + " takes no arguments");
  return ok(r.name + " completed");
}

}  // namespace fimapd
