#include "reports/text_escape.h"

#include <cstdint>

namespace rfcheck::reports {
namespace {

void append_hex(std::string& out, unsigned char byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 0xf];
}

// Length of the well-formed UTF-8 sequence at text[i] (Unicode Table 3-7), 0 when ill-formed.
std::size_t sequence_length(std::string_view text, std::size_t i, char32_t& code_point) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;  // allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    code_point = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    code_point = lead & 0x0f;
    if (lead == 0xe0) low = 0xa0;   // no overlong forms
    if (lead == 0xed) high = 0x9f;  // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xf0) low = 0x90;   // no overlong forms
    if (lead == 0xf4) high = 0x8f;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char b = byte(i + k);
    unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xbf;
    if (b < lo || b > hi) return 0;
    code_point = (code_point << 6) | (b & 0x3f);
  }
  return length;
}

bool is_unsafe(char32_t c, bool keep_newlines) {
  if (c == '\n') return !keep_newlines;
  if (c < 0x20 || c == 0x7f) return true;
  if (c >= 0x80 && c <= 0x9f) return true;         // C1: 0x9b is CSI on some terminals
  if (c >= 0x202a && c <= 0x202e) return true;     // bidi embeddings and overrides
  if (c >= 0x2066 && c <= 0x2069) return true;     // bidi isolates
  if (c == 0xfffe || c == 0xffff) return true;     // not XML 1.0 characters
  return false;
}

template <typename Unsafe>
std::string escape(std::string_view text, Unsafe unsafe) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t code_point = 0;
    std::size_t length = sequence_length(text, i, code_point);
    if (length == 0) {
      append_hex(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (unsafe(code_point)) {
      for (std::size_t k = 0; k < length; ++k) append_hex(out, static_cast<unsigned char>(text[i + k]));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  return escape(text, [](char32_t) { return false; });
}

std::string printable(std::string_view text, bool keep_newlines) {
  return escape(text, [keep_newlines](char32_t c) { return is_unsafe(c, keep_newlines); });
}

std::string html_escape(std::string_view text) {
  const std::string safe = printable(text, true);
  std::string out;
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text, std::string_view kept) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto byte = static_cast<unsigned char>(ch);
    bool alnum = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                 (byte >= '0' && byte <= '9');
    if (alnum || (byte != 0 && kept.find(ch) != std::string_view::npos)) {
      out += ch;
    } else {
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 0xf];
    }
  }
  return out;
}

std::string csv_field(std::string_view raw) {
  const std::string text = printable(raw);
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string percent_encode_path(std::string_view path) {
  return percent_encode(path, "-._~/!$&'()*+,;=@");
}

}  // namespace rfcheck::reports
