// Small text helpers of fault_imapd: ASCII case, line ends, and how strings travel in server
// responses (RFC 3501 4.3: atom, quoted string or literal).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fimapd {

std::string upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
// Case-insensitive (ASCII letters only) substring test; an empty needle is always found.
bool icontains(std::string_view haystack, std::string_view needle);
std::string_view trim(std::string_view s);

// The message as IMAP sends it: every LF not preceded by CR becomes CRLF (files hold the
// local LF form; RFC 3501 2.2 and RFC 822 size counts CRLF). Anything else is left as it is,
// so data that already has CRLF (APPEND) is unchanged.
std::string to_crlf(std::string_view local);

// A string in a response: a quoted string when every octet may appear in one (RFC 3501 9
// QUOTED-CHAR: 7-bit, no CR/LF/NUL) and it is short, otherwise a literal {n}CRLF...
std::string imap_string(std::string_view s);
std::string imap_nstring(const std::optional<std::string>& s);
// Always a literal: message data (RFC822, BODY[...]) goes out this way.
std::string imap_literal(std::string_view s);
// A mailbox name or other astring: an atom when possible, else a string.
std::string imap_astring(std::string_view s);

bool is_atom_char(char c);     // RFC 3501 9 ATOM-CHAR
bool is_astring_char(char c);  // ATOM-CHAR / resp-specials

}  // namespace fimapd
