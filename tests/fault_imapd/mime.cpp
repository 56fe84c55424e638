#include "mime.hpp"

#include <algorithm>
#include <cctype>

#include "text.hpp"

namespace fimapd {

namespace {
// The line starting at pos (without its line end) and the position after its line end.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
  const auto lf = text.find('\n', pos);
  next = lf == std::string_view::npos ? text.size() : lf + 1;
  std::size_t end = lf == std::string_view::npos ? text.size() : lf;
  if (end > pos && text[end - 1] == '\r') --end;
  return text.substr(pos, end - pos);
}

// Splits an entity into header (with the blank line) and body, and lists the header fields.
void split_entity(std::string_view text, BodyPart& part) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next;
    std::string_view line = line_at(text, pos, next);
    if (line.empty()) {  // the blank line ends the header and belongs to it
      part.header = text.substr(0, next);
      part.body = text.substr(next);
      return;
    }
    const bool continuation = line[0] == ' ' || line[0] == '\t';
    const auto colon = line.find(':');
    if (continuation && !part.fields.empty()) {
      HeaderField& f = part.fields.back();
      f.whole = std::string_view(f.whole.data(), next - static_cast<std::size_t>(f.whole.data() - text.data()));
      f.value = std::string_view(f.value.data(), static_cast<std::size_t>(line.data() + line.size() - f.value.data()));
    } else if (!continuation && colon != std::string_view::npos && colon > 0) {
      HeaderField f;
      f.name = trim(line.substr(0, colon));
      f.value = line.substr(colon + 1);
      f.whole = text.substr(pos, next - pos);
      part.fields.push_back(f);
    }
    pos = next;
  }
  part.header = text;  // no blank line: all header, no body
  part.body = text.substr(text.size());
}

// "--boundary" or "--boundary--" followed only by white space (RFC 2046 5.1.1).
enum class Delimiter { None, Part, Close };
Delimiter delimiter_kind(std::string_view line, std::string_view boundary) {
  if (line.size() < boundary.size() + 2 || line.substr(0, 2) != "--" ||
      line.substr(2, boundary.size()) != boundary)
    return Delimiter::None;
  std::string_view rest = line.substr(boundary.size() + 2);
  Delimiter kind = Delimiter::Part;
  if (rest.substr(0, 2) == "--") {
    kind = Delimiter::Close;
    rest.remove_prefix(2);
  }
  return trim(rest).empty() ? kind : Delimiter::None;
}

BodyPart parse_entity(std::string_view text, bool digest_child, int depth);

// The body parts between the boundary delimiters of a multipart body. The line end before a
// delimiter belongs to the delimiter, not to the part before it.
void split_multipart(BodyPart& part, const std::string& boundary, int depth) {
  std::string_view body = part.body;
  const bool digest = part.subtype == "digest";
  std::size_t pos = 0;
  std::optional<std::size_t> part_start;
  while (pos < body.size()) {
    std::size_t next;
    std::string_view line = line_at(body, pos, next);
    const Delimiter d = delimiter_kind(line, boundary);
    if (d != Delimiter::None) {
      if (part_start) {
        std::size_t end = pos;
        if (end > *part_start && body[end - 1] == '\n') --end;
        if (end > *part_start && body[end - 1] == '\r') --end;
        part.children.push_back(parse_entity(body.substr(*part_start, end - *part_start), digest, depth + 1));
      }
      if (d == Delimiter::Close) return;
      part_start = next;
    }
    pos = next;
  }
  if (part_start)  // no close delimiter: the last part runs to the end
    part.children.push_back(parse_entity(body.substr(std::min(*part_start, body.size())), digest, depth + 1));
}

BodyPart parse_entity(std::string_view text, bool digest_child, int depth) {
  BodyPart part;
  split_entity(text, part);
  if (digest_child) {  // RFC 2046 5.1.5: the default in a multipart/digest
    part.type = "message";
    part.subtype = "rfc822";
  }
  if (auto ct = part.field("Content-Type")) {
    std::string type, subtype;
    Params params;
    if (parse_content_type(*ct, type, subtype, params)) {
      part.type = type;
      part.subtype = subtype;
      part.params = std::move(params);
      part.default_type = false;
    }
  }
  if (part.default_type && !digest_child) part.params = {{"charset", "US-ASCII"}};
  if (depth >= kMaxDepth) {
    // Too deep to look inside (hostile APPEND data): an opaque leaf, whose BODYSTRUCTURE needs
    // no nested parts.
    if (part.is_multipart() || part.is_message()) part.type = "application", part.subtype = "octet-stream";
    return part;
  }
  if (part.is_multipart()) {
    auto boundary = part.param("boundary");
    if (boundary && !boundary->empty()) split_multipart(part, *boundary, depth);
  } else if (part.is_message()) {
    part.message.push_back(parse_entity(part.body, false, depth + 1));
  }
  return part;
}

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7F && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

// Drops RFC 822 comments (outside quoted strings) and unfolds.
std::string strip_comments(std::string_view v) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (quoted) {
      out += c;
      if (c == '\\' && i + 1 < v.size()) out += v[++i];
      else if (c == '"') quoted = false;
    } else if (depth > 0) {
      if (c == '\\') ++i;
      else if (c == '(') ++depth;
      else if (c == ')') --depth;
    } else if (c == '(') {
      depth = 1;
    } else {
      if (c == '"') quoted = true;
      out += (c == '\r' || c == '\n') ? ' ' : c;
    }
  }
  return out;
}

std::string take_token(std::string_view& s) {
  s = trim(s);
  std::size_t n = 0;
  while (n < s.size() && is_token_char(s[n])) ++n;
  std::string t(s.substr(0, n));
  s.remove_prefix(n);
  s = trim(s);
  return t;
}

// ";" name "=" (token / quoted-string), repeated; stops at the first malformed one.
void parse_params(std::string_view s, Params& params) {
  while (true) {
    s = trim(s);
    if (s.empty() || s.front() != ';') return;
    s.remove_prefix(1);
    std::string name = take_token(s);
    if (name.empty() || s.empty() || s.front() != '=') return;
    s.remove_prefix(1);
    s = trim(s);
    std::string value;
    if (!s.empty() && s.front() == '"') {
      std::size_t i = 1;
      for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value += s[i];
      }
      s.remove_prefix(std::min(i + 1, s.size()));
    } else {
      value = take_token(s);
    }
    params.emplace_back(std::move(name), std::move(value));
  }
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::optional<std::string> BodyPart::field(std::string_view name) const {
  for (const auto& f : fields)
    if (iequals(f.name, name)) return std::string(trim(unfold(f.value)));
  return std::nullopt;
}

std::optional<std::string> BodyPart::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (iequals(n, name)) return v;
  return std::nullopt;
}

BodyPart parse_message(std::string_view text) { return parse_entity(text, false, 0); }

std::string unfold(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (value[i] == '\n') continue;
    out += value[i];
  }
  return out;
}

bool parse_content_type(std::string_view value, std::string& type, std::string& subtype,
                        Params& params) {
  const std::string cleaned = strip_comments(value);
  std::string_view s = cleaned;
  type = lower(take_token(s));
  if (type.empty() || s.empty() || s.front() != '/') return false;
  s.remove_prefix(1);
  subtype = lower(take_token(s));
  if (subtype.empty()) return false;
  parse_params(s, params);
  return true;
}

bool parse_disposition(std::string_view value, std::string& kind, Params& params) {
  const std::string cleaned = strip_comments(value);
  std::string_view s = cleaned;
  kind = lower(take_token(s));
  if (kind.empty()) return false;
  parse_params(s, params);
  return true;
}

std::size_t count_lines(std::string_view body) {
  const auto n = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
  return n + (!body.empty() && body.back() != '\n' ? 1 : 0);
}

}  // namespace fimapd
