#include "spec/byte_text.h"

namespace rfcheck::spec {

std::string bytes_to_yaml_text(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

std::string yaml_text_to_bytes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    // The length of a well-formed UTF-8 sequence starting here, 0 when it is not one.
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len > 1 && i + len <= text.size()) {
      for (std::size_t k = 1; k < len; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) len = 0;
      }
    } else if (len > 1) {
      len = 0;
    }
    if (len == 2 && b <= 0xC3) {
      // U+0080..U+00FF (and the overlong C0/C1 forms, which the parser never makes): one byte.
      out += static_cast<char>(((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F));
      i += 2;
    } else if (len == 0) {
      out += text[i++];
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace rfcheck::spec
