#include "spec/case_writer.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "spec/byte_text.h"

namespace rfcheck {
namespace {

// The items of a code set ("226", "2xx"), from the one form CodeSet shows them in.
std::vector<std::string> code_items(const CodeSet& codes) {
  std::string text = codes.describe();
  if (!text.empty() && text.front() == '[') text = text.substr(1, text.size() - 2);
  std::vector<std::string> items;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = text.find(", ", at);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > at) items.push_back(text.substr(at, end - at));
    if (comma == std::string::npos) break;
    at = comma + 2;
  }
  return items;
}

std::string duration_text(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

// Free text is always double-quoted: the emitter escapes what needs it, and a title such as
// "null" or "yes" stays a string for any YAML reader.
void quoted(YAML::Emitter& out, const std::string& text) { out << YAML::DoubleQuoted << text; }
void bytes(YAML::Emitter& out, const std::string& raw) {
  out << YAML::DoubleQuoted << spec::bytes_to_yaml_text(raw);
}

void codes(YAML::Emitter& out, const CodeSet& set) {
  const auto items = code_items(set);
  if (items.size() == 1) {
    out << items.front();
  } else {
    out << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : items) out << item;
    out << YAML::EndSeq;
  }
}

// Status words ("+OK"), one or a list, quoted: "+OK" and "-ERR" must stay strings.
void statuses(YAML::Emitter& out, const std::vector<std::string>& words) {
  if (words.size() == 1) {
    quoted(out, words.front());
    return;
  }
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& w : words) quoted(out, w);
  out << YAML::EndSeq;
}

// IMAP: untagged (with counts), forbid, response_code.
void write_exchange_checks(YAML::Emitter& out, const Expectation& e) {
  if (!e.untagged.empty()) {
    out << YAML::Key << "untagged" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& m : e.untagged) {
      if (!m.count) {
        quoted(out, m.regex);
        continue;
      }
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "match" << YAML::Value;
      quoted(out, m.regex);
      out << YAML::Key << "count" << YAML::Value;
      quoted(out, *m.count);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  for (auto [key, list] : {std::pair{"forbid", &e.forbid},
                           std::pair{"response_code", &e.response_codes}}) {
    if (list->empty()) continue;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& item : *list) quoted(out, item);
    out << YAML::EndSeq;
  }
}

// send: as a list of parts (IMAP literals).
void write_send_parts(YAML::Emitter& out, const std::vector<SendPart>& parts) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& part : parts) {
    switch (part.kind) {
      case SendPart::Kind::kText: quoted(out, part.text); break;
      case SendPart::Kind::kMessage:
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "message" << YAML::Value;
        quoted(out, part.text);
        out << YAML::EndMap;
        break;
      case SendPart::Kind::kLiteral:
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "literal" << YAML::Value;
        bytes(out, part.text);
        if (part.plus) out << YAML::Key << "plus" << YAML::Value << true;
        out << YAML::EndMap;
        break;
    }
  }
  out << YAML::EndSeq;
}

void write_captures(YAML::Emitter& out, const std::vector<Capture>& captures) {
  if (captures.empty()) return;
  out << YAML::Key << "capture" << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& cap : captures) {
    out << YAML::Key << cap.variable << YAML::Value;
    quoted(out, cap.regex);
  }
  out << YAML::EndMap;
}

void write_expect(YAML::Emitter& out, const Expectation& e) {
  if (e.kind == Expectation::Kind::kClosed) {
    out << "closed";
    return;
  }
  if (e.kind == Expectation::Kind::kSilent) {
    out << "silent";
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  if (!e.codes.empty()) {
    out << YAML::Key << "code" << YAML::Value;
    codes(out, e.codes);
  }
  if (!e.statuses.empty()) {
    out << YAML::Key << "status" << YAML::Value;
    statuses(out, e.statuses);
  }
  for (auto [key, field] : {std::pair{"text", &e.text_regex},
                            std::pair{"offered_if", &e.offered_if},
                            std::pair{"each_line", &e.each_line},
                            std::pair{"unique", &e.unique}}) {
    if (!*field) continue;
    out << YAML::Key << key << YAML::Value;
    quoted(out, **field);
  }
  if (e.body_message) {
    out << YAML::Key << "body" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "message" << YAML::Value;
    quoted(out, *e.body_message);
    if (e.body_top) out << YAML::Key << "top" << YAML::Value << *e.body_top;
    if (e.body_part) out << YAML::Key << "part" << YAML::Value << *e.body_part;
    if (e.body_partial) {
      out << YAML::Key << "partial" << YAML::Value << YAML::Flow << YAML::BeginSeq
          << e.body_partial->first << e.body_partial->second << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  write_exchange_checks(out, e);
  write_captures(out, e.captures);
  if (!e.unsupported.empty()) {
    out << YAML::Key << "unsupported" << YAML::Value;
    codes(out, e.unsupported);
  } else if (!e.unsupported_statuses.empty()) {
    out << YAML::Key << "unsupported" << YAML::Value;
    statuses(out, e.unsupported_statuses);
  }
  if (e.or_closed) out << YAML::Key << "or_closed" << YAML::Value << true;
  out << YAML::EndMap;
}

void write_data(YAML::Emitter& out, const DataAction& a) {
  out << YAML::Flow << YAML::BeginMap;
  switch (a.kind) {
    case DataAction::Kind::kListen:
      out << YAML::Key << "listen" << YAML::Value << a.mode;
      if (!a.address.empty()) out << YAML::Key << "address" << YAML::Value << a.address;
      break;
    case DataAction::Kind::kConnect:
      out << YAML::Key << "connect" << YAML::Value << a.mode;
      break;
    case DataAction::Kind::kReceiveBackground:
      out << YAML::Key << "receive" << YAML::Value << "background";
      break;
    case DataAction::Kind::kReceive:
      out << YAML::Key << "receive" << YAML::Value << "all";
      for (auto [key, field] : {std::pair{"sha256", &a.sha256}, std::pair{"size", &a.size},
                                std::pair{"text", &a.text_regex},
                                std::pair{"not_text", &a.not_text_regex}}) {
        if (!*field) continue;
        out << YAML::Key << key << YAML::Value;
        quoted(out, **field);
      }
      if (a.crlf_lines) out << YAML::Key << "crlf" << YAML::Value << true;
      write_captures(out, a.captures);
      break;
    case DataAction::Kind::kSend:
      if (a.payload_file) {
        out << YAML::Key << "send_file" << YAML::Value << *a.payload_file;
      } else {
        out << YAML::Key << "send" << YAML::Value;
        bytes(out, a.payload.value_or(""));
      }
      if (a.payload_crlf) out << YAML::Key << "crlf" << YAML::Value << true;
      break;
    case DataAction::Kind::kClose:
      out << YAML::Key << "close" << YAML::Value << true;
      break;
    case DataAction::Kind::kNoConnection:
      out << YAML::Key << "no_connection" << YAML::Value << true;
      break;
  }
  out << YAML::EndMap;
}

void write_step(YAML::Emitter& out, const Step& step) {
  out << YAML::BeginMap;
  bool names_connection = false;  // connect/disconnect carry the name as their value
  switch (step.kind) {
    case Step::Kind::kSend:
      out << YAML::Key << "send" << YAML::Value;
      if (step.parts.empty()) quoted(out, step.text); else write_send_parts(out, step.parts);
      break;
    case Step::Kind::kSendSynch:
      out << YAML::Key << "send_synch" << YAML::Value;
      quoted(out, step.text);
      break;
    case Step::Kind::kSendRaw:
      out << YAML::Key << "send_raw" << YAML::Value;
      bytes(out, step.text);
      break;
    case Step::Kind::kExpect:
      out << YAML::Key << "expect" << YAML::Value;
      write_expect(out, step.expect);
      break;
    case Step::Kind::kData:
      out << YAML::Key << "data" << YAML::Value;
      write_data(out, step.data);
      break;
    case Step::Kind::kConnect:
    case Step::Kind::kDisconnect:
      out << YAML::Key << (step.kind == Step::Kind::kConnect ? "connect" : "disconnect")
          << YAML::Value << step.connection;
      names_connection = true;
      break;
    case Step::Kind::kMatch:
      out << YAML::Key << "match" << YAML::Value << YAML::Flow << YAML::BeginMap
          << YAML::Key << "value" << YAML::Value;
      quoted(out, step.text);
      out << YAML::Key << "text" << YAML::Value;
      quoted(out, step.match_regex);
      out << YAML::EndMap;
      break;
    case Step::Kind::kSleep:
      out << YAML::Key << "sleep" << YAML::Value << duration_text(step.sleep);
      break;
    case Step::Kind::kSendMessage:
      out << YAML::Key << "send_message" << YAML::Value;
      bytes(out, step.text);
      break;
    case Step::Kind::kSendBase64:
    case Step::Kind::kSendMd5:
      out << YAML::Key << (step.kind == Step::Kind::kSendMd5 ? "send_md5" : "send_base64")
          << YAML::Value << YAML::Flow << YAML::BeginMap;
      if (!step.prefix.empty()) {
        out << YAML::Key << "prefix" << YAML::Value;
        quoted(out, step.prefix);
      }
      out << YAML::Key << "text" << YAML::Value;
      quoted(out, step.text);
      out << YAML::EndMap;
      break;
    case Step::Kind::kStartTls:
      out << YAML::Key << "tls" << YAML::Value;
      if (step.tls_or_failed) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "start" << YAML::Value << true
            << YAML::Key << "or_failed" << YAML::Value << true << YAML::EndMap;
      } else {
        out << "start";
      }
      break;
    case Step::Kind::kMailbox:
      out << YAML::Key << "mailbox" << YAML::Value << YAML::Flow << YAML::BeginMap
          << YAML::Key << "message" << YAML::Value;
      bytes(out, step.text);
      out << YAML::EndMap;
      break;
  }
  if (!names_connection && step.connection != "main") {
    out << YAML::Key << "connection" << YAML::Value << step.connection;
  }
  if (step.if_last || !step.if_last_status.empty()) {
    out << YAML::Key << "if" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "last" << YAML::Value;
    if (step.if_last) {
      codes(out, *step.if_last);
    } else {
      statuses(out, step.if_last_status);
    }
    out << YAML::EndMap;
  }
  if (step.timeout) out << YAML::Key << "timeout" << YAML::Value << duration_text(*step.timeout);
  out << YAML::EndMap;
}

void write_case(YAML::Emitter& out, const Case& c) {
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << c.id;
  out << YAML::Key << "title" << YAML::Value;
  quoted(out, c.title);
  out << YAML::Key << "ref" << YAML::Value;
  quoted(out, c.ref);
  out << YAML::Key << "level" << YAML::Value << std::string(to_string(c.level));
  out << YAML::Key << "tags" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& tag : c.tags) quoted(out, tag);
  out << YAML::EndSeq;
  out << YAML::Key << "quote" << YAML::Value;
  quoted(out, c.quote);
  if (!c.requires_policies.empty()) {
    out << YAML::Key << "requires" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& p : c.requires_policies) out << p;
    out << YAML::EndSeq;
  }
  if (c.timeout) out << YAML::Key << "timeout" << YAML::Value << duration_text(*c.timeout);
  if (c.fresh_maildrop) out << YAML::Key << "maildrop" << YAML::Value << "fresh";
  out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
  for (const auto& step : c.steps) {
    if (!step.cleanup) write_step(out, step);
  }
  out << YAML::EndSeq;
  if (std::any_of(c.steps.begin(), c.steps.end(), [](const Step& s) { return s.cleanup; })) {
    out << YAML::Key << "cleanup" << YAML::Value << YAML::BeginSeq;
    for (const auto& step : c.steps) {
      if (step.cleanup) write_step(out, step);
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

std::string suite_name(const std::string& protocol, const std::vector<Case>& cases) {
  if (!cases.empty() && !cases.front().suite.empty()) return cases.front().suite;
  return protocol + "/" + (cases.empty() ? std::string("empty") : cases.front().id);
}

}  // namespace

std::string write_suite_yaml(const std::string& protocol, const std::vector<Case>& cases,
                             const std::string& suite) {
  YAML::Emitter out;
  // Non-ASCII as "\xNN" escapes: the file is ASCII, and a byte field's bytes are visible.
  out.SetOutputCharset(YAML::EscapeNonAscii);
  out << YAML::BeginMap;
  out << YAML::Key << "suite" << YAML::Value << (suite.empty() ? suite_name(protocol, cases) : suite);
  out << YAML::Key << "protocol" << YAML::Value << protocol;
  out << YAML::Key << "cases" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : cases) write_case(out, c);
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace rfcheck
