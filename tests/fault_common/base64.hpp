// Strict RFC 4648 base64 decoding for the fault servers' SASL exchanges (SMTP AUTH, RFC 4954;
// POP3 AUTH, RFC 5034): padding required, no whitespace.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fcommon {

// nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view in);

}  // namespace fcommon
