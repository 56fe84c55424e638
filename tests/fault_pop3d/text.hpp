// Small text helpers of fault_pop3d: keyword case, numbers, base64 (AUTH PLAIN) and MD5 (APOP,
// hashed unique-ids).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fpop3d {

std::string upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// A decimal number made only of digits ("01" is 1; no sign, no spaces). Values over max are
// clamped to max, so "TOP 1 99999999999" still means "all lines".
std::optional<std::size_t> parse_number(std::string_view s, std::size_t max);

// Strict RFC 4648 base64 (padding required, no whitespace); nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view in);

// MD5 (RFC 1321) of data as 32 lower-case hex digits, the form APOP uses (RFC 1939 7).
std::string md5_hex(std::string_view data);

}  // namespace fpop3d
