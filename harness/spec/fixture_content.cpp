#include "spec/fixture_content.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace rfcheck::spec {

std::string deterministic_bytes(const std::string& seed, std::size_t size) {
  std::uint64_t state = 1469598103934665603ULL;  // FNV-1a of the seed picks the stream
  for (unsigned char c : seed) state = (state ^ c) * 1099511628211ULL;
  // Filled eight bytes at a time, least significant first: fixture files run to megabytes
  // and are made at every load.
  std::string out(size, '\0');
  for (std::size_t at = 0; at < size; at += 8) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    unsigned char word[8];
    for (int i = 0; i < 8; ++i) word[i] = static_cast<unsigned char>(z >> (8 * i));
    std::memcpy(out.data() + at, word, std::min<std::size_t>(8, size - at));
  }
  return out;
}

}  // namespace rfcheck::spec
