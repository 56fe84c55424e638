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

}  // namespace rfcheck::reports
