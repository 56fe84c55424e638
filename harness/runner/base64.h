// Base64 (RFC 4648 4) for SASL exchanges (RFC 4954), through OpenSSL's libcrypto.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rfcheck {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace rfcheck
