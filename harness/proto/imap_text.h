// What the IMAP codec's parts share (imap_codec.cpp: bytes to line parts and literals, the
// client side; imap_responses.cpp: line parts to responses): the RFC sections findings cite
// and the small text helpers of RFC 3501 9's grammar. Internal to proto/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rfcheck::proto::imap_text {

// Each finding names the sentence it rests on.
inline constexpr std::string_view kRefLines = "RFC 3501 2.2";       // lines end with CRLF
inline constexpr std::string_view kRefTags = "RFC 3501 2.2.2";      // "*", "+" or the command's tag
inline constexpr std::string_view kRefLiteral = "RFC 3501 4.3";     // {n} CRLF and n octets
inline constexpr std::string_view kRefResponses = "RFC 3501 7";     // status and data responses
inline constexpr std::string_view kRefGreeting = "RFC 3501 7.1";    // OK, PREAUTH or BYE first
inline constexpr std::string_view kRefSyntax = "RFC 3501 9";        // CHAR excludes NUL; number

// The finding kinds reported at most once per response (ImapCodec::reported_).
inline constexpr unsigned kBareLf = 1u << 0;
inline constexpr unsigned kCrInLine = 1u << 1;
inline constexpr unsigned kNulByte = 1u << 2;
inline constexpr unsigned kOverlongLine = 1u << 3;
inline constexpr unsigned kBadLiteral = 1u << 4;
inline constexpr unsigned kLiteralTooLarge = 1u << 5;

// "{" + 20 digits + "+}" is 23 octets: a tail this long shows any announcement whose
// number fits in 64 bits, however long the line before it was.
inline constexpr std::size_t kTailKept = 32;

// RFC 3501 9: number is "Unsigned 32-bit integer (0 <= n < 4,294,967,296)".
inline constexpr std::uint64_t kMaxImapNumber = 0xFFFFFFFFu;

inline char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string upper_copy(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), upper);
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return upper(x) == upper(y);
         });
}

inline bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// RFC 3501 9: ATOM-CHAR is any CHAR except atom-specials: "(" / ")" / "{" / SP / CTL /
// list-wildcards ("%" / "*") / quoted-specials ('"' / "\") / resp-specials ("]").
inline bool is_atom_char(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b <= 0x20 || b >= 0x7f) return false;
  return std::string_view("(){%*\"\\]").find(c) == std::string_view::npos;
}

inline bool is_atom(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_atom_char);
}

// RFC 3501 9: tag = 1*<any ASTRING-CHAR except "+">, ASTRING-CHAR = ATOM-CHAR / "]".
inline bool is_tag(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
           return c != '+' && (c == ']' || is_atom_char(c));
         });
}

inline std::string_view first_word(std::string_view s) { return s.substr(0, s.find(' ')); }

// After a status word: the rest of the line, SP and resp-text, where resp-text may open
// with "[" resp-text-code "]" (RFC 3501 7.1, 9). resp-text-code holds no "]", so the first
// one closes it. False when the "[" is never closed.
inline bool read_response_code(std::string_view after_word, std::string& code) {
  if (after_word.size() < 2 || after_word[0] != ' ' || after_word[1] != '[') return true;
  const std::size_t close = after_word.find(']', 2);
  if (close == std::string_view::npos) return false;
  code = std::string(after_word.substr(2, close - 2));
  return true;
}

inline std::string_view strip_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}


// RFC 3501 4.3, 9: the quoted string that starts at `pos` (a '"'), with its two escapes
// ("\\" and "\"") undone; `end` is set just past the closing quote. nullopt when `pos` holds
// no '"' or the string never closes.
inline std::optional<std::string> read_quoted(std::string_view line, std::size_t pos,
                                              std::size_t& end) {
  if (pos >= line.size() || line[pos] != '"') return std::nullopt;
  std::string value;
  for (std::size_t i = pos + 1; i < line.size(); ++i) {
    if (line[i] == '"') {
      end = i + 1;
      return value;
    }
    if (line[i] == '\\' && i + 1 < line.size()) ++i;
    value += line[i];
  }
  return std::nullopt;
}

}  // namespace rfcheck::proto::imap_text
