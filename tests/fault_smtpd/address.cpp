#include "address.hpp"

#include <cctype>
#include <cstring>

namespace fsmtpd {

namespace {
bool is_atext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-/=?^_`{|}~", c);
}
bool is_letdig(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Domain = (sub-domain 1*("." sub-domain)) / address-literal; we also take a single label.
bool parse_domain(std::string_view s, std::size_t& pos) {
  if (pos < s.size() && s[pos] == '[') {  // address-literal: "[" 1*dcontent "]"
    std::size_t i = pos + 1;
    while (i < s.size() && s[i] != ']' && s[i] != '[' && s[i] != '\\' &&
           static_cast<unsigned char>(s[i]) > 32 && static_cast<unsigned char>(s[i]) < 127)
      ++i;
    if (i == pos + 1 || i >= s.size() || s[i] != ']') return false;
    pos = i + 1;
    return true;
  }
  while (true) {  // sub-domain = Let-dig [Ldh-str]
    std::size_t start = pos;
    while (pos < s.size() && (is_letdig(s[pos]) || s[pos] == '-')) ++pos;
    if (pos == start || s[start] == '-' || s[pos - 1] == '-') return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      continue;
    }
    return true;
  }
}

// Local-part = Dot-string / Quoted-string
bool parse_local(std::string_view s, std::size_t& pos) {
  if (pos < s.size() && s[pos] == '"') {
    std::size_t i = pos + 1;
    while (i < s.size() && s[i] != '"') {
      auto c = static_cast<unsigned char>(s[i]);
      if (c == '\\') {
        if (i + 1 >= s.size() || static_cast<unsigned char>(s[i + 1]) < 32) return false;
        i += 2;
        continue;
      }
      if (c < 32 || c == 127) return false;
      ++i;
    }
    if (i >= s.size()) return false;
    pos = i + 1;
    return true;
  }
  while (true) {  // Dot-string = Atom *("." Atom)
    std::size_t start = pos;
    while (pos < s.size() && is_atext(s[pos])) ++pos;
    if (pos == start) return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      continue;
    }
    return true;
  }
}
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::optional<Path> parse_path(std::string_view s, std::size_t& pos, bool reverse) {
  std::size_t i = pos;
  if (i >= s.size() || s[i] != '<') return std::nullopt;
  ++i;
  Path p;
  if (reverse && i < s.size() && s[i] == '>') {
    p.null = true;
    pos = i + 1;
    return p;
  }
  bool route = false;
  if (i < s.size() && s[i] == '@') {  // A-d-l = At-domain *( "," A-d-l ) ":"
    route = true;
    while (true) {
      if (i >= s.size() || s[i] != '@') return std::nullopt;
      ++i;
      if (!parse_domain(s, i)) return std::nullopt;
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == ':') {
        ++i;
        break;
      }
      return std::nullopt;
    }
  }
  std::size_t ls = i;
  if (!parse_local(s, i)) return std::nullopt;
  p.local = std::string(s.substr(ls, i - ls));
  if (i < s.size() && s[i] == '@') {
    std::size_t ds = ++i;
    if (!parse_domain(s, i)) return std::nullopt;
    p.domain = std::string(s.substr(ds, i - ds));
  } else if (reverse || route || !iequals(p.local, "postmaster")) {
    return std::nullopt;
  }
  if (i >= s.size() || s[i] != '>') return std::nullopt;
  pos = i + 1;
  return p;
}


}  // namespace fsmtpd
