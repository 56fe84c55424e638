#include "fuzz/case_export.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "runner/sha256.h"
#include "spec/case_writer.h"

namespace rfcheck::fuzz {
namespace {

bool is_1yz(int code) { return code >= 100 && code < 200; }

CodeSet code_class(const char* item) { return *CodeSet::parse_item(item); }

// Payloads are literal bytes, but the runner expands `{name}` in every text it sends.
std::string literal(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

// A regex matching `text` literally (RE2 syntax: a backslash makes any punctuation literal),
// then made literal for the template expansion too.
std::string literal_regex(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) {
      out += "\\x00";
    } else if (std::isalnum(b) || c == '_' || b >= 0x80) {
      out += c;
    } else {
      out += '\\';
      out += c;
    }
  }
  return literal(out);
}

// The verb a command or raw action's first line names, upper case.
std::string action_verb(const Action& a) {
  std::string verb;
  for (char c : a.payload) {
    if (c == ' ' || c == '\r' || c == '\n') break;
    verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return verb;
}

bool sends_line(Action::Kind kind) {
  return kind == Action::Kind::kCommand || kind == Action::Kind::kRaw ||
         kind == Action::Kind::kMessage;
}

class Exporter {
 public:
  Exporter(const Session& session, const std::vector<PlayedAction>& played,
           const FuzzFinding& finding, const ProtocolModel& model, const std::string& canary)
      : session_(session), played_(played), finding_(finding), model_(model), canary_(canary) {}

  std::vector<Step> steps() {
    find_special_actions();
    // The executor reads the greeting of its first connection outside any action.
    auto& greeting = expect(std::nullopt);
    if (hang_ == kNone && finding_.kind == FindingKind::kHang) greeting.timeout = kHangExpectTimeout;
    for (std::size_t i = 0; i < session_.actions.size(); ++i) action(i, session_.actions[i]);
    if (finding_.kind == FindingKind::kCrash &&
        (steps_.empty() || steps_.back().kind != Step::Kind::kExpect)) {
      // Wait for the server's answer to the last command, or its death: a dying server has
      // written its sanitizer report by the time the connection closes, and the runner's crash
      // oracle reads stderr when the case ends.
      expect(std::nullopt).timeout = kHangExpectTimeout;
    }
    return std::move(steps_);
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  const PlayedAction* played(std::size_t i) const {
    return i < played_.size() ? &played_[i] : nullptr;
  }

  // The action an auth-bypass or hang finding is about.
  void find_special_actions() {
    if (finding_.kind == FindingKind::kHang) {
      for (std::size_t i = 0; i < session_.actions.size(); ++i) {
        if (played(i) && played(i)->silent) hang_ = i;
      }
      if (hang_ == kNone) {
        for (std::size_t i = 0; i < session_.actions.size(); ++i) {
          if (sends_line(session_.actions[i].kind)) hang_ = i;
        }
      }
    }
    if (finding_.kind == FindingKind::kAuthBypass) {
      // The executor's message: "VERB answered CODE before login".
      const std::string& m = finding_.message;
      std::string verb = m.substr(0, m.find(' '));
      const auto answered = m.find(" answered ");
      const int code = answered == std::string::npos ? 0 : std::atoi(m.c_str() + answered + 10);
      if (verb.empty()) verb = action_verb(Action{Action::Kind::kCommand, finding_.command});
      for (std::size_t i = 0; i < session_.actions.size() && auth_ == kNone; ++i) {
        const Action& a = session_.actions[i];
        if (a.kind != Action::Kind::kCommand && a.kind != Action::Kind::kRaw) continue;
        if (action_verb(a) != verb) continue;
        const auto* p = played(i);
        if (code == 0 || !p || std::count(p->codes.begin(), p->codes.end(), code)) auth_ = i;
      }
      for (std::size_t i = session_.actions.size(); i-- > 0 && auth_ == kNone;) {
        if (session_.actions[i].kind == Action::Kind::kCommand) auth_ = i;
      }
    }
  }

  Step& push(Step::Kind kind) {
    Step s;
    s.kind = kind;
    s.connection = connection_;
    steps_.push_back(std::move(s));
    return steps_.back();
  }

  // A lenient expectation: any reply, or the connection closed.
  Step& expect(std::optional<CodeSet> if_last) {
    Step& s = push(Step::Kind::kExpect);
    s.expect.or_closed = true;
    s.if_last = std::move(if_last);
    return s;
  }

  Step& data(DataAction::Kind kind, std::string mode = {}) {
    Step& s = push(Step::Kind::kData);
    s.data.kind = kind;
    s.data.mode = std::move(mode);
    return s;
  }

  void send_line(const std::string& line) {
    const bool printable = std::all_of(line.begin(), line.end(), [](char c) {
      return c >= 0x20 && c < 0x7f;
    });
    // `send` cannot carry CR or LF, and shows best what a person reads; anything else is raw.
    Step& s = push(printable ? Step::Kind::kSend : Step::Kind::kSendRaw);
    s.text = literal(printable ? line : line + "\r\n");
  }

  // One expectation per reply the action got: the same replies in the same places. A reply
  // after a 1yz is read only when the server sent a 1yz this time too, so a fixed server that
  // refuses at once still passes. `assumed`: how many replies when nothing was played.
  void replies(std::size_t i, std::size_t assumed, std::optional<CodeSet> first_if = {}) {
    const PlayedAction* p = played(i);
    const std::size_t n = p ? p->codes.size() : assumed;
    std::size_t first_step = steps_.size();
    for (std::size_t k = 0; k < n; ++k) {
      std::optional<CodeSet> cond = k == 0 ? first_if : std::nullopt;
      if (k > 0 && p && is_1yz(p->codes[k - 1])) cond = code_class("1xx");
      expect(cond);
    }
    if (i == auth_) {
      // The command that needs a login must be refused before one (the model's login_ref).
      if (steps_.size() == first_step) expect(first_if);
      demand_refusal(steps_[first_step]);
    }
    if (i == hang_) {
      // The reply that never came: waited for, so the case fails while the server hangs.
      if ((p && p->silent) || steps_.size() == first_step) {
        const bool after_1yz = p && !p->codes.empty() && is_1yz(p->codes.back());
        expect(after_1yz ? std::optional(code_class("1xx")) : first_if);
      }
      steps_.back().timeout = kHangExpectTimeout;
    }
    if (p && !p->codes.empty()) {
      transfer_announced_ = transfer_announced_ ||
                            std::any_of(p->codes.begin(), p->codes.end(), is_1yz);
      last_code_ = p->codes.back();
    }
  }

  void demand_refusal(Step& step) const {
    if (!model_.refusal_statuses.empty()) {
      step.expect.statuses = model_.refusal_statuses;
    } else {
      CodeSet refused = code_class("4xx");
      refused.add(code_class("5xx"));
      step.expect.codes = refused;
    }
  }

  // A command in the model's wire form (frame_command), written exactly as the executor wrote
  // it: raw bytes, the tag included (the runner's own tags count `send:` steps only, and the
  // executor's count every command), each part after the first only after the go-ahead
  // (`if: {last: "+"}`), each part's replies expected as they came.
  void command(std::size_t i, const CommandWire& wire) {
    if (wire.parts.size() == 1) {
      push(Step::Kind::kSendRaw).text = literal(wire.parts[0]);
      replies(i, 1);
      return;
    }
    const PlayedAction* p = played(i);
    const std::size_t sent = p ? p->part_replies.size() : 0;  // the parts the executor wrote
    for (std::size_t k = 0; k < wire.parts.size(); ++k) {
      std::vector<std::string> go_ahead;
      if (k > 0) go_ahead = {wire.go_ahead_status};
      Step& send = push(Step::Kind::kSendRaw);
      send.text = literal(wire.parts[k]);
      send.if_last_status = go_ahead;
      const std::size_t first_step = steps_.size();
      // Not written by the executor (the server refused earlier): one reply, if ever written.
      const std::size_t n = k < sent ? p->part_replies[k] : 1;
      for (std::size_t r = 0; r < n; ++r) {
        expect(std::nullopt).if_last_status = r == 0 ? go_ahead : std::vector<std::string>{};
      }
      if (i == auth_ && k + 1 == wire.parts.size()) {
        // The completion, after the literals, is what ran the command.
        if (steps_.size() == first_step) expect(std::nullopt).if_last_status = go_ahead;
        demand_refusal(steps_[first_step]);
      }
      if (i == hang_ && k + 1 == std::max<std::size_t>(sent, 1)) {
        // The part after which the server fell silent: its reply is waited for.
        if ((p && p->silent) || steps_.size() == first_step) {
          expect(std::nullopt).if_last_status = go_ahead;
        }
        steps_.back().timeout = kHangExpectTimeout;
      }
    }
  }

  // When a data transfer runs: the runner fails a transfer that never comes, where the
  // executor only waits a moment, so it runs when the server announced one (last reply 1yz),
  // or, if the server announced it and already finished, after the same reply as before.
  CodeSet transfer_condition() const {
    CodeSet cond = code_class("1xx");
    if (transfer_announced_ && last_code_ >= 200 && last_code_ <= 999) cond.add(CodeSet::of({last_code_}));
    return cond;
  }

  void action(std::size_t i, const Action& a) {
    const bool data_actions = model_.has_data_channel;
    switch (a.kind) {
      case Action::Kind::kCommand:
        if (model_.frame_command) {
          command(i, frame_command(model_, a.payload, commands_on_connection_++));
          return;
        }
        send_line(a.payload);
        replies(i, 1);
        return;
      case Action::Kind::kRaw: {
        Step& s = push(Step::Kind::kSendRaw);
        s.text = literal(a.payload);
        replies(i, static_cast<std::size_t>(std::count(a.payload.begin(), a.payload.end(), '\n')));
        return;
      }
      case Action::Kind::kMessage: {
        Step& s = push(Step::Kind::kSendMessage);
        s.text = literal(a.payload);
        replies(i, 1);
        return;
      }
      case Action::Kind::kPassive: {
        if (!data_actions) return;  // the executor skips it too
        const bool epsv = a.payload == "EPSV";
        push(Step::Kind::kSend).text = epsv ? "EPSV" : "PASV";
        replies(i, 1);
        data(DataAction::Kind::kConnect, epsv ? "epsv" : "pasv").if_last = CodeSet::of({227, 229});
        transfer_announced_ = false;
        return;
      }
      case Action::Kind::kActive: {
        if (!data_actions) return;
        const bool eprt = a.payload == "EPRT";
        data(DataAction::Kind::kListen, eprt ? "eprt" : "port");
        push(Step::Kind::kSend).text = eprt ? "EPRT {data.eprt_arg}" : "PORT {data.port_arg}";
        replies(i, 1);
        transfer_announced_ = false;
        return;
      }
      case Action::Kind::kDataSend:
      case Action::Kind::kDataReceive: {
        if (!data_actions) return;
        const CodeSet cond = transfer_condition();
        if (a.kind == Action::Kind::kDataSend) {
          Step& s = data(DataAction::Kind::kSend);
          s.data.payload = literal(a.payload);
          s.if_last = cond;
        } else {
          Step& s = data(DataAction::Kind::kReceive);
          if (finding_.kind == FindingKind::kPathEscape && !canary_.empty()) {
            s.data.not_text_regex = literal_regex(canary_);
          }
          s.if_last = cond;
        }
        transfer_announced_ = false;
        replies(i, 1, cond);
        return;
      }
      case Action::Kind::kDataClose:
        if (!data_actions) return;
        data(DataAction::Kind::kClose);
        transfer_announced_ = false;
        replies(i, 0);
        return;
      case Action::Kind::kReconnect: {
        // The runner cannot reopen a connection name it has closed: each new control
        // connection gets its own name, and the steps after it act on it.
        push(Step::Kind::kDisconnect);
        connection_ = "main" + std::to_string(++reconnects_);
        push(Step::Kind::kConnect);
        commands_on_connection_ = 0;  // the executor's tags start again too
        transfer_announced_ = false;
        last_code_ = 0;
        replies(i, 1);
        return;
      }
    }
  }

  const Session& session_;
  const std::vector<PlayedAction>& played_;
  const FuzzFinding& finding_;
  const ProtocolModel& model_;
  const std::string& canary_;
  std::vector<Step> steps_;
  std::string connection_ = "main";
  int reconnects_ = 0;
  std::size_t commands_on_connection_ = 0;  // frame_command's index, as the executor counts
  int last_code_ = 0;                // the last reply the executor read
  bool transfer_announced_ = false;  // a 1yz since the data connection was set up
  std::size_t auth_ = kNone;
  std::size_t hang_ = kNone;
};

std::string case_id(const FuzzFinding& finding, const Session& session) {
  std::string hex;
  for (char c : finding.key) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isxdigit(static_cast<unsigned char>(l))) hex += l;
    if (hex.size() == 12) break;
  }
  if (hex.empty()) hex = sha256_hex(encode(session)).substr(0, 12);
  return "fuzz." + std::string(to_string(finding.kind)) + "-" + hex;
}

}  // namespace

Case export_case(const Session& session, const std::vector<PlayedAction>& played,
                 const FuzzFinding& finding, const ProtocolModel& model,
                 const std::string& canary_secret) {
  Case c;
  c.id = case_id(finding, session);
  const std::string kind(to_string(finding.kind));
  c.title = finding.message.empty() ? kind + " found by rfcheck fuzz" : finding.message;
  // The loader wants "RFC <n> ...": crashes and hangs break no one rule, so the protocol's
  // base RFC, marked as the fuzzer's.
  c.ref = finding.ref.rfind("RFC ", 0) == 0 ? finding.ref : model.rfc + " (rfcheck fuzz)";
  c.level = Level::kMust;
  c.tags = {"fuzz", kind};
  c.quote = c.title;
  c.steps = Exporter(session, played, finding, model, canary_secret).steps();
  return c;
}

std::string export_case_yaml(const Session& session, const std::vector<PlayedAction>& played,
                             const FuzzFinding& finding, const ProtocolModel& model,
                             const std::string& canary_secret) {
  return write_suite_yaml(model.name, {export_case(session, played, finding, model, canary_secret)});
}

}  // namespace rfcheck::fuzz
