#include "fuzz/session.h"

#include <algorithm>

#include "runner/recorder.h"  // escape_bytes

namespace rfcheck::fuzz {

std::string_view Action::verb() const {
  const std::string_view line = payload;
  return line.substr(0, std::min(line.find(' '), line.size()));
}

std::string_view Action::argument() const {
  const std::string_view line = payload;
  const auto space = line.find(' ');
  return space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
}

Action Action::command(std::string_view verb, std::string_view argument) {
  Action a;
  a.kind = Kind::kCommand;
  a.payload = std::string(verb);
  if (!argument.empty()) {
    a.payload += ' ';
    a.payload += argument;
  }
  return a;
}

std::string encode(const Session& session) {
  std::string out;
  const std::size_t n = std::min(session.actions.size(), kMaxActions);
  for (std::size_t i = 0; i < n; ++i) {
    const Action& a = session.actions[i];
    const std::size_t len = std::min(a.payload.size(), kMaxPayload);
    out += static_cast<char>(a.kind);
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>(len >> 8);
    out.append(a.payload, 0, len);
  }
  return out;
}

Session decode(std::string_view bytes) {
  Session s;
  std::size_t at = 0;
  while (at < bytes.size() && s.actions.size() < kMaxActions) {
    Action a;
    a.kind = static_cast<Action::Kind>(static_cast<unsigned char>(bytes[at]) % Action::kKinds);
    ++at;
    std::size_t len = 0;
    if (at < bytes.size()) len = static_cast<unsigned char>(bytes[at++]);
    if (at < bytes.size()) len |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[at++])) << 8;
    len = std::min(len, bytes.size() - at);
    a.payload.assign(bytes.substr(at, len));
    at += len;
    s.actions.push_back(std::move(a));
  }
  return s;
}

std::string_view to_string(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kCommand: return "command";
    case Action::Kind::kRaw: return "raw";
    case Action::Kind::kPassive: return "passive";
    case Action::Kind::kActive: return "active";
    case Action::Kind::kDataSend: return "data-send";
    case Action::Kind::kDataReceive: return "data-receive";
    case Action::Kind::kDataClose: return "data-close";
    case Action::Kind::kReconnect: return "reconnect";
    case Action::Kind::kMessage: return "message";
  }
  return "?";
}

std::string describe(const Session& session) {
  std::string out;
  for (const Action& a : session.actions) {
    out += to_string(a.kind);
    if (!a.payload.empty()) {
      out += ' ';
      out += escape_bytes(a.payload, 200);
    }
    out += '\n';
  }
  return out;
}

std::string control_bytes(const Action& action) {
  if (action.kind == Action::Kind::kCommand) return action.payload + "\r\n";
  if (action.kind == Action::Kind::kRaw) return action.payload;
  return {};
}

}  // namespace rfcheck::fuzz
