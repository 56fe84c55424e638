// SHA-256 for data-channel checks and fixture checksums, MD5 for APOP digests (RFC 1939 7),
// from OpenSSL's libcrypto.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace rfcheck {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // finishes; lower-case hex

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string sha256_hex(std::string_view bytes);
std::string sha256_digest(std::string_view bytes);  // the 32 raw bytes
std::string md5_hex(std::string_view bytes);  // lower-case hex

}  // namespace rfcheck
