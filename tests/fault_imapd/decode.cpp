#include "decode.hpp"

#include "text.hpp"

namespace fimapd {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// underscore_space: RFC 2047 "Q" (an '_' is a space); otherwise RFC 2045 quoted-printable
// (soft line breaks "=" CRLF are removed).
std::string decode_qp(std::string_view s, bool underscore_space) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else if (c == '=' && s.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (c == '=' && s.substr(i + 1, 1) == "\n") {
      i += 1;
    } else {
      out += (underscore_space && c == '_') ? ' ' : c;
    }
  }
  return out;
}

// Base64 that skips white space and stops at the first '=' or foreign character.
std::string decode_base64_lenient(std::string_view s) {
  std::string out;
  unsigned bits = 0;
  int nbits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    else break;
    bits = (bits << 6) | static_cast<unsigned>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out += static_cast<char>((bits >> nbits) & 0xFF);
    }
  }
  return out;
}

std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (u >> 6));
      out += static_cast<char>(0x80 | (u & 0x3F));
    }
  }
  return out;
}

std::string to_utf8(std::string decoded, std::string_view charset) {
  if (iequals(charset, "ISO-8859-1") || iequals(charset, "latin1")) return latin1_to_utf8(decoded);
  return decoded;
}
}  // namespace

std::string decode_header_value(std::string_view v) {
  std::string out;
  std::size_t i = 0;
  bool after_word = false;  // white space between two encoded-words is dropped (RFC 2047 6.2)
  std::string pending_space;
  while (i < v.size()) {
    if (v.substr(i, 2) == "=?") {
      const auto q1 = v.find('?', i + 2);
      const auto q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
      const auto end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        std::string_view charset = v.substr(i + 2, q1 - i - 2);
        const char enc = v[q1 + 1];
        std::string_view text = v.substr(q2 + 1, end - q2 - 1);
        std::string decoded = (enc == 'B' || enc == 'b') ? decode_base64_lenient(text)
                              : (enc == 'Q' || enc == 'q') ? decode_qp(text, true)
                                                           : std::string(v.substr(i, end + 2 - i));
        if (!after_word) out += pending_space;
        out += to_utf8(std::move(decoded), charset.substr(0, charset.find('*')));
        pending_space.clear();
        after_word = true;
        i = end + 2;
        continue;
      }
    }
    if (v[i] == ' ' || v[i] == '\t') {
      pending_space += v[i++];
      continue;
    }
    out += pending_space;
    pending_space.clear();
    after_word = false;
    out += v[i++];
  }
  return out + pending_space;
}

std::string decoded_body(const BodyPart& part) {
  auto encoding = part.field("Content-Transfer-Encoding");
  std::string decoded;
  if (encoding && iequals(*encoding, "quoted-printable")) decoded = decode_qp(part.body, false);
  else if (encoding && iequals(*encoding, "base64")) decoded = decode_base64_lenient(part.body);
  else decoded = std::string(part.body);
  return to_utf8(std::move(decoded), part.param("charset").value_or(""));
}

}  // namespace fimapd
