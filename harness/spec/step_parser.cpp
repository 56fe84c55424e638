#include "spec/step_parser.h"

#include <re2/re2.h>

#include <map>
#include <tuple>

#include "core/template.h"
#include "spec/byte_text.h"

namespace rfcheck::spec {
namespace {

constexpr const char* kActions[] = {"send",    "send_raw",   "expect", "data",         "connect",
                                    "disconnect", "sleep", "send_message", "mailbox",
                                    "send_base64", "tls", "send_md5", "send_synch", "match"};

// A status word in a protocol's own terms: "+OK", "-ERR", "+" (POP3), "OK", "NO", "BAD".
// Upper case, as servers must send them (RFC 1939 3), so a typo is not taken for one.
bool is_status_word(const std::string& s) {
  static const RE2 re("[+-][A-Z]*|[A-Z]+");
  return !s.empty() && RE2::FullMatch(s, re);
}

// Reply codes (220, 2xx) or status words (+OK, -ERR): one or a list, never both kinds.
bool parse_reply_set(YamlReader& r, const YAML::Node& node, const std::string& what,
                     CodeSet& codes, std::vector<std::string>& statuses) {
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const auto& item : node) items.push_back(item);
    if (items.empty()) {
      r.error(node, what + " must not be empty");
      return false;
    }
  } else {
    items.push_back(node);
  }
  for (const auto& item : items) {
    const std::string text = item.IsScalar() ? item.Scalar() : "?";
    if (auto one = CodeSet::parse_item(text)) {
      codes.add(*one);
    } else if (is_status_word(text)) {
      statuses.push_back(text);
    } else {
      r.error(item, what + ": '" + text + "' is not a reply code (220), class (2xx, 55x) or "
                          "status (+OK, -ERR)");
      return false;
    }
  }
  if (!codes.empty() && !statuses.empty()) {
    r.error(node, what + " mixes reply codes and status words");
    return false;
  }
  return true;
}

// A regex must compile now, not when a server first answers. Variables are replaced by a
// literal placeholder first: their values are quoted when the case runs.
bool check_regex(YamlReader& reader, const YAML::Node& node, const std::string& pattern,
                 int groups_wanted) {
  std::map<std::string, std::string> placeholders;
  for (const auto& name : template_names(pattern)) placeholders[name] = "v";
  const std::string probe = expand_template(pattern, placeholders).text;
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(probe, options);
  if (!re.ok()) {
    reader.error(node, "bad regex '" + pattern + "': " + re.error());
    return false;
  }
  if (groups_wanted >= 0 && re.NumberOfCapturingGroups() != groups_wanted) {
    reader.error(node, "capture regex '" + pattern + "' must have exactly one group, has " +
                           std::to_string(re.NumberOfCapturingGroups()));
    return false;
  }
  return true;
}

// `capture:` of an expect or a data receive: variable names mapped to one-group regexes.
bool parse_captures(YamlReader& r, const YAML::Node& node, const std::string& owner,
                    std::vector<Capture>& out) {
  if (!node.IsMap()) {
    r.error(node, owner + ".capture must map variable names to regexes");
    return false;
  }
  bool ok = true;
  for (const auto& entry : node) {
    auto name = r.string(entry.first, "capture variable");
    auto regex = r.string(entry.second, "capture regex");
    if (!name || !regex || !check_regex(r, entry.second, *regex, 1)) {
      ok = false;
      continue;
    }
    out.push_back({*name, *regex});
  }
  return ok;
}

// A list of regexes (or one), each checked now.
bool parse_regex_list(YamlReader& r, const YAML::Node& node, const std::string& what,
                      std::vector<std::string>& out) {
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const auto& item : node) items.push_back(item);
  } else {
    items.push_back(node);
  }
  bool ok = true;
  for (const auto& item : items) {
    auto text = r.string(item, what);
    if (text && check_regex(r, item, *text, -1)) out.push_back(*text); else ok = false;
  }
  return ok;
}

// IMAP exchanges: untagged (regex or {match, count}), forbid, response_code.
bool parse_exchange_checks(YamlReader& r, const YAML::Node& node, Expectation& out) {
  bool ok = true;
  if (const auto& list = node["untagged"]) {
    if (!list.IsSequence() || list.size() == 0) {
      r.error(list, "expect.untagged must be a non-empty list of regexes or {match, count}");
      return false;
    }
    for (const auto& item : list) {
      UntaggedMatch m;
      if (item.IsMap()) {
        if (!r.check_keys(item, {"match", "count"}, {"match", "count"}, "expect.untagged")) {
          ok = false;
          continue;
        }
        auto count = r.string(item["count"], "expect.untagged.count");
        if (count) m.count = *count; else ok = false;
        const YAML::Node& match = item["match"];
        auto text = r.string(match, "expect.untagged.match");
        if (text && check_regex(r, match, *text, -1)) m.regex = *text; else ok = false;
      } else {
        auto text = r.string(item, "expect.untagged");
        if (text && check_regex(r, item, *text, -1)) m.regex = *text; else ok = false;
      }
      out.untagged.push_back(std::move(m));
    }
  }
  if (node["forbid"] && !parse_regex_list(r, node["forbid"], "expect.forbid", out.forbid)) {
    ok = false;
  }
  if (const auto& codes = node["response_code"]) {
    std::vector<YAML::Node> items;
    if (codes.IsSequence()) {
      for (const auto& item : codes) items.push_back(item);
    } else {
      items.push_back(codes);
    }
    static const RE2 word("[A-Za-z0-9.-]+");
    for (const auto& item : items) {
      auto text = r.string(item, "expect.response_code");
      if (text && RE2::FullMatch(*text, word)) {
        out.response_codes.push_back(*text);
      } else {
        if (text) r.error(item, "expect.response_code takes the code's first word (TRYCREATE)");
        ok = false;
      }
    }
  }
  return ok;
}

// body's part: header | text, and partial: [offset, length].
bool parse_body_part(YamlReader& r, const YAML::Node& body, Expectation& out) {
  bool ok = true;
  if (body["part"]) {
    auto part = r.string(body["part"], "expect.body.part");
    if (part && (*part == "header" || *part == "text")) out.body_part = *part;
    else {
      r.error(body["part"], "expect.body.part must be 'header' or 'text'");
      ok = false;
    }
  }
  if (const auto& partial = body["partial"]) {
    std::optional<long long> first, length;
    if (partial.IsSequence() && partial.size() == 2) {
      first = r.integer(partial[0], "expect.body.partial offset");
      length = r.integer(partial[1], "expect.body.partial length");
    }
    if (first && length && *first >= 0 && *length >= 0) {
      out.body_partial = {static_cast<std::uint64_t>(*first), static_cast<std::uint64_t>(*length)};
    } else {
      r.error(partial, "expect.body.partial must be [offset, length], both 0 or more");
      ok = false;
    }
  }
  if (body["top"] && (out.body_part || out.body_partial)) {
    r.error(body, "expect.body takes top (POP3) or part/partial (IMAP), not both");
    ok = false;
  }
  return ok;
}

// send: given as a list of parts: "text", {literal: TEXT, plus: BOOL}, {message: KEY}.
bool parse_send_parts(YamlReader& r, const YAML::Node& node, Step& step) {
  if (node.size() == 0) {
    r.error(node, "send must not be an empty list");
    return false;
  }
  bool ok = true;
  for (const auto& item : node) {
    SendPart part;
    if (item.IsScalar()) {
      part.text = item.Scalar();
      if (part.text.find_first_of("\r\n") != std::string::npos) {
        r.error(item, "a send part of plain text may not hold CR or LF; use {literal: ...}");
        ok = false;
      }
    } else if (item.IsMap() && item["message"]) {
      if (!r.check_keys(item, {"message"}, {"message"}, "send part")) { ok = false; continue; }
      part.kind = SendPart::Kind::kMessage;
      auto key = r.string(item["message"], "send.message");
      if (key) part.text = *key; else ok = false;
    } else if (item.IsMap()) {
      if (!r.check_keys(item, {"literal", "plus"}, {"literal"}, "send part")) { ok = false; continue; }
      part.kind = SendPart::Kind::kLiteral;
      auto text = r.string(item["literal"], "send.literal");
      if (text) part.text = yaml_text_to_bytes(*text); else ok = false;
      if (item["plus"]) {
        auto plus = r.boolean(item["plus"], "send.plus");
        if (plus) part.plus = *plus; else ok = false;
      }
    } else {
      r.error(item, "a send part is text, {literal: TEXT} or {message: KEY}");
      ok = false;
      continue;
    }
    step.parts.push_back(std::move(part));
  }
  return ok;
}

bool parse_expect(YamlReader& r, const YAML::Node& node, Expectation& out) {
  if (node.IsScalar()) {
    if (node.Scalar() == "closed") {
      out.kind = Expectation::Kind::kClosed;
      return true;
    }
    if (node.Scalar() == "silent") {
      out.kind = Expectation::Kind::kSilent;
      return true;
    }
    r.error(node, "expect must be a mapping or one of the words 'closed', 'silent'");
    return false;
  }
  if (!r.check_keys(node, {"code", "status", "text", "capture", "unsupported", "or_closed",
                           "offered_if", "body", "each_line", "unique", "untagged", "forbid",
                           "response_code"},
                    {}, "expect")) {
    return false;
  }
  bool ok = parse_exchange_checks(r, node, out);
  if (node["or_closed"]) {
    auto b = r.boolean(node["or_closed"], "expect.or_closed");
    if (b) out.or_closed = *b; else ok = false;
  }
  if (node["code"]) {
    auto codes = r.codes(node["code"], "expect.code");
    if (codes) out.codes = *codes; else ok = false;
  }
  if (node["status"]) {
    CodeSet none;
    if (!parse_reply_set(r, node["status"], "expect.status", none, out.statuses)) ok = false;
    if (!none.empty()) {
      r.error(node["status"], "expect.status takes status words (+OK, -ERR); codes go in code:");
      ok = false;
    }
  }
  if (node["code"] && node["status"]) {
    r.error(node, "expect takes code: or status:, not both");
    ok = false;
  }
  if (node["unsupported"]) {
    if (!parse_reply_set(r, node["unsupported"], "expect.unsupported", out.unsupported,
                         out.unsupported_statuses)) {
      ok = false;
    }
  }
  for (auto [key, field, groups] : {std::tuple{"offered_if", &out.offered_if, -1},
                                    std::tuple{"each_line", &out.each_line, -1},
                                    std::tuple{"unique", &out.unique, 1}}) {
    if (!node[key]) continue;
    auto text = r.string(node[key], std::string("expect.") + key);
    if (text && check_regex(r, node[key], *text, groups)) *field = *text; else ok = false;
  }
  if (const auto& body = node["body"]) {
    if (r.check_keys(body, {"message", "top", "part", "partial"}, {"message"}, "expect.body")) {
      auto message = r.string(body["message"], "expect.body.message");
      if (message) out.body_message = *message; else ok = false;
      if (!parse_body_part(r, body, out)) ok = false;
      if (body["top"]) {
        auto top = r.integer(body["top"], "expect.body.top");
        if (top && *top >= 0) out.body_top = static_cast<int>(*top);
        else {
          if (top) r.error(body["top"], "expect.body.top must be 0 or more lines");
          ok = false;
        }
      }
    } else {
      ok = false;
    }
  }
  if (node["text"]) {
    auto text = r.string(node["text"], "expect.text");
    if (text && check_regex(r, node["text"], *text, -1)) out.text_regex = *text; else ok = false;
  }
  if (node["capture"] && !parse_captures(r, node["capture"], "expect", out.captures)) ok = false;
  return ok;
}

bool parse_data(YamlReader& r, const YAML::Node& node, DataAction& out) {
  if (!r.check_keys(node, {"listen", "address", "connect", "receive", "sha256", "size", "text",
                           "not_text", "crlf", "capture", "send", "send_file", "close",
                           "no_connection"},
                    {}, "data")) {
    return false;
  }
  int actions = 0;
  bool ok = true;
  auto str = [&](const char* key) -> std::optional<std::string> {
    return r.string(node[key], std::string("data.") + key);
  };
  if (node["listen"]) {
    ++actions;
    out.kind = DataAction::Kind::kListen;
    auto mode = str("listen");
    if (mode && (*mode == "port" || *mode == "eprt" || *mode == "active")) out.mode = *mode;
    else { r.error(node["listen"], "data.listen must be 'active', 'port' or 'eprt'"); ok = false; }
    if (node["address"]) {
      auto a = str("address");
      if (a) out.address = *a; else ok = false;
    }
  }
  if (node["connect"]) {
    ++actions;
    out.kind = DataAction::Kind::kConnect;
    auto mode = str("connect");
    if (mode && (*mode == "pasv" || *mode == "epsv" || *mode == "passive")) out.mode = *mode;
    else {
      r.error(node["connect"], "data.connect must be 'passive', 'pasv' or 'epsv'");
      ok = false;
    }
  }
  if (node["receive"]) {
    ++actions;
    auto what = str("receive");
    out.kind = what && *what == "background" ? DataAction::Kind::kReceiveBackground
                                             : DataAction::Kind::kReceive;
    if (!what || (*what != "all" && *what != "background")) {
      r.error(node["receive"], "data.receive must be 'all' or 'background'");
      ok = false;
    }
    if (node["sha256"]) out.sha256 = str("sha256");
    if (node["size"]) out.size = str("size");
    for (const char* key : {"text", "not_text"}) {
      if (!node[key]) continue;
      auto regex = str(key);
      if (!regex || !check_regex(r, node[key], *regex, -1)) { ok = false; continue; }
      (std::string(key) == "text" ? out.text_regex : out.not_text_regex) = *regex;
    }
    if (node["capture"] && !parse_captures(r, node["capture"], "data", out.captures)) ok = false;
  }
  if (node["send"] || node["send_file"]) {
    actions += node["send"] && node["send_file"] ? 2 : 1;
    out.kind = DataAction::Kind::kSend;
    if (node["send"]) {
      out.payload = str("send");
      if (out.payload) out.payload = yaml_text_to_bytes(*out.payload);
    }
    if (node["send_file"]) out.payload_file = str("send_file");
  }
  if (node["close"]) {
    ++actions;
    out.kind = DataAction::Kind::kClose;
  }
  if (node["no_connection"]) {
    ++actions;
    out.kind = DataAction::Kind::kNoConnection;
  }
  if (node["crlf"]) {
    auto b = r.boolean(node["crlf"], "data.crlf");
    if (!b) ok = false;
    else if (out.kind == DataAction::Kind::kReceive) out.crlf_lines = *b;
    else if (out.kind == DataAction::Kind::kSend) out.payload_crlf = *b;
    else { r.error(node["crlf"], "data.crlf belongs to 'receive: all' or send"); ok = false; }
  }
  const bool checks =
      node["sha256"] || node["size"] || node["text"] || node["not_text"] || node["capture"];
  if (checks && out.kind != DataAction::Kind::kReceive) {
    r.error(node, out.kind == DataAction::Kind::kReceiveBackground
                      ? "data checks belong to the 'receive: all' that collects a background receive"
                      : "data checks (sha256, size, text, not_text, capture) belong to 'receive'");
    ok = false;
  }
  if (node["address"] && out.kind != DataAction::Kind::kListen) {
    r.error(node["address"], "data.address belongs to 'listen'");
    ok = false;
  }
  if (actions != 1) {
    r.error(node, "data needs exactly one of listen, connect, receive, send, send_file, close, "
                  "no_connection");
    ok = false;
  }
  return ok;
}

}  // namespace

std::optional<Step> parse_step(YamlReader& r, const YAML::Node& node) {
  if (!r.check_keys(node, {"send", "send_raw", "expect", "data", "connect", "disconnect",
                           "sleep", "send_message", "mailbox", "send_base64", "send_md5",
                           "send_synch", "tls", "match",
                           "connection", "if", "timeout"},
                    {}, "step")) {
    return std::nullopt;
  }
  Step step;
  step.where = r.where(node);
  int actions = 0;
  for (const char* a : kActions) actions += node[a] ? 1 : 0;
  if (actions != 1) {
    r.error(node, "a step needs exactly one of send, send_raw, send_synch, send_message, "
                  "send_base64, send_md5, expect, mailbox, data, tls, match, connect, disconnect, "
                  "sleep");
    return std::nullopt;
  }
  bool ok = true;
  if (node["send"] && node["send"].IsSequence()) {
    step.kind = Step::Kind::kSend;
    ok = parse_send_parts(r, node["send"], step);
  } else if (node["send"] || node["send_synch"]) {
    const bool synch = static_cast<bool>(node["send_synch"]);
    const std::string key = synch ? "send_synch" : "send";
    step.kind = synch ? Step::Kind::kSendSynch : Step::Kind::kSend;
    auto s = r.string(node[key], key);
    if (s) step.text = *s; else ok = false;
    if (s && s->find_first_of("\r\n") != std::string::npos) {
      r.error(node[key], key + " adds CRLF itself; use send_raw for exact bytes");
      ok = false;
    }
  } else if (node["send_raw"]) {
    step.kind = Step::Kind::kSendRaw;
    auto s = r.string(node["send_raw"], "send_raw");
    if (s) step.text = yaml_text_to_bytes(*s); else ok = false;
  } else if (node["expect"]) {
    step.kind = Step::Kind::kExpect;
    ok = parse_expect(r, node["expect"], step.expect);
  } else if (node["data"]) {
    step.kind = Step::Kind::kData;
    ok = parse_data(r, node["data"], step.data);
  } else if (node["connect"] || node["disconnect"]) {
    const bool connect = static_cast<bool>(node["connect"]);
    step.kind = connect ? Step::Kind::kConnect : Step::Kind::kDisconnect;
    auto name = r.string(node[connect ? "connect" : "disconnect"], "connection name");
    if (name) step.connection = *name; else ok = false;
    if (node["connection"]) {
      r.error(node["connection"], "connect/disconnect name their connection; 'connection' is not allowed");
      ok = false;
    }
  } else if (node["send_message"]) {
    step.kind = Step::Kind::kSendMessage;
    auto s = r.string(node["send_message"], "send_message");
    if (s) step.text = yaml_text_to_bytes(*s); else ok = false;
  } else if (node["tls"]) {
    step.kind = Step::Kind::kStartTls;
    const YAML::Node& tls = node["tls"];
    if (tls.IsMap()) {
      if (r.check_keys(tls, {"start", "or_failed"}, {"start"}, "tls")) {
        auto start = r.boolean(tls["start"], "tls.start");
        auto or_failed = tls["or_failed"] ? r.boolean(tls["or_failed"], "tls.or_failed")
                                          : std::optional<bool>(false);
        if (!start || !*start || !or_failed) {
          if (start && !*start) r.error(tls["start"], "tls.start must be true");
          ok = false;
        } else {
          step.tls_or_failed = *or_failed;
        }
      } else {
        ok = false;
      }
    } else {
      auto what = r.string(tls, "tls");
      if (!what || *what != "start") {
        r.error(tls, "tls must be 'start' or {start: true, or_failed: true}");
        ok = false;
      }
    }
  } else if (node["send_base64"] || node["send_md5"]) {
    const bool md5 = static_cast<bool>(node["send_md5"]);
    const std::string key = md5 ? "send_md5" : "send_base64";
    step.kind = md5 ? Step::Kind::kSendMd5 : Step::Kind::kSendBase64;
    const YAML::Node& b = node[key];
    if (b.IsScalar()) {
      step.text = b.Scalar();
    } else if (r.check_keys(b, {"prefix", "text"}, {"text"}, key)) {
      auto text = r.string(b["text"], key + ".text");
      if (text) step.text = *text; else ok = false;
      if (b["prefix"]) {
        auto prefix = r.string(b["prefix"], key + ".prefix");
        if (prefix) step.prefix = *prefix; else ok = false;
      }
    } else {
      ok = false;
    }
  } else if (node["mailbox"]) {
    step.kind = Step::Kind::kMailbox;
    const YAML::Node& m = node["mailbox"];
    if (r.check_keys(m, {"message"}, {"message"}, "mailbox")) {
      auto s = r.string(m["message"], "mailbox.message");
      if (s) step.text = yaml_text_to_bytes(*s); else ok = false;
    } else {
      ok = false;
    }
  } else if (node["match"]) {
    step.kind = Step::Kind::kMatch;
    const YAML::Node& m = node["match"];
    if (r.check_keys(m, {"value", "text"}, {"value", "text"}, "match")) {
      auto value = r.string(m["value"], "match.value");
      auto regex = r.string(m["text"], "match.text");
      if (value) step.text = *value; else ok = false;
      if (regex && check_regex(r, m["text"], *regex, -1)) step.match_regex = *regex; else ok = false;
    } else {
      ok = false;
    }
  } else if (node["sleep"]) {
    step.kind = Step::Kind::kSleep;
    auto d = r.duration(node["sleep"], "sleep");
    if (d) step.sleep = *d; else ok = false;
  }
  if (node["connection"] && step.kind != Step::Kind::kConnect &&
      step.kind != Step::Kind::kDisconnect) {
    auto name = r.string(node["connection"], "connection");
    if (name) step.connection = *name; else ok = false;
  }
  if (const auto& cond = node["if"]) {
    if (r.check_keys(cond, {"last"}, {"last"}, "if")) {
      CodeSet codes;
      if (parse_reply_set(r, cond["last"], "if.last", codes, step.if_last_status)) {
        if (!codes.empty()) step.if_last = codes;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  if (node["timeout"]) {
    auto d = r.duration(node["timeout"], "timeout");
    if (d) step.timeout = *d; else ok = false;
  }
  if (!ok) return std::nullopt;
  return step;
}

}  // namespace rfcheck::spec
