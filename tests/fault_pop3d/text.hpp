// Small text helpers of fault_pop3d: keyword case, numbers, base64 (AUTH PLAIN) and MD5 (APOP,
// hashed unique-ids).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "fault_common/base64.hpp"

namespace fpop3d {

std::string upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// A decimal number made only of digits ("01" is 1; no sign, no spaces). Values over max are
// clamped to max, so "TOP 1 99999999999" still means "all lines".
std::optional<std::size_t> parse_number(std::string_view s, std::size_t max);

using fcommon::base64_decode;  // RFC 5034 AUTH responses

// MD5 (RFC 1321) of data as 32 lower-case hex digits, the form APOP uses (RFC 1939 7).
std::string md5_hex(std::string_view data);

}  // namespace fpop3d
