#include "text.hpp"

#include <cctype>

#include "md5.hpp"

namespace fpop3d {

std::string upper(std::string_view s) {
  std::string u(s);
  for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::optional<std::size_t> parse_number(std::string_view s, std::size_t max) {
  if (s.empty()) return std::nullopt;
  std::size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v > max / 10 ? max : v * 10 + static_cast<std::size_t>(c - '0');
    if (v > max) v = max;
  }
  return v;
}


std::string md5_hex(std::string_view data) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (auto b : md5(data)) {
    out += hex[b >> 4];
    out += hex[b & 0x0F];
  }
  return out;
}

}  // namespace fpop3d
