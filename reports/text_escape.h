// Server bytes are hostile: every reporter passes them through these before writing.
// Standard library only.
#pragma once

#include <string>
#include <string_view>

namespace rfcheck::reports {

// Valid UTF-8 passes through unchanged; each byte of an invalid sequence (stray continuation
// bytes, overlong forms, surrogates, truncated sequences, code points past U+10FFFF) becomes
// the four characters "\xNN". The result is always valid UTF-8.
std::string sanitize_utf8(std::string_view text);

// As sanitize_utf8, and also every character a terminal or XML 1.0 must not see raw becomes
// "\xNN" per byte: C0 controls (NUL, ESC, CR, TAB...), DEL, C1 controls, the Unicode bidi
// overrides and the noncharacters U+FFFE/U+FFFF. With keep_newlines, '\n' stays.
std::string printable(std::string_view text, bool keep_newlines = false);

// As printable (newlines kept), then the five characters HTML gives meaning to become
// entities, so the result is safe as element text and as a double- or single-quoted
// attribute value. Server text goes into the fuzz findings page through this.
std::string html_escape(std::string_view text);

// A CSV field (RFC 4180) of any text: printable (so one line), and quoted, quotes doubled,
// when it holds a comma or a quote.
std::string csv_field(std::string_view raw);

// A file path as a relative URI reference (RFC 3986): bytes other than unreserved characters,
// '/' and the path sub-delimiters become %XX. ':' is always encoded, so "a:b" can never be
// read as a scheme (no "javascript:" links); '%' is encoded, so it decodes back to the path.
std::string percent_encode_path(std::string_view path);

// Every byte that is not an ASCII letter or digit and not in `kept` (NUL never is) becomes %XX.
std::string percent_encode(std::string_view text, std::string_view kept);

}  // namespace rfcheck::reports
