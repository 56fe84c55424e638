#include "fuzz/seed_sessions.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "core/template.h"
#include "runner/base64.h"
#include "runner/fixture_variables.h"

namespace rfcheck::fuzz {
namespace {

bool is_main(const Step& step) { return step.connection == "main"; }

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view verb_of(std::string_view line) { return line.substr(0, line.find(' ')); }

// A line the executor can play as a command: "VERB argument", the verb letters and digits.
bool has_verb_form(std::string_view line) {
  const auto verb = verb_of(line);
  return !verb.empty() && std::all_of(verb.begin(), verb.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

// A literal in a seed carries at most this many octets (a maildrop message is cut at a line
// end before it, and announced at the length sent): seeds stay far below libFuzzer's
// -max_len, which would otherwise cut the literal short of its announcement.
constexpr std::size_t kSeedLiteralMax = 2048;

// Where a case's values come from at run time (run.cpp, case_runner.cpp), with fixed
// stand-ins for the per-run ones: the target's variables (else protocol.yaml's defaults),
// the fixture files' and the maildrop's over them. {maildrop.mailbox} comes from the caller,
// as the runner takes it from the plug-in (ProtocolSupport::maildrop_mailbox).
std::map<std::string, std::string> complete_variables(
    const SpecSet& specs, const std::map<std::string, std::string>& given) {
  std::map<std::string, std::string> vars = {{"uniq", "rfcheckfuzz"}};
  for (const auto& [k, v] : given) vars[k] = v;
  for (const auto& [k, v] : specs.variable_defaults) vars.emplace(k, v);  // given ones win
  for (const auto& [k, v] : fixture_variables(specs.files)) vars[k] = v;
  for (const auto& [k, v] : maildrop_variables(specs.maildrop)) vars[k] = v;
  return vars;
}

// A seed's literal data: what the spec gives, cut to kSeedLiteralMax at a line end.
std::string seed_literal(std::string data) {
  if (data.size() <= kSeedLiteralMax) return data;
  const auto eol = data.rfind('\n', kSeedLiteralMax - 1);
  data.resize(eol == std::string::npos ? kSeedLiteralMax : eol + 1);
  return data;
}

class CaseConverter {
 public:
  CaseConverter(const Case& c, const SpecSet& specs, const std::map<std::string, std::string>& vars)
      : steps_(c.steps), specs_(specs), vars_(vars) {}

  Session convert() {
    for (i_ = 0; i_ < steps_.size(); ++i_) {
      const Step& step = steps_[i_];
      const bool connection_step =
          step.kind == Step::Kind::kConnect || step.kind == Step::Kind::kDisconnect;
      if (!is_main(step)) continue;  // for connect/disconnect: the connection they name
      if (connection_step) {
        // disconnect + connect of main is one reconnect; either alone is one too.
        if (!(step.kind == Step::Kind::kConnect && last_was_disconnect_)) add(Action::Kind::kReconnect, "");
        last_was_disconnect_ = step.kind == Step::Kind::kDisconnect;
        continue;
      }
      last_was_disconnect_ = false;
      convert_step(step);
    }
    if (session_.actions.size() > kMaxActions) session_.actions.resize(kMaxActions);
    return std::move(session_);
  }

 private:
  std::optional<std::string> expand(const std::string& text) const {
    auto r = expand_template(text, vars_);
    if (!r.ok()) return std::nullopt;
    return r.text;
  }

  void add(Action::Kind kind, std::string payload) {
    Action a;
    a.kind = kind;
    a.payload = std::move(payload);
    if (a.payload.size() > kMaxPayload) a.payload.resize(kMaxPayload);  // what encode() keeps
    session_.actions.push_back(std::move(a));
  }

  // The next step on main that does something, past expectations and waits.
  const Step* next_acting(std::size_t from) const {
    for (std::size_t j = from; j < steps_.size(); ++j) {
      const Step& s = steps_[j];
      if (!is_main(s) || s.kind == Step::Kind::kExpect || s.kind == Step::Kind::kMatch ||
          s.kind == Step::Kind::kSleep) {
        continue;
      }
      return &s;
    }
    return nullptr;
  }

  void convert_step(const Step& step) {
    switch (step.kind) {
      case Step::Kind::kSend: {
        auto line = step.parts.empty() ? expand(step.text) : command_with_literals(step.parts);
        if (!line) return;
        const std::string verb = upper(verb_of(*line));
        // The executor sends PASV/EPSV itself for a passive action: the fixture's own command
        // folds into the data connect that follows it.
        const Step* next = next_acting(i_ + 1);
        if ((verb == "PASV" || verb == "EPSV") && next && next->kind == Step::Kind::kData &&
            next->data.kind == DataAction::Kind::kConnect) {
          passive_verb_ = verb;
          return;
        }
        if (has_verb_form(*line)) add(Action::Kind::kCommand, *line);
        else add(Action::Kind::kRaw, *line + "\r\n");
        return;
      }
      case Step::Kind::kSendRaw:
        if (auto bytes = expand(step.text)) add(Action::Kind::kRaw, *bytes);
        return;
      case Step::Kind::kSendSynch:
        // The fuzzer's sessions carry no urgent data: the command goes as it is.
        if (auto line = expand(step.text)) add(Action::Kind::kCommand, *line);
        return;
      case Step::Kind::kSendMessage:
        if (auto text = expand(step.text)) add(Action::Kind::kMessage, *text);
        return;
      case Step::Kind::kSendBase64: {
        auto prefix = expand(step.prefix);
        auto text = expand(step.text);
        if (!prefix || !text) return;
        // Without a prefix it is the answer to a SASL challenge, a line of its own: no
        // command (and untagged in IMAP, RFC 3501 6.2.2), so raw, as the runner sends it.
        if (prefix->empty()) add(Action::Kind::kRaw, base64_encode(*text) + "\r\n");
        else add(Action::Kind::kCommand, *prefix + base64_encode(*text));
        return;
      }
      case Step::Kind::kData:
        convert_data(step.data);
        return;
      default:  // expect, match, sleep, mailbox, tls: nothing the server sees as an action
        return;
    }
  }

  // A `send:` in parts (IMAP) as one command line with its literals inline, each announced
  // "{n}" CRLF before its octets: the executor writes each literal after the go-ahead, as
  // the runner does (ProtocolModel::frame_command).
  std::optional<std::string> command_with_literals(const std::vector<SendPart>& parts) const {
    std::string line;
    for (const auto& part : parts) {
      std::optional<std::string> piece;
      if (part.kind == SendPart::Kind::kMessage) {
        for (const auto& m : specs_.maildrop) {
          if (m.key == part.text) piece = m.crlf();
        }
      } else {
        piece = expand(part.text);
      }
      if (!piece) return std::nullopt;
      if (part.kind == SendPart::Kind::kText) {
        line += *piece;
        continue;
      }
      const std::string data = seed_literal(std::move(*piece));
      line += "{" + std::to_string(data.size()) + (part.plus ? "+}" : "}") + "\r\n" + data;
    }
    return line;
  }

  void convert_data(const DataAction& a) {
    switch (a.kind) {
      case DataAction::Kind::kListen: {
        // The PORT/EPRT send after the listen names {data.*} values known only at run time,
        // so it is dropped; the executor sends its own. Its verb picks PORT or EPRT.
        bool eprt = a.mode == "eprt";
        if (const Step* next = next_acting(i_ + 1); next && next->kind == Step::Kind::kSend) {
          eprt = eprt || upper(verb_of(next->text)) == "EPRT";
        }
        add(Action::Kind::kActive, eprt ? "EPRT" : "");
        return;
      }
      case DataAction::Kind::kConnect: {
        const bool epsv = a.mode == "epsv" || passive_verb_ == "EPSV";
        passive_verb_.clear();
        add(Action::Kind::kPassive, epsv ? "EPSV" : "");
        return;
      }
      case DataAction::Kind::kReceive:
        add(Action::Kind::kDataReceive, "");
        return;
      case DataAction::Kind::kReceiveBackground:
        return;  // the session's own receive that follows reads the data
      case DataAction::Kind::kSend: {
        std::optional<std::string> payload;
        if (a.payload_file) {
          for (const auto& f : specs_.files) {
            if (f.key == *a.payload_file) payload = f.content;
          }
        } else if (a.payload) {
          payload = expand(*a.payload);
        }
        if (!payload) return;
        add(Action::Kind::kDataSend, a.payload_crlf ? to_crlf(*payload) : *payload);
        return;
      }
      case DataAction::Kind::kClose:
        add(Action::Kind::kDataClose, "");
        return;
      case DataAction::Kind::kNoConnection:
        return;
    }
  }

  const std::vector<Step>& steps_;
  const SpecSet& specs_;
  const std::map<std::string, std::string>& vars_;
  std::size_t i_ = 0;
  std::string passive_verb_;  // the PASV/EPSV folded into the coming data connect
  bool last_was_disconnect_ = false;
  Session session_;
};

}  // namespace

Session session_from_case(const Case& c, const SpecSet& specs,
                          const std::map<std::string, std::string>& variables) {
  const auto vars = complete_variables(specs, variables);
  return CaseConverter(c, specs, vars).convert();
}

std::vector<Session> seed_sessions(const SpecSet& specs,
                                   const std::map<std::string, std::string>& variables) {
  const auto vars = complete_variables(specs, variables);
  std::vector<Session> seeds;
  std::set<std::string> seen;  // encoded sessions: a canonical form
  for (const Case* c : specs.all_cases()) {
    Session s = CaseConverter(*c, specs, vars).convert();
    if (seen.insert(encode(s)).second) seeds.push_back(std::move(s));
  }
  return seeds;
}

}  // namespace rfcheck::fuzz
