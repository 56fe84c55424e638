#include "text.hpp"

#include <algorithm>

namespace fimapd {

namespace {
constexpr std::size_t kMaxQuoted = 1024;  // longer strings go out as literals

char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string upper(std::string_view s) {
  std::string u(s);
  for (auto& c : u)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return u;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower_char(a[i]) != lower_char(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return lower_char(a) == lower_char(b); });
  return it != haystack.end();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string to_crlf(std::string_view local) {
  std::string out;
  out.reserve(local.size() + local.size() / 32);
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '\n' && (i == 0 || local[i - 1] != '\r')) out += '\r';
    out += local[i];
  }
  return out;
}

bool is_atom_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;  // CTL, SP and 8-bit are not CHAR/allowed
  switch (c) {
    case '(': case ')': case '{': case '%': case '*': case '"': case '\\': case ']':
      return false;
    default:
      return true;
  }
}

bool is_astring_char(char c) { return is_atom_char(c) || c == ']'; }

std::string imap_literal(std::string_view s) {
  return "{" + std::to_string(s.size()) + "}\r\n" + std::string(s);
}

std::string imap_string(std::string_view s) {
  const bool quotable = s.size() <= kMaxQuoted && std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u != 0 && u != '\r' && u != '\n' && u < 0x80;
  });
  if (!quotable) return imap_literal(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string imap_nstring(const std::optional<std::string>& s) { return s ? imap_string(*s) : "NIL"; }

std::string imap_astring(std::string_view s) {
  const bool atom = !s.empty() && !iequals(s, "NIL") &&
                    std::all_of(s.begin(), s.end(), is_astring_char);
  return atom ? std::string(s) : imap_string(s);
}

}  // namespace fimapd
