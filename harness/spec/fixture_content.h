// Fixture files' bytes, generated rather than committed: the same on every machine,
// so a suite knows their checksums without a server.
#pragma once

#include <cstddef>
#include <string>

namespace rfcheck::spec {

// `size` pseudo-random bytes, a pure function of `seed` (splitmix64).
std::string deterministic_bytes(const std::string& seed, std::size_t size);

}  // namespace rfcheck::spec
