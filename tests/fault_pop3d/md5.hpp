// MD5 (RFC 1321), for APOP digests (RFC 1939 7) and hashed unique-ids. Our own small copy, not
// libcrypto: OpenSSL keeps per-thread state and exit-time cleanups, and our detached session
// threads may still run while the process exits after SIGTERM.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace fpop3d {

std::array<std::uint8_t, 16> md5(std::string_view data);

}  // namespace fpop3d
