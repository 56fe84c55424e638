#include "fuzz/executor.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "runner/control_connection.h"
#include "runner/data_channel.h"
#include "runner/recorder.h"
#include "runner/smtp_message.h"

namespace rfcheck::fuzz {
namespace {

using Clock = net::Clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

std::string upper_verb(std::string_view line) {
  std::string verb;
  for (char c : line) {
    if (c == ' ' || c == '\r' || c == '\n') break;
    verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return verb;
}

bool is_data_action(Action::Kind kind) {
  return kind == Action::Kind::kDataSend || kind == Action::Kind::kDataReceive ||
         kind == Action::Kind::kDataClose;
}

// One play of a session: the connections and what has been seen so far.
class Play {
 public:
  Play(const ProtocolSupport& protocol, const ProtocolModel& model, net::Network& network,
       const ExecutorOptions& options, SessionExecutor& executor)
      : protocol_(protocol), model_(model), network_(network), options_(options),
        executor_(executor) {}

  Execution run(const Session& session) {
    const auto start = Clock::now();
    ex_.played.resize(session.actions.size());
    phase_ = model_.initial_phase;
    ex_.connected = open(-1);
    if (ex_.connected) {
      for (std::size_t i = 0; i < session.actions.size(); ++i) {
        const Action* next = i + 1 < session.actions.size() ? &session.actions[i + 1] : nullptr;
        perform(i, session.actions[i], next);
      }
    }
    ex_.closed_by_server = control_ && control_->closed_by_server();
    // A passive port the session never used (a PASV sent raw, or answered late): connect and
    // close it, so a server that serves one client at a time is not left waiting in accept().
    if (control_ && passive_reply_) {
      connect_passive();
      data_->close();
    }
    if (control_) control_->close();
    data_.reset();
    ex_.last_phase = phase_;
    ex_.elapsed = duration_cast<microseconds>(Clock::now() - start);
    ex_.transcript = render(recorder_.transcript());
    return std::move(ex_);
  }

 private:
  bool open(long action) {
    std::string error;
    auto stream = network_.connect(options_.host, options_.port,
                                   Clock::now() + options_.connect_timeout, &error);
    if (!stream) {
      ex_.connect_error = error;
      recorder_.add(TranscriptEntry::Kind::kEvent, "main", "cannot connect: " + error);
      return false;
    }
    control_ = std::make_unique<ControlConnection>("main", std::move(stream), protocol_, recorder_);
    data_ = std::make_unique<DataChannel>(network_, recorder_, "main");
    phase_ = model_.initial_phase;
    commands_sent_ = 0;  // tags start again on a new connection
    continued_verb_.clear();
    const auto sent = Clock::now();
    collect(action, sent, nullptr, "(greeting)");
    return true;
  }

  void send(std::size_t i, const std::string& bytes, const std::string& shown,
            bool drain = false) {
    if (!control_ || control_->closed_by_server()) return;
    ex_.last_command = escape_bytes(shown, 300);
    std::string error;
    control_->send(bytes, escape_bytes(shown, 4096), Clock::now() + options_.connect_timeout, &error);
    // A line that answers the server's request for more (a SASL challenge, DATA's 354) is
    // timed as the command it continues: the answer it gets is that command's (a password
    // check is slower than the refusal of an unknown verb).
    const std::string verb = continued_verb_.empty() ? upper_verb(bytes) : continued_verb_;
    const int last = collect(static_cast<long>(i), Clock::now(), next_,
                             continued_verb_.empty() ? verb : continued(verb), drain);
    continued_verb_ = last >= 300 && last < 400 ? verb : "";
  }

  // Its own latency entry ("(AUTHENTICATE continued)"); invented verbs share one.
  std::string continued(const std::string& verb) const {
    return "(" + (model_.find(verb) ? verb : std::string("other")) + " continued)";
  }

  // A command action, in its wire form (ProtocolModel::frame_command): usually one write;
  // for IMAP the tagged line, and after each synchronizing literal's announcement the rest
  // only once the server said "+" (RFC 3501 7.5), as the runner sends a spec's literals.
  void send_command(std::size_t i, const Action& a) {
    const CommandWire wire = frame_command(model_, a.payload, commands_sent_++);
    if (!control_ || control_->closed_by_server() || wire.parts.empty()) return;
    ex_.last_command = escape_bytes(a.payload, 300);
    const std::string verb = upper_verb(a.payload);
    PlayedAction& played = ex_.played[i];
    for (std::size_t k = 0; k < wire.parts.size(); ++k) {
      const std::string& part = wire.parts[k];
      const bool more = k + 1 < wire.parts.size();
      std::string error;
      // The transcript shows each part as written, without the CRLF that ends it.
      const std::string_view shown =
          std::string_view(part).substr(0, part.size() - (part.ends_with("\r\n") ? 2 : 0));
      control_->send(part, escape_bytes(shown, 4096), Clock::now() + options_.connect_timeout, &error);
      const std::size_t before = played.codes.size();
      go_ahead_wanted_ = more;
      const int last =
          collect(static_cast<long>(i), Clock::now(), next_, k == 0 ? verb : continued(verb));
      go_ahead_wanted_ = false;
      continued_verb_ = last >= 300 && last < 400 ? verb : "";
      if (wire.parts.size() > 1) played.part_replies.push_back(played.codes.size() - before);
      // A refusal, silence or a close instead of the go-ahead: the rest is not sent (the
      // server reads the next line as a new command, and so does the codec).
      if (more && !(last >= 300 && last < 400)) return;
      if (!control_ || control_->closed_by_server()) return;
    }
  }

  // Reads replies until every command sent has its final reply, the server wants more from
  // the client (3yz), or the silence timeout passes. Returns the class of the last final
  // reply read (0: none).
  int collect(long action, Clock::time_point sent, const Action* next, const std::string& verb,
              bool drain = false) {
    if (!control_) return 0;
    // Older commands still unanswered: the server is busy with them (a slow password check)
    // and answers in order, so waiting again for this one only adds up. Take what is there.
    // Unless the next step needs this reply (`drain`: the port a PASV names).
    const bool backlog = !drain && control_->awaiting() > 1;
    const milliseconds silence = backlog ? milliseconds(1) : executor_.silence(verb);
    bool first = true;
    int last = 0;
    // After an interim reply the final one is still to be read, even when the codec, which
    // frames whole reads at once, already counts the command as answered: it is queued.
    bool after_interim = false;
    while (control_->awaiting() > 0 || after_interim) {
      if (last >= 300 && last < 400) break;
      // After a 1yz the server waits on the data connection: let the data action run.
      if (last >= 100 && last < 200 && next && is_data_action(next->kind)) break;
      auto got = control_->next_reply(Clock::now() + silence);
      if (got.status == ControlConnection::Status::kTimeout) {
        const bool transfer_wait = last >= 100 && last < 200;
        if (!backlog && last == 0) executor_.learn_silence(verb);
        if (!transfer_wait && !backlog && action >= 0) {
          ex_.played[static_cast<std::size_t>(action)].silent = true;
          observe(Observation::Kind::kSilence, "no reply within " +
                  std::to_string(silence.count()) + " ms", "", action);
        }
        break;
      }
      if (got.status != ControlConnection::Status::kOk) break;  // closed or reset
      if (first) {
        executor_.learn_latency(verb, duration_cast<microseconds>(Clock::now() - sent));
        first = false;
      }
      after_interim = model_.interim_reply && model_.interim_reply(got.reply);
      if (after_interim) {
        check_canary(got.reply, action);  // IMAP untagged data: the completion is still to come
        continue;
      }
      last = model_.reply_class(got.reply);
      on_reply(action, got.answers, got.reply);
    }
    drain_findings(action);
    return last;
  }

  void check_canary(const proto::Reply& reply, long action) {
    if (!options_.canary_secret.empty() && reply.text().find(options_.canary_secret) != std::string::npos) {
      observe(Observation::Kind::kPathEscape,
              "a reply shows the content of a file outside the server's root", "RFC 2577 7", action);
    }
  }

  void on_reply(long action, const std::string& verb, const proto::Reply& reply) {
    // Verbs the grammar does not know are one state, "(other)": the mutator invents endless
    // verbs, and each would otherwise count as a new protocol state. "UID FETCH" (what an
    // IMAP completion answers) is known when its first word is.
    const bool known = verb.empty() || model_.find(verb.substr(0, verb.find(' '))) != nullptr;
    // The model's reply class: FTP and SMTP codes as they are; other protocols map their
    // statuses onto the same classes (POP3 +OK is a 2yz, -ERR a 5yz).
    const int code = model_.reply_class(reply);
    ex_.transitions.push_back({phase_, known ? verb : "(other)", code});
    if (action >= 0) ex_.played[static_cast<std::size_t>(action)].codes.push_back(code);
    if (code == 0) return;
    // Security: a command that needs a login succeeded before one. The go-ahead for the rest
    // of a command (IMAP's "+" to a literal) is the server reading the command, not running it.
    const CommandGrammar* grammar = model_.find(verb.substr(0, verb.find(' ')));
    const bool go_ahead = go_ahead_wanted_ && code >= 300 && code < 400;
    if (grammar && grammar->needs_login && !model_.logged_in(phase_) && code < 400 &&
        !go_ahead && options_.check_auth) {
      observe(Observation::Kind::kAuthBypass,
              verb + " answered " + (reply.status.empty() ? std::to_string(code) : reply.status) +
                  " before login",
              model_.login_ref, action);
    }
    check_canary(reply, action);
    if (model_.has_data_channel && (code == 227 || code == 229)) passive_reply_ = reply;
    if (code >= 100 && code < 200) transfer_announced_ = true;
    phase_ = model_.next_phase(phase_, verb, code);
  }

  // Connects the data channel to the port the last 227/229 named (once).
  void connect_passive() {
    if (!passive_reply_) return;
    const std::optional<proto::Reply> reply = std::move(passive_reply_);
    passive_reply_.reset();
    data_->connect(control_->stream().peer_address(), reply,
                   reply->code == 229 ? "epsv" : "pasv", Clock::now() + options_.connect_timeout);
  }

  void observe(Observation::Kind kind, std::string message, std::string ref, long action,
               Level level = Level::kMust) {
    Observation o;
    o.kind = kind;
    o.message = std::move(message);
    o.ref = std::move(ref);
    o.command = ex_.last_command;
    o.phase = phase_;
    o.action = action < 0 ? 0 : static_cast<std::size_t>(action);
    o.level = level;
    ex_.observations.push_back(std::move(o));
  }

  // The connection's judges recorded findings: the codec's framing findings ("framing.*"),
  // and the protocol's reply oracle's, whatever it calls them ("reply-table" for FTP and
  // SMTP, "expunge-during-fetch" or "continuation-no-command" for IMAP): all reply-table.
  void drain_findings(long action) {
    auto& findings = recorder_.findings();
    for (; drained_ < findings.size(); ++drained_) {
      const Finding& f = findings[drained_];
      // The data channel's and TLS's findings are the runner's concern.
      if (f.kind == "pasv-address" || f.kind.rfind("tls.", 0) == 0) continue;
      const Observation::Kind kind = f.kind.rfind("framing.", 0) == 0
                                         ? Observation::Kind::kFraming
                                         : Observation::Kind::kReplyTable;
      observe(kind, f.message, f.ref, action, f.level);
    }
  }

  void perform(std::size_t i, const Action& a, const Action* next) {
    next_ = next;
    switch (a.kind) {
      case Action::Kind::kCommand:
        send_command(i, a);
        return;
      case Action::Kind::kRaw:
        send(i, a.payload, a.payload);
        return;
      case Action::Kind::kMessage: {
        const std::string content = smtp_data_content(a.payload);
        send(i, content, "(message, " + std::to_string(content.size()) + " bytes)");
        return;
      }
      case Action::Kind::kPassive: {
        if (!model_.has_data_channel || !control_) return;
        const bool epsv = a.payload == "EPSV";
        send(i, epsv ? "EPSV\r\n" : "PASV\r\n", epsv ? "EPSV" : "PASV", true);
        if (control_) connect_passive();
        return;
      }
      case Action::Kind::kActive: {
        if (!model_.has_data_channel || !control_) return;
        const bool eprt = a.payload == "EPRT";
        auto listening = data_->listen(control_->stream().local_address(), "", eprt ? "eprt" : "port");
        if (!listening.ok) return;
        const std::string verb = eprt || !listening.variables.count("data.port_arg") ? "EPRT" : "PORT";
        const std::string arg = listening.variables[verb == "EPRT" ? "data.eprt_arg" : "data.port_arg"];
        send(i, verb + " " + arg + "\r\n", verb + " " + arg);
        return;
      }
      case Action::Kind::kDataSend:
      case Action::Kind::kDataReceive:
      case Action::Kind::kDataClose: {
        if (!model_.has_data_channel || !control_) return;
        // The data connection is short-lived: a server that never connects or never ends
        // the transfer costs a few silences, not a hang. A server that announced no transfer
        // (no 1yz since the data connection was set up) will not move data: only look.
        const auto wait = transfer_announced_
                              ? std::max(executor_.silence("(data)") * 4, milliseconds(50))
                              : milliseconds(2);
        const auto deadline = Clock::now() + wait;
        transfer_announced_ = false;
        if (a.kind == Action::Kind::kDataSend) {
          data_->send(a.payload, deadline);
        } else if (a.kind == Action::Kind::kDataReceive) {
          DataChannel::Checks checks;
          if (!options_.canary_secret.empty()) checks.not_text_regex = options_.canary_secret;
          auto r = data_->receive(checks, deadline);
          if (!r.ok && r.message == "the data matches what it must not") {
            observe(Observation::Kind::kPathEscape,
                    "a transfer delivered a file outside the server's root", "RFC 2577 7",
                    static_cast<long>(i));
          }
        } else {
          data_->close();
        }
        collect(static_cast<long>(i), Clock::now(), next, "(transfer)");
        return;
      }
      case Action::Kind::kReconnect:
        if (control_) control_->close();
        control_.reset();
        data_.reset();
        if (!open(static_cast<long>(i))) control_.reset();
        return;
    }
  }

  static std::string render(const std::vector<TranscriptEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
      switch (e.kind) {
        case TranscriptEntry::Kind::kSent: out += "> "; break;
        case TranscriptEntry::Kind::kReceived: out += "< "; break;
        case TranscriptEntry::Kind::kData: out += "= "; break;
        default: out += "* "; break;
      }
      std::string text = e.text;
      std::size_t at = 0;
      while ((at = text.find('\n', at)) != std::string::npos) {
        text.replace(at, 1, "\n  ");
        at += 3;
      }
      out += text;
      out += '\n';
    }
    return out;
  }

  const ProtocolSupport& protocol_;
  const ProtocolModel& model_;
  net::Network& network_;
  const ExecutorOptions& options_;
  SessionExecutor& executor_;
  Recorder recorder_;
  std::unique_ptr<ControlConnection> control_;
  std::unique_ptr<DataChannel> data_;
  std::string phase_;
  const Action* next_ = nullptr;
  std::optional<proto::Reply> passive_reply_;  // a 227/229 whose port is not connected yet
  bool transfer_announced_ = false;  // a 1yz since the last data action: data will move
  std::size_t commands_sent_ = 0;    // command actions on this connection (IMAP's tags)
  bool go_ahead_wanted_ = false;     // a part of the command waits for the server's go-ahead
  std::string continued_verb_;       // the command whose last reply asked for more (3yz)
  std::size_t drained_ = 0;
  Execution ex_;
};

}  // namespace

SessionExecutor::SessionExecutor(const ProtocolSupport& protocol, const ProtocolModel& model,
                                 net::Network& network, ExecutorOptions options)
    : protocol_(protocol), model_(model), network_(network), options_(std::move(options)) {}

std::string SessionExecutor::latency_key(const std::string& verb) const {
  // Known verbs and the executor's own waits, "(...)", each learn apart; the fuzzer's
  // invented verbs share one entry, so the table stays small.
  if (verb.starts_with("(") || model_.find(verb)) return verb;
  return "(other)";
}

std::chrono::milliseconds SessionExecutor::silence(const std::string& verb) const {
  // Four times the latency this server has shown for the verb, plus slack for scheduling
  // noise: a server that answers NOOP in 0.2 ms is given the floor, a password check that
  // takes 30 ms about 130 ms. A reply that arrives ends the wait at once, so a generous
  // silence costs time only when the server really stays silent.
  auto it = latency_ewma_us_.find(latency_key(verb));
  const double us = it == latency_ewma_us_.end() ? 2'000 : it->second;
  const auto adaptive = milliseconds(static_cast<long>(us * 4 / 1000) + 5);
  return std::clamp(adaptive, options_.min_silence, options_.max_silence);
}

void SessionExecutor::learn_latency(const std::string& verb, std::chrono::microseconds latency) {
  auto [it, fresh] = latency_ewma_us_.try_emplace(latency_key(verb), static_cast<double>(latency.count()));
  if (!fresh) it->second = 0.8 * it->second + 0.2 * static_cast<double>(latency.count());
}

void SessionExecutor::learn_silence(const std::string& verb) {
  // No reply within the silence: maybe this server is just slower for this verb than we
  // thought (Nagle holding a 226 back 40 ms behind a delayed ACK). Double the estimate; a
  // reply that then arrives in time pulls it back down.
  const double cap = static_cast<double>(options_.max_silence.count()) * 1000 / 4;
  auto [it, fresh] = latency_ewma_us_.try_emplace(latency_key(verb), 2'000.0);
  it->second = std::min(std::max(it->second, 1'000.0) * 2, cap);
}

Execution SessionExecutor::play(const Session& session) {
  Play play(protocol_, model_, network_, options_, *this);
  return play.run(session);
}

}  // namespace rfcheck::fuzz
