#include "spec/fixture_content.h"

#include <cstdint>

namespace rfcheck::spec {

std::string deterministic_bytes(const std::string& seed, std::size_t size) {
  std::uint64_t state = 1469598103934665603ULL;  // FNV-1a of the seed picks the stream
  for (unsigned char c : seed) state = (state ^ c) * 1099511628211ULL;
  std::string out;
  out.reserve(size);
  while (out.size() < size) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    for (int i = 0; i < 8 && out.size() < size; ++i) out.push_back(static_cast<char>(z >> (8 * i)));
  }
  return out;
}

}  // namespace rfcheck::spec
