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

std::optional<std::string> base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 4) {
    unsigned n = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = in[i + k];
      int v = 0;
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        ++pad;
      } else {
        if (pad) return std::nullopt;  // data after '='
        v = val(c);
        if (v < 0) return std::nullopt;
      }
      n = (n << 6) | static_cast<unsigned>(v);
    }
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(n & 0xFF);
  }
  return out;
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
