// A Content-Security-Policy hash source for an inline script or style element:
// "'sha256-<base64>'" (CSP 3, "hash-source"). With it the HTML run report allows exactly its
// own script and style sheet, not 'unsafe-inline': should escaping ever miss, injected
// scripts, event handlers and style attributes still do not apply. SHA-256 and base64 are the
// runner's (OpenSSL's libcrypto).
#pragma once

#include <string>
#include <string_view>

namespace rfcheck::reports {

// The 32-byte SHA-256 digest of `bytes`, base64 (RFC 4648, with padding).
std::string sha256_base64(std::string_view bytes);

// "'sha256-" + sha256_base64(text) + "'", for script-src or style-src: `text` is exactly
// what stands between <script> and </script> (or <style> and </style>).
std::string csp_script_hash(std::string_view text);

}  // namespace rfcheck::reports
